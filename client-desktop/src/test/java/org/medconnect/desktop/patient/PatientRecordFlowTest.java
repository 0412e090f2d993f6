package org.medconnect.desktop.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Reception keeps a patient's demographics against the real server: an emergency contact and an insurance policy. */
@ExtendWith(ApplicationExtension.class)
class PatientRecordFlowTest {

    private static final String PASSWORD = "Front-desk-2026";
    private static final MutableClock CLOCK = new MutableClock(LocalDate.now(ZoneOffset.UTC).atTime(10, 0).toInstant(ZoneOffset.UTC));

    private static TestClinic clinic;
    private DesktopShell shell;

    /** Outside @Start, whose time limit a loaded machine's database start can pass. */
    @BeforeAll
    static void seed() {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        clinic.createUser("f.desk", PASSWORD, "RECEPTIONIST", "Fran Desk", false);
        new SchedulingFixture(clinic.database().dsl(), clinic.services()).patient("Zelda", "Quartermain");
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DesktopRobot.start(stage, clinic.address(), CLOCK);
    }

    @Stop
    void stop() {
        shell.close();
    }

    @AfterAll
    static void closeClinic() {
        clinic.close();
    }

    @Test
    void receptionAddsAnEmergencyContactAndAnInsurancePolicyOnThePatientPage(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("f.desk", PASSWORD);
        ui.click("#nav-patients");
        ui.type("#patients-search", "Quartermain");
        ui.waitFor(() -> ui.tableContains("#patients-table", "Zelda Quartermain"), () -> "Zelda in the results");
        robot.clickOn("Zelda Quartermain");
        ui.click("#patients-record");
        ui.waitFor(() -> ui.shown("#patient-record-sheet"), () -> "the patient page");
        assertThat(ui.text("#patient-record-title")).isEqualTo("Zelda Quartermain");

        robot.clickOn("Contacts");
        ui.type("#patient-record-contact-name", "Lena Quartermain");
        ui.type("#patient-record-contact-relationship", "Sister");
        ui.type("#patient-record-contact-phone", "call her");
        ui.click("#patient-record-contact-add");
        ui.waitForText("#patient-record-message", "Phone");
        ui.type("#patient-record-contact-phone", "+1 555 0142");
        ui.click("#patient-record-contact-add");
        ui.waitFor(() -> ui.tableContains("#patient-record-contacts-table", "Lena Quartermain"), () -> "Lena in the contacts");
        assertThat(ui.tableContains("#patient-record-contacts-table", "+1 555 0142")).isTrue();
        assertThat(ui.text("#patient-record-contact-name")).isEmpty();

        robot.clickOn("Insurance");
        ui.type("#patient-record-insurer", "Blue Cross");
        ui.type("#patient-record-policy-number", "XK-204-881");
        ui.click("#patient-record-policy-add");
        ui.waitFor(() -> ui.tableContains("#patient-record-policies-table", "Blue Cross"), () -> "the policy in the table");
        assertThat(ui.tableContains("#patient-record-policies-table", "Active")).isTrue();
        assertThat(ui.tableContains("#patient-record-policies-table", "Open-ended")).isTrue();
    }
}
