package org.medconnect.desktop.chart.prescription;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.chart.ChartView;
import org.medconnect.desktop.chart.ChartWindow;
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
import org.medconnect.proto.prescription.v1.CreatePrescriptionRequest;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionAlert;
import org.medconnect.proto.prescription.v1.PrescriptionAlertSeverity;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.proto.prescription.v1.PrescriptionLineInput;
import org.medconnect.proto.prescription.v1.PrescriptionOverride;
import org.medconnect.proto.prescription.v1.PrescriptionRoute;
import org.medconnect.proto.prescription.v1.SignPrescriptionRequest;

/**
 * A doctor's workstation signed in to a real server, showing one patient's whole chart (the shell
 * with every page) at 1366 x 768, for the Prescriptions flow test and screenshot; also writes
 * prescriptions through the real RPCs, as that doctor, to seed them.
 */
final class RxChartWindow implements AutoCloseable {

    final ServerConnection connection;
    final ServerCalls calls;
    final SignInResponse signedIn;
    private Scene scene;

    private RxChartWindow(ServerConnection connection, ServerCalls calls, SignInResponse signedIn) {
        this.connection = connection;
        this.calls = calls;
        this.signedIn = signedIn;
    }

    static RxChartWindow signIn(String server, String username, String password, Clock clock) {
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
        return new RxChartWindow(connection, calls, signedIn);
    }

    /** The chart of one patient in {@code stage} (call on the FX thread). */
    ChartView showChart(Stage stage, String patientId, String patientName, Clock clock) {
        ChartView view = new ChartWindow(connection, calls, new Dialogs(new OverlayHost()), clock, signedIn.getPrincipal(), null)
                .view(patientId, patientName, () -> { });
        scene = new Scene(view, 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.titleProperty().unbind();
        stage.titleProperty().unbind();
        stage.setTitle("Chart \u2014 " + patientName);
        stage.show();
        return view;
    }

    /** Chooses a page of the chart as a click on its name would (call on the FX thread). */
    @SuppressWarnings("unchecked")
    void choosePage(String title) {
        ListView<ChartPage> pages = (ListView<ChartPage>) scene.lookup("#chart-pages");
        pages.getItems().stream().filter(p -> p.title().equals(title)).findFirst().ifPresent(p -> pages.getSelectionModel().select(p));
    }

    // ---- seeding through the real RPCs ----

    static PrescriptionLineInput line(String drugKey, String strength, String form, PrescriptionFrequency frequency, int days, int refills,
                                      String instructions, String warnings) {
        return PrescriptionLineInput.newBuilder().setDrugKey(drugKey).setStrength(strength).setForm(form)
                .setRoute(PrescriptionRoute.PRESCRIPTION_ROUTE_ORAL).setDoseAmount("1").setDoseUnit(form).setFrequency(frequency)
                .setDurationDays(days).setRefills(refills).setInstructions(instructions).setWarnings(warnings).build();
    }

    Prescription draft(UUID patientId, PrescriptionLineInput... lines) {
        return connection.prescriptions().createPrescription(CreatePrescriptionRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patientId.toString()).addAllLines(List.of(lines)).build()).getPrescription();
    }

    /** A draft signed at once, every high alert overridden with {@code overrideReason}. */
    Prescription signed(UUID patientId, String overrideReason, PrescriptionLineInput... lines) {
        Prescription draft = draft(patientId, lines);
        SignPrescriptionRequest.Builder sign = SignPrescriptionRequest.newBuilder().setPrescriptionId(draft.getPrescriptionId())
                .setExpectedVersion(draft.getVersion());
        for (PrescriptionAlert a : draft.getAlertsList()) {
            if (a.getSeverity() == PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH) {
                sign.addOverrides(PrescriptionOverride.newBuilder().setAlertKey(a.getAlertKey()).setReason(overrideReason));
            }
        }
        return connection.prescriptions().signPrescription(sign.build()).getPrescription();
    }

    /** Writes the window's current picture as a PNG. */
    void snapshot(Path file) throws java.io.IOException {
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
