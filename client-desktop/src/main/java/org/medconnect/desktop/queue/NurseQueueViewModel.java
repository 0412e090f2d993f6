package org.medconnect.desktop.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Plural;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.AppointmentListener;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;

/**
 * The nurse's triage list (decision 0036): today's checked-in patients across every doctor,
 * longest waiting first, kept live by the appointment feed. The nurse opens a chart with Enter.
 */
public final class NurseQueueViewModel implements AppointmentListener {

    private static final Comparator<Appointment> LONGEST_WAITING_FIRST = Comparator
            .comparingLong((Appointment a) -> a.getCheckedInAt().getSeconds()).thenComparing(Appointment::getTokenNumber);

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ClinicTime time;
    private final ObservableList<Appointment> waiting = FXCollections.observableArrayList();
    private final ObjectProperty<Appointment> selected = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long generation;

    public NurseQueueViewModel(ServerConnection connection, ServerCalls calls, ClinicTime time) {
        this.connection = connection;
        this.calls = calls;
        this.time = time;
    }

    public void reload() {
        long mine = ++generation;
        ListAppointmentsRequest request = ListAppointmentsRequest.newBuilder()
                .setFrom(ClinicTime.timestamp(time.startOf(time.today())))
                .setTo(ClinicTime.timestamp(time.endOf(time.today())))
                .addStatuses(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN).build();
        calls.call(busy, () -> connection.appointments().listAppointments(request).getAppointmentsList(), list -> {
            if (mine == generation) {
                waiting.setAll(list.stream().sorted(LONGEST_WAITING_FIRST).toList());
                message.set("");
                summarize();
            }
        }, failure -> message.set(failure.message()));
    }

    @Override
    public void appointmentChanged(AppointmentEvent event) {
        apply(event.getAppointment());
    }

    @Override
    public void reloadNeeded() {
        reload();
    }

    /** A live change: a check-in joins the list, anything else (called in, undone, cancelled) leaves it. */
    public void apply(Appointment changed) {
        ++generation; // a reload already on its way is older than this change
        String id = changed.getAppointmentId();
        Appointment keep = selected.get();
        waiting.removeIf(a -> a.getAppointmentId().equals(id));
        if (changed.getStatus() == AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN
                && time.dateOf(changed.getStartsAt()).equals(time.today())) {
            waiting.add(changed);
            FXCollections.sort(waiting, LONGEST_WAITING_FIRST);
        }
        if (keep != null) {
            waiting.stream().filter(a -> a.getAppointmentId().equals(keep.getAppointmentId())).findFirst().ifPresent(selected::set);
        }
        summarize();
    }

    /** "12 min" since check-in; "1 h 05 min" past the hour. */
    public String waitingTime(Appointment a) {
        if (!a.hasCheckedInAt()) {
            return "";
        }
        long minutes = Math.max(0, Duration.between(ClinicTime.instant(a.getCheckedInAt()), time.now()).toMinutes());
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
    }

    public String checkedInAt(Appointment a) {
        return a.hasCheckedInAt() ? time.time(a.getCheckedInAt()) : "";
    }

    private void summarize() {
        summary.set(waiting.isEmpty() ? "Nobody is waiting. Checked-in patients appear here as reception checks them in."
                : Plural.of(waiting.size(), "patient", "patients") + " waiting");
    }

    Instant now() {
        return time.now();
    }

    public ObservableList<Appointment> waiting() { return waiting; }
    public ObjectProperty<Appointment> selectedProperty() { return selected; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
