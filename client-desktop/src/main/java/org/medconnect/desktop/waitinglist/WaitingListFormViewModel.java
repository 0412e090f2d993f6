package org.medconnect.desktop.waitinglist;

import org.medconnect.shared.appointment.AppointmentLimits;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Directory;
import org.medconnect.desktop.patient.PatientPickerViewModel;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.AddToWaitingListRequest;
import org.medconnect.proto.appointment.v1.WaitingListEntry;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.staff.v1.Department;

/** Putting a patient on the waiting list: who, with which doctor or department, what kind of visit, which days. */
public final class WaitingListFormViewModel {


    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Directory directory;
    private final PatientPickerViewModel patient;
    private final ObjectProperty<AppointmentType> type = new SimpleObjectProperty<>();
    private final ObjectProperty<Department> department = new SimpleObjectProperty<>(Directory.ANY_DEPARTMENT);
    private final ObjectProperty<Doctor> doctor = new SimpleObjectProperty<>(Directory.ANY_DOCTOR);
    private final ObjectProperty<Location> location = new SimpleObjectProperty<>(Directory.ANY_LOCATION);
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final ObservableList<Doctor> doctorChoices = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();
    private Consumer<WaitingListEntry> onAdded = e -> { };

    public WaitingListFormViewModel(ServerConnection connection, ServerCalls calls, Directory directory, ClinicTime time,
                                    PatientPickerViewModel patient) {
        this.connection = connection;
        this.calls = calls;
        this.directory = directory;
        this.patient = patient;
        from.set(time.today());
        to.set(time.today().plusDays(27));
        doctorChoices.setAll(directory.doctorChoices(department.get()));
        department.addListener((obs, old, now) -> {
            doctorChoices.setAll(directory.doctorChoices(now));
            if (doctor.get() != null && !doctorChoices.contains(doctor.get())) {
                doctor.set(Directory.ANY_DOCTOR);
            }
        });
        directory.doctors().addListener((ListChangeListener<Doctor>) c -> doctorChoices.setAll(directory.doctorChoices(department.get())));
        if (directory.types().size() == 1) {
            type.set(directory.types().getFirst());
        }
    }

    public void onAdded(Consumer<WaitingListEntry> handler) {
        this.onAdded = handler;
    }

    public void save() {
        if (busy.get()) {
            return;
        }
        message.set("");
        String problem = problem();
        if (!problem.isEmpty()) {
            message.set(problem);
            return;
        }
        AddToWaitingListRequest.Builder request = AddToWaitingListRequest.newBuilder().setRequestId(requestId)
                .setPatientId(patient.selectedProperty().get().getPatientId())
                .setAppointmentTypeId(type.get().getTypeId())
                .setLocationId(location.get() == null ? "" : location.get().getLocationId())
                .setFromDate(from.get().toString()).setToDate(to.get().toString())
                .setNote(note.get() == null ? "" : note.get().strip());
        if (doctor.get() != null && !doctor.get().getDoctorId().isEmpty()) {
            request.setDoctorId(doctor.get().getDoctorId());
        } else {
            request.setDepartmentId(department.get().getDepartmentId());
        }
        AddToWaitingListRequest built = request.build();
        calls.call(busy, () -> connection.appointments().addToWaitingList(built).getEntry(), added -> {
            requestId = UUID.randomUUID().toString();
            onAdded.accept(added);
        }, this::failed);
    }

    private String problem() {
        if (patient.selectedProperty().get() == null) {
            return "Find the patient first, or register them.";
        }
        if (type.get() == null) {
            return "Choose the kind of appointment.";
        }
        boolean hasDoctor = doctor.get() != null && !doctor.get().getDoctorId().isEmpty();
        boolean hasDepartment = department.get() != null && !department.get().getDepartmentId().isEmpty();
        if (!hasDoctor && !hasDepartment) {
            return "Choose a doctor, or a department for any of its doctors.";
        }
        if (from.get() == null || to.get() == null) {
            return "Choose the first and last day the patient could come.";
        }
        if (to.get().isBefore(from.get())) {
            return "The last day must not be before the first.";
        }
        if (ChronoUnit.DAYS.between(from.get(), to.get()) > 366) {
            return "Keep the range within a year.";
        }
        if (note.get() != null && AppointmentLimits.WAITING_LIST_NOTE.exceededBy(note.get().strip())) {
            return AppointmentLimits.WAITING_LIST_NOTE.message();
        }
        return "";
    }

    private void failed(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        message.set(failure.message());
    }

    public PatientPickerViewModel patient() { return patient; }
    public Directory directory() { return directory; }
    public ObjectProperty<AppointmentType> typeProperty() { return type; }
    public ObjectProperty<Department> departmentProperty() { return department; }
    public ObjectProperty<Doctor> doctorProperty() { return doctor; }
    public ObjectProperty<Location> locationProperty() { return location; }
    public ObjectProperty<LocalDate> fromProperty() { return from; }
    public ObjectProperty<LocalDate> toProperty() { return to; }
    public StringProperty noteProperty() { return note; }
    public ObservableList<Doctor> doctorChoices() { return doctorChoices; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
