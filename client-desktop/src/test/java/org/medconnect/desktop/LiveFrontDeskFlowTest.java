package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.ClinicApi;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.CheckInAppointmentRequest;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
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

/**
 * The live front desk against the real server: reception's day board and Dr Chen's My day are open
 * on two workstations; a check-in made through the API (another front-desk PC) shows on both
 * without a click, and the doctor's requests count follows a new request.
 */
@ExtendWith(ApplicationExtension.class)
class LiveFrontDeskFlowTest {

    private static final String PASSWORD = "Front-desk-2026";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC));
    private static TestClinic clinic;
    private static String adaAppointment;
    private static SchedulingFixture fixture;
    private static Principal desk;
    private static UUID doctorId;
    private static UUID main;
    private static UUID consultation;
    private static UUID needsConfirmation;

    private Stage receptionStage;
    private Stage doctorStage;
    private DesktopShell reception;
    private DesktopShell doctor;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        clinic.createUser("g.okonkwo", PASSWORD, "RECEPTIONIST", "Grace Okonkwo", false);
        doctorId = UUID.fromString(clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false));
        main = fixture.location("Riverside Main");
        consultation = fixture.type("Consultation", 20, 0, false, false);
        needsConfirmation = fixture.type("First visit", 20, 0, false, true);
        fixture.weekly(doctorId, main, Optional.empty(), SchedulingFixture.EVERY_DAY, "08:00", "17:00", 20, TODAY.minusDays(1));
        adaAppointment = clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(),
                fixture.patient("Ada", "Obi"), doctorId, main, consultation, TODAY.atTime(10, 0).toInstant(ZoneOffset.UTC),
                Optional.of("Chest pain on stairs"))).id().toString();
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        receptionStage = stage;
        reception = DesktopRobot.start(stage, clinic.address(), CLOCK);
        doctorStage = new Stage();
        doctor = DesktopRobot.start(doctorStage, clinic.address(), CLOCK);
    }

    @Stop
    void stop() {
        reception.close();
        doctor.close();
        doctorStage.close();
    }

    @Test
    void aCheckInThroughTheApiAppearsOnTheOpenReceptionAndDoctorScreensWithoutAClick(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        signIn(robot, receptionStage, "g.okonkwo");
        signIn(robot, doctorStage, "a.chen");
        ui.waitFor(() -> blockText(robot, "Ada Obi").contains("Confirmed"), () -> "Ada Obi confirmed on the day board");
        ui.waitFor(() -> myDayStatus(robot, "Ada Obi").equals(Optional.of(AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED)),
                () -> "Ada Obi in My day");
        ui.waitFor(() -> text(robot, receptionStage, "#live-state").equals("Live")
                && text(robot, doctorStage, "#live-state").equals("Live"), () -> "both workstations live");
        assertThat(text(robot, doctorStage, "#nav-requests")).isEqualTo("Requests");

        try (ClinicApi frontDesk = new ClinicApi(clinic.address(), "g.okonkwo", PASSWORD)) {
            frontDesk.appointments().checkInAppointment(CheckInAppointmentRequest.newBuilder()
                    .setAppointmentId(adaAppointment).build());
        }

        ui.waitFor(() -> blockText(robot, "Ada Obi").contains("Checked in"), () -> "the check-in on the day board, was "
                + blockText(robot, "Ada Obi"));
        ui.waitFor(() -> myDayStatus(robot, "Ada Obi").equals(Optional.of(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN)),
                () -> "the check-in in My day");
        assertThat(text(robot, doctorStage, "#my-day-summary")).contains("1 checked in");

        // A booking that waits for the doctor: the badge counts it, the board shows it, nobody reloads.
        clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient("Ben", "Ode"),
                doctorId, main, needsConfirmation, TODAY.atTime(11, 0).toInstant(ZoneOffset.UTC), Optional.empty()));
        ui.waitFor(() -> text(robot, doctorStage, "#nav-requests").equals("Requests (1)"),
                () -> "the requests badge, was " + text(robot, doctorStage, "#nav-requests"));
        ui.waitFor(() -> blockText(robot, "Ben Ode").contains("Pending"), () -> "Ben's request on the board, was "
                + blockText(robot, "Ben Ode"));
        ui.waitFor(() -> myDayStatus(robot, "Ben Ode").equals(Optional.of(AppointmentStatus.APPOINTMENT_STATUS_PENDING)),
                () -> "Ben's request in My day");
    }

    private static void signIn(FxRobot robot, Stage stage, String username) {
        new DesktopRobot(robot).waitFor(() -> find(robot, stage, "#sign-in") != null, () -> "the sign-in screen");
        robot.interact(() -> {
            ((TextInputControl) find(robot, stage, "#username")).setText(username);
            ((TextInputControl) find(robot, stage, "#password")).setText(PASSWORD);
            ((ButtonBase) find(robot, stage, "#sign-in")).fire();
        });
        new DesktopRobot(robot).waitFor(() -> find(robot, stage, "#live-indicator") != null, () -> username + " signed in");
    }

    private static Node find(FxRobot robot, Stage stage, String query) {
        Parent root = stage.getScene() == null ? null : stage.getScene().getRoot();
        return root == null ? null : robot.from(root).lookup(query).tryQuery().orElse(null);
    }

    private static String text(FxRobot robot, Stage stage, String query) {
        return find(robot, stage, query) instanceof Labeled l ? l.getText() : "";
    }

    private String blockText(FxRobot robot, String patient) {
        return robot.from(receptionStage.getScene().getRoot()).lookup(".board-block").queryAll().stream()
                .filter(n -> n.getAccessibleText() != null && n.getAccessibleText().startsWith(patient + ","))
                .map(Node::getAccessibleText).findFirst().orElse("");
    }

    @SuppressWarnings("unchecked")
    private Optional<AppointmentStatus> myDayStatus(FxRobot robot, String patient) {
        return Optional.ofNullable(find(robot, doctorStage, "#my-day-table"))
                .flatMap(t -> ((TableView<Appointment>) t).getItems().stream()
                        .filter(a -> a.getPatient().getDisplayName().equals(patient)).findFirst())
                .map(Appointment::getStatus);
    }
}
