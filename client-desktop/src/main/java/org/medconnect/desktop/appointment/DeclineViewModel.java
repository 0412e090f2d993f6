package org.medconnect.desktop.appointment;

import org.medconnect.shared.appointment.AppointmentLimits;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.DeclineAppointmentRequest;

/** Declining one booking request: the reason is required, because reception tells the patient. */
public final class DeclineViewModel {


    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Appointment appointment;
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty reasonError = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private Consumer<Appointment> onDeclined = a -> { };

    DeclineViewModel(ServerConnection connection, ServerCalls calls, Appointment appointment) {
        this.connection = connection;
        this.calls = calls;
        this.appointment = appointment;
    }

    public void onDeclined(Consumer<Appointment> handler) {
        this.onDeclined = handler;
    }

    public void decline() {
        if (busy.get()) {
            return;
        }
        String text = reason.get() == null ? "" : reason.get().strip();
        if (text.isEmpty()) {
            reasonError.set("Enter a reason; reception passes it on to the patient.");
            return;
        }
        if (AppointmentLimits.CANCEL_REASON.exceededBy(text)) {
            reasonError.set(AppointmentLimits.CANCEL_REASON.message(text.length()));
            return;
        }
        reasonError.set("");
        message.set("");
        DeclineAppointmentRequest request = DeclineAppointmentRequest.newBuilder()
                .setAppointmentId(appointment.getAppointmentId()).setReason(text).build();
        calls.call(busy, () -> connection.appointments().declineAppointment(request).getAppointment(),
                declined -> onDeclined.accept(declined), this::showFailure);
    }

    private void showFailure(CallFailure failure) {
        reasonError.set(failure.fieldErrors().getOrDefault("reason", ""));
        message.set(failure.message());
    }

    public Appointment appointment() { return appointment; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty reasonErrorProperty() { return reasonError; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
