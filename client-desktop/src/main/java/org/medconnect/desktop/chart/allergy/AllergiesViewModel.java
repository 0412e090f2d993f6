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

/**
 * A patient's allergies and the "no known allergies" statement: the list, the state line
 * ("Not asked yet" is not "No known allergies"), and the add form. Used by the Allergies page
 * and the nurse's triage form.
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
    private final StringProperty substance = new SimpleStringProperty("");
    private final StringProperty substanceCode = new SimpleStringProperty("");
    private final ObjectProperty<AllergyCategory> category = new SimpleObjectProperty<>(AllergyCategory.ALLERGY_CATEGORY_DRUG);
    private final ObjectProperty<AllergySeverity> severity = new SimpleObjectProperty<>(AllergySeverity.ALLERGY_SEVERITY_UNKNOWN);
    private final StringProperty reaction = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();

    public AllergiesViewModel(ServerConnection connection, ServerCalls calls, String patientId) {
        this.connection = connection;
        this.calls = calls;
        this.patientId = patientId;
    }

    /** Reads the list and the statement again. */
    public void load() {
        calls.call(busy, () -> connection.allergies().listAllergies(ListAllergiesRequest.newBuilder().setPatientId(patientId).build()),
                this::show, f -> problem.set(f.message()));
    }

    void show(ListAllergiesResponse r) {
        allergies.setAll(r.getAllergiesList());
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

    /** Records the allergy in the form; the form empties when the server took it. */
    public void add() {
        problem.set("");
        notice.set("");
        if (substance.get().isBlank() && substanceCode.get().isBlank()) {
            problem.set("Name the substance.");
            return;
        }
        var request = RecordAllergyRequest.newBuilder().setRequestId(requestId).setPatientId(patientId)
                .setSubstanceCode(substanceCode.get().strip()).setSubstance(substance.get().strip())
                .setCategory(category.get()).setSeverity(severity.get()).setReaction(reaction.get().strip()).build();
        calls.call(busy, () -> connection.allergies().recordAllergy(request), this::added, f -> problem.set(f.message()));
    }

    void added(RecordAllergyResponse r) {
        requestId = UUID.randomUUID().toString();
        notice.set("Recorded: allergy to " + r.getAllergy().getSubstance() + ".");
        substance.set("");
        substanceCode.set("");
        reaction.set("");
        severity.set(AllergySeverity.ALLERGY_SEVERITY_UNKNOWN);
        allergies.add(0, r.getAllergy());
        showReview(r.getReview());
    }

    /** Records "no known allergies" (refused by the server while an allergy is active). */
    public void recordNoKnownAllergies() {
        problem.set("");
        calls.call(busy, () -> connection.allergies().recordNoKnownAllergies(RecordNoKnownAllergiesRequest.newBuilder()
                .setPatientId(patientId).build()), (RecordNoKnownAllergiesResponse r) -> showReview(r.getReview()), f -> problem.set(f.message()));
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
    public StringProperty substanceProperty() { return substance; }
    public StringProperty substanceCodeProperty() { return substanceCode; }
    public ObjectProperty<AllergyCategory> categoryProperty() { return category; }
    public ObjectProperty<AllergySeverity> severityProperty() { return severity; }
    public StringProperty reactionProperty() { return reaction; }
    public StringProperty problemProperty() { return problem; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
}
