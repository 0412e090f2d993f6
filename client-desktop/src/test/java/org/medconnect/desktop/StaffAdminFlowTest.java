package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** An admin adding staff through the dialog, against the real server. */
@ExtendWith(ApplicationExtension.class)
class StaffAdminFlowTest {

    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() throws Exception {
        clinic = TestClinic.start();
        clinic.createUser("admin", "Clinic-keys-2026", "ADMIN", "Alex Admin", false);
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
    void adminCreatesAReceptionistWhoThenSignsInAndChoosesAPassword(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Clinic-keys-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Alex Admin"));

        ui.click("#new-user");
        ui.type("#user-username", "r.okafor").type("#user-display-name", "Ruth Okafor")
                .type("#user-email", "ruth.okafor@clinic.example").type("#user-phone", "+1 555 0101");
        robot.interact(() -> robot.lookup("#user-role").<ComboBox<Role>>query().setValue(Role.ROLE_RECEPTIONIST));
        ui.type("#user-initial-password", "Welcome-2026!");
        ui.click("#user-save");

        ui.waitFor(() -> ui.tableContains("#staff-table", "Ruth Okafor"), () -> "Ruth Okafor in the staff table");
        assertThat(ui.shown("#user-form")).isFalse();
        assertThat(ui.tableContains("#staff-table", "r.okafor")).isTrue();

        ui.click("#sign-out");
        ui.signIn("r.okafor", "Welcome-2026!");
        ui.waitFor(() -> ui.shown("#change-password-sheet"));
        ui.type("#current-password", "Welcome-2026!");
        ui.type("#new-password", "Front-desk-mornings");
        ui.type("#repeat-password", "Front-desk-mornings");
        ui.click("#change-password-save");

        ui.waitFor(() -> ui.shown("#day-board"), () -> "the day board");
        assertThat(ui.text("#top-user")).isEqualTo("Ruth Okafor");
    }

    @Test
    void aTakenUsernameIsShownNextToTheFieldAndTheFormKeepsItsValues(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Clinic-keys-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Alex Admin"));

        ui.click("#new-user");
        ui.type("#user-username", "admin").type("#user-display-name", "Another Admin")
                .type("#user-email", "another@clinic.example").type("#user-initial-password", "Welcome-2026!");
        ui.click("#user-save");

        ui.waitFor(() -> !ui.text("#user-username-error").isBlank(), () -> "an error next to the username");
        assertThat(ui.text("#user-display-name")).isEqualTo("Another Admin");
        assertThat(ui.shown("#user-form")).isTrue();
    }
}
