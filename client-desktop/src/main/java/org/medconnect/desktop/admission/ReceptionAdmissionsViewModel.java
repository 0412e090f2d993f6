package org.medconnect.desktop.admission;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.patient.PatientPickerView;
import org.medconnect.desktop.patient.PatientPickerViewModel;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.Admission;
import org.medconnect.proto.chart.v1.AdmitRequest;
import org.medconnect.proto.chart.v1.ListInpatientsRequest;
import org.medconnect.proto.chart.v1.ListRecentDischargesRequest;
import org.medconnect.proto.chart.v1.MarkAdmissionEnteredInErrorRequest;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;

/**
 * Reception's Admissions screen: who is in hospital now (names, ward, bed, admitting doctor,
 * since when), who was discharged lately, and the form that registers an admission a doctor
 * decided: the patient, the admitting doctor, ward and bed, and the reason as the doctor gave it.
 * The server never sends reception a reason or a discharge summary back, so none is shown.
 */
public final class ReceptionAdmissionsViewModel {

    /** Rows per list: a ward's worth. */
    static final int PAGE = 200;

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Times times;
    private final PatientPickerViewModel patient;

    private final ObservableList<Admission> inpatients = FXCollections.observableArrayList();
    private final ObservableList<Admission> discharges = FXCollections.observableArrayList();
    private final ObservableList<Doctor> doctors = FXCollections.observableArrayList();
    private final ObjectProperty<Doctor> doctor = new SimpleObjectProperty<>();
    private final StringProperty ward = new SimpleStringProperty("");
    private final StringProperty bed = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    // Undo: the inpatient row chosen and why it was a mistake (the server allows it for 24 hours).
    private final ObjectProperty<Admission> selected = new SimpleObjectProperty<>();
    private final StringProperty undoReason = new SimpleStringProperty("");
    private final StringProperty undoProblem = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    // A retry after a lost answer reuses the id, so the server answers the first admission.
    private Optional<String> pendingRequestId = Optional.empty();

    public ReceptionAdmissionsViewModel(ServerConnection connection, ServerCalls calls, ZoneId zone, PatientPickerViewModel patient) {
        this.connection = connection;
        this.calls = calls;
        this.times = new Times(zone);
        this.patient = patient;
        patient.selectedProperty().addListener((o, was, now) -> problem.set(""));
        selected.addListener((o, was, now) -> undoProblem.set(""));
    }

    private record Lists(List<Admission> inpatients, int inpatientCount, List<Admission> discharges) {}

    /** Reads both lists again (on open, on F5, after an admission). */
    public void reload() {
        calls.call(loading, () -> {
            var in = connection.admissions().listInpatients(ListInpatientsRequest.newBuilder()
                    .setPage(PageRequest.newBuilder().setPageSize(PAGE)).build());
            var out = connection.admissions().listRecentDischarges(ListRecentDischargesRequest.newBuilder()
                    .setPage(PageRequest.newBuilder().setPageSize(PAGE)).build());
            return new Lists(in.getInpatientsList(), in.getPage().getTotalCount(), out.getDischargesList());
        }, lists -> {
            inpatients.setAll(lists.inpatients());
            discharges.setAll(lists.discharges());
            summary.set(lists.inpatientCount() == 0 ? "Nobody is in hospital."
                    : lists.inpatientCount() == 1 ? "1 patient in hospital." : lists.inpatientCount() + " patients in hospital.");
        }, f -> problem.set(f.message()));
    }

    /** The doctors to choose the admitting doctor from, by name. */
    public void loadDoctors() {
        calls.call(new SimpleBooleanProperty(), () -> connection.schedule().listDoctors(ListDoctorsRequest.getDefaultInstance())
                .getDoctorsList().stream().sorted(Comparator.comparing(Doctor::getDisplayName)).toList(), doctors::setAll,
                f -> problem.set(f.message()));
    }

