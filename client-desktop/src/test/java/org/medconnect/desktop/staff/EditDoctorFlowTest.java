package org.medconnect.desktop.staff;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.staff.v1.Department;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Editing a doctor's profile: the form opens filled in, and the table shows the change. Real server. */
@ExtendWith(ApplicationExtension.class)
class EditDoctorFlowTest {

    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        clinic.createUser("admin", "Clinic-keys-2026", "ADMIN", "Alex Admin", false);
        clinic.createUser("a.chen", "Heart-beats-2026", "DOCTOR", "Dr Anna Chen", false);
        clinic.department("Cardiology");
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
    void movingADoctorToAnotherDepartmentShowsInTheTable(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Clinic-keys-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Dr Anna Chen"));

        robot.clickOn("Dr Anna Chen");
        ui.click("#edit-user");
        ui.waitFor(() -> ui.shown("#doctor-profile"));
        assertThat(ui.text("#user-fee")).isEqualTo("50.00");
        assertThat(ui.text("#user-currency")).isEqualTo("USD");
        assertThat(ui.shown("#user-username")).isFalse();

        ComboBox<Department> department = robot.lookup("#user-department").query();
        ui.waitFor(() -> department.getItems().stream().anyMatch(d -> d.getName().equals("Cardiology")));
        robot.interact(() -> department.getItems().stream().filter(d -> d.getName().equals("Cardiology"))
                .findFirst().ifPresent(department::setValue));
        ui.type("#user-specialization", "Cardiologist");
        ui.click("#user-save");

        ui.waitFor(() -> ui.tableContains("#staff-table", "Cardiology · Cardiologist"), () -> "the new department in the table");
        assertThat(ui.shown("#user-form")).isFalse();
    }
}
