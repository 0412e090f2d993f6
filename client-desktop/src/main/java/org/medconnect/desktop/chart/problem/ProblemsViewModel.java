package org.medconnect.desktop.chart.problem;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.AddProblemRequest;
import org.medconnect.proto.chart.v1.CodingDiagnosis;
import org.medconnect.proto.chart.v1.ListProblemsRequest;
import org.medconnect.proto.chart.v1.MarkProblemEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.Problem;
import org.medconnect.proto.chart.v1.ProblemFilter;
import org.medconnect.proto.chart.v1.ProblemStatus;
import org.medconnect.proto.chart.v1.ResolveProblemRequest;
import org.medconnect.proto.chart.v1.SearchDiagnosisCodesRequest;

/**
 * The problem list of one chart: active and resolved problems; add one by searching the
 * clinic's ICD-10-CM list as you type (by code "J45" or words "asthma"), or as free text
 * where no code fits; resolve one; mark one entered in error with a reason. What was typed
 * stays when the server refuses, so nothing is lost; a stale change says who made it.
 */
public final class ProblemsViewModel {

    /** How many code matches the search shows. */
    static final int MATCHES = 12;

    /** One problem as the page lists it. */
    public record Row(Problem problem) {
        public String code() {
            return problem.getIcd10Code().isEmpty() ? "—" : problem.getIcd10Code();
        }

        public String title() {
            return problem.getTitle();
        }

        public String onset() {
            return date(problem.getOnsetDate());
        }

        public String resolved() {
            return date(problem.getResolvedDate());
        }

        /** "Dr Amara Okafor, 24/11/2026": who recorded it. */
        public String recordedBy() {
            return problem.getCreatedByName();
        }

        public String note() {
            return problem.getNote();
        }
    }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final String patientId;

    private final ObservableList<Row> active = FXCollections.observableArrayList();
    private final ObservableList<Row> resolved = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");

    // The add form.
    private final StringProperty codeQuery = new SimpleStringProperty("");
    private final ObservableList<CodingDiagnosis> matches = FXCollections.observableArrayList();
    private final ObjectProperty<CodingDiagnosis> chosenCode = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> onset = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty codeError = new SimpleStringProperty("");
    private final StringProperty titleError = new SimpleStringProperty("");
    private final StringProperty onsetError = new SimpleStringProperty("");
    private final StringProperty noteError = new SimpleStringProperty("");

    // Resolving and entered in error act on the selected problem.
    private final ObjectProperty<LocalDate> resolvedOn = new SimpleObjectProperty<>();
    private final StringProperty errorReason = new SimpleStringProperty("");
    private final StringProperty errorReasonError = new SimpleStringProperty("");

    // Correcting a problem (its title, onset or note): the edit keeps what was typed until the server takes it.
    private final ObjectProperty<Row> editing = new SimpleObjectProperty<>();
    private final StringProperty editTitle = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> editOnset = new SimpleObjectProperty<>();
    private final StringProperty editNote = new SimpleStringProperty("");
    private final StringProperty editError = new SimpleStringProperty("");
    private final BooleanProperty showEnteredInError = new SimpleBooleanProperty();

    private final BooleanBinding canResolve;
    private final BooleanBinding canMarkInError;

    // A retry after a lost answer reuses the request id, so the server answers the first problem.
    private Optional<String> pendingRequestId = Optional.empty();
    // Bumped per keystroke: an older search's late answer is dropped.
    private long searchSeq;

