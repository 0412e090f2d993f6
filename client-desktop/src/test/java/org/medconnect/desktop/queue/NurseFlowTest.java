package org.medconnect.desktop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentService;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The nurse against the real server: signs in to the Nurse workspace and sees today's checked-in patients across doctors. */
@ExtendWith(ApplicationExtension.class)
class NurseFlowTest {

    private static final String PASSWORD = "Triage-desk-2026";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC));

    private static TestClinic clinic;
    private DesktopShell shell;

    /** Outside @Start, whose time limit a loaded machine's database start and seeding can pass. */
    @BeforeAll
    static void seed() {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        clinic.createUser("n.berg", PASSWORD, "NURSE", "Nina Berg", false);
        UUID chen = UUID.fromString(clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false));
        UUID okafor = UUID.fromString(clinic.createUser("a.okafor", PASSWORD, "DOCTOR", "Dr Amara Okafor", false));
        UUID main = fixture.location("Riverside Main");
        UUID consultation = fixture.type("Consultation", 20, 0, false, false);
        for (UUID doctor : List.of(chen, okafor)) {
            fixture.weekly(doctor, main, Optional.empty(), SchedulingFixture.EVERY_DAY, "08:00", "17:00", 20, TODAY.minusDays(1));
        }
        AppointmentService appointments = clinic.services().appointments();
        Object[][] visits = {{"Ada", "Obi", chen, "09:00", true}, {"Ben", "Ode", okafor, "09:20", true},
                {"Cora", "Lind", chen, "11:40", false}};
        for (Object[] v : visits) {
            var booked = appointments.book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient((String) v[0], (String) v[1]),
                    (UUID) v[2], main, consultation, TODAY.atTime(java.time.LocalTime.parse((String) v[3])).toInstant(ZoneOffset.UTC),
                    Optional.of("Check-up")));
            if ((Boolean) v[4]) {
                appointments.checkIn(desk, booked.id());
            }
        }
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
    void aNurseSignsInAndSeesTodaysCheckedInPatientsOfEveryDoctorAndEnterOpensTheChart(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("n.berg", PASSWORD);

        ui.waitFor(() -> ui.shown("#nurse-queue"), () -> "the nurse workspace");
        assertThat(ui.text("#top-role")).isEqualTo("Nurse");
        ui.waitFor(() -> ui.tableContains("#nurse-queue-table", "Ada Obi") && ui.tableContains("#nurse-queue-table", "Ben Ode"),
                () -> "Ada and Ben waiting");
        assertThat(ui.tableContains("#nurse-queue-table", "Dr Anna Chen")).isTrue();
        assertThat(ui.tableContains("#nurse-queue-table", "Dr Amara Okafor")).isTrue();
        assertThat(ui.tableContains("#nurse-queue-table", "Cora Lind")).as("booked but not checked in").isFalse();
        ui.waitForText("#nurse-queue-summary", "2 patients waiting");

        robot.clickOn("Ben Ode");
        robot.type(KeyCode.ENTER);

        // Ben's chart opens in its own window with the pages a nurse may see: vitals and allergies, never the notes.
        ui.waitFor(() -> robot.lookup("#chart-patient-name").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Label l && l.getText() != null && l.getText().contains("Ben Ode")),
                () -> "Ben Ode's chart");
        @SuppressWarnings("unchecked")
        var pages = (javafx.scene.control.ListView<org.medconnect.desktop.chart.ChartPage>) robot.lookup("#chart-pages").query();
        var titles = pages.getItems().stream().map(org.medconnect.desktop.chart.ChartPage::title).toList();
        assertThat(titles).contains("Vitals", "Allergies").doesNotContain("Encounter", "Timeline", "Documents");
    }
}
