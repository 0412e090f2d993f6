package org.medconnect.desktop.chart.problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.chart.medication.MedicationsPage;
import org.medconnect.desktop.platform.ConnectionState;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;

/**
 * A 1366 x 768 window holding the Problems and Medications pages the way the chart shell will
 * (a patient header, page buttons on the left), signed in to a real server, with a small chart
 * context whose {@link #changed} plays a live chart event. Until the shell is merged.
 */
public final class ChartListsWindow implements AutoCloseable {

    private final ServerConnection connection;
    private final List<Runnable> problemWatchers = new ArrayList<>();
    private final List<Runnable> medicationWatchers = new ArrayList<>();
    private final BorderPane frame = new BorderPane();
    private Scene scene;

    private ChartListsWindow(ServerConnection connection) {
        this.connection = connection;
    }

    public static ChartListsWindow show(Stage stage, String server, String username, String password, String patientId,
                                        String patientName, Clock clock) {
        ServerConnection connection = new ServerConnection(Duration.ofSeconds(10), state -> { });
        connection.connectTo(server);
        SignInResponse signedIn = connection.auth().signIn(SignInRequest.newBuilder().setUsername(username)
                .setPassword(password).setWorkstation("TEST-PC").build());
        connection.useToken(signedIn.getSessionToken());
        ChartListsWindow window = new ChartListsWindow(connection);
        SessionState session = new SessionState();
        session.principalProperty().set(signedIn.getPrincipal());
        session.serverAddressProperty().set(server);
        session.connectionProperty().set(ConnectionState.CONNECTED);
        ServerCalls calls = new ServerCalls(new FxTaskRunner(), new ServerErrors(connection::address, clock.getZone()), session);

        ChartContext context = window.context(patientId, patientName, signedIn.getPrincipal());
        ChartPage problems = new ProblemsPage(connection, calls, clock);
        ChartPage medications = new MedicationsPage(connection, calls, clock);
        Node problemsNode = problems.create(context);
        Node medicationsNode = medications.create(context);
        Button problemsButton = new Button("Problems");
        problemsButton.setId("nav-problems");
        problemsButton.setOnAction(e -> window.frame.setCenter(problemsNode));
        Button medicationsButton = new Button("Medications");
        medicationsButton.setId("nav-medications");
        medicationsButton.setOnAction(e -> window.frame.setCenter(medicationsNode));
        problemsButton.setMaxWidth(Double.MAX_VALUE);
        medicationsButton.setMaxWidth(Double.MAX_VALUE);
        VBox nav = new VBox(6, problemsButton, medicationsButton);
        nav.setPadding(new Insets(12));
        nav.setPrefWidth(150);
        Label header = new Label(patientName);
        header.getStyleClass().add("title-3");
        HBox top = new HBox(header);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(10, 16, 10, 16));
        window.frame.setTop(top);
        window.frame.setLeft(nav);
        window.frame.setCenter(problemsNode);
        window.scene = new Scene(window.frame, 1366, 768);
        Theme.apply(window.scene);
        stage.setScene(window.scene);
        stage.titleProperty().unbind();
        stage.setTitle("MedConnect — " + patientName);
        stage.show();
        return window;
    }

    private ChartContext context(String patientId, String patientName, Principal caller) {
        return new ChartContext() {
            @Override
            public String patientId() {
                return patientId;
            }

            @Override
            public String patientName() {
                return patientName;
            }

            @Override
            public Principal caller() {
                return caller;
            }

            @Override
            public void onChange(Set<String> entryKinds, Runnable refresh) {
                if (entryKinds.contains("PROBLEM")) {
                    problemWatchers.add(refresh);
                }
                if (entryKinds.contains("MEDICATION")) {
                    medicationWatchers.add(refresh);
                }
            }

            @Override
            public void showPage(String title) { }
        };
    }

    /** Plays a live chart event of this entry kind, as the chart shell would on the FX thread. */
    public void changed(String entryKind) {
        (entryKind.equals("PROBLEM") ? problemWatchers : medicationWatchers).forEach(Runnable::run);
    }

    /** Writes the window's current picture as a PNG. */
    public void snapshot(Path file) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        var image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), pixels, 0, w);
        var png = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        javax.imageio.ImageIO.write(png, "png", file.toFile());
    }

    @Override
    public void close() {
        connection.close();
    }
}