    public ProblemsViewModel(ServerConnection connection, ServerCalls calls, Clock clock, String patientId) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.patientId = patientId;
        resolvedOn.set(LocalDate.now(clock));
        codeQuery.addListener((obs, old, now) -> onQuery(now));
        title.addListener((obs, old, now) -> titleError.set(""));
        onset.addListener((obs, old, now) -> onsetError.set(""));
        note.addListener((obs, old, now) -> noteError.set(""));
        errorReason.addListener((obs, old, now) -> errorReasonError.set(""));
        // The chosen row is about the active list; a change of row clears the reason typed for another.
        selected.addListener((obs, old, now) -> {
            if (old != null && now != null && old.problem().getId().equals(now.problem().getId())) {
                return; // a reload of the same problem keeps what was typed
            }
            errorReason.set("");
            resolvedOn.set(LocalDate.now(clock));
        });
        canResolve = Bindings.createBooleanBinding(() -> selected.get() != null && !busy.get()
                && selected.get().problem().getStatus() == ProblemStatus.PROBLEM_STATUS_ACTIVE, selected, busy);
        canMarkInError = Bindings.createBooleanBinding(() -> selected.get() != null && !busy.get()
                && selected.get().problem().getStatus() != ProblemStatus.PROBLEM_STATUS_ENTERED_IN_ERROR, selected, busy);
        showEnteredInError.addListener((obs, old, now) -> load());
    }

    /** Reads the list again (on open, on F5 and when another workstation changes it). */
    public void load() {
        calls.call(loading, () -> connection.problems().listProblems(ListProblemsRequest.newBuilder().setPatientId(patientId)
                .setFilter(showEnteredInError.get() ? ProblemFilter.PROBLEM_FILTER_ALL : ProblemFilter.PROBLEM_FILTER_UNSPECIFIED).build()).getProblemsList(), this::show,
                failure -> message.set(failure.message()));
    }

    private void show(List<Problem> problems) {
        String keep = selected.get() == null ? "" : selected.get().problem().getId();
        active.setAll(problems.stream().filter(p -> p.getStatus() == ProblemStatus.PROBLEM_STATUS_ACTIVE).map(Row::new).toList());
        // Entered in error ones (only when asked for) sit under the resolved ones, struck through.
        resolved.setAll(problems.stream().filter(p -> p.getStatus() == ProblemStatus.PROBLEM_STATUS_RESOLVED).map(Row::new).toList());
        resolved.addAll(problems.stream().filter(p -> p.getStatus() == ProblemStatus.PROBLEM_STATUS_ENTERED_IN_ERROR).map(Row::new).toList());
        selected.set(active.stream().filter(r -> r.problem().getId().equals(keep)).findFirst()
                .or(() -> resolved.stream().filter(r -> r.problem().getId().equals(keep)).findFirst()).orElse(null));
    }

    // ---- the code search ----

    private void onQuery(String typed) {
        codeError.set("");
        if (chosenCode.get() != null && !typed.equals(label(chosenCode.get()))) {
            chosenCode.set(null); // typing again un-picks the code
        }
        long seq = ++searchSeq;
        String query = typed.strip();
        if (query.isEmpty() || chosenCode.get() != null) {
            matches.clear();
            return;
        }
        calls.call(searching, () -> connection.coding().searchDiagnosisCodes(SearchDiagnosisCodesRequest.newBuilder()
                .setQuery(query.length() > 100 ? query.substring(0, 100) : query).setLimit(MATCHES).build()).getCodesList(),
                found -> {
                    if (seq == searchSeq) {
                        matches.setAll(found);
                    }
                }, failure -> {
                    if (seq == searchSeq) {
                        matches.clear();
                        codeError.set(failure.message());
                    }
                });
    }

    /** Picks a code from the matches: its title becomes the problem's title (still editable). */
    public void choose(CodingDiagnosis code) {
        if (code == null) {
            return;
        }
        chosenCode.set(code);
        codeQuery.set(label(code));
        title.set(code.getTitle());
        matches.clear();
    }

    /** "J45.909 Unspecified asthma, uncomplicated". */
    public static String label(CodingDiagnosis code) {
        return code.getCode() + "  " + code.getTitle();
    }

    // ---- commands ----

    /** Adds the problem in the form: the chosen code, or free text when no code was chosen. */
    public void add() {
        if (busy.get()) {
            return;
        }
        message.set("");
        notice.set("");
        boolean coded = chosenCode.get() != null;
        if (!coded && !codeQuery.get().isBlank() && title.get().isBlank()) {
            codeError.set("Pick a code from the list, or clear the search and write the problem as free text.");
            return;
        }
        if (!coded && title.get().isBlank()) {
            titleError.set("Choose a code or write the problem.");
            return;
        }
        if (onset.get() != null && onset.get().isAfter(LocalDate.now(clock))) {
            onsetError.set("The onset cannot be in the future.");
            return;
        }
        String requestId = pendingRequestId.orElseGet(() -> UUID.randomUUID().toString());
        pendingRequestId = Optional.of(requestId);
        AddProblemRequest request = AddProblemRequest.newBuilder().setRequestId(requestId).setPatientId(patientId)
                .setIcd10Code(coded ? chosenCode.get().getCode() : "")
                .setTitle(title.get().strip())
                .setOnsetDate(onset.get() == null ? "" : onset.get().toString())
                .setNote(note.get().strip())
                .build();
        calls.call(busy, () -> connection.problems().addProblem(request).getProblem(), added -> {
            pendingRequestId = Optional.empty();
            notice.set("Added: " + added.getTitle());
            clearForm();
            load();
        }, failure -> {
            if (failure.definiteRefusal()) {
                pendingRequestId = Optional.empty();
            }
            showFailure(failure);
        });
    }

    /** Marks the selected active problem resolved on the chosen date. */
    public void resolve() {
        Row row = selected.get();
        if (!canResolve.get()) {
            return;
        }
        if (resolvedOn.get() == null) {
            message.set("Choose the date it resolved.");
            return;
        }
        message.set("");
        ResolveProblemRequest request = ResolveProblemRequest.newBuilder().setProblemId(row.problem().getId())
                .setExpectedVersion(row.problem().getVersion()).setResolvedDate(resolvedOn.get().toString()).build();
        calls.call(busy, () -> connection.problems().resolveProblem(request).getProblem(), done -> {
            notice.set("Resolved: " + done.getTitle());
            load();
        }, this::showFailure);
    }

    /** Takes the selected problem off the list as entered in error, with the typed reason. */
    public void markEnteredInError() {
        Row row = selected.get();
        if (!canMarkInError.get()) {
            return;
        }
        if (errorReason.get().isBlank()) {
            errorReasonError.set("Say why this was entered in error.");
            return;
        }
        message.set("");
        MarkProblemEnteredInErrorRequest request = MarkProblemEnteredInErrorRequest.newBuilder().setProblemId(row.problem().getId())
                .setExpectedVersion(row.problem().getVersion()).setReason(errorReason.get().strip()).build();
        calls.call(busy, () -> connection.problems().markProblemEnteredInError(request).getProblem(), done -> {
            notice.set("Entered in error: " + done.getTitle());
            errorReason.set("");
            load();
        }, this::showFailure);
    }

    /** Opens the selected problem for correction: its title, onset and note as they are now. */
    public void edit() {
        Row row = selected.get();
        if (row == null || row.problem().getStatus() == ProblemStatus.PROBLEM_STATUS_ENTERED_IN_ERROR) {
            return;
        }
        editing.set(row);
        editTitle.set(row.problem().getTitle());
        editOnset.set(row.problem().getOnsetDate().isEmpty() ? null : LocalDate.parse(row.problem().getOnsetDate()));
        editNote.set(row.problem().getNote());
        editError.set("");
    }

    public void cancelEdit() {
        editing.set(null);
        editError.set("");
    }

    /**
     * Saves the correction from the version it was opened at. When someone changed the problem
     * meanwhile the server refuses with who and when; the typed correction stays, the list shows
     * the other change, and "Save" again applies the correction on top of it.
     */
    public void saveEdit() {
        Row row = editing.get();
        if (row == null || busy.get()) {
            return;
        }
        if (editTitle.get().isBlank()) {
            editError.set("The problem needs a title.");
            return;
        }
        if (editOnset.get() != null && editOnset.get().isAfter(LocalDate.now(clock))) {
            editError.set("The onset cannot be in the future.");
            return;
        }
        editError.set("");
        message.set("");
        var request = org.medconnect.proto.chart.v1.UpdateProblemRequest.newBuilder().setProblemId(row.problem().getId())
                .setExpectedVersion(row.problem().getVersion()).setIcd10Code(row.problem().getIcd10Code())
                .setTitle(editTitle.get().strip()).setOnsetDate(editOnset.get() == null ? "" : editOnset.get().toString())
                .setNote(editNote.get().strip()).build();
        calls.call(busy, () -> connection.problems().updateProblem(request).getProblem(), saved -> {
            notice.set("Saved: " + saved.getTitle());
            editing.set(null);
            load();
        }, failure -> {
            editError.set(failure.fieldErrors().isEmpty() ? failure.message() : String.join(" ", failure.fieldErrors().values()));
            if (failure.code() == io.grpc.Status.Code.ABORTED) {
                // Read the problem again: the next save starts from the other person's version, with this text.
                calls.call(loading, () -> connection.problems().listProblems(ListProblemsRequest.newBuilder().setPatientId(patientId)
                        .setFilter(ProblemFilter.PROBLEM_FILTER_ALL).build()).getProblemsList(), problems -> {
                    problems.stream().filter(p -> p.getId().equals(row.problem().getId())).findFirst()
                            .ifPresent(p -> editing.set(new Row(p)));
                    show(problems.stream().filter(p -> showEnteredInError.get() || p.getStatus() != ProblemStatus.PROBLEM_STATUS_ENTERED_IN_ERROR).toList());
                }, f -> message.set(f.message()));
            }
        });
    }

    private void clearForm() {
        chosenCode.set(null);
        codeQuery.set("");
        title.set("");
        onset.set(null);
        note.set("");
        matches.clear();
    }

    private void showFailure(CallFailure failure) {
        boolean atField = false;
        for (var e : failure.fieldErrors().entrySet()) {
            StringProperty target = switch (e.getKey()) {
                case "icd10_code" -> codeError;
                case "title" -> titleError;
                case "onset_date" -> onsetError;
                case "note" -> noteError;
                case "reason" -> errorReasonError;
                default -> null;
            };
            if (target != null) {
                target.set(e.getValue());
                atField = true;
            }
        }
        if (failure.code() == io.grpc.Status.Code.ALREADY_EXISTS) {
            codeError.set(failure.message());
            atField = true;
        }
        message.set(atField ? "" : failure.message());
        if (failure.code() == io.grpc.Status.Code.ABORTED) {
            load(); // the list shows what the other person changed; the form keeps what was typed
        }
    }

    static String date(String iso) {
        return iso.isEmpty() ? "" : ClinicDates.format(LocalDate.parse(iso));
    }

    public ObservableList<Row> active() { return active; }
    public ObservableList<Row> resolved() { return resolved; }
    public ObjectProperty<Row> selectedProperty() { return selected; }
    public BooleanProperty loadingProperty() { return loading; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty searchingProperty() { return searching; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public StringProperty codeQueryProperty() { return codeQuery; }
    public ObservableList<CodingDiagnosis> matches() { return matches; }
    public ObjectProperty<CodingDiagnosis> chosenCodeProperty() { return chosenCode; }
    public StringProperty titleProperty() { return title; }
    public ObjectProperty<LocalDate> onsetProperty() { return onset; }
    public StringProperty noteProperty() { return note; }
    public StringProperty codeErrorProperty() { return codeError; }
    public StringProperty titleErrorProperty() { return titleError; }
    public StringProperty onsetErrorProperty() { return onsetError; }
    public StringProperty noteErrorProperty() { return noteError; }
    public ObjectProperty<LocalDate> resolvedOnProperty() { return resolvedOn; }
    public StringProperty errorReasonProperty() { return errorReason; }
    public StringProperty errorReasonErrorProperty() { return errorReasonError; }
    public BooleanBinding canResolveProperty() { return canResolve; }
    public BooleanBinding canMarkInErrorProperty() { return canMarkInError; }
    public ObjectProperty<Row> editingProperty() { return editing; }
    public StringProperty editTitleProperty() { return editTitle; }
    public ObjectProperty<LocalDate> editOnsetProperty() { return editOnset; }
    public StringProperty editNoteProperty() { return editNote; }
    public StringProperty editErrorProperty() { return editError; }
    public BooleanProperty showEnteredInErrorProperty() { return showEnteredInError; }
}
