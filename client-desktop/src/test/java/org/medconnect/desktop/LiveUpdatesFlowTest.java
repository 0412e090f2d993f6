package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.desktop.testing.FakeFrontDesk;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Two workstations open at once, reception on the day board and Dr Chen on My day: a check-in made
 * through the API shows on both without anyone clicking, and the header says Live, then Reconnecting
 * while the server is away, then Live again, with the change made meanwhile caught up.
 */
@ExtendWith(ApplicationExtension.class)
class LiveUpdatesFlowTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private final FakeFrontDesk clinic = new FakeFrontDesk(ZoneOffset.UTC, TODAY);
    private Stage receptionStage;
    private Stage doctorStage;
    private DesktopShell reception;
    private DesktopShell doctor;

    @Start
    void start(Stage stage) throws Exception {
        clinic.booked("a-obi", "Ada Obi", true, "10:00", 30);
        clinic.booked("b-ode", "Ben Ode", true, "11:00", 30);
        clinic.booked("c-eze", "Cy Eze", false, "10:30", 30);
        receptionStage = stage;
        reception = DesktopRobot.start(stage, clinic.address(), Clock.system(ZoneOffset.UTC));
        doctorStage = new Stage();
        doctor = DesktopRobot.start(doctorStage, clinic.address(), Clock.system(ZoneOffset.UTC));
        doctorStage.setX(40);
        doctorStage.setY(40);
    }

    @Stop
    void stop() {
        reception.close();
        doctor.close();
        doctorStage.close();
    }

    @AfterEach
    void closeClinic() {
        clinic.close();
    }

    @Test
    void aCheckInAppearsOnTheOpenDayBoardAndMyDayWithoutAClick(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        signIn(robot, receptionStage, FakeFrontDesk.RECEPTIONIST);
        signIn(robot, doctorStage, FakeFrontDesk.DOCTOR);
        ui.waitFor(() -> blockText(robot, "Ada Obi").contains("Confirmed"), () -> "Ada Obi confirmed on the day board");
        ui.waitFor(() -> myDayStatus(robot, "Ada Obi").equals(Optional.of(AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED)),
                () -> "Ada Obi confirmed in My day");
        ui.waitFor(() -> indicator(robot, receptionStage).equals("Live") && indicator(robot, doctorStage).equals("Live"),
                () -> "both headers to say Live, were " + indicator(robot, receptionStage) + " / " + indicator(robot, doctorStage));
        int listsBefore = listCalls();

        clinic.checkIn("a-obi");

        ui.waitFor(() -> blockText(robot, "Ada Obi").contains("Checked in"), () -> "the check-in on the day board, was "
                + blockText(robot, "Ada Obi"));
        ui.waitFor(() -> myDayStatus(robot, "Ada Obi").equals(Optional.of(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN)),
                () -> "the check-in in My day");
        assertThat(text(robot, doctorStage, "#my-day-summary")).contains("1 checked in");
        assertThat(text(robot, doctorStage, "#my-day-act")).as("no selection was made or lost").isEmpty();
        assertThat(listCalls()).as("applied from the event, not by loading again").isEqualTo(listsBefore);
        assertThat(blockText(robot, "Cy Eze")).contains("Confirmed");
    }

    @Test
    void theIndicatorSaysReconnectingWhileTheServerIsAwayAndCatchesUpAfter(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        signIn(robot, receptionStage, FakeFrontDesk.RECEPTIONIST);
        ui.waitFor(() -> indicator(robot, receptionStage).equals("Live"), () -> "Live, was " + indicator(robot, receptionStage));
        ui.waitFor(() -> blockText(robot, "Ben Ode").contains("Confirmed"), () -> "Ben Ode on the board");
        assertThat(tooltip(robot, receptionStage)).startsWith("Live since ");

        clinic.server().stop();
        ui.waitFor(() -> indicator(robot, receptionStage).equals("Reconnecting…"),
                () -> "Reconnecting…, was " + indicator(robot, receptionStage));
        assertThat(tooltip(robot, receptionStage)).contains("Connection lost at").contains("will be caught up");

        clinic.checkIn("b-ode"); // made while this workstation cannot hear it
        clinic.server().restart();
        ui.waitFor(() -> indicator(robot, receptionStage).equals("Live"),
                () -> "Live again, was " + indicator(robot, receptionStage) + ": " + tooltip(robot, receptionStage));
        ui.waitFor(() -> blockText(robot, "Ben Ode").contains("Checked in"), () -> "the missed check-in caught up");
        assertThat(tooltip(robot, receptionStage)).contains("Reconnected at").contains("caught up on 1 change ");
        assertThat(clinic.server().events().requests().getLast().getAfterSequence()).isEqualTo(0);
    }

    private int listCalls() {
        return clinic.server().requests(org.medconnect.proto.appointment.v1.AppointmentServiceGrpc.getListAppointmentsMethod()).size();
    }

    /** Signs in on one of the two windows (both have the same ids, so look inside that window only). */
    private static void signIn(FxRobot robot, Stage stage, String username) {
        new DesktopRobot(robot).waitFor(() -> find(robot, stage, "#sign-in") != null, () -> "the sign-in screen");
        robot.interact(() -> {
            ((TextInputControl) find(robot, stage, "#username")).setText(username);
            ((TextInputControl) find(robot, stage, "#password")).setText(FakeFrontDesk.PASSWORD);
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

    private static String indicator(FxRobot robot, Stage stage) {
        return text(robot, stage, "#live-state");
    }

    private static String tooltip(FxRobot robot, Stage stage) {
        Node node = find(robot, stage, "#live-indicator");
        return node != null && node.getProperties().get("javafx.scene.control.Tooltip") instanceof javafx.scene.control.Tooltip tip
                ? tip.getText() : "";
    }

    private String blockText(FxRobot robot, String patient) {
        Parent root = receptionStage.getScene().getRoot();
        return robot.from(root).lookup(".board-block").queryAll().stream()
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
