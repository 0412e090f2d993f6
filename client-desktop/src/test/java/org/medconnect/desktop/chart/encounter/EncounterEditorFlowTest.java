package org.medconnect.desktop.chart.encounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A doctor writes a note from a template with a smart phrase and signs it, against a real server. */
@ExtendWith(ApplicationExtension.class)
class EncounterEditorFlowTest {

    private static final String PASSWORD = "Clinic-keys-2026";
    private static TestClinic clinic;
    private static UUID appointment;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        String doctor = clinic.createUser("okafor", PASSWORD, "DOCTOR", "Dr Amara Okafor", false);
        var db = clinic.database().dsl();
        UUID patient = db.fetchSingle("insert into patient (mrn, given_name, family_name, date_of_birth, sex, phone) "
                + "values ('MC9100001', 'Ana', 'Souza', date '1984-03-07', 'FEMALE', '+1 555 0100') returning id").get(0, UUID.class);
        UUID location = db.fetchSingle("insert into location (name) values ('Main') returning id").get(0, UUID.class);
        UUID type = db.fetchSingle("insert into appointment_type (name, duration_minutes, buffer_minutes, video, needs_confirmation) "
                + "values ('Consultation', 20, 0, false, false) returning id").get(0, UUID.class);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        appointment = db.fetchSingle("insert into appointment (reference, patient_id, doctor_id, location_id, type_id, starts_at, ends_at, "
                + "blocks_until, status, reason) values ('A-1', ?, ?::uuid, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, "
                + "'IN_CONSULTATION', 'Sore throat') returning id", patient, doctor, location, type, now, now.plusMinutes(20),
                now.plusMinutes(20)).get(0, UUID.class);
        db.execute("insert into vital_signs (patient_id, measured_at, systolic_mmhg, diastolic_mmhg, pulse_per_min, recorded_by, "
                + "recorded_at, updated_by, updated_at) values (?, now(), 128, 82, 72, ?::uuid, now(), ?::uuid, now())", patient, doctor, doctor);
        db.execute("insert into note_template (name, shortcut, subjective, assessment, updated_by, updated_at) values "
                + "('Upper respiratory infection', 'uri', 'Cough, coryza, sore throat', 'Upper respiratory infection', ?::uuid, now())", doctor);
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        ServerConnection connection = new ServerConnection(Duration.ofSeconds(20), s -> { });
        connection.connectTo(clinic.address());
        connection.useToken(connection.auth().signIn(SignInRequest.newBuilder().setUsername("okafor").setPassword(PASSWORD).build())
                .getSessionToken());
        ServerCalls calls = new ServerCalls(new FxTaskRunner(), new ServerErrors(clinic::address, ZoneOffset.UTC), new SessionState());
        Path home = Files.createTempDirectory("encounter-flow");
        EncounterEditorViewModel model = new EncounterEditorViewModel(connection, calls, new NoteCrashCopy(home),
                EncounterEditorView.debounce(), Clock.systemUTC(), ZoneOffset.UTC);
        Scene scene = new Scene(new javafx.scene.layout.StackPane(EncounterEditorView.build(model)), 1100, 720);
        scene.getStylesheets().add(getClass().getResource("/org/medconnect/desktop/platform/medconnect.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        model.openForAppointment(appointment.toString());
    }

    @Test
    void aNoteFromATemplateWithASmartPhraseIsSavedAndSigned(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#encounter-heading").queryAs(Label.class).getText().isEmpty());
        robot.clickOn("#encounter-template").write("uri").type(KeyCode.ENTER);
        assertThat(robot.lookup("#encounter-subjective").queryAs(TextArea.class).getText()).isEqualTo("Cough, coryza, sore throat");

        robot.clickOn("#encounter-objective").write("On examination: .vitals ");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#encounter-objective").queryAs(TextArea.class).getText().contains("BP 128/82 mmHg, pulse 72 /min"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#encounter-save-state").queryAs(Label.class).getText().startsWith("Saved"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> clinic.database().dsl().fetchOne(
                "select objective from encounter_note n join encounter e on e.id = n.encounter_id where e.appointment_id = ?", appointment)
                .get(0, String.class).contains("BP 128/82"));

        robot.clickOn("#encounter-sign");
        robot.type(KeyCode.ENTER); // the confirmation's default button: OK
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "SIGNED".equals(clinic.database().dsl()
                .fetchOne("select status from encounter where appointment_id = ?", appointment).get(0, String.class)));
        // The editor locks once the server has signed it, and offers the addendum box instead.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#encounter-objective").queryAs(TextArea.class).isEditable());
        assertThat(robot.lookup("#encounter-addendum").queryAs(TextArea.class).getParent().isVisible()).isTrue();
        assertThat(robot.lookup("#encounter-sign").queryButton().isDisabled()).isTrue();
    }
}
