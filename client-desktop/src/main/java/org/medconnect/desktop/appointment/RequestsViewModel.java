package org.medconnect.desktop.appointment;

import org.medconnect.shared.appointment.AppointmentLimits;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.AppointmentListener;
import org.medconnect.desktop.platform.live.LiveAppointments;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.ConfirmAppointmentRequest;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;

/**
 * Booking requests waiting for the signed-in doctor's decision over the next 90 days. The server lists
 * at most 42 days per call, so the 90 days are read as three windows in one background task. New,
 * cancelled and moved requests arrive from the live feed, so the count in the navigation stays true.
 */
public final class RequestsViewModel implements AppointmentListener {

    static final int DAYS_AHEAD = 90;

    /** One [from, to) listing window, in clinic-local days. */
    record Window(LocalDate from, LocalDate to) {}

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final ZoneId zone;
    private final String doctorId;
    private final LiveAppointments live = new LiveAppointments(MyDayViewModel.TIME_ORDER);
    private final ObservableList<Appointment> requests = FXCollections.observableArrayList();
    private final IntegerBinding count = Bindings.size(requests);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long generation;

    public RequestsViewModel(ServerConnection connection, ServerCalls calls, Clock clock) {
        this(connection, calls, clock, "");
    }

    /** {@code doctorId}: whose requests these are (empty: any), so a request moved to a colleague leaves the list. */
    public RequestsViewModel(ServerConnection connection, ServerCalls calls, Clock clock, String doctorId) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.zone = clock.getZone();
        this.doctorId = doctorId;
    }

    @Override
    public void appointmentChanged(AppointmentEvent event) {
        live.apply(event, this::shows, requests);
    }

    @Override
    public void reloadNeeded() {
        reload();
    }

    /** A request of this doctor's, waiting, starting from today to 90 days ahead. */
    boolean shows(Appointment appointment) {
        if (appointment.getStatus() != AppointmentStatus.APPOINTMENT_STATUS_PENDING
                || !doctorId.isEmpty() && !doctorId.equals(appointment.getDoctorId())) {
            return false;
        }
        LocalDate today = LocalDate.now(clock);
        java.time.Instant start = ClinicTime.instant(appointment.getStartsAt());
        return !start.isBefore(ClinicTime.instant(ClinicTime.startOf(today, zone)))
                && start.isBefore(ClinicTime.instant(ClinicTime.startOf(today.plusDays(DAYS_AHEAD), zone)));
    }

    public void reload() {
        long mine = ++generation;
        List<ListAppointmentsRequest> calls = new ArrayList<>();
        for (Window window : windows(LocalDate.now(clock), DAYS_AHEAD)) {
            calls.add(ListAppointmentsRequest.newBuilder()
                    .setFrom(ClinicTime.startOf(window.from(), zone))
                    .setTo(ClinicTime.startOf(window.to(), zone))
                    .addStatuses(AppointmentStatus.APPOINTMENT_STATUS_PENDING)
                    .build());
        }
        live.loadStarted();
        this.calls.call(busy, () -> {
            List<Appointment> all = new ArrayList<>();
            for (ListAppointmentsRequest request : calls) {
                all.addAll(connection.appointments().listAppointments(request).getAppointmentsList());
            }
            return all;
        }, list -> {
            if (mine == generation) {
                live.loaded(list, this::shows, requests);
                message.set("");
            }
        }, failure -> {
            if (mine == generation) {
                live.loadFailed(this::shows, requests);
            }
            showFailure(failure);
        });
    }

    /** Splits {@code days} from {@code start} into consecutive windows of at most 42 days. */
    static List<Window> windows(LocalDate start, int days) {
        List<Window> windows = new ArrayList<>();
        LocalDate end = start.plusDays(days);
        for (LocalDate from = start; from.isBefore(end); from = from.plusDays(AppointmentLimits.LIST_MAX_DAYS)) {
            LocalDate to = from.plusDays(AppointmentLimits.LIST_MAX_DAYS);
            windows.add(new Window(from, to.isAfter(end) ? end : to));
        }
        return windows;
    }

    public void accept(Appointment appointment) {
        ConfirmAppointmentRequest request = ConfirmAppointmentRequest.newBuilder()
                .setAppointmentId(appointment.getAppointmentId()).build();
        calls.call(busy, () -> connection.appointments().confirmAppointment(request).getAppointment(), confirmed -> {
            remove(confirmed);
            message.set("");
            notice.set("Accepted: " + describe(confirmed) + ".");
        }, this::showFailure);
    }

    /** Called by the decline sheet once the server has declined it. */
    public void declined(Appointment declined) {
        remove(declined);
        message.set("");
        notice.set("Declined: " + describe(declined) + ".");
    }

    public DeclineViewModel decline(Appointment appointment) {
        return new DeclineViewModel(connection, calls, appointment);
    }

    String describe(Appointment appointment) {
        var start = ClinicTime.instant(appointment.getStartsAt()).atZone(zone);
        return appointment.getPatient().getDisplayName() + " on " + ClinicTime.SHORT_DAY.format(start)
                + " at " + ClinicTime.TIME.format(start);
    }

    private void remove(Appointment changed) {
        requests.removeIf(a -> a.getAppointmentId().equals(changed.getAppointmentId()));
    }

    private void showFailure(CallFailure failure) {
        notice.set("");
        message.set(failure.message());
        if (failure.is("STATUS_MOVE_REFUSED") || failure.code() == io.grpc.Status.Code.NOT_FOUND) {
            reload(); // cancelled or moved by reception meanwhile
        }
    }

    public ZoneId zone() { return zone; }
    public ObservableList<Appointment> requests() { return requests; }
    public IntegerBinding countProperty() { return count; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
}
