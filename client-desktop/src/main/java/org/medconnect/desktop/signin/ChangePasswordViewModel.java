package org.medconnect.desktop.signin;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.auth.v1.ChangePasswordRequest;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.shared.staff.StaffRules;

/** Choosing a new password: current, new, repeat; checked with the shared rules before sending. */
public final class ChangePasswordViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String username;
    private final StringProperty currentPassword = new SimpleStringProperty("");
    private final StringProperty newPassword = new SimpleStringProperty("");
    private final StringProperty repeatPassword = new SimpleStringProperty("");
    private final StringProperty currentError = new SimpleStringProperty("");
    private final StringProperty newError = new SimpleStringProperty("");
    private final StringProperty repeatError = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private Consumer<Principal> onChanged = principal -> {};

    public ChangePasswordViewModel(ServerConnection connection, ServerCalls calls, String username) {
        this.connection = connection;
        this.calls = calls;
        this.username = username;
    }

    public void onChanged(Consumer<Principal> handler) {
        this.onChanged = handler;
    }

    /** Checks the form; true when it may be sent. */
    public boolean validate() {
        currentError.set(currentPassword.get().isEmpty() ? "Enter your current (temporary) password." : "");
        newError.set(StaffRules.checkNewPassword(newPassword.get(), username).orElse(""));
        if (newError.get().isEmpty() && newPassword.get().equals(currentPassword.get())) {
            newError.set("Choose a password different from the current one.");
        }
        repeatError.set(!newPassword.get().equals(repeatPassword.get()) ? "The two new passwords are not the same." : "");
        return currentError.get().isEmpty() && newError.get().isEmpty() && repeatError.get().isEmpty();
    }

    public void submit() {
        if (busy.get() || !validate()) {
            return;
        }
        message.set("");
        ChangePasswordRequest request = ChangePasswordRequest.newBuilder()
                .setCurrentPassword(currentPassword.get()).setNewPassword(newPassword.get()).build();
        calls.call(busy, () -> connection.auth().changePassword(request),
                response -> onChanged.accept(response.getPrincipal()), this::showFailure);
    }

    private void showFailure(CallFailure failure) {
        currentError.set(failure.fieldErrors().getOrDefault("current_password", ""));
        newError.set(failure.fieldErrors().getOrDefault("new_password", ""));
        message.set(failure.fieldErrors().isEmpty() ? failure.message() : "");
    }

    public String username() {
        return username;
    }

    public StringProperty currentPasswordProperty() { return currentPassword; }
    public StringProperty newPasswordProperty() { return newPassword; }
    public StringProperty repeatPasswordProperty() { return repeatPassword; }
    public StringProperty currentErrorProperty() { return currentError; }
    public StringProperty newErrorProperty() { return newError; }
    public StringProperty repeatErrorProperty() { return repeatError; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
