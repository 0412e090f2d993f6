package org.medconnect.desktop.chart.allergy;

import java.util.List;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import org.medconnect.desktop.chart.coding.CodeChoice;
import org.medconnect.desktop.chart.coding.CodePickerViewModel;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.Allergy;
import org.medconnect.proto.chart.v1.AllergyCategory;
import org.medconnect.proto.chart.v1.AllergyReview;
import org.medconnect.proto.chart.v1.AllergyReviewState;
import org.medconnect.proto.chart.v1.AllergySeverity;
import org.medconnect.proto.chart.v1.ListAllergiesRequest;
import org.medconnect.proto.chart.v1.ListAllergiesResponse;
import org.medconnect.proto.chart.v1.RecordAllergyRequest;
import org.medconnect.proto.chart.v1.RecordAllergyResponse;
import org.medconnect.proto.chart.v1.RecordNoKnownAllergiesRequest;
import org.medconnect.proto.chart.v1.RecordNoKnownAllergiesResponse;
import org.medconnect.proto.chart.v1.AllergyStatus;
import org.medconnect.proto.chart.v1.MarkAllergyEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.UpdateAllergyRequest;

/**
 * A patient's allergies and the "no known allergies" statement: the list, the state line
 * ("Not asked yet" is not "No known allergies"), and the add form. The substance is picked from
 * the shipped drug catalogue (an ingredient or a drug class, stored as its key, which the
 * prescription checks read) or, where nothing fits, kept as typed and marked as not coded.
 * Used by the Allergies page and the nurse's triage form.
 */
public final class AllergiesViewModel {

    /** The categories a user picks from, in the form's order. */
    public static final List<AllergyCategory> CATEGORIES = List.of(AllergyCategory.ALLERGY_CATEGORY_DRUG,
            AllergyCategory.ALLERGY_CATEGORY_DRUG_CLASS, AllergyCategory.ALLERGY_CATEGORY_FOOD,
            AllergyCategory.ALLERGY_CATEGORY_ENVIRONMENT, AllergyCategory.ALLERGY_CATEGORY_OTHER);
    /** The severities a user picks from. */
    public static final List<AllergySeverity> SEVERITIES = List.of(AllergySeverity.ALLERGY_SEVERITY_MILD,
            AllergySeverity.ALLERGY_SEVERITY_MODERATE, AllergySeverity.ALLERGY_SEVERITY_SEVERE, AllergySeverity.ALLERGY_SEVERITY_UNKNOWN);

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String patientId;

    private final ObservableList<Allergy> allergies = FXCollections.observableArrayList();
    private final StringProperty state = new SimpleStringProperty("");
    private final ObjectProperty<AllergyReviewState> reviewState = new SimpleObjectProperty<>(AllergyReviewState.ALLERGY_REVIEW_STATE_UNSPECIFIED);
    private final CodePickerViewModel substance;
    private final BooleanBinding notCoded;
    private final ObjectProperty<AllergyCategory> category = new SimpleObjectProperty<>(AllergyCategory.ALLERGY_CATEGORY_DRUG);
    private final ObjectProperty<AllergySeverity> severity = new SimpleObjectProperty<>(AllergySeverity.ALLERGY_SEVERITY_UNKNOWN);
    private final StringProperty reaction = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty showEnteredInError = new SimpleBooleanProperty();

    // Correcting the selected allergy: the edit holds what the user typed until the server takes it.
    private final ObjectProperty<Allergy> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<AllergyCategory> editCategory = new SimpleObjectProperty<>(AllergyCategory.ALLERGY_CATEGORY_DRUG);
    private final StringProperty editReaction = new SimpleStringProperty("");
    private final ObjectProperty<AllergySeverity> editSeverity = new SimpleObjectProperty<>(AllergySeverity.ALLERGY_SEVERITY_UNKNOWN);
    private final ObjectProperty<AllergyStatus> editStatus = new SimpleObjectProperty<>(AllergyStatus.ALLERGY_STATUS_ACTIVE);
    private final StringProperty errorReason = new SimpleStringProperty("");
    private final StringProperty editProblem = new SimpleStringProperty("");
    private final BooleanBinding canCorrect;
    private String requestId = UUID.randomUUID().toString();

