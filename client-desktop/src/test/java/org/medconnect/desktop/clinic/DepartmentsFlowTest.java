package org.medconnect.desktop.clinic;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Creating, renaming and retiring a department, against the real server. */
@ExtendWith(ApplicationExtension.class)
class DepartmentsFlowTest {

    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        clinic.createUser("admin", "Clinic-keys-2026", "ADMIN", "Alex Admin", false);
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

    @Test
    void aDepartmentIsCreatedRenamedAndRetired(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Clinic-keys-2026");
        ui.click("#nav-departments");

        ui.click("#new-department");
        ui.type("#department-name", "Cardiology");
        ui.click("#department-save");
        ui.waitFor(() -> ui.tableContains("#departments-table", "Cardiology"), () -> "Cardiology listed");

        robot.clickOn("Cardiology");
        ui.click("#rename-department");
        ui.type("#department-name", "Cardiac Care");
        ui.click("#department-save");
        ui.waitFor(() -> ui.tableContains("#departments-table", "Cardiac Care"), () -> "renamed department listed");

        robot.clickOn("Cardiac Care");
        ui.click("#retire-department");
        ui.waitForText("#dialog-message", "no longer offered");
        ui.click("#confirm-ok");
        ui.waitFor(() -> !ui.tableContains("#departments-table", "Cardiac Care"), () -> "retired department hidden");

        ui.click("#show-retired");
        ui.waitFor(() -> ui.tableContains("#departments-table", "Retired"), () -> "retired department shown as Retired");
        assertThat(ui.tableContains("#departments-table", "Cardiac Care")).isTrue();
    }

    @Test
    void anEmptyNameIsRefusedBeforeSending(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Clinic-keys-2026");
        ui.click("#nav-departments");

        ui.click("#new-department");
        ui.click("#department-save");

        ui.waitForText("#department-name-error", "Enter a department name.");
    }
}
