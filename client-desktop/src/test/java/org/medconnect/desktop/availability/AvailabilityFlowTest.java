package org.medconnect.desktop.availability;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** An admin sets up scheduling from nothing against the real server: a location, a type, a doctor's weekly hours. */
@ExtendWith(ApplicationExtension.class)
class AvailabilityFlowTest {

    private static final String PASSWORD = "Clinic-keys-2026";
    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        boolean scheduleServed = clinic.services().grpcServices().stream()
                .anyMatch(s -> s.bindService().getServiceDescriptor().getName().equals(ScheduleServiceGrpc.SERVICE_NAME));
        if (!scheduleServed) {
            clinic.close();
        }
        Assumptions.assumeTrue(scheduleServed, "the server does not serve ScheduleService yet");
        clinic.createUser("admin", PASSWORD, "ADMIN", "Alex Admin", false);
        clinic.createUser("a.chen", "Cardiology-keys-26", "DOCTOR", "Dr Anna Chen", false);
    }

    @AfterAll
    static void stopClinic() {
        if (clinic != null) {
            clinic.close();
        }
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
    void aLocationATypeAndAWeeklyRuleAreSetUpAndListed(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", PASSWORD);

        ui.click("#nav-locations");
        ui.click("#new-location");
        ui.type("#location-name", "Riverside Main");
        ui.type("#location-address", "1 River Road");
        ui.click("#location-save");
        ui.waitFor(() -> ui.tableContains("#locations-table", "Riverside Main"), () -> "location listed");
        ui.click("#new-room");
        ui.type("#room-name", "Room 1");
        ui.click("#room-save");
        ui.waitFor(() -> ui.tableContains("#rooms-table", "Room 1"), () -> "room listed");

        ui.click("#nav-types");
        ui.click("#new-type");
        ui.type("#type-name", "Consultation");
        ui.type("#type-duration", "20");
        ui.type("#type-buffer", "5");
        ui.click("#type-save");
        ui.waitFor(() -> ui.tableContains("#types-table", "Consultation"), () -> "type listed");
        assertThat(ui.tableContains("#types-table", "20 min")).isTrue();

        ui.click("#nav-availability");
        ui.waitFor(() -> selectedDoctor(robot).equals("Dr Anna Chen"), () -> "the only doctor chosen");
        addRule(robot, ui, "Riverside Main", "9:00", "13:00", "20");
        ui.waitFor(() -> ui.tableContains("#rules-table", "09:00–13:00"), () -> "rule listed");
        assertThat(ui.tableContains("#rules-table", "Riverside Main")).isTrue();
        assertThat(ui.tableContains("#rules-table", "Mon–Fri")).isTrue();
        assertThat(ui.tableContains("#rules-table", "20 min")).isTrue();
        ui.waitForText("#availability-notice", "Weekly rule saved");
    }

    @Test
    void anOverlappingRuleIsRefusedNextToTheDays(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", PASSWORD);
        ui.click("#nav-locations");
        ui.click("#new-location");
        ui.type("#location-name", "Riverside North");
        ui.click("#location-save");
        ui.waitFor(() -> ui.tableContains("#locations-table", "Riverside North"), () -> "location listed");

        ui.click("#nav-availability");
        ui.waitFor(() -> selectedDoctor(robot).equals("Dr Anna Chen"), () -> "the only doctor chosen");
        addRule(robot, ui, "Riverside North", "14:00", "17:00", "15");
        ui.waitFor(() -> ui.tableContains("#rules-table", "14:00–17:00"), () -> "first rule listed");

        addRule(robot, ui, "Riverside North", "16:00", "18:00", "15");
        ui.waitFor(() -> !ui.text("#rule-days-error").isEmpty(), () -> "overlap shown at the days");
        assertThat(ui.text("#rule-form-message")).contains("overlap");
        ui.click("#rule-cancel");

        ui.click("#add-time-off");
        robot.interact(() -> robot.lookup("#exception-start-date").queryAs(DatePicker.class).setValue(java.time.LocalDate.now().plusDays(30)));
        ui.type("#exception-reason", "Conference");
        ui.click("#exception-save");
        ui.waitForText("#availability-notice", "Time off added. No booked appointments fall in it.");
        ui.waitFor(() -> ui.tableContains("#exceptions-table", "Conference"), () -> "time off listed");
    }

    private static void addRule(FxRobot robot, DesktopRobot ui, String location, String start, String end, String slot) {
        ui.click("#add-rule");
        ui.waitFor(() -> ui.shown("#rule-form"));
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<org.medconnect.proto.schedule.v1.Location> locations = robot.lookup("#rule-location").queryAs(ComboBox.class);
            locations.getItems().stream().filter(l -> l.getName().equals(location)).findFirst().ifPresent(locations::setValue);
        });
        ui.type("#rule-start", start);
        ui.type("#rule-end", end);
        ui.type("#rule-slot", slot);
        ui.click("#rule-save");
    }

    @SuppressWarnings("unchecked")
    private static String selectedDoctor(FxRobot robot) {
        return robot.lookup("#availability-doctor").tryQueryAs(ComboBox.class)
                .map(c -> ((ComboBox<Doctor>) c).getValue()).map(Doctor::getDisplayName).orElse("");
    }
}
