package org.medconnect.desktop.appointment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
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
import org.medconnect.proto.appointment.v1.CompleteAppointmentRequest;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;
import org.medconnect.proto.appointment.v1.StartConsultationRequest;
import org.medconnect.proto.appointment.v1.UndoStatusMoveRequest;
import org.medconnect.desktop.platform.UndoOffer;

/**
 * One day of the signed-in doctor's appointments, in time order, with the moves a doctor makes during
 * it. Changes pushed by the live feed (a check-in at the front desk) show without a reload.
 */
public final class MyDayViewModel implements AppointmentListener {

    /** What the doctor can do next with an appointment on this screen. */
    public enum Action {
        START("Start consultation"),
        COMPLETE("Complete"),
        NONE("");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final ZoneId zone;
    private final String doctorId;
    private final LiveAppointments live = new LiveAppointments(TIME_ORDER);
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final ObservableList<Appointment> appointments = FXCollections.observableArrayList();
    private final StringBinding summary;
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<UndoOffer> undoOffer = new SimpleObjectProperty<>();
    // Answers for a day the doctor has already moved away from must not replace the newer day.
    private long generation;

    static final java.util.Comparator<Appointment> TIME_ORDER = java.util.Comparator
            .comparing((Appointment a) -> ClinicTime.instant(a.getStartsAt()))
            .thenComparing(a -> a.getPatient().getDisplayName())
            .thenComparing(Appointment::getAppointmentId);

    private java.util.function.Consumer<Appointment> consultationStarted = a -> { };

    public MyDayViewModel(ServerConnection connection, ServerCalls calls, Clock clock) {
        this(connection, calls, clock, "");
    }

    /** {@code doctorId}: whose day this is; live changes for anyone else (or moved away) leave the list. Empty: any. */
    public MyDayViewModel(ServerConnection connection, ServerCalls calls, Clock clock, String doctorId) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.zone = clock.getZone();
        this.doctorId = doctorId;
        date.set(LocalDate.now(clock));
        date.addListener((obs, old, now) -> {
            if (now == null) {
                date.set(old);
            } else if (!now.equals(old)) {
                reload();
            }
        });
        summary = Bindings.createStringBinding(() -> summarize(appointments), appointments);
    }

    public void reload() {
        long mine = ++generation;
        LocalDate day = date.get();
        ListAppointmentsRequest request = ListAppointmentsRequest.newBuilder()
                .setFrom(ClinicTime.startOf(day, zone))
                .setTo(ClinicTime.startOf(day.plusDays(1), zone))
                .build();
        live.loadStarted();
        calls.call(busy, () -> connection.appointments().listAppointments(request).getAppointmentsList(), list -> {
            if (mine == generation) {
                live.loaded(list, this::shows, appointments);
                message.set("");
            }
        }, failure -> {
            if (mine == generation) {
                live.loadFailed(this::shows, appointments);
            }
            showFailure(failure);
        });
    }

    @Override
    public void appointmentChanged(AppointmentEvent event) {
        live.apply(event, this::shows, appointments);
    }

    @Override
    public void reloadNeeded() {
        reload();
    }

    /** This doctor's, starting on the day shown: the rule ListAppointments applies for this screen. */
    boolean shows(Appointment appointment) {
        if (!doctorId.isEmpty() && !doctorId.equals(appointment.getDoctorId())) {
            return false;
        }
        java.time.Instant start = ClinicTime.instant(appointment.getStartsAt());
        LocalDate day = date.get();
        return !start.isBefore(ClinicTime.instant(ClinicTime.startOf(day, zone)))
                && start.isBefore(ClinicTime.instant(ClinicTime.startOf(day.plusDays(1), zone)));
    }

    public void previousDay() {
        date.set(date.get().minusDays(1));
    }

    public void nextDay() {
        date.set(date.get().plusDays(1));
    }

    public void today() {
        date.set(LocalDate.now(clock));
    }

    public boolean showingToday() {
        return date.get().equals(LocalDate.now(clock));
    }

    /** Runs the next step for this appointment (start or complete), if it has one. */
    public void act(Appointment appointment) {
        switch (actionFor(appointment.getStatus())) {
            case START -> startConsultation(appointment);
            case COMPLETE -> complete(appointment);
            case NONE -> { }
        }
    }

    /**
     * Runs when a consultation has started: the doctor's workspace opens the patient's chart and
     * the encounter of this appointment (OpenEncounter by appointment id, decision 0030).
     */
    public void onConsultationStarted(java.util.function.Consumer<Appointment> handler) {
        this.consultationStarted = handler;
    }

