package org.medconnect.desktop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
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

/** A doctor's day against the real server: accept a request, then see a checked-in patient through the consultation. */
@ExtendWith(ApplicationExtension.class)
class DoctorDayFlowTest {

    private static final String PASSWORD = "Consulting-room-7";
    // Early morning in the clinic (UTC in tests), so the day's appointments are all still ahead.
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC));
    private static TestClinic clinic;

    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        UUID doctor = UUID.fromString(clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false));
        UUID main = fixture.location("Riverside Main");
        UUID consultation = fixture.type("Consultation", 20, 0, false, true);
        UUID followUp = fixture.type("Follow-up", 20, 0, false, false);
        fixture.weekly(doctor, main, Optional.empty(), SchedulingFixture.EVERY_DAY, "08:00", "17:00", 20, TODAY.minusDays(1));
        AppointmentService appointments = clinic.services().appointments();
        appointments.book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient("Ada", "Obi"), doctor, main, consultation,
                TODAY.atTime(10, 0).toInstant(ZoneOffset.UTC), Optional.of("Chest pain on stairs")));
        var ben = appointments.book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient("Ben", "Ode"), doctor, main, followUp,
                TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC), Optional.of("Blood pressure review")));
        appointments.checkIn(desk, ben.id());
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DesktopRobot.start(stage, clinic.address(), CLOCK);
    }

    @Stop
    void stop() {
        shell.close();
    }

    @Test
    void aPendingRequestIsAcceptedAndShowsInMyDayAsConfirmed(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("a.chen", PASSWORD);
        ui.waitFor(() -> status(robot, "Ada Obi").isPresent(), () -> "Ada Obi in My day");
        assertThat(status(robot, "Ada Obi")).contains(AppointmentStatus.APPOINTMENT_STATUS_PENDING);
        ui.waitForText("#nav-requests", "Requests (1)");

        ui.click("#nav-requests");
        ui.waitFor(() -> ui.tableContains("#requests-table", "Ada Obi"), () -> "Ada's request listed");
        robot.clickOn("Ada Obi");
        ui.click("#accept-request");
        ui.waitForText("#requests-notice", "Accepted: Ada Obi");
        ui.waitFor(() -> !ui.tableContains("#requests-table", "Ada Obi"), () -> "request gone from the list");
        ui.waitForText("#nav-requests", "Requests");
        assertThat(ui.text("#nav-requests")).isEqualTo("Requests");

        ui.click("#nav-my-day");
        ui.waitFor(() -> status(robot, "Ada Obi").equals(Optional.of(AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED)),
                () -> "Ada confirmed in My day");
        assertThat(badges(robot)).contains("Confirmed");
    }

    @Test
    void aCheckedInPatientIsSeenAndTheAppointmentCompleted(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("a.chen", PASSWORD);
        ui.waitFor(() -> status(robot, "Ben Ode").isPresent(), () -> "Ben Ode in My day");
        ui.waitForText("#my-day-summary", "1 checked in");

        robot.clickOn("Ben Ode");
        ui.waitForText("#my-day-act", "Start consultation");
        ui.click("#my-day-act");
        ui.waitFor(() -> status(robot, "Ben Ode").equals(Optional.of(AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION)),
                () -> "Ben in consultation");
        ui.waitForText("#my-day-notice", "In consultation with Ben Ode.");
        assertThat(badges(robot)).contains("In consultation");
        // Start consultation opened Ben's chart on this visit's note; the doctor closes it to complete the visit.
        ui.waitFor(() -> robot.lookup("#chart-patient-name").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Label l && l.getText() != null && l.getText().contains("Ben Ode")),
                () -> "Ben's chart opened by Start consultation");
        @SuppressWarnings("unchecked")
        var pages = (javafx.scene.control.ListView<org.medconnect.desktop.chart.ChartPage>) robot.lookup("#chart-pages").query();
        ui.waitFor(() -> pages.getSelectionModel().getSelectedItem() != null
                && pages.getSelectionModel().getSelectedItem().title().equals("Encounter"), () -> "the Encounter page");
        robot.interact(() -> ((javafx.stage.Stage) pages.getScene().getWindow()).close());

        ui.waitForText("#my-day-act", "Complete");
        ui.click("#my-day-act");
        ui.waitFor(() -> status(robot, "Ben Ode").equals(Optional.of(AppointmentStatus.APPOINTMENT_STATUS_COMPLETED)),
                () -> "Ben done");
        ui.waitForText("#my-day-summary", "1 done");
        assertThat(badges(robot)).contains("Completed"); // one word per status on every screen (0017)
    }

    @SuppressWarnings("unchecked")
    private static Optional<AppointmentStatus> status(FxRobot robot, String patient) {
        return robot.lookup("#my-day-table").tryQueryAs(TableView.class)
                .flatMap(t -> ((TableView<Appointment>) t).getItems().stream()
                        .filter(a -> a.getPatient().getDisplayName().equals(patient)).findFirst())
                .map(Appointment::getStatus);
    }

    private static java.util.List<String> badges(FxRobot robot) {
        return robot.lookup("#my-day-table .status-badge").queryAllAs(Label.class).stream()
                .filter(Label::isVisible).map(Label::getText).toList();
    }
}
