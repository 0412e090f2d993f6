package org.medconnect.desktop.chart.medication;

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
import org.medconnect.proto.chart.v1.AddMedicationRequest;
import org.medconnect.proto.chart.v1.CodingSubstance;
import org.medconnect.proto.chart.v1.CodingSubstanceKind;
import org.medconnect.proto.chart.v1.ListMedicationsRequest;
import org.medconnect.proto.chart.v1.Medication;
import org.medconnect.proto.chart.v1.MedicationFilter;
import org.medconnect.proto.chart.v1.MedicationStatus;
import org.medconnect.proto.chart.v1.SearchSubstancesRequest;
import org.medconnect.proto.chart.v1.StopMedicationRequest;

/**
 * The medication list of one chart: current and past, who started and stopped each drug and
 * why. Add a drug found in the clinic's catalogue as you type, or free text (kept, and shown
 * "not checked" because prescription checks cannot read it); stop a current one with a date
 * and a reason. What was typed stays when the server refuses; a stale change says who made it.
 */
public final class MedicationsViewModel {

    static final int MATCHES = 12;

    /** One medication as the page lists it. */
    public record Row(Medication medication) {
        /** "amoxicillin 500 mg capsule", with "(not checked)" for free text. */
        public String drug() {
            String what = String.join(" ", List.of(medication.getName(), medication.getStrength(), medication.getForm()).stream()
                    .filter(s -> !s.isBlank()).toList());
            return medication.getNotChecked() ? what + " (not checked)" : what;
        }

        public String dosage() {
            return medication.getDosage();
        }

        /** "20/11/2026, Dr Amara Okafor". */
        public String started() {
            return joined(date(medication.getStartedOn()), medication.getStartedByName());
        }

        public String startedOn() {
            return date(medication.getStartedOn());
        }

        public String startedBy() {
            return medication.getStartedByName();
        }

        public String stoppedOn() {
            return date(medication.getStoppedOn());
        }

        public String stoppedBy() {
            return medication.getStoppedByName();
        }

        public String startReason() {
            return medication.getStartReason();
        }

        public String stopped() {
            return joined(date(medication.getStoppedOn()), medication.getStoppedByName());
        }

        public String stopReason() {
            return medication.getStopReason();
        }

        private static String joined(String a, String b) {
            return a.isEmpty() ? b : b.isEmpty() ? a : a + ", " + b;
        }
    }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final String patientId;

    private final ObservableList<Row> current = FXCollections.observableArrayList();
    private final ObservableList<Row> past = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");

    // The add form.
    private final StringProperty drugQuery = new SimpleStringProperty("");
    private final ObservableList<CodingSubstance> matches = FXCollections.observableArrayList();
    private final ObjectProperty<CodingSubstance> chosenDrug = new SimpleObjectProperty<>();
    private final StringProperty strength = new SimpleStringProperty("");
    private final StringProperty form = new SimpleStringProperty("");
    private final StringProperty dosage = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> startedOn = new SimpleObjectProperty<>();
    private final StringProperty startReason = new SimpleStringProperty("");
    private final StringProperty drugError = new SimpleStringProperty("");
    private final StringProperty addError = new SimpleStringProperty("");
    private final StringProperty checkedHint = new SimpleStringProperty("");

    // Stopping acts on the selected current medication.
    private final ObjectProperty<LocalDate> stoppedOn = new SimpleObjectProperty<>();
    private final StringProperty stopReason = new SimpleStringProperty("");
    private final StringProperty stopError = new SimpleStringProperty("");
    private final BooleanBinding canStop;

    private Optional<String> pendingRequestId = Optional.empty();
    private long searchSeq;

