package org.medconnect.desktop.absence;

import org.medconnect.desktop.platform.Theme;
import atlantafx.base.theme.Styles;
import java.time.Clock;
import java.time.Duration;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.medconnect.desktop.platform.ConnectionState;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.PlaceholderPanel;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.StatusBar;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;

/**
 * A workstation window with the absence screen mounted the way the reception workspace will
 * mount it (left navigation, top bar, status bar), signed in to a real server. For the flow
 * test and the screenshot, until the screen is in the workspaces' navigation.
 */
final class AbsenceWindow implements AutoCloseable {

    private final ServerConnection connection;
    private final FxTaskRunner runner = new FxTaskRunner();

    private AbsenceWindow(ServerConnection connection) {
        this.connection = connection;
    }

    /** Signs in as {@code username} and shows the screen in {@code stage}, 1280 x 760 like the real window. */
    static AbsenceWindow show(Stage stage, String server, String username, String password, Clock clock) {
        ServerConnection connection = new ServerConnection(Duration.ofSeconds(10), state -> { });
        connection.connectTo(server);
        SignInResponse signedIn = connection.auth().signIn(SignInRequest.newBuilder().setUsername(username)
                .setPassword(password).setWorkstation("TEST-PC").build());
        connection.useToken(signedIn.getSessionToken());
        AbsenceWindow window = new AbsenceWindow(connection);

        SessionState session = new SessionState();
        session.principalProperty().set(signedIn.getPrincipal());
        session.serverAddressProperty().set(server);
        session.connectionProperty().set(ConnectionState.CONNECTED);
        ServerCalls calls = new ServerCalls(window.runner, new ServerErrors(connection::address, clock.getZone()), session);
        OverlayHost overlays = new OverlayHost();
        Dialogs dialogs = new Dialogs(overlays);

        NavigationWorkspace workspace = new NavigationWorkspace("RECEPTION")
                .add("day-board", "Day board", () -> new PlaceholderPanel("Day board", ""))
                .add("appointments", "Appointments", () -> new PlaceholderPanel("Appointments", ""))
                .add("patients", "Patients", () -> new PlaceholderPanel("Patients", ""))
                .add("waiting-list", "Waiting list", () -> new PlaceholderPanel("Waiting list", ""))
                // The line the lead adds to ReceptionWorkspace and AdminConsole:
                .add("doctor-absence", "Doctor absence", () -> new DoctorAbsenceView(
                        new DoctorAbsenceViewModel(connection, calls, clock), dialogs));
        BorderPane frame = new BorderPane(workspace);
        frame.setTop(topBar(signedIn.getPrincipal().getDisplayName()));
        overlays.setContent(frame);
        BorderPane root = new BorderPane(overlays.node());
        root.setBottom(new StatusBar(session));

        Scene scene = new Scene(root, 1280, 760);
        Theme.apply(scene);
        stage.setScene(scene);
        // Flow tests share one stage; an earlier test's app may have bound its title.
        stage.titleProperty().unbind();
        stage.setTitle("MedConnect — Reception");
        stage.show();
        ((javafx.scene.control.ToggleButton) workspace.lookup("#nav-doctor-absence")).setSelected(true);
        return window;
    }

    private static HBox topBar(String user) {
        Label brand = new Label("MedConnect");
        brand.getStyleClass().addAll(Styles.TITLE_4, Styles.ACCENT);
        Label area = new Label("Reception");
        area.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label who = new Label(user);
        who.getStyleClass().add(Styles.TEXT_BOLD);
        Button signOut = new Button("Sign out");
        signOut.getStyleClass().add(Styles.BUTTON_OUTLINED);
        HBox bar = new HBox(12, brand, area, spacer, who, signOut);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 16, 8, 16));
        bar.setStyle("-fx-background-color: -color-bg-default; -fx-border-color: -color-border-default; -fx-border-width: 0 0 1 0;");
        return bar;
    }

    @Override
    public void close() {
        runner.close();
        connection.close();
    }
}