    public void startConsultation(Appointment appointment) {
        StartConsultationRequest request = StartConsultationRequest.newBuilder()
                .setAppointmentId(appointment.getAppointmentId()).build();
        undoOffer.set(null);
        calls.call(busy, () -> connection.appointments().startConsultation(request).getAppointment(), changed -> {
            replace(changed);
            notice.set("In consultation with " + changed.getPatient().getDisplayName() + ".");
            consultationStarted.accept(changed);
        }, this::showFailure);
    }

    public void complete(Appointment appointment) {
        CompleteAppointmentRequest request = CompleteAppointmentRequest.newBuilder()
                .setAppointmentId(appointment.getAppointmentId()).build();
        undoOffer.set(null);
        calls.call(busy, () -> connection.appointments().completeAppointment(request).getAppointment(), changed -> {
            replace(changed);
            notice.set("");
            // Acts at once; the bar offers it back while it is the last step (decision 0025).
            undoOffer.set(new UndoOffer(changed.getPatient().getDisplayName() + "'s appointment is done.",
                    () -> undoComplete(changed)));
        }, this::showFailure);
    }

    /** Back to "in consultation", e.g. after Complete on the wrong row; the server refuses once it moved on. */
    public void undoComplete(Appointment completed) {
        UndoStatusMoveRequest request = UndoStatusMoveRequest.newBuilder().setAppointmentId(completed.getAppointmentId())
                .setUndoStatus(AppointmentStatus.APPOINTMENT_STATUS_COMPLETED).build();
        undoOffer.set(null);
        calls.call(busy, () -> connection.appointments().undoStatusMove(request).getAppointment(), back -> {
            replace(back);
            notice.set("Completion undone: " + back.getPatient().getDisplayName() + " is in consultation again.");
        }, this::showFailure);
    }

    /** Puts the server's copy of a changed appointment in place of the one shown (unless an event brought a newer one). */
    void replace(Appointment changed) {
        if (find(changed.getAppointmentId()).isPresent()) {
            live.upsert(changed, a -> true, appointments);
        }
    }

    private void showFailure(CallFailure failure) {
        notice.set("");
        message.set(failure.message());
        if (failure.is("STATUS_MOVE_REFUSED") || failure.code() == io.grpc.Status.Code.NOT_FOUND
                || failure.code() == io.grpc.Status.Code.ABORTED) {
            reload(); // someone else moved it meanwhile: show it as it is now
        }
    }

    public static Action actionFor(AppointmentStatus status) {
        return switch (status) {
            case APPOINTMENT_STATUS_CHECKED_IN -> Action.START;
            case APPOINTMENT_STATUS_IN_CONSULTATION -> Action.COMPLETE;
            default -> Action.NONE;
        };
    }

    static List<Appointment> inTimeOrder(List<Appointment> list) {
        List<Appointment> sorted = new ArrayList<>(list);
        sorted.sort(TIME_ORDER);
        return sorted;
    }

    /** e.g. "9 appointments · 3 checked in · 2 done"; cancelled and declined ones are not counted as appointments. */
    static String summarize(List<Appointment> list) {
        long total = list.stream().filter(a -> !StatusStyle.of(a.getStatus()).faded()).count();
        if (total == 0) {
            return list.isEmpty() ? "No appointments" : "No appointments left · " + list.size() + " cancelled";
        }
        StringBuilder text = new StringBuilder(plural(total, "appointment"));
        long pending = count(list, AppointmentStatus.APPOINTMENT_STATUS_PENDING);
        if (pending > 0) {
            text.append(" · ").append(pending).append(" awaiting you");
        }
        text.append(" · ").append(count(list, AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN)).append(" checked in");
        long inConsultation = count(list, AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION);
        if (inConsultation > 0) {
            text.append(" · ").append(inConsultation).append(" in consultation");
        }
        text.append(" · ").append(count(list, AppointmentStatus.APPOINTMENT_STATUS_COMPLETED)).append(" done");
        long noShow = count(list, AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW);
        if (noShow > 0) {
            text.append(" · ").append(noShow).append(" no-show");
        }
        return text.toString();
    }

    private static long count(List<Appointment> list, AppointmentStatus status) {
        return list.stream().filter(a -> a.getStatus() == status).count();
    }

    static String plural(long n, String noun) {
        return org.medconnect.desktop.platform.Plural.of(n, noun, noun + "s");
    }

    public Optional<Appointment> find(String appointmentId) {
        return appointments.stream().filter(a -> a.getAppointmentId().equals(appointmentId)).findFirst();
    }

    public ZoneId zone() { return zone; }
    public ObjectProperty<LocalDate> dateProperty() { return date; }
    public ObservableList<Appointment> appointments() { return appointments; }
    public StringBinding summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public ObjectProperty<UndoOffer> undoOfferProperty() { return undoOffer; }
    public BooleanProperty busyProperty() { return busy; }
}