    public MedicationsViewModel(ServerConnection connection, ServerCalls calls, Clock clock, String patientId) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.patientId = patientId;
        startedOn.set(LocalDate.now(clock));
        stoppedOn.set(LocalDate.now(clock));
        drugQuery.addListener((obs, old, now) -> onQuery(now));
        chosenDrug.addListener((obs, old, now) -> updateHint());
        drugQuery.addListener((obs, old, now) -> updateHint());
        stopReason.addListener((obs, old, now) -> stopError.set(""));
        selected.addListener((obs, old, now) -> {
            if (sameEntry(old, now)) {
                return; // a reload of the same medication keeps what was typed
            }
            stopReason.set("");
            stopError.set("");
            stoppedOn.set(LocalDate.now(clock));
        });
        canStop = Bindings.createBooleanBinding(() -> selected.get() != null && !busy.get()
                && selected.get().medication().getStatus() == MedicationStatus.MEDICATION_STATUS_ACTIVE, selected, busy);
    }

    /** Reads the list again (on open, on F5 and when another workstation changes it). */
    public void load() {
        calls.call(loading, () -> connection.medications().listMedications(ListMedicationsRequest.newBuilder().setPatientId(patientId)
                .setFilter(MedicationFilter.MEDICATION_FILTER_UNSPECIFIED).build()).getMedicationsList(), this::show,
                failure -> message.set(failure.message()));
    }

    private void show(List<Medication> meds) {
        String keep = selected.get() == null ? "" : selected.get().medication().getId();
        current.setAll(meds.stream().filter(m -> m.getStatus() == MedicationStatus.MEDICATION_STATUS_ACTIVE).map(Row::new).toList());
        past.setAll(meds.stream().filter(m -> m.getStatus() == MedicationStatus.MEDICATION_STATUS_STOPPED).map(Row::new).toList());
        selected.set(current.stream().filter(r -> r.medication().getId().equals(keep)).findFirst().orElse(null));
    }

    // ---- the drug search ----

    private void onQuery(String typed) {
        drugError.set("");
        if (chosenDrug.get() != null && !typed.equals(chosenDrug.get().getName())) {
            chosenDrug.set(null);
        }
        long seq = ++searchSeq;
        String query = typed.strip();
        if (query.isEmpty() || chosenDrug.get() != null) {
            matches.clear();
            return;
        }
        calls.call(searching, () -> connection.coding().searchSubstances(SearchSubstancesRequest.newBuilder()
                .setQuery(query.length() > 100 ? query.substring(0, 100) : query).setLimit(MATCHES)
                .addKinds(CodingSubstanceKind.CODING_SUBSTANCE_KIND_INGREDIENT).build()).getSubstancesList(),
                found -> {
                    if (seq == searchSeq) {
                        matches.setAll(found);
                    }
                }, failure -> {
                    if (seq == searchSeq) {
                        matches.clear();
                    }
                });
    }

    private void updateHint() {
        if (chosenDrug.get() != null) {
            checkedHint.set("From the catalogue: prescriptions will be checked against it.");
        } else if (!drugQuery.get().isBlank()) {
            checkedHint.set("Not in the list? Added as free text, marked \"not checked\".");
        } else {
            checkedHint.set("");
        }
    }

    /** Picks a drug from the matches. */
    public void choose(CodingSubstance drug) {
        if (drug == null) {
            return;
        }
        chosenDrug.set(drug);
        drugQuery.set(drug.getName());
        matches.clear();
    }

    // ---- commands ----

    /** Adds the medication in the form, started by the signed-in doctor. */
    public void add() {
        if (busy.get()) {
            return;
        }
        message.set("");
        notice.set("");
        addError.set("");
        if (chosenDrug.get() == null && drugQuery.get().isBlank()) {
            drugError.set("Choose a drug or write its name.");
            return;
        }
        if (startedOn.get() != null && startedOn.get().isAfter(LocalDate.now(clock))) {
            addError.set("The start date cannot be in the future.");
            return;
        }
        String requestId = pendingRequestId.orElseGet(() -> UUID.randomUUID().toString());
        pendingRequestId = Optional.of(requestId);
        boolean catalogue = chosenDrug.get() != null;
        AddMedicationRequest request = AddMedicationRequest.newBuilder().setRequestId(requestId).setPatientId(patientId)
                .setDrugKey(catalogue ? chosenDrug.get().getKey() : "")
                .setName(catalogue ? "" : drugQuery.get().strip())
                .setStrength(strength.get().strip()).setForm(form.get().strip()).setDosage(dosage.get().strip())
                .setStartedOn(startedOn.get() == null ? "" : startedOn.get().toString())
                .setReason(startReason.get().strip())
                .build();
        calls.call(busy, () -> connection.medications().addMedication(request).getMedication(), added -> {
            pendingRequestId = Optional.empty();
            notice.set("Added: " + added.getName());
            clearForm();
            load();
        }, failure -> {
            if (failure.definiteRefusal()) {
                pendingRequestId = Optional.empty();
            }
            showFailure(failure, addError);
        });
    }

    /** Stops the selected current medication on the chosen date for the typed reason. */
    public void stop() {
        Row row = selected.get();
        if (!canStop.get()) {
            return;
        }
        if (stopReason.get().isBlank()) {
            stopError.set("Say why it is stopped.");
            return;
        }
        if (stoppedOn.get() == null) {
            stopError.set("Choose the date it was stopped.");
            return;
        }
        message.set("");
        StopMedicationRequest request = StopMedicationRequest.newBuilder().setMedicationId(row.medication().getId())
                .setExpectedVersion(row.medication().getVersion()).setStoppedOn(stoppedOn.get().toString())
                .setReason(stopReason.get().strip()).build();
        calls.call(busy, () -> connection.medications().stopMedication(request).getMedication(), done -> {
            notice.set("Stopped: " + done.getName());
            stopReason.set("");
            load();
        }, failure -> showFailure(failure, stopError));
    }

    private void clearForm() {
        chosenDrug.set(null);
        drugQuery.set("");
        strength.set("");
        form.set("");
        dosage.set("");
        startReason.set("");
        startedOn.set(LocalDate.now(clock));
        matches.clear();
    }

    private void showFailure(CallFailure failure, StringProperty near) {
        if (failure.fieldErrors().containsKey("drug_key") || failure.fieldErrors().containsKey("name")) {
            drugError.set(failure.fieldErrors().getOrDefault("drug_key", failure.fieldErrors().get("name")));
        }
        if (!failure.fieldErrors().isEmpty()) {
            near.set(String.join(" ", failure.fieldErrors().values()));
        } else {
            message.set(failure.message());
        }
        if (failure.code() == io.grpc.Status.Code.ABORTED) {
            load();
        }
    }

    private static boolean sameEntry(Row a, Row b) {
        return a != null && b != null && a.medication().getId().equals(b.medication().getId());
    }

    static String date(String iso) {
        return iso.isEmpty() ? "" : ClinicDates.format(LocalDate.parse(iso));
    }

    public ObservableList<Row> current() { return current; }
    public ObservableList<Row> past() { return past; }
    public ObjectProperty<Row> selectedProperty() { return selected; }
    public BooleanProperty loadingProperty() { return loading; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty searchingProperty() { return searching; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public StringProperty drugQueryProperty() { return drugQuery; }
    public ObservableList<CodingSubstance> matches() { return matches; }
    public ObjectProperty<CodingSubstance> chosenDrugProperty() { return chosenDrug; }
    public StringProperty strengthProperty() { return strength; }
    public StringProperty formProperty() { return form; }
    public StringProperty dosageProperty() { return dosage; }
    public ObjectProperty<LocalDate> startedOnProperty() { return startedOn; }
    public StringProperty startReasonProperty() { return startReason; }
    public StringProperty drugErrorProperty() { return drugError; }
    public StringProperty addErrorProperty() { return addError; }
    public StringProperty checkedHintProperty() { return checkedHint; }
    public ObjectProperty<LocalDate> stoppedOnProperty() { return stoppedOn; }
    public StringProperty stopReasonProperty() { return stopReason; }
    public StringProperty stopErrorProperty() { return stopError; }
    public BooleanBinding canStopProperty() { return canStop; }
}
