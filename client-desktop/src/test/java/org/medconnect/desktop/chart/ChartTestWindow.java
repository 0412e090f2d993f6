package org.medconnect.desktop.chart;

import java.time.Clock;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.medconnect.desktop.platform.ConnectionState;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;

/** A workstation signed in to a real server, for the chart flow tests and screenshots: mounts a chart or the admin review in a stage. */
final class ChartTestWindow implements AutoCloseable {

    final ServerConnection connection;
    final ServerCalls calls;
    final Dialogs dialogs;
    final SignInResponse signedIn;
    final Clock clock;

    private ChartTestWindow(ServerConnection connection, ServerCalls calls, Dialogs dialogs, SignInResponse signedIn, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.dialogs = dialogs;
        this.signedIn = signedIn;
        this.clock = clock;
    }

    static ChartTestWindow signIn(String server, String username, String password, Clock clock) {
        ServerConnection connection = new ServerConnection(Duration.ofSeconds(10), state -> { });
        connection.connectTo(server);
        SignInResponse signedIn = connection.auth().signIn(SignInRequest.newBuilder().setUsername(username)
                .setPassword(password).setWorkstation("TEST-PC").build());
        connection.useToken(signedIn.getSessionToken());
        SessionState session = new SessionState();
        session.principalProperty().set(signedIn.getPrincipal());
        session.serverAddressProperty().set(server);
        session.connectionProperty().set(ConnectionState.CONNECTED);
        ServerCalls calls = new ServerCalls(new FxTaskRunner(), new ServerErrors(connection::address, clock.getZone()), session);
        return new ChartTestWindow(connection, calls, new Dialogs(new OverlayHost()), signedIn, clock);
    }

    /** The chart of one patient in {@code stage}, 1366 x 768. */
    ChartView showChart(Stage stage, String patientId, String patientName) {
        ChartView view = new ChartWindow(connection, calls, dialogs, clock, signedIn.getPrincipal(), null)
                .view(patientId, patientName, () -> { });
        show(stage, view, "Chart — " + patientName);
        return view;
    }

    void showReview(Stage stage) {
        show(stage, new BreakGlassReviewView(new BreakGlassReviewViewModel(connection, calls, clock.getZone())), "Break the glass");
    }

    private static void show(Stage stage, javafx.scene.Parent root, String title) {
        Scene scene = new Scene(root, 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.titleProperty().unbind();
        stage.setTitle(title);
        stage.show();
    }

    @Override
    public void close() {
        connection.close();
    }
}
