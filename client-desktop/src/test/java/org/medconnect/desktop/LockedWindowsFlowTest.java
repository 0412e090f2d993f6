package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.desktop.testing.DesktopRobot;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * The session lock reaches the workstation's other windows (issue 11, items 11 and 16): a window of its own
 * that shows a patient (as a chart does) is covered at once and keeps what was typed; the waiting-room
 * display, which shows tokens, doctors and rooms only, stays on the wall and says its numbers may be out of
 * date until the same receptionist signs in again.
 */
@ExtendWith(ApplicationExtension.class)
class LockedWindowsFlowTest {

    private static final String PASSWORD = "Front-desk-2026";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(8, 30).toInstant(ZoneOffset.UTC));
    private static TestClinic clinic;
    private DesktopShell shell;
    private Stage stage;

    @BeforeAll
    static void startClinic() {
        // The headless platform's blit of the display going full screen (then moved aside) can throw an
        // IndexOutOfBoundsException on its own thread; it is not the workstation's, and must not fail the next step.
        WaitForAsyncUtils.autoCheckException = false;
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        clinic.createUser("g.okonkwo", PASSWORD, "RECEPTIONIST", "Grace Okonkwo", false);
        UUID doctor = UUID.fromString(clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false));
        UUID main = fixture.location("Riverside Main");
        UUID room = fixture.room(main, "Room 3");
        UUID consultation = fixture.type("Consultation", 20, 0, false, false);
        fixture.weekly(doctor, main, Optional.of(room), SchedulingFixture.EVERY_DAY, "08:00", "17:00", 20, TODAY.minusDays(1));
        var booked = clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(),
                fixture.patient("Ada", "Obi"), doctor, main, consultation, TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC),
                Optional.empty()));
        clinic.services().appointments().checkIn(desk, booked.id()); // token 1
    }

    @AfterAll
    static void stopClinic() {
        WaitForAsyncUtils.clearExceptions();
        WaitForAsyncUtils.autoCheckException = true;
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        shell = DesktopRobot.start(stage, clinic.address(), CLOCK);
    }

    @Stop
    void stop() {
        shell.close();
    }

    @Test
    void theLockCoversAPatientWindowAndPausesTheWaitingRoomDisplayUntilTheSameUserCarriesOn(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        signIn(ui, robot);
        ui.click("#nav-queue");
        ui.waitFor(() -> robot.lookup("#display-location").tryQueryAs(javafx.scene.control.ComboBox.class)
                .map(c -> c.getValue() != null).orElse(false), () -> "the display's location chosen");
        ui.click("#open-waiting-room-display");
        ui.waitFor(() -> display().isPresent(), () -> "the waiting-room display");
        toTheWall(robot);
        Scene display = display().orElseThrow().getScene();
        ui.waitFor(() -> display.getRoot().lookupAll(".label").stream()
                .anyMatch(n -> n.getId() != null && n.getId().startsWith("board-next-") && "1".equals(((Labeled) n).getText())),
                () -> "token 1 next on the display");
        assertThat(texts(display)).contains("Room 3");
        assertThat(visible(display.lookup("#board-connection-lost"))).as("no lost-connection sign while live").isFalse();

        // A window of its own with a patient in it, as a chart opens, with something typed.
        Stage[] opened = new Stage[1];
        TextField note = new TextField();
        robot.interact(() -> {
            Stage chart = new Stage();
            opened[0] = chart;
            chart.initOwner(stage);
            chart.setX(0); // bottom left, clear of the sign-in card the lock shows in the middle
            chart.setY(470);
            note.setId("chart-note");
            note.setText("Ada Obi: dizzy since Monday");
            Scene scene = new Scene(new javafx.scene.layout.StackPane(note), 420, 280);
            Theme.apply(scene);
            chart.setScene(scene);
            chart.show();
        });
        Stage chart = opened[0];

        CLOCK.advance(Duration.ofMinutes(16)); // past the idle timeout; nobody touches anything

        ui.waitFor(() -> ui.shown("#resume-sheet"), () -> "the lock on the main window");
        ui.waitFor(() -> !visible(note), () -> "the patient window covered without a click");
        assertThat(chart.isShowing()).as("covered, not closed: what was typed survives").isTrue();
        assertThat(visible(chart.getScene().lookup("#window-lock-message"))).isTrue();
        assertThat(display().orElseThrow().isShowing()).as("the wall display stays up").isTrue();
        Node lost = display.lookup("#board-connection-lost");
        assertThat(visible(lost)).as("the display says it is cut off").isTrue();
        assertThat(((Labeled) lost).getText()).contains("may be out of date");
        assertThat(texts(display)).as("the display names no patient").noneMatch(t -> t.contains("Obi") || t.contains("Ada"));

        ui.type("#resume-sheet #password", PASSWORD);
        ui.click("#resume-sheet #sign-in");
        ui.waitFor(() -> !ui.shown("#resume-sheet"));
        ui.waitFor(() -> visible(note), () -> "the patient window uncovered");
        assertThat(note.getText()).isEqualTo("Ada Obi: dizzy since Monday");
        ui.waitFor(() -> !visible(display.lookup("#board-connection-lost")), () -> "the display live again");
        robot.interact(() -> {
            chart.close();
            display().ifPresent(Window::hide);
        });
    }

    @Test
    void signingOutClosesTheWindowsOfTheSessionThatEnded(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        signIn(ui, robot);
        ui.click("#nav-queue");
        ui.waitFor(() -> robot.lookup("#display-location").tryQueryAs(javafx.scene.control.ComboBox.class)
                .map(c -> c.getValue() != null).orElse(false), () -> "the display's location chosen");
        ui.click("#open-waiting-room-display");
        ui.waitFor(() -> display().isPresent(), () -> "the waiting-room display");
        toTheWall(robot);

        ui.click("#sign-out");

        ui.waitFor(() -> ui.shown("#sign-in"));
        ui.waitFor(() -> display().isEmpty(), () -> "the display closed with the session");
    }

    /** Signs in, pressing Enter again when a loaded build machine lets the first call outrun its deadline. */
    private static void signIn(DesktopRobot ui, FxRobot robot) {
        ui.signIn("g.okonkwo", PASSWORD);
        for (int attempt = 0; attempt < 3 && ui.shown("#sign-in"); attempt++) {
            ui.waitFor(() -> !ui.shown("#sign-in") || ui.text("#sign-in-message").contains("did not answer"));
            if (ui.shown("#sign-in")) {
                robot.clickOn("#password").type(javafx.scene.input.KeyCode.ENTER);
            }
        }
    }

    /**
     * The display goes to the wall screen; here (one headless screen) a small window at the top left, clear of the
     * sign-in card and of Sign out.
     */
    private static void toTheWall(FxRobot robot) {
        robot.interact(() -> display().ifPresent(w -> {
            ((Stage) w).setFullScreen(false);
            w.setX(0);
            w.setY(60);
            w.setWidth(420);
            w.setHeight(380);
        }));
    }

    private static Optional<Window> display() {
        return Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().lookup("#waiting-room-board") != null)
                .findFirst();
    }

    private static List<String> texts(Scene scene) {
        return scene.getRoot().lookupAll(".label").stream().filter(Labeled.class::isInstance)
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null).toList();
    }

    /** Shown, and so are all its ancestors: what a person at the screen could read. */
    private static boolean visible(Node node) {
        if (node == null || node.getScene() == null) {
            return false;
        }
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
