package org.medconnect.desktop.chart.prescription.editor;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.platform.ConnectionState;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.proto.prescription.v1.CreatePrescriptionRequest;
import org.medconnect.proto.prescription.v1.PrescriptionLineInput;

/** A doctor's workstation signed in to a real server with one patient's chart context: mounts the prescription editor at 1366 x 768. */
final class EditorTestWindow implements AutoCloseable {

    final ServerConnection connection;
    final ServerCalls calls;
    final Dialogs dialogs;
    final Principal caller;
    final Clock clock;

    private EditorTestWindow(ServerConnection connection, ServerCalls calls, Dialogs dialogs, Principal caller, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.dialogs = dialogs;
        this.caller = caller;
        this.clock = clock;
    }

    static EditorTestWindow signIn(String server, String username, String password, Clock clock) {
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
        return new EditorTestWindow(connection, calls, new Dialogs(new OverlayHost()), signedIn.getPrincipal(), clock);
    }

    /** A new draft for the patient, as the chart's Prescriptions page starts one. */
    String draft(String patientId, PrescriptionLineInput... lines) {
        return connection.prescriptions().createPrescription(CreatePrescriptionRequest.newBuilder()
                .setRequestId(java.util.UUID.randomUUID().toString()).setPatientId(patientId).addAllLines(java.util.List.of(lines))
                .build()).getPrescription().getPrescriptionId();
    }

    ChartContext chart(String patientId, String patientName) {
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
            }

            @Override
            public void showPage(String title) {
            }
        };
    }

    /** The editor of {@code prescriptionId} in {@code stage}, under the sheets host. */
    void showEditor(Stage stage, ChartContext chart, String prescriptionId, Runnable onClosed) {
        show(stage, PrescriptionEditor.create(connection, calls, dialogs, clock, chart, prescriptionId, onClosed), "Prescription");
    }

    void show(Stage stage, Node content, String title) {
        dialogs.overlays().setContent(content);
        Scene scene = stage.getScene();
        if (scene == null || scene.getRoot() != dialogs.overlays().node()) {
            scene = new Scene(dialogs.overlays().node(), 1366, 768);
            Theme.apply(scene);
            stage.setScene(scene);
        }
        // TestFX hands every test class the same primary stage; an earlier test may have bound its title.
        stage.titleProperty().unbind();
        stage.setTitle(title);
        stage.show();
    }

    @Override
    public void close() {
        connection.close();
    }
}
