package org.medconnect.desktop.queue;

import org.medconnect.desktop.platform.Plural;

import org.medconnect.desktop.platform.live.AppointmentListener;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import java.util.Optional;
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
import org.medconnect.proto.appointment.v1.CompleteAppointmentRequest;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.UndoStatusMoveRequest;
import org.medconnect.desktop.platform.UndoOffer;
import org.medconnect.proto.queue.v1.CallNextPatientRequest;
import org.medconnect.proto.queue.v1.GetDoctorQueueRequest;
import org.medconnect.proto.queue.v1.GetDoctorQueueResponse;

/**
 * The signed-in doctor's queue for today: who is in consultation, who waits in token order,
 * and the two moves of the day, "Call next" and "Complete".
 */
public final class DoctorQueueViewModel implements AppointmentListener {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String doctorId;
    private final ObjectProperty<Optional<Appointment>> serving = new SimpleObjectProperty<>(Optional.empty());
    private final ObservableList<Appointment> waiting = FXCollections.observableArrayList();
    private final StringProperty announcement = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<UndoOffer> undoOffer = new SimpleObjectProperty<>();
    private long generation;

    public DoctorQueueViewModel(ServerConnection connection, ServerCalls calls, String doctorId) {
        this.connection = connection;
        this.calls = calls;
        this.doctorId = doctorId;
    }

    public void reload() {
        long mine = ++generation;
        calls.call(busy, () -> connection.queue().getDoctorQueue(GetDoctorQueueRequest.getDefaultInstance()), queue -> {
            if (mine == generation) {
                accept(queue);
                message.set("");
            }
        }, this::showFailure);
    }

    /**
     * One appointment changed (e.g. from the live event stream): if it is in, or could enter,
     * this doctor's queue, the queue is read again so order and tokens stay the server's.
     */
    @Override
    public void appointmentChanged(AppointmentEvent event) {
        applyChange(event.getAppointment());
    }

    @Override
    public void reloadNeeded() {
        reload();
    }

    public void applyChange(Appointment changed) {
        if (changed.getDoctorId().equals(doctorId) && changed.getTokenNumber() > 0) {
            reload();
        }
    }

    void accept(GetDoctorQueueResponse queue) {
        serving.set(queue.hasServing() ? Optional.of(queue.getServing()) : Optional.empty());
        waiting.setAll(queue.getWaitingList());
        summary.set(summarize(queue.hasServing(), queue.getWaitingCount(), queue.getLastToken()));
        if (queue.hasServing() && announcement.get().isEmpty()) {
            announcement.set(announce(queue.getServing().getTokenNumber(), queue.getServing().getRoomName()));
        } else if (!queue.hasServing()) {
            announcement.set("");
        }
    }

    /** Calls the first waiting patient in; the answer says which token and room to announce. */
    public void callNext() {
        undoOffer.set(null); // the next step: a completion is no longer the last move
        calls.call(busy, () -> connection.queue().callNextPatient(CallNextPatientRequest.getDefaultInstance()), called -> {
            announcement.set(called.getAnnouncement());
            message.set("");
            reload();
        }, this::showFailure);
    }

    /** Ends the consultation of the patient being seen. */
    public void complete() {
        Optional<Appointment> now = serving.get();
        if (now.isEmpty()) {
            return;
        }
        CompleteAppointmentRequest request = CompleteAppointmentRequest.newBuilder()
                .setAppointmentId(now.get().getAppointmentId()).build();
        undoOffer.set(null);
        calls.call(busy, () -> connection.appointments().completeAppointment(request).getAppointment(), done -> {
            announcement.set("");
            message.set("");
            // Acts at once; the bar offers it back while it is the last step (decision 0025).
            undoOffer.set(new UndoOffer("Token " + done.getTokenNumber() + " (" + done.getPatient().getDisplayName()
                    + ") completed.", () -> undoComplete(done)));
            reload();
        }, this::showFailure);
    }

    /** Back to "in consultation", e.g. after Complete on the wrong patient; refused once the next patient is called. */
    public void undoComplete(Appointment completed) {
        UndoStatusMoveRequest request = UndoStatusMoveRequest.newBuilder().setAppointmentId(completed.getAppointmentId())
                .setUndoStatus(AppointmentStatus.APPOINTMENT_STATUS_COMPLETED).build();
        undoOffer.set(null);
        calls.call(busy, () -> connection.appointments().undoStatusMove(request).getAppointment(), back -> {
            message.set("");
            reload();
        }, this::showFailure);
    }

    public boolean canCallNext() {
        return serving.get().isEmpty() && !waiting.isEmpty();
    }

    private void showFailure(CallFailure failure) {
        message.set(failure.message());
        if (failure.code() == io.grpc.Status.Code.FAILED_PRECONDITION || failure.code() == io.grpc.Status.Code.ABORTED) {
            reload(); // the queue changed under us: show it as it is now
        }
    }

    static String announce(int token, String room) {
        return "Token " + token + (room.isEmpty() ? ", please come in" : ", please go to " + room);
    }

    static String summarize(boolean seeing, int waitingCount, int lastToken) {
        if (lastToken == 0) {
            return "Nobody has checked in yet today";
        }
        String waits = waitingCount == 0 ? "nobody waiting" : waitingCount + " waiting";
        return (seeing ? "In consultation · " : "") + waits + " · " + Plural.of(lastToken, "token", "tokens") + " issued today";
    }

    public ObjectProperty<Optional<Appointment>> servingProperty() { return serving; }
    public ObservableList<Appointment> waiting() { return waiting; }
    public StringProperty announcementProperty() { return announcement; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public ObjectProperty<UndoOffer> undoOfferProperty() { return undoOffer; }
    public BooleanProperty busyProperty() { return busy; }
}
