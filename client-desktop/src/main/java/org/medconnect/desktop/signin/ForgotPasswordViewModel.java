package org.medconnect.desktop.signin;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.auth.v1.PasswordResetDelivery;
import org.medconnect.proto.auth.v1.RequestPasswordResetCodeRequest;
import org.medconnect.proto.auth.v1.ResetPasswordWithCodeRequest;
import org.medconnect.shared.staff.StaffRules;

/**
 * "Forgot password?" on the sign-in card: ask the server for a one-time code (by email when it has a mail
 * server, otherwise it says to ask an administrator), then the code and a new password under the shared rules.
 */
public final class ForgotPasswordViewModel {

    /** Where the form is: asking for a code, entering it with a new password, or told to ask an admin. */
    public enum Stage { REQUEST, CODE, ASK_ADMIN }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String serverAddress;
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty newPassword = new SimpleStringProperty("");
    private final StringProperty repeatPassword = new SimpleStringProperty("");
    private final StringProperty codeError = new SimpleStringProperty("");
    private final StringProperty newError = new SimpleStringProperty("");
    private final StringProperty repeatError = new SimpleStringProperty("");
    private final StringProperty info = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<Stage> stage = new SimpleObjectProperty<>(Stage.REQUEST);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private Consumer<String> onDone = note -> {};

    public ForgotPasswordViewModel(ServerConnection connection, ServerCalls calls, String serverAddress, String username) {
        this.connection = connection;
        this.calls = calls;
        this.serverAddress = serverAddress;
        this.username.set(username == null ? "" : username.strip());
    }

    /** Called with the note for the sign-in card once the password is reset. */
    public void onDone(Consumer<String> handler) {
        this.onDone = handler;
    }

    Consumer<String> onDoneHandler() {
        return onDone;
    }

    public void requestCode() {
        String user = username.get() == null ? "" : username.get().strip();
        if (user.isEmpty()) {
            message.set("Enter your username.");
            return;
        }
        String address = ServerConnection.normalize(serverAddress);
        try {
            ServerConnection.HostPort.parse(address);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        message.set("");
        calls.call(busy, () -> {
            connection.connectTo(address);
            return connection.auth().requestPasswordResetCode(RequestPasswordResetCodeRequest.newBuilder().setUsername(user).build());
        }, response -> {
            if (response.getDelivery() == PasswordResetDelivery.PASSWORD_RESET_DELIVERY_ASK_ADMIN) {
                info.set(response.getMessage().isBlank()
                        ? "This server cannot send email: ask an administrator to reset your password." : response.getMessage());
                stage.set(Stage.ASK_ADMIN);
            } else {
                info.set(response.getMessage().isBlank()
                        ? "If that username has an email address, a code is on its way. It is valid for 15 minutes."
                        : response.getMessage());
                stage.set(Stage.CODE);
            }
        }, failure -> message.set(failure.message()));
    }

    /** Checks the code form with the same password rules the server applies. */
    public boolean validate() {
        String typed = code.get() == null ? "" : code.get().strip();
        codeError.set(typed.isEmpty() ? "Enter the code from the email." : "");
        newError.set(StaffRules.checkNewPassword(newPassword.get(), username.get().strip()).orElse(""));
        repeatError.set(!newPassword.get().equals(repeatPassword.get()) ? "The two new passwords are not the same." : "");
        return codeError.get().isEmpty() && newError.get().isEmpty() && repeatError.get().isEmpty();
    }

    public void reset() {
        if (busy.get() || !validate()) {
            return;
        }
        message.set("");
        ResetPasswordWithCodeRequest request = ResetPasswordWithCodeRequest.newBuilder().setUsername(username.get().strip())
                .setCode(code.get().strip()).setNewPassword(newPassword.get()).build();
        calls.call(busy, () -> connection.auth().resetPasswordWithCode(request), response -> {
            newPassword.set("");
            repeatPassword.set("");
            onDone.accept("Your password was changed. Sign in with the new one.");
        }, this::showFailure);
    }

    private void showFailure(CallFailure failure) {
        codeError.set(failure.fieldErrors().getOrDefault("code", ""));
        newError.set(failure.fieldErrors().getOrDefault("new_password", ""));
        message.set(failure.fieldErrors().isEmpty() || !codeError.get().isEmpty() && !failure.message().isEmpty()
                ? failure.message() : "");
    }

    public StringProperty usernameProperty() { return username; }
    public StringProperty codeProperty() { return code; }
    public StringProperty newPasswordProperty() { return newPassword; }
    public StringProperty repeatPasswordProperty() { return repeatPassword; }
    public StringProperty codeErrorProperty() { return codeError; }
    public StringProperty newErrorProperty() { return newError; }
    public StringProperty repeatErrorProperty() { return repeatError; }
    public StringProperty infoProperty() { return info; }
    public StringProperty messageProperty() { return message; }
    public ObjectProperty<Stage> stageProperty() { return stage; }
    public BooleanProperty busyProperty() { return busy; }
}
