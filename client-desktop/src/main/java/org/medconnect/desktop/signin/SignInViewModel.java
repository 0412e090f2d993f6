package org.medconnect.desktop.signin;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.proto.auth.v1.SecondFactorStep;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;

/** Sign-in form state: server, username, password, the message to show, and the sign-in command. */
public final class SignInViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final DesktopPreferences preferences;
    private final String workstation;
    private final StringProperty serverAddress = new SimpleStringProperty("");
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private Consumer<SignInResponse> onSignedIn = response -> {};
    private Consumer<SignInResponse> onSecondFactor = response -> {};

    public SignInViewModel(ServerConnection connection, ServerCalls calls, DesktopPreferences preferences, String workstation) {
        this.connection = connection;
        this.calls = calls;
        this.preferences = preferences;
        this.workstation = workstation;
        preferences.lastServer().ifPresent(serverAddress::set);
        preferences.lastUsername().ifPresent(username::set);
    }

    public void onSignedIn(Consumer<SignInResponse> handler) {
        this.onSignedIn = handler;
    }

    /** Called instead of {@link #onSignedIn} when the password was right but a second factor is owed. */
    public void onSecondFactor(Consumer<SignInResponse> handler) {
        this.onSecondFactor = handler;
    }

    public void signIn() {
        if (busy.get()) {
            return;
        }
        String address = ServerConnection.normalize(serverAddress.get());
        try {
            ServerConnection.HostPort.parse(address);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        String user = username.get() == null ? "" : username.get().strip();
        if (user.isEmpty()) {
            message.set("Enter your username.");
            return;
        }
        if (password.get() == null || password.get().isEmpty()) {
            message.set("Enter your password.");
            return;
        }
        message.set("");
        note.set("");
        SignInRequest request = SignInRequest.newBuilder()
                .setUsername(user).setPassword(password.get()).setWorkstation(workstation).build();
        calls.call(busy, () -> {
            connection.connectTo(address);
            return connection.auth().signIn(request);
        }, response -> {
            connection.useToken(response.getSessionToken());
            preferences.rememberSignIn(address, user);
            password.set("");
            if (response.getSecondFactorStep() != SecondFactorStep.SECOND_FACTOR_STEP_UNSPECIFIED) {
                onSecondFactor.accept(response);
                return;
            }
            onSignedIn.accept(response);
        }, this::showFailure);
    }

    private void showFailure(CallFailure failure) {
        message.set(failure.message());
        if (failure.is(ServerErrors.WRONG_CREDENTIALS) || failure.is(ServerErrors.ACCOUNT_LOCKED)) {
            password.set("");
        }
    }

    public StringProperty serverAddressProperty() {
        return serverAddress;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** A good-news line for the card, e.g. after a password reset. */
    public StringProperty noteProperty() {
        return note;
    }

    /** The "Forgot password?" form for the server and username on the card; back on the card with a note when done. */
    public ForgotPasswordViewModel forgotPassword() {
        ForgotPasswordViewModel forgot = new ForgotPasswordViewModel(connection, calls, serverAddress.get(), username.get());
        forgot.onDone(done -> {
            username.set(forgot.usernameProperty().get().strip());
            password.set("");
            message.set("");
            note.set(done);
        });
        return forgot;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
