package org.medconnect.desktop.staff;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The staff screen's own behaviour (search, deactivate, show inactive), against the real server. */
@ExtendWith(ApplicationExtension.class)
class StaffScreenFlowTest {

    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        clinic.createUser("admin", "Clinic-keys-2026", "ADMIN", "Alex Admin", false);
        clinic.createUser("m.lopez", "Front-desk-2026", "RECEPTIONIST", "Maria Lopez", false);
        clinic.createUser("t.fischer", "Front-desk-2026", "RECEPTIONIST", "Tom Fischer", false);
    }

    @AfterAll
    static void stopClinic() {
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

    private int rows(FxRobot robot) {
        return robot.lookup("#staff-table").queryAs(TableView.class).getItems().size();
    }

    @Test
    void searchNarrowsTheTableAfterTypingPauses(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Clinic-keys-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Alex Admin"));

        ui.typeKeys("#staff-search", "lop");

        ui.waitFor(() -> rows(robot) == 1, () -> "one row");
        assertThat(ui.tableContains("#staff-table", "Maria Lopez")).isTrue();
        assertThat(ui.text("#staff-count")).isEqualTo("Showing 1 of 1");
    }

    @Test
    void deactivatingAsksFirstThenHidesTheAccountUntilShowInactive(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Clinic-keys-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Tom Fischer"));
        robot.clickOn("Tom Fischer");

        ui.click("#toggle-active");
        ui.waitForText("#dialog-message", "cannot sign in until reactivated");
        ui.click("#confirm-ok");

        ui.waitFor(() -> !ui.tableContains("#staff-table", "Tom Fischer"), () -> "Tom Fischer gone from the list");
        ui.click("#show-inactive");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Inactive"), () -> "an Inactive row");
        assertThat(ui.tableContains("#staff-table", "Tom Fischer")).isTrue();
    }
}