    public AllergiesViewModel(ServerConnection connection, ServerCalls calls, String patientId) {
        this(connection, calls, patientId, CodePickerViewModel.substances(connection, calls, true));
    }

    AllergiesViewModel(ServerConnection connection, ServerCalls calls, String patientId, CodePickerViewModel substance) {
        canCorrect = Bindings.createBooleanBinding(() -> selected.get() != null && !busy.get()
                && selected.get().getStatus() != AllergyStatus.ALLERGY_STATUS_ENTERED_IN_ERROR, selected, busy);
        selected.addListener((o, was, now) -> {
            if (now == null || was == null || !was.getId().equals(now.getId())) {
                startEdit(now); // another row: its own values; a reload of the same row keeps what was typed
            }
        });
        showEnteredInError.addListener((o, was, now) -> load());
        this.connection = connection;
        this.calls = calls;
        this.patientId = patientId;
        this.substance = substance;
        this.notCoded = Bindings.createBooleanBinding(() -> substance.selectedProperty().get() != null
                && substance.selectedProperty().get().freeText(), substance.selectedProperty());
        // A coded substance says what it is: a class is a drug class, an ingredient a drug.
        substance.selectedProperty().addListener((o, was, now) -> {
            problem.set("");
            if (now != null && !now.freeText()) {
                category.set(now.key().startsWith("class:") ? AllergyCategory.ALLERGY_CATEGORY_DRUG_CLASS : AllergyCategory.ALLERGY_CATEGORY_DRUG);
            }
        });
    }

    /** Reads the list and the statement again. */
    public void load() {
        calls.call(busy, () -> connection.allergies().listAllergies(ListAllergiesRequest.newBuilder().setPatientId(patientId)
                        .setIncludeEnteredInError(showEnteredInError.get()).build()),
                this::show, f -> problem.set(f.message()));
    }

    void show(ListAllergiesResponse r) {
        String keep = selected.get() == null ? "" : selected.get().getId();
        allergies.setAll(r.getAllergiesList());
        selected.set(allergies.stream().filter(a -> a.getId().equals(keep)).findFirst().orElse(null));
        showReview(r.getReview());
    }

    private void showReview(AllergyReview review) {
        reviewState.set(review.getState());
        state.set(switch (review.getState()) {
            case ALLERGY_REVIEW_STATE_NO_KNOWN_ALLERGIES -> "No known allergies (recorded by " + review.getUpdatedByName() + ")";
            case ALLERGY_REVIEW_STATE_HAS_ALLERGIES -> activeCount() == 0 ? "No active allergies" : activeCount() == 1 ? "1 active allergy"
                    : activeCount() + " active allergies";
            default -> "Allergies not asked yet";
        });
    }

    private long activeCount() {
        return allergies.stream().filter(a -> a.getStatus() == org.medconnect.proto.chart.v1.AllergyStatus.ALLERGY_STATUS_ACTIVE).count();
    }

    /** Records the allergy in the form; the form empties when the server took it, and keeps what was typed when not. */
    public void add() {
        problem.set("");
        notice.set("");
        CodeChoice chosen = substance.selectedProperty().get();
        if (chosen == null) {
            problem.set(substance.queryProperty().get().isBlank() ? "Name the substance."
                    : "Pick the substance from the list, or press \u201cUse as typed\u201d if it is not listed.");
            return;
        }
        var request = RecordAllergyRequest.newBuilder().setRequestId(requestId).setPatientId(patientId)
                .setSubstanceCode(chosen.key()).setSubstance(chosen.freeText() ? chosen.label() : "")
                .setCategory(category.get()).setSeverity(severity.get()).setReaction(reaction.get().strip()).build();
        calls.call(busy, () -> connection.allergies().recordAllergy(request), this::added, this::refused);
    }

