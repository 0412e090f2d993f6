package org.medconnect.desktop.prescription.refill;

import java.time.Duration;
import java.time.ZoneId;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.medconnect.desktop.platform.ConnectionState;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;

/** A second workstation signed in to a real server, showing one screen in its own 1366 x 768 window (flow tests). */
public final class SignedInWorkstation implements AutoCloseable {

    public final ServerConnection connection;
    public final ServerCalls calls;
    public final SignInResponse signedIn;

    private SignedInWorkstation(ServerConnection connection, ServerCalls calls, SignInResponse signedIn) {
        this.connection = connection;
        this.calls = calls;
        this.signedIn = signedIn;
    }

    public static SignedInWorkstation signIn(String server, String username, String password, ZoneId zone) {
        ServerConnection connection = new ServerConnection(Duration.ofSeconds(10), state -> { });
        connection.connectTo(server);
        SignInResponse signedIn = connection.auth().signIn(SignInRequest.newBuilder().setUsername(username)
                .setPassword(password).setWorkstation("TEST-PC-2").build());
        connection.useToken(signedIn.getSessionToken());
        SessionState session = new SessionState();
        session.principalProperty().set(signedIn.getPrincipal());
        session.serverAddressProperty().set(server);
        session.connectionProperty().set(ConnectionState.CONNECTED);
        ServerCalls calls = new ServerCalls(new FxTaskRunner(), new ServerErrors(connection::address, zone), session);
        return new SignedInWorkstation(connection, calls, signedIn);
    }

    /** Shows {@code screen} in {@code stage}; wrapped so the screen's "reload when shown" runs as in a workspace. */
    public static void show(Stage stage, Parent screen, String title) {
        Scene scene = new Scene(new StackPane(screen), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.titleProperty().unbind(); // the shared primary stage may still carry an earlier test's shell binding
        stage.titleProperty().unbind();
        stage.setTitle(title);
        stage.show();
    }

    @Override
    public void close() {
        connection.close();
    }
}
