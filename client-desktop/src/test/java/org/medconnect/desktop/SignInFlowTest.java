package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Signing in against the real server: what each outcome looks like at the front desk. */
@ExtendWith(ApplicationExtension.class)
class SignInFlowTest {

    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() throws Exception {
        clinic = TestClinic.start();
        clinic.createUser("admin", "Clinic-keys-2026", "ADMIN", "Alex Admin", false);
        clinic.createUser("f.desk", "Front-desk-2026", "RECEPTIONIST", "Fran Desk", false);
        clinic.createUser("locky", "Quiet-harbour-2026", "RECEPTIONIST", "Lee Locky", false);
        clinic.createUser("newbie", "Temporary-2026", "DOCTOR", "Dr Nia Newbie", true);
    }

    @AfterAll
    static void stopClinic() throws Exception {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DesktopRobot.start(stage, clinic.address());
    }

    @Stop
    void stop() {
        shell.close();
    }

    @Test
    void adminLandsOnTheStaffScreen(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);

        ui.signIn("admin", "Clinic-keys-2026");

        ui.waitFor(() -> ui.tableContains("#staff-table", "Alex Admin"), () -> "Alex Admin in the staff table");
        assertThat(ui.text("#top-user")).isEqualTo("Alex Admin");
        assertThat(ui.text("#top-role")).isEqualTo("Administrator");
        assertThat(ui.text("#status-user")).isEqualTo("Signed in as Alex Admin (admin)");
        assertThat(ui.text("#status-server")).isEqualTo("Server " + clinic.address());
        // Signed in, the status bar follows the live stream, as the header's indicator does.
        ui.waitFor(() -> ui.text("#status-connection").endsWith("Connected") && ui.text("#live-state").equals("Live"),
                () -> "Connected and Live, got " + ui.text("#status-connection") + " / " + ui.text("#live-state"));
    }

    @Test
    void receptionistLandsOnTheReceptionWorkspace(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);

        ui.signIn("f.desk", "Front-desk-2026");

        ui.waitFor(() -> ui.shown("#day-board"), () -> "the day board");
        assertThat(ui.text("#top-role")).isEqualTo("Receptionist");
        assertThat(ui.shown("#nav-waiting-list")).isTrue();
    }

    @Test
    void wrongPasswordShowsTheServersMessageAndStaysOnSignIn(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);

        ui.signIn("admin", "not-the-password");

        ui.waitFor(() -> !ui.text("#sign-in-message").isBlank());
        assertThat(ui.text("#sign-in-message")).doesNotContain("UNAUTHENTICATED").containsIgnoringCase("password");
        assertThat(ui.text("#password")).isEmpty();
        assertThat(ui.shown("#staff-screen")).isFalse();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndSayUntilWhen(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        for (int attempt = 1; attempt <= 5; attempt++) {
            ui.signIn("locky", "wrong-password-" + attempt);
            ui.waitFor(() -> !ui.text("#sign-in-message").isBlank());
            ui.waitFor(() -> !robot.lookup("#sign-in").queryButton().isDisabled());
        }

        ui.signIn("locky", "Quiet-harbour-2026");

        ui.waitFor(() -> ui.text("#sign-in-message").toLowerCase().contains("lock"),
                () -> "a locked message, got \"" + ui.text("#sign-in-message") + "\"");
        assertThat(ui.text("#sign-in-message")).containsPattern("\\d{1,2}:\\d{2}");
    }

    @Test
    void unreachableServerSaysWhereItLooked(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.type("#server-address", "127.0.0.1:1");

        ui.signIn("admin", "Clinic-keys-2026");

        ui.waitForText("#sign-in-message", "Cannot reach the MedConnect server at 127.0.0.1:1. "
                + "Check the address and that the server is running.");
        assertThat(ui.text("#status-connection")).endsWith("Connection lost");
    }

    @Test
    void mustChangePasswordLeadsThroughTheDialogIntoTheWorkspace(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("newbie", "Temporary-2026");
        ui.waitFor(() -> ui.shown("#change-password-sheet"));

        ui.type("#current-password", "Temporary-2026");
        ui.type("#new-password", "short");
        ui.type("#repeat-password", "short");
        ui.click("#change-password-save");
        assertThat(ui.text("#new-password-error")).isEqualTo("A password needs at least 10 characters.");

        ui.type("#new-password", "Morning-rounds-77");
        ui.type("#repeat-password", "Morning-rounds-77");
        ui.click("#change-password-save");

        ui.waitFor(() -> ui.shown("#my-day-screen"), () -> "the doctor's My day");
        assertThat(ui.text("#top-user")).isEqualTo("Dr Nia Newbie");
        assertThat(ui.shown("#change-password-sheet")).isFalse();
    }
}