    private void refused(CallFailure f) {
        if (f.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        problem.set(f.fieldErrors().isEmpty() ? f.message() : String.join(" ", f.fieldErrors().values()));
    }

    void added(RecordAllergyResponse r) {
        requestId = UUID.randomUUID().toString();
        notice.set("Recorded: allergy to " + r.getAllergy().getSubstance() + ".");
        substance.clearChoice();
        substance.queryProperty().set("");
        substance.results().clear();
        reaction.set("");
        severity.set(AllergySeverity.ALLERGY_SEVERITY_UNKNOWN);
        allergies.add(0, r.getAllergy());
        showReview(r.getReview());
    }

    private void startEdit(Allergy a) {
        editProblem.set("");
        errorReason.set("");
        if (a == null) {
            return;
        }
        editCategory.set(a.getCategory());
        editReaction.set(a.getReaction());
        editSeverity.set(a.getSeverity());
        editStatus.set(a.getStatus() == AllergyStatus.ALLERGY_STATUS_ENTERED_IN_ERROR ? AllergyStatus.ALLERGY_STATUS_ACTIVE : a.getStatus());
    }

    /**
     * Saves the corrected reaction, severity, status and category of the selected allergy, from
     * the version it was read at. A change made meanwhile elsewhere is refused with who made it;
     * the list reloads and the typed correction stays, to be saved again on the new version.
     */
    public void save() {
        Allergy from = selected.get();
        if (!canCorrect.get()) {
            return;
        }
        editProblem.set("");
        notice.set("");
        var request = UpdateAllergyRequest.newBuilder().setAllergyId(from.getId()).setExpectedVersion(from.getVersion())
                .setCategory(editCategory.get()).setReaction(editReaction.get().strip()).setSeverity(editSeverity.get())
                .setStatus(editStatus.get()).setOnsetDate(from.getOnsetDate()).build();
        calls.call(busy, () -> connection.allergies().updateAllergy(request).getAllergy(), saved -> {
            notice.set("Saved: allergy to " + saved.getSubstance() + ".");
            replace(saved);
            startEdit(saved);
            load();
        }, this::correctionRefused);
    }

    /** Marks the selected allergy entered in error; a reason is required. It leaves the list (kept in the history). */
    public void markEnteredInError() {
        Allergy from = selected.get();
        if (!canCorrect.get()) {
            return;
        }
        notice.set("");
        if (errorReason.get().isBlank()) {
            editProblem.set("Say why this allergy was entered in error.");
            return;
        }
        editProblem.set("");
        var request = MarkAllergyEnteredInErrorRequest.newBuilder().setAllergyId(from.getId()).setExpectedVersion(from.getVersion())
                .setReason(errorReason.get().strip()).build();
        calls.call(busy, () -> connection.allergies().markAllergyEnteredInError(request).getAllergy(), done -> {
            notice.set("Entered in error: allergy to " + done.getSubstance() + ".");
            selected.set(null);
            load();
        }, this::correctionRefused);
    }

    private void correctionRefused(CallFailure f) {
        editProblem.set(f.fieldErrors().isEmpty() ? f.message() : String.join(" ", f.fieldErrors().values()));
        if (f.code() == io.grpc.Status.Code.ABORTED || f.code() == io.grpc.Status.Code.FAILED_PRECONDITION) {
            load(); // shows what the other person changed; the typed correction stays
        }
    }

    private void replace(Allergy saved) {
        for (int i = 0; i < allergies.size(); i++) {
            if (allergies.get(i).getId().equals(saved.getId())) {
                allergies.set(i, saved);
            }
        }
        selected.set(saved);
    }

    /** Records "no known allergies" (refused by the server while an allergy is active). */
    public void recordNoKnownAllergies() {
        problem.set("");
        calls.call(busy, () -> connection.allergies().recordNoKnownAllergies(RecordNoKnownAllergiesRequest.newBuilder()
                .setPatientId(patientId).build()), (RecordNoKnownAllergiesResponse r) -> showReview(r.getReview()), f -> problem.set(f.message()));
    }

    /** The substance search: an ingredient or drug class from the catalogue, or the text as typed. */
    public CodePickerViewModel substance() {
        return substance;
    }

    /** True while the chosen substance is free text: the prescription checks cannot match it. */
    public BooleanBinding notCodedProperty() {
        return notCoded;
    }

    /** "Penicillins · Hives · severe". */
    public static String describe(Allergy a) {
        StringBuilder b = new StringBuilder(a.getSubstance());
        if (!a.getReaction().isBlank()) {
            b.append(" \u00b7 ").append(a.getReaction());
        }
        b.append(" \u00b7 ").append(severityText(a.getSeverity()));
        return b.toString();
    }

    /** The substance as the list shows it; a drug typed as free text says it is not coded. */
    public static String substanceText(Allergy a) {
        boolean drug = a.getCategory() == AllergyCategory.ALLERGY_CATEGORY_DRUG || a.getCategory() == AllergyCategory.ALLERGY_CATEGORY_DRUG_CLASS;
        return a.getSubstanceCode().isEmpty() && drug ? a.getSubstance() + " (not coded)" : a.getSubstance();
    }

    public static String severityText(AllergySeverity s) {
        return switch (s) {
            case ALLERGY_SEVERITY_MILD -> "mild";
            case ALLERGY_SEVERITY_MODERATE -> "moderate";
            case ALLERGY_SEVERITY_SEVERE -> "severe";
            default -> "severity unknown";
        };
    }

    public static String categoryText(AllergyCategory c) {
        return switch (c) {
            case ALLERGY_CATEGORY_DRUG -> "Drug";
            case ALLERGY_CATEGORY_DRUG_CLASS -> "Drug class";
            case ALLERGY_CATEGORY_FOOD -> "Food";
            case ALLERGY_CATEGORY_ENVIRONMENT -> "Environment";
            case ALLERGY_CATEGORY_OTHER -> "Other";
            default -> "";
        };
    }

    public static String statusText(org.medconnect.proto.chart.v1.AllergyStatus s) {
        return switch (s) {
            case ALLERGY_STATUS_ACTIVE -> "Active";
            case ALLERGY_STATUS_INACTIVE -> "Inactive";
            case ALLERGY_STATUS_RESOLVED -> "Resolved";
            case ALLERGY_STATUS_ENTERED_IN_ERROR -> "Entered in error";
            default -> "";
        };
    }

    public ObservableList<Allergy> allergies() { return allergies; }
    public StringProperty stateProperty() { return state; }
    public ObjectProperty<AllergyReviewState> reviewStateProperty() { return reviewState; }
    public ObjectProperty<AllergyCategory> categoryProperty() { return category; }
    public ObjectProperty<AllergySeverity> severityProperty() { return severity; }
    public StringProperty reactionProperty() { return reaction; }
    public StringProperty problemProperty() { return problem; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty showEnteredInErrorProperty() { return showEnteredInError; }
    public ObjectProperty<Allergy> selectedProperty() { return selected; }
    public ObjectProperty<AllergyCategory> editCategoryProperty() { return editCategory; }
    public StringProperty editReactionProperty() { return editReaction; }
    public ObjectProperty<AllergySeverity> editSeverityProperty() { return editSeverity; }
    public ObjectProperty<AllergyStatus> editStatusProperty() { return editStatus; }
    public StringProperty errorReasonProperty() { return errorReason; }
    public StringProperty editProblemProperty() { return editProblem; }
    public BooleanBinding canCorrectProperty() { return canCorrect; }

    /** The statuses an edit may set (entered in error has its own action, with a reason). */
    public static final List<AllergyStatus> EDIT_STATUSES = List.of(AllergyStatus.ALLERGY_STATUS_ACTIVE,
            AllergyStatus.ALLERGY_STATUS_INACTIVE, AllergyStatus.ALLERGY_STATUS_RESOLVED);
}
