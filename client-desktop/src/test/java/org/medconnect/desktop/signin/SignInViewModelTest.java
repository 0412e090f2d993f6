package org.medconnect.desktop.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.desktop.platform.ConnectionState;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.TaskRunner;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.proto.auth.v1.SignInResponse;

class SignInViewModelTest {

    @TempDir
    Path home;
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(2), state -> { });
    private final SessionState session = new SessionState();

    @AfterEach
    void closeConnection() {
        connection.close();
    }

    private SignInViewModel model(TaskRunner runner) {
        ServerCalls calls = new ServerCalls(runner, new ServerErrors(connection::address, ZoneOffset.UTC), session);
        return new SignInViewModel(connection, calls, new DesktopPreferences(home), "TEST-PC");
    }

    @Test
    void asksForTheUsernameBeforeCallingTheServer() {
        ScriptedTaskRunner runner = new ScriptedTaskRunner();
        SignInViewModel model = model(runner);
        model.passwordProperty().set("secret-password");

        model.signIn();

        assertThat(model.messageProperty().get()).isEqualTo("Enter your username.");
        assertThat(runner.pendingCount()).isZero();
    }

    @Test
    void explainsAMalformedServerAddress() {
        SignInViewModel model = model(new ScriptedTaskRunner());
        model.serverAddressProperty().set("clinic-server");
        model.usernameProperty().set("maria");
        model.passwordProperty().set("x");

        model.signIn();

        assertThat(model.messageProperty().get()).contains("host:port");
    }

    @Test
    void isBusyWhileTheCallRunsAndNotAfter() {
        ScriptedTaskRunner runner = new ScriptedTaskRunner();
        SignInViewModel model = model(runner);
        model.usernameProperty().set("maria");
        model.passwordProperty().set("secret-password");

        model.signIn();
        assertThat(model.busyProperty().get()).isTrue();
        model.signIn(); // a second press while busy sends nothing
        assertThat(runner.pendingCount()).isEqualTo(1);

        runner.fail(Failures.reason(Status.Code.UNAUTHENTICATED, "The username or password is not right.", "WRONG_CREDENTIALS"));

        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("The username or password is not right.");
        assertThat(model.passwordProperty().get()).isEmpty();
    }

    @Test
    void rememberServerAndUsernameAfterSigningIn() {
        ScriptedTaskRunner runner = new ScriptedTaskRunner();
        SignInViewModel model = model(runner);
        model.serverAddressProperty().set("clinic-server:7000");
        model.usernameProperty().set("maria");
        model.passwordProperty().set("secret-password");
        Principal[] signedIn = new Principal[1];
        model.onSignedIn(response -> signedIn[0] = response.getPrincipal());

        model.signIn();
        runner.succeed(SignInResponse.newBuilder().setSessionToken("t")
                .setPrincipal(Principal.newBuilder().setUsername("maria")).build());

        assertThat(signedIn[0].getUsername()).isEqualTo("maria");
        DesktopPreferences reread = new DesktopPreferences(home);
        assertThat(reread.lastServer()).contains("clinic-server:7000");
        assertThat(reread.lastUsername()).contains("maria");
        assertThat(model(runner).usernameProperty().get()).isEqualTo("maria");
    }

    @Test
    void unreachableServerSaysWhereItLookedAndMarksTheConnectionLost() {
        SignInViewModel model = model(new SameThreadTaskRunner());
        model.serverAddressProperty().set("127.0.0.1:1");
        model.usernameProperty().set("maria");
        model.passwordProperty().set("secret-password");

        model.signIn();

        assertThat(model.messageProperty().get()).isEqualTo("Cannot reach the MedConnect server at 127.0.0.1:1. "
                + "Check the address and that the server is running.");
        assertThat(session.connectionProperty().get()).isEqualTo(ConnectionState.LOST);
        assertThat(model.passwordProperty().get()).isEqualTo("secret-password");
    }
}
