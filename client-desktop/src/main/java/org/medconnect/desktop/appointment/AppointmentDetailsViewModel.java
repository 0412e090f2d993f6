package org.medconnect.desktop.appointment;

import org.medconnect.shared.appointment.AppointmentLimits;
import org.medconnect.shared.appointment.AppointmentReasons;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Directory;
import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.CancelAppointmentRequest;
import org.medconnect.proto.appointment.v1.CheckInAppointmentRequest;
import org.medconnect.proto.appointment.v1.GetAppointmentHistoryRequest;
import org.medconnect.proto.appointment.v1.GetAppointmentRequest;
import org.medconnect.proto.appointment.v1.HistoryEntry;
import org.medconnect.proto.appointment.v1.MarkNoShowRequest;
import org.medconnect.proto.appointment.v1.RescheduleAppointmentRequest;
import org.medconnect.proto.appointment.v1.UndoStatusMoveRequest;
import org.medconnect.desktop.platform.UndoOffer;
import javafx.beans.binding.StringBinding;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Slot;
import org.medconnect.shared.appointment.StatusMoves;

/**
 * One appointment with its history, and what the front desk may do with it now: check in, mark a
 * no-show, cancel with a reason, or move it to another slot. The server's refusal (a status move
 * that is no longer allowed) is shown as it comes.
 */
public final class AppointmentDetailsViewModel {


    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ClinicTime time;
    private final Supplier<SlotFinderViewModel> slotFinders;
    private final ObjectProperty<Appointment> appointment = new SimpleObjectProperty<>();
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final StringProperty cancelReason = new SimpleStringProperty("");
    private final StringProperty cancelError = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<SlotFinderViewModel> rescheduling = new SimpleObjectProperty<>();
    private final BooleanProperty cancelling = new SimpleBooleanProperty();
    private final BooleanBinding canCheckIn;
    private final BooleanBinding canMarkNoShow;
    private final BooleanBinding canCancel;
    private final BooleanBinding canReschedule;
    private final BooleanBinding canUndo;
    private final StringBinding undoLabel;
    private final ObjectProperty<UndoOffer> undoOffer = new SimpleObjectProperty<>();
    private Runnable onChanged = () -> { };
    private final javafx.beans.property.ObjectProperty<java.util.function.Consumer<Appointment>> onCheckOut =
            new javafx.beans.property.SimpleObjectProperty<>();
    private final BooleanBinding canCheckOut;

    public AppointmentDetailsViewModel(ServerConnection connection, ServerCalls calls, ClinicTime time,
                                       Supplier<SlotFinderViewModel> slotFinders, Appointment shown) {
        this.connection = connection;
        this.calls = calls;
        this.time = time;
        this.slotFinders = slotFinders;
        appointment.set(shown);
        canCheckIn = allows(StatusMoves.Status.CHECKED_IN);
        canMarkNoShow = allows(StatusMoves.Status.NO_SHOW);
        canCancel = allows(StatusMoves.Status.CANCELLED);
        canCheckOut = Bindings.createBooleanBinding(() -> appointment.get() != null && !busy.get() && onCheckOut.get() != null
                && appointment.get().getStatus() == AppointmentStatus.APPOINTMENT_STATUS_COMPLETED, appointment, busy, onCheckOut);
        canReschedule = Bindings.createBooleanBinding(() -> appointment.get() != null && !busy.get()
                && StatusMoves.rescheduleRefusal(status(appointment.get())).isEmpty(), appointment, busy);
        canUndo = Bindings.createBooleanBinding(() -> appointment.get() != null && !busy.get()
                && undoable(appointment.get(), history), appointment, busy, history);
        undoLabel = Bindings.createStringBinding(() -> appointment.get() == null ? "Undo" : undoLabel(appointment.get().getStatus()),
                appointment);
    }

