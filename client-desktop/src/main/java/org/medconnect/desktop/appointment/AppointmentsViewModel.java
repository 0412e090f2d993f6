package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Plural;

import org.medconnect.shared.appointment.AppointmentLimits;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Directory;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.schedule.v1.Location;

/**
 * The appointments list: every appointment in a range of days (at most 42), optionally of one
 * patient, one location or one status, narrowed further as the receptionist types.
 */
public final class AppointmentsViewModel {


    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ClinicTime time;
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<Patient> patient = new SimpleObjectProperty<>();
    private final ObjectProperty<Location> location = new SimpleObjectProperty<>(Directory.ANY_LOCATION);
    private final ObjectProperty<AppointmentStatus> status = new SimpleObjectProperty<>(AppointmentStatus.APPOINTMENT_STATUS_UNSPECIFIED);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObservableList<Appointment> loaded = FXCollections.observableArrayList();
    private final FilteredList<Appointment> shown = new FilteredList<>(loaded);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long generation;

    public AppointmentsViewModel(ServerConnection connection, ServerCalls calls, ClinicTime time) {
        this.connection = connection;
        this.calls = calls;
        this.time = time;
        from.set(time.today());
        to.set(time.today().plusDays(6));
        for (var criterion : java.util.List.<javafx.beans.Observable>of(from, to, patient, location, status)) {
            criterion.addListener(o -> reload());
        }
        filter.addListener((obs, old, now) -> applyFilter());
    }

    public void reload() {
        message.set("");
        LocalDate first = from.get();
        LocalDate last = to.get();
        if (first == null || last == null) {
            message.set("Choose the first and last day.");
            return;
        }
        if (last.isBefore(first)) {
            message.set("The last day must not be before the first.");
            return;
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > AppointmentLimits.LIST_MAX_DAYS) {
            message.set("Show at most " + AppointmentLimits.LIST_MAX_DAYS + " days at a time.");
            return;
        }
        ListAppointmentsRequest.Builder request = ListAppointmentsRequest.newBuilder()
                .setFrom(ClinicTime.timestamp(time.startOf(first))).setTo(ClinicTime.timestamp(time.endOf(last)))
                .setLocationId(location.get() == null ? "" : location.get().getLocationId());
        if (patient.get() != null) {
            request.setPatientId(patient.get().getPatientId());
        }
        if (status.get() != null && status.get() != AppointmentStatus.APPOINTMENT_STATUS_UNSPECIFIED) {
            request.addStatuses(status.get());
        }
        ListAppointmentsRequest built = request.build();
        long mine = ++generation;
        calls.call(busy, () -> connection.appointments().listAppointments(built).getAppointmentsList(), list -> {
            if (mine == generation) {
                loaded.setAll(list);
                applyFilter();
            }
        }, failure -> {
            if (mine == generation) {
                message.set(failure.message());
            }
        });
    }

    private void applyFilter() {
        String words = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        shown.setPredicate(words.isEmpty() ? a -> true : a -> matches(a, words));
        summary.set(shown.size() == loaded.size() ? Plural.of(loaded.size(), "appointment", "appointments")
                : shown.size() + " of " + loaded.size() + " appointments");
    }

    /** Every typed word must appear in the reference, patient, MRN, doctor, type, location or status. */
    static boolean matches(Appointment a, String words) {
        String haystack = String.join(" ", a.getReference(), a.getPatient().getDisplayName(), a.getPatient().getMrn(),
                a.getPatient().getPhone(), a.getDoctorName(), a.getTypeName(), a.getLocationName(),
                StatusStyle.label(a.getStatus())).toLowerCase(Locale.ROOT);
        for (String word : words.split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    public ObjectProperty<LocalDate> fromProperty() { return from; }
    public ObjectProperty<LocalDate> toProperty() { return to; }
    public ObjectProperty<Patient> patientProperty() { return patient; }
    public ObjectProperty<Location> locationProperty() { return location; }
    public ObjectProperty<AppointmentStatus> statusProperty() { return status; }
    public StringProperty filterProperty() { return filter; }
    public ObservableList<Appointment> appointments() { return shown; }
    public StringProperty messageProperty() { return message; }
    public StringProperty summaryProperty() { return summary; }
    public BooleanProperty busyProperty() { return busy; }
    public ClinicTime time() { return time; }
}
