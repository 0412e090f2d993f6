package org.medconnect.desktop.chart.encounter;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.server.testing.TestClinic;

/**
 * The encounter editor and the timeline at 1366x768 against a real server: writes
 * chart-encounter-editor.png and chart-encounter-timeline.png to the first argument. Run under
 * Xvfb with the class path {@code screenshots.sh} builds.
 */
public final class EncounterScreenshot {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        System.setProperty(org.medconnect.desktop.platform.ServerTrust.PLAINTEXT_PROPERTY, "true");
        try (TestClinic clinic = TestClinic.start()) {
            String doctor = clinic.createUser("a.okafor", "Clinic-keys-2026", "DOCTOR", "Dr Amara Okafor", false);
            var db = clinic.database().dsl();
            UUID patient = db.fetchSingle("insert into patient (mrn, given_name, family_name, date_of_birth, sex, phone) "
                    + "values ('MC9100001', 'Ana', 'Souza', date '1984-03-07', 'FEMALE', '+1 555 0100') returning id").get(0, UUID.class);
            UUID location = db.fetchSingle("insert into location (name) values ('Main') returning id").get(0, UUID.class);
            UUID type = db.fetchSingle("insert into appointment_type (name, duration_minutes, buffer_minutes, video, needs_confirmation) "
                    + "values ('Consultation', 20, 0, false, false) returning id").get(0, UUID.class);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            UUID appointment = db.fetchSingle("insert into appointment (reference, patient_id, doctor_id, location_id, type_id, starts_at, "
                    + "ends_at, blocks_until, status, reason) values ('A-1', ?, ?::uuid, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, "
                    + "'IN_CONSULTATION', 'Sore throat') returning id", patient, doctor, location, type, now, now.plusMinutes(20),
                    now.plusMinutes(20)).get(0, UUID.class);
            String[] past = {"Essential (primary) hypertension, controlled", "Acute bronchitis", "Type 2 diabetes review", "Low back pain"};
            for (int i = 0; i < past.length; i++) {
                UUID e = db.fetchSingle("insert into encounter (patient_id, doctor_id, kind, reason, status, started_at, signed_at, signed_by, "
                        + "updated_by, updated_at) values (?, ?::uuid, ?, 'Follow-up', 'SIGNED', ?::timestamptz, ?::timestamptz, ?::uuid, ?::uuid, now()) "
                        + "returning id", patient, doctor, i % 2 == 0 ? "WALK_IN" : "PHONE", now.minusDays(30L * (i + 1)),
                        now.minusDays(30L * (i + 1)), doctor, doctor).get(0, UUID.class);
                db.execute("insert into encounter_note (encounter_id, patient_id, assessment, updated_by, updated_at) values (?, ?, ?, ?::uuid, now())",
                        e, patient, past[i], doctor);
            }
            Platform.startup(() -> { });
            ServerConnection connection = new ServerConnection(Duration.ofSeconds(20), s -> { });
            connection.connectTo(clinic.address());
            connection.useToken(connection.auth().signIn(SignInRequest.newBuilder().setUsername("a.okafor")
                    .setPassword("Clinic-keys-2026").build()).getSessionToken());
            ServerCalls calls = new ServerCalls(new FxTaskRunner(), new ServerErrors(clinic::address, ZoneOffset.UTC), new SessionState());
            EncounterEditorViewModel editor = new EncounterEditorViewModel(connection, calls,
                    new NoteCrashCopy(Files.createTempDirectory("encounter-shot")), EncounterEditorView.debounce(), Clock.systemUTC(), ZoneOffset.UTC);
            Stage stage = fx(() -> {
                Stage s = new Stage();
                Scene scene = new Scene(new StackPane(EncounterEditorView.build(editor)), 1366, 768);
                Theme.apply(scene);
                s.setScene(scene);
                s.setTitle("MedConnect — Encounter");
                s.show();
                editor.openForAppointment(appointment.toString());
                return s;
            });
            Thread.sleep(2500);
            fx(() -> {
                editor.subjective().set("Sore throat for two days, no fever at home. No cough.");
                editor.objective().set("Pharynx red, tonsils not enlarged. No cervical lymphadenopathy.");
                editor.assessment().set("Acute pharyngitis, likely viral");
                editor.plan().set("Fluids, paracetamol 1 g up to four times a day. Review in 3 days if not better.");
                return null;
            });
            Thread.sleep(2500);
            shot(stage, out.resolve("chart-encounter-editor.png"));
            TimelineViewModel timeline = new TimelineViewModel(connection, calls, ZoneOffset.UTC);
            fx(() -> {
                stage.getScene().setRoot(new StackPane(TimelineView.build(timeline, s -> { })));
                timeline.load(patient.toString());
                return null;
            });
            Thread.sleep(2500);
            shot(stage, out.resolve("chart-encounter-timeline.png"));
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void shot(Stage stage, Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        ImageIO.write(png, "png", file.toFile());
        System.out.println("Saved " + file + " (" + w + "x" + h + ")");
    }
}