    /**
     * Whether the server will take back the move that put the appointment where it is: a check-in
     * or a no-show (the front desk's moves) that is still its last status move (decision 0025).
     */
    static boolean undoable(Appointment a, List<HistoryEntry> history) {
        AppointmentStatus now = a.getStatus();
        if (now != AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN && now != AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW) {
            return false;
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry h = history.get(i);
            if (h.getFromStatus() != h.getToStatus()) {
                return h.getToStatus() == now && h.getAction().equals(status(a).name());
            }
        }
        return false;
    }

    static String undoLabel(AppointmentStatus status) {
        return switch (status) {
            case APPOINTMENT_STATUS_CHECKED_IN -> "Undo check-in";
            case APPOINTMENT_STATUS_NO_SHOW -> "Undo no-show";
            case APPOINTMENT_STATUS_COMPLETED -> "Undo completion";
            default -> "Undo";
        };
    }

    /** The buttons follow the same rules the server applies (shared {@link StatusMoves}). */
    private BooleanBinding allows(StatusMoves.Status to) {
        return Bindings.createBooleanBinding(() -> {
            Appointment a = appointment.get();
            return a != null && !busy.get() && a.getStatus() != AppointmentStatus.APPOINTMENT_STATUS_UNSPECIFIED
                    && StatusMoves.refusal(status(a), to, ClinicTime.instant(a.getStartsAt()), time.now()).isEmpty();
        }, appointment, busy);
    }

    static StatusMoves.Status status(Appointment a) {
        return switch (a.getStatus()) {
            case APPOINTMENT_STATUS_PENDING -> StatusMoves.Status.PENDING;
            case APPOINTMENT_STATUS_CONFIRMED -> StatusMoves.Status.CONFIRMED;
            case APPOINTMENT_STATUS_CHECKED_IN -> StatusMoves.Status.CHECKED_IN;
            case APPOINTMENT_STATUS_IN_CONSULTATION -> StatusMoves.Status.IN_CONSULTATION;
            case APPOINTMENT_STATUS_COMPLETED -> StatusMoves.Status.COMPLETED;
            case APPOINTMENT_STATUS_NO_SHOW -> StatusMoves.Status.NO_SHOW;
            case APPOINTMENT_STATUS_DECLINED -> StatusMoves.Status.DECLINED;
            default -> StatusMoves.Status.CANCELLED; // unknown: offer nothing
        };
    }

    public void onChanged(Runnable handler) {
        this.onChanged = handler;
    }

    record Loaded(Appointment appointment, List<HistoryEntry> history) {}

    /** Fetches the appointment as it is now and its history. */
    /** Who checks a completed visit out (billing, through the workspace); without one there is no Check out. */
    public void onCheckOut(java.util.function.Consumer<Appointment> handler) {
        onCheckOut.set(handler);
    }

    public void checkOut() {
        if (canCheckOut.get()) {
            onCheckOut.get().accept(appointment.get());
        }
    }

    public void load() {
        String id = appointment.get().getAppointmentId();
        calls.call(busy, () -> new Loaded(
                connection.appointments().getAppointment(GetAppointmentRequest.newBuilder().setAppointmentId(id).build()).getAppointment(),
                connection.appointments().getAppointmentHistory(GetAppointmentHistoryRequest.newBuilder().setAppointmentId(id).build())
                        .getEntriesList()), loaded -> {
                            appointment.set(loaded.appointment());
                            history.setAll(loaded.history());
                        }, failure -> message.set(failure.message()));
    }

    public void checkIn() {
        if (busy.get()) {
            return;
        }
        message.set("");
        notice.set("");
        CheckInAppointmentRequest request = CheckInAppointmentRequest.newBuilder().setAppointmentId(id()).build();
        calls.call(busy, () -> connection.appointments().checkInAppointment(request).getAppointment(),
                // The token is what the desk tells the patient: "you are number 7".
                changed -> {
                    String done = changed.getTokenNumber() > 0 ? "Checked in: token " + changed.getTokenNumber() + "." : "Checked in.";
                    changed(changed, done);
                    offerUndo(changed, done);
                }, this::refused);
    }