    /** Registers the admission in the form; the form empties when the server took it, and keeps everything when not. */
    public void admit() {
        if (busy.get()) {
            return;
        }
        notice.set("");
        Optional<Patient> who = patient.chosen();
        if (who.isEmpty()) {
            problem.set("Choose the patient to admit.");
            return;
        }
        if (doctor.get() == null) {
            problem.set("Choose the admitting doctor.");
            return;
        }
        if (reason.get().isBlank()) {
            problem.set("Write the reason for admission as the doctor gave it.");
            return;
        }
        if (!bed.get().isBlank() && ward.get().isBlank()) {
            problem.set("A bed needs its ward.");
            return;
        }
        problem.set("");
        String requestId = pendingRequestId.orElseGet(() -> UUID.randomUUID().toString());
        pendingRequestId = Optional.of(requestId);
        AdmitRequest request = AdmitRequest.newBuilder().setRequestId(requestId).setPatientId(who.get().getPatientId())
                .setAdmittingDoctorId(doctor.get().getDoctorId()).setWard(ward.get().strip()).setBed(bed.get().strip())
                .setReason(reason.get().strip()).build();
        String name = PatientPickerView.name(who.get());
        calls.call(busy, () -> connection.admissions().admit(request).getAdmission(), admitted -> {
            pendingRequestId = Optional.empty();
            notice.set(name + " admitted" + (admitted.getWard().isEmpty() ? "" : " to " + place(admitted)) + ".");
            patient.clearChoice();
            patient.queryProperty().set("");
            ward.set("");
            bed.set("");
            reason.set("");
            reload();
        }, this::refused);
    }

    /**
     * Undoes the selected admission registered here by mistake (wrong patient, wrong bed): the
     * bed and the patient are free again and the admitting doctor is told. The server refuses a
     * doctor's own admission or one older than 24 hours, and says whom to ask.
     */
    public void undoSelected() {
        Admission a = selected.get();
        if (busy.get() || a == null) {
            return;
        }
        notice.set("");
        if (undoReason.get().isBlank()) {
            undoProblem.set("Say why the admission of " + a.getPatientName() + " was a mistake.");
            return;
        }
        undoProblem.set("");
        var request = MarkAdmissionEnteredInErrorRequest.newBuilder().setAdmissionId(a.getId()).setExpectedVersion(a.getVersion())
                .setReason(undoReason.get().strip()).build();
        calls.call(busy, () -> connection.admissions().markAdmissionEnteredInError(request).getAdmission(), undone -> {
            notice.set("Admission of " + a.getPatientName() + " undone; " + a.getAdmittingDoctorName() + " has been told.");
            undoReason.set("");
            reload();
        }, f -> undoProblem.set(f.fieldErrors().isEmpty() ? f.message() : String.join(" ", f.fieldErrors().values())));
    }

    private void refused(CallFailure f) {
        if (f.definiteRefusal()) {
            pendingRequestId = Optional.empty();
        }
        problem.set(f.fieldErrors().isEmpty() ? f.message() : String.join(" ", f.fieldErrors().values()));
    }

    /** "Ward 3, bed 12", "Ward 3", or "No bed assigned". */
    public static String place(Admission a) {
        if (a.getWard().isEmpty()) {
            return "No bed assigned";
        }
        return a.getBed().isEmpty() ? a.getWard() : a.getWard() + ", bed " + a.getBed();
    }

    public String when(com.google.protobuf.Timestamp t) {
        return times.when(t);
    }

    public PatientPickerViewModel patient() { return patient; }
    public ObservableList<Admission> inpatients() { return inpatients; }
    public ObservableList<Admission> discharges() { return discharges; }
    public ObservableList<Doctor> doctors() { return doctors; }
    public ObjectProperty<Doctor> doctorProperty() { return doctor; }
    public StringProperty wardProperty() { return ward; }
    public StringProperty bedProperty() { return bed; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty problemProperty() { return problem; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty loadingProperty() { return loading; }
    public ObjectProperty<Admission> selectedProperty() { return selected; }
    public StringProperty undoReasonProperty() { return undoReason; }
    public StringProperty undoProblemProperty() { return undoProblem; }
}
