package org.medconnect.desktop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.appointment.v1.Appointment;
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

/** The check-in queue against the real server: a doctor calls the next patient in, reception moves an urgent one up. */
@ExtendWith(ApplicationExtension.class)
class QueueFlowTest {

    private static final String PASSWORD = "Consulting-room-7";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC));

    private TestClinic clinic;
    private UUID doctor;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        clinic.createUser("front.desk", PASSWORD, "RECEPTIONIST", "Front Desk", false);
        doctor = UUID.fromString(clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false));
        UUID main = fixture.location("Riverside Main");
        UUID room = fixture.room(main, "Room 3");
        UUID consultation = fixture.type("Consultation", 20, 0, false, false);
        fixture.weekly(doctor, main, Optional.of(room), SchedulingFixture.EVERY_DAY, "08:00", "17:00", 20, TODAY.minusDays(1));
        AppointmentService appointments = clinic.services().appointments();
        List<String[]> patients = List.of(new String[] {"Ada", "Obi", "09:00"}, new String[] {"Ben", "Ode", "09:20"},
                new String[] {"Cora", "Lind", "09:40"});
        for (String[] p : patients) {
            var booked = appointments.book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient(p[0], p[1]), doctor, main,
                    consultation, TODAY.atTime(java.time.LocalTime.parse(p[2])).toInstant(ZoneOffset.UTC), Optional.of("Check-up")));
            appointments.checkIn(desk, booked.id()); // tokens 1, 2, 3
        }
        shell = DesktopRobot.start(stage, clinic.address(), CLOCK);
    }

    @Stop
    void stop() {
        shell.close();
    }

    @AfterEach
    void closeClinic() {
        clinic.close();
    }

    @Test
    void theDoctorCallsTheNextPatientSeesTokenAndRoomCompletesAndCallsTheNext(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("a.chen", PASSWORD);
        ui.click("#nav-queue");
        ui.waitFor(() -> tokens(robot, "#queue-table").equals(List.of(1, 2, 3)), () -> "three waiting in token order");
        ui.waitForText("#queue-summary", "3 waiting");
        assertThat(ui.text("#queue-serving-token")).isEqualTo("–");

        ui.click("#queue-call-next");
        ui.waitForText("#queue-announcement", "Token 1, please go to Room 3");
        ui.waitForText("#queue-serving-token", "1");
        ui.waitForText("#queue-serving-patient", "Ada Obi");
        ui.waitFor(() -> tokens(robot, "#queue-table").equals(List.of(2, 3)), () -> "token 1 left the waiting list");
        // while Ada is in the room, Call next is off and Complete is on
        assertThat(robot.lookup("#queue-call-next").queryButton().isDisabled()).isTrue();

        ui.click("#queue-complete");
        ui.waitForText("#queue-serving-patient", "Nobody in consultation");
        assertThat(ui.text("#queue-announcement")).isEmpty();

        ui.click("#queue-call-next");
        ui.waitForText("#queue-announcement", "Token 2, please go to Room 3");
        ui.waitForText("#queue-serving-patient", "Ben Ode");
        ui.waitFor(() -> tokens(robot, "#queue-table").equals(List.of(3)), () -> "only token 3 waits");
    }

    @Test
    void receptionMovesAnUrgentPatientToTheFrontWithAReasonAndTheDoctorCallsThemFirst(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("front.desk", PASSWORD);
        ui.click("#nav-queue");
        ui.waitFor(() -> tokens(robot, "#reception-queue-table").equals(List.of(1, 2, 3)), () -> "Dr Chen's queue");

        robot.clickOn("Cora Lind");
        ui.click("#reorder-move"); // no reason yet: the workstation asks for one and sends nothing
        ui.waitForText("#reception-queue-message", "Give a reason");
        assertThat(tokens(robot, "#reception-queue-table")).containsExactly(1, 2, 3);

        ui.type("#reorder-reason", "Chest pain: urgent");
        ui.click("#reorder-move");
        ui.waitForText("#reception-queue-notice", "Token 3 moved from place 3 to 1.");
        ui.waitFor(() -> tokens(robot, "#reception-queue-table").equals(List.of(3, 1, 2)), () -> "token 3 first");
        ui.waitFor(() -> ui.tableContains("#reorder-log", "Chest pain: urgent"), () -> "the reorder and its reason in the log");
        assertThat(ui.tableContains("#reorder-log", "Front Desk")).isTrue();
        assertThat(ui.text("#reception-queue-message")).isEmpty();

        // the doctor's next call takes the urgent patient
        assertThat(clinic.services().queue().callNext(new Principal(doctor, "a.chen", "Dr Anna Chen",
                Role.DOCTOR, false, new byte[32]), Optional.empty()).tokenNumber()).isEqualTo(3);
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> tokens(FxRobot robot, String table) {
        return robot.lookup(table).tryQueryAs(TableView.class)
                .map(t -> ((TableView<Appointment>) t).getItems().stream().map(Appointment::getTokenNumber).toList())
                .orElse(List.of());
    }
}