    /** Acts at once; the notification bar offers it back (decision 0025: undo rather than "are you sure?"). */
    public void markNoShow() {
        if (busy.get()) {
            return;
        }
        message.set("");
        notice.set("");
        MarkNoShowRequest request = MarkNoShowRequest.newBuilder().setAppointmentId(id()).build();
        calls.call(busy, () -> connection.appointments().markNoShow(request).getAppointment(), changed -> {
            changed(changed, "Marked as a no-show.");
            offerUndo(changed, changed.getPatient().getDisplayName() + " marked as a no-show.");
        }, this::refused);
    }

    private void offerUndo(Appointment moved, String text) {
        notice.set(""); // the bar says it, with its Undo
        undoOffer.set(new UndoOffer(text, this::undo));
    }

    /** Takes back the check-in or no-show the appointment is in; the server refuses if it has moved on since. */
    public void undo() {
        Appointment a = appointment.get();
        if (a == null || busy.get()) {
            return;
        }
        undoOffer.set(null);
        message.set("");
        notice.set("");
        UndoStatusMoveRequest request = UndoStatusMoveRequest.newBuilder().setAppointmentId(a.getAppointmentId())
                .setUndoStatus(a.getStatus()).build();
        String what = undoLabel(a.getStatus()).replace("Undo ", "");
        calls.call(busy, () -> connection.appointments().undoStatusMove(request).getAppointment(),
                back -> changed(back, capitalised(what) + " undone: " + StatusStyle.label(back.getStatus()).toLowerCase(java.util.Locale.ROOT)
                        + " again."), this::refused);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Asks for the reason before cancelling. */
    public void startCancelling() {
        rescheduling.set(null);
        cancelError.set("");
        cancelling.set(true);
    }

    public void stopCancelling() {
        cancelling.set(false);
    }

    /** Cancels with the typed reason; returns false (and says why) when the reason is missing. */
    public boolean cancel() {
        String why = cancelReason.get() == null ? "" : cancelReason.get().strip();
        cancelError.set("");
        if (why.isEmpty()) {
            cancelError.set("Say why, e.g. \"Patient called to cancel\".");
            return false;
        }
        if (AppointmentLimits.CANCEL_REASON.exceededBy(why)) {
            cancelError.set(AppointmentLimits.CANCEL_REASON.message());
            return false;
        }
        CancelAppointmentRequest request = CancelAppointmentRequest.newBuilder().setAppointmentId(id()).setReason(why).build();
        act(() -> connection.appointments().cancelAppointment(request).getAppointment(), "Cancelled.");
        return true;
    }

    /** Opens the slot finder on this appointment's type, doctor and location, from its day on. */
    public SlotFinderViewModel startRescheduling() {
        Appointment a = appointment.get();
        cancelling.set(false);
        SlotFinderViewModel finder = slotFinders.get();
        Directory directory = finder.directory();
        directory.type(a.getTypeId()).ifPresent(finder.typeProperty()::set);
        if (finder.typeProperty().get() == null) {
            // A retired type still books its own moves.
            finder.typeProperty().set(org.medconnect.proto.schedule.v1.AppointmentType.newBuilder()
                    .setTypeId(a.getTypeId()).setName(a.getTypeName()).build());
        }
        directory.location(a.getLocationId()).ifPresent(finder.locationProperty()::set);
        Doctor doctor = directory.doctor(a.getDoctorId()).orElse(Doctor.newBuilder()
                .setDoctorId(a.getDoctorId()).setDisplayName(a.getDoctorName()).build());
        finder.prefill(doctor, time.dateOf(a.getStartsAt()), Optional.empty());
        rescheduling.set(finder);
        return finder;
    }

    public void stopRescheduling() {
        rescheduling.set(null);
    }

    /** Moves the appointment to the chosen slot (another doctor or location when the slot says so). */
    public void reschedule() {
        SlotFinderViewModel finder = rescheduling.get();
        if (finder == null || busy.get()) {
            return;
        }
        Slot slot = finder.selectedProperty().get();
        if (slot == null) {
            message.set("Pick the new slot.");
            return;
        }
        Appointment a = appointment.get();
        RescheduleAppointmentRequest.Builder request = RescheduleAppointmentRequest.newBuilder()
                .setAppointmentId(a.getAppointmentId()).setNewStartsAt(slot.getStartsAt());
        if (!slot.getDoctorId().equals(a.getDoctorId())) {
            request.setNewDoctorId(slot.getDoctorId());
        }
        if (!slot.getLocationId().isEmpty() && !slot.getLocationId().equals(a.getLocationId())) {
            request.setNewLocationId(slot.getLocationId());
        }
        RescheduleAppointmentRequest built = request.build();
        message.set("");
        calls.call(busy, () -> connection.appointments().rescheduleAppointment(built).getAppointment(), moved -> {
            rescheduling.set(null);
            changed(moved, "Moved to " + time.dayAndTime(moved.getStartsAt()) + ".");
        }, failure -> {
            if (failure.code() == Status.Code.ABORTED && failure.is(AppointmentReasons.SLOT_TAKEN)) {
                message.set("That slot was just taken. Please pick another.");
                finder.slotTaken();
            } else if (BookingViewModel.slotGone(failure)) {
                message.set(failure.message());
                finder.slotTaken();
            } else {
                message.set(failure.message());
            }
        });
    }

    private void act(java.util.concurrent.Callable<Appointment> work, String done) {
        if (busy.get()) {
            return;
        }
        undoOffer.set(null);
        message.set("");
        notice.set("");
        calls.call(busy, work, changed -> changed(changed, done), this::refused);
    }

    private void changed(Appointment now, String done) {
        cancelling.set(false);
        appointment.set(now);
        notice.set(done);
        onChanged.run();
        reloadHistory();
    }

    private void reloadHistory() {
        GetAppointmentHistoryRequest request = GetAppointmentHistoryRequest.newBuilder().setAppointmentId(id()).build();
        calls.call(new SimpleBooleanProperty(), () -> connection.appointments().getAppointmentHistory(request).getEntriesList(),
                history::setAll, failure -> { });
    }

    private void refused(CallFailure failure) {
        message.set(failure.message());
        if (failure.code() == Status.Code.FAILED_PRECONDITION || failure.code() == Status.Code.ABORTED) {
            load(); // someone else changed it; show it as it is now
        }
    }

    private String id() {
        return appointment.get().getAppointmentId();
    }

    /** True for video visits, which have a link to share. */
    public boolean hasVideoLink() {
        return appointment.get() != null && !appointment.get().getVideoLink().isBlank();
    }

    public Instant startsAt() {
        return ClinicTime.instant(appointment.get().getStartsAt());
    }

    public ObjectProperty<Appointment> appointmentProperty() { return appointment; }
    public ObservableList<HistoryEntry> history() { return history; }
    public StringProperty cancelReasonProperty() { return cancelReason; }
    public StringProperty cancelErrorProperty() { return cancelError; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
    public ObjectProperty<SlotFinderViewModel> reschedulingProperty() { return rescheduling; }
    public BooleanProperty cancellingProperty() { return cancelling; }
    public BooleanBinding canCheckInBinding() { return canCheckIn; }
    public BooleanBinding canMarkNoShowBinding() { return canMarkNoShow; }
    public BooleanBinding canCancelBinding() { return canCancel; }
    public BooleanBinding canRescheduleBinding() { return canReschedule; }
    public BooleanBinding canUndoBinding() { return canUndo; }
    public StringBinding undoLabelBinding() { return undoLabel; }
    public ObjectProperty<UndoOffer> undoOfferProperty() { return undoOffer; }
    public BooleanBinding canCheckOutBinding() { return canCheckOut; }
    public ClinicTime time() { return time; }
}
