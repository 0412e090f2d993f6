package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Plural;

import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Directory;
import java.time.LocalDate;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.AppointmentListener;
import org.medconnect.desktop.platform.live.LiveAppointments;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.appointment.v1.AppointmentListView;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.staff.v1.Department;

/**
 * The day board: one clinic day, optionally one location and one department; doctors as columns
 * and their appointments laid out by time. Changing the day or a filter loads again; an answer
 * for a day that is no longer shown is dropped. Changes pushed by the live feed are applied one by
 * one, without a reload.
 */
public final class DayBoardViewModel implements AppointmentListener {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ClinicTime time;
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final ObjectProperty<Location> location = new SimpleObjectProperty<>(Directory.ANY_LOCATION);
    private final ObjectProperty<Department> department = new SimpleObjectProperty<>(Directory.ANY_DEPARTMENT);
    private final BooleanProperty showReleased = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<DayBoardLayout> layout = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private List<Doctor> doctors = List.of();
    private final List<Appointment> appointments = new java.util.ArrayList<>();
    private final LiveAppointments live = new LiveAppointments(java.util.Comparator.comparing(
            (Appointment a) -> ClinicTime.instant(a.getStartsAt())).thenComparing(Appointment::getAppointmentId));
    private long generation;

    public DayBoardViewModel(ServerConnection connection, ServerCalls calls, ClinicTime time) {
        this.connection = connection;
        this.calls = calls;
        this.time = time;
        date.set(time.today());
        layout.set(DayBoardLayout.of(date.get(), time.zone(), List.of(), List.of(), false));
        date.addListener((obs, old, now) -> {
            if (now == null) {
                date.set(old);
            } else {
                reload();
            }
        });
        location.addListener((obs, old, now) -> reload());
        department.addListener((obs, old, now) -> reload());
        showReleased.addListener((obs, old, now) -> relayout());
    }

    /** What one load brings: the columns and the day's appointments. */
    record Day(List<Doctor> doctors, List<Appointment> appointments) {}

    public void reload() {
        long mine = ++generation;
        LocalDate day = date.get();
        String locationId = idOf(location.get());
        String departmentId = department.get() == null ? "" : department.get().getDepartmentId();
        ListDoctorsRequest doctorsRequest = ListDoctorsRequest.newBuilder()
                .setLocationId(locationId).setDepartmentId(departmentId).build();
        ListAppointmentsRequest appointmentsRequest = ListAppointmentsRequest.newBuilder()
                .setFrom(ClinicTime.timestamp(time.startOf(day))).setTo(ClinicTime.timestamp(time.endOf(day)))
                .setLocationId(locationId).setDepartmentId(departmentId)
                // Only what the board draws; the details pane reads the whole appointment.
                .setView(AppointmentListView.APPOINTMENT_LIST_VIEW_BOARD).build();
        live.loadStarted();
        calls.call(busy, () -> new Day(connection.schedule().listDoctors(doctorsRequest).getDoctorsList(),
                connection.appointments().listAppointments(appointmentsRequest).getAppointmentsList()), loaded -> {
                    if (mine != generation) {
                        return; // the person has moved on to another day or filter
                    }
                    doctors = loaded.doctors().stream().sorted(java.util.Comparator.comparing(Directory::sortName)).toList();
                    live.loaded(loaded.appointments(), this::shows, appointments);
                    message.set("");
                    relayout();
                }, failure -> {
                    if (mine == generation) {
                        message.set(failure.message());
                        if (live.loadFailed(this::shows, appointments)) {
                            relayout();
                        }
                    }
                });
    }

    @Override
    public void appointmentChanged(AppointmentEvent event) {
        if (live.apply(event, this::shows, appointments)) {
            relayout();
        }
    }

    @Override
    public void reloadNeeded() {
        reload();
    }

    /** Whether the board, as filtered now, shows this appointment (the same rule ListAppointments applies). */
    boolean shows(Appointment appointment) {
        LocalDate day = date.get();
        java.time.Instant start = ClinicTime.instant(appointment.getStartsAt());
        if (start.isBefore(time.startOf(day)) || !start.isBefore(time.endOf(day))) {
            return false;
        }
        String locationId = idOf(location.get());
        if (!locationId.isEmpty() && !locationId.equals(appointment.getLocationId())) {
            return false;
        }
        boolean anyDepartment = department.get() == null || department.get().getDepartmentId().isEmpty();
        // An appointment carries no department: the department's doctors are the board's columns.
        return anyDepartment || doctors.stream().anyMatch(d -> d.getDoctorId().equals(appointment.getDoctorId()));
    }

    private void relayout() {
        layout.set(DayBoardLayout.of(date.get(), time.zone(), doctors, appointments, showReleased.get()));
        long released = appointments.stream().filter(a -> StatusStyle.of(a.getStatus()).faded()).count();
        long active = appointments.size() - released;
        summary.set(Plural.of(active, "appointment", "appointments")
                + (released > 0 ? " · " + released + " cancelled or declined" : ""));
    }

    public void previousDay() {
        date.set(date.get().minusDays(1));
    }

    public void nextDay() {
        date.set(date.get().plusDays(1));
    }

    public void today() {
        date.set(time.today());
    }

    private static String idOf(Location value) {
        return value == null ? "" : value.getLocationId();
    }

    public ObjectProperty<LocalDate> dateProperty() { return date; }
    public ObjectProperty<Location> locationProperty() { return location; }
    public ObjectProperty<Department> departmentProperty() { return department; }
    public BooleanProperty showReleasedProperty() { return showReleased; }
    public ReadOnlyObjectProperty<DayBoardLayout> layoutProperty() { return layout.getReadOnlyProperty(); }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty messageProperty() { return message; }
    public StringProperty summaryProperty() { return summary; }
    public ClinicTime time() { return time; }
}
