package org.medconnect.desktop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
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

/**
 * The day board at 1366x768 with ten doctors (issue 11, item 14): all ten columns in view, names that
 * do not fit one line wrap (surname first) with the whole block in a tooltip, and tabbing into the
 * board keeps the morning in view with the cursor where the reader looks.
 */
@ExtendWith(ApplicationExtension.class)
class DayBoardFlowTest {

    private static final String PASSWORD = "Front-desk-2026";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(7, 30).toInstant(ZoneOffset.UTC));
    private static TestClinic clinic;
    private static String firstDoctorId;
    private DesktopShell shell;
    private Stage stage;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        clinic.createUser("g.okonkwo", PASSWORD, "RECEPTIONIST", "Grace Okonkwo", false);
        UUID main = fixture.location("Riverside Main");
        UUID consultation = fixture.type("Consultation", 30, 0, false, false);
        List<String> doctors = List.of("Anna Chen", "Ben Adeyemi", "Carla Novak", "David Osei", "Eva Lindqvist",
                "Farid Haddad", "Grace Kim", "Hugo Martins", "Ines Duarte", "Jonas Weber");
        UUID first = null;
        for (int i = 0; i < doctors.size(); i++) {
            Principal doctor = fixture.doctor("doc" + i, "Dr " + doctors.get(i), "General practice", "General practice");
            fixture.weekly(doctor.userId(), main, Optional.empty(), SchedulingFixture.EVERY_DAY, "08:00", "18:00", 30,
                    TODAY.minusDays(1));
            if (first == null) {
                first = doctor.userId();
            }
        }
        firstDoctorId = first.toString();
        Instant nine = TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC);
        clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(),
                fixture.patient("Jane", "Smithson-Whitfield"), first, main, consultation, nine, Optional.empty()));
        clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(),
                fixture.patient("Jane", "Smithers"), first, main, consultation, nine.plusSeconds(1800), Optional.empty()));
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        shell = DesktopRobot.start(stage, clinic.address(), CLOCK);
        stage.setWidth(1366);
        stage.setHeight(768);
    }

    @Stop
    void stop() {
        shell.close();
    }

    @Test
    void tenDoctorsFitAt1366AndFullNamesAreReadable(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("g.okonkwo", PASSWORD);
        ui.waitFor(() -> robot.lookup(".board-column-header").queryAll().size() == 10, () -> "ten doctor columns");
        ui.waitFor(() -> nameLabel(robot, "Smithson-Whitfield").isPresent(), () -> "Jane Smithson-Whitfield's block");

        ScrollPane scroller = robot.lookup("#board-scroller").queryAs(ScrollPane.class);
        Bounds viewport = scroller.localToScreen(scroller.getViewportBounds());
        for (Node header : robot.lookup(".board-column-header").queryAll()) {
            Bounds b = header.localToScreen(header.getBoundsInLocal());
            assertThat(b.getMaxX()).as("a doctor column in view").isLessThanOrEqualTo(viewport.getMaxX() + 1);
        }
        // Every doctor's name readable in full: surname first, wrapped, never cut to "Dr Farid Ha…".
        List<Label> doctorNames = robot.lookup(".board-column-name").queryAllAs(Label.class).stream().toList();
        assertThat(doctorNames).hasSize(10);
        for (Label name : doctorNames) {
            assertThat(shownText(name)).as("the header of " + name.getText() + " at " + name.getWidth() + "x" + name.getHeight()
                            + " in " + name.getParent().getLayoutBounds()).isEqualTo(name.getText())
                    .doesNotContain("…").doesNotEndWith("...");
        }
        assertThat(doctorNames.stream().map(Label::getText)).contains("Haddad, Farid", "Lindqvist, Eva");
        Label smithson = nameLabel(robot, "Smithson-Whitfield").orElseThrow();
        Label smithers = nameLabel(robot, "Smithers").orElseThrow();
        assertThat(smithson.getText()).isEqualTo("Smithson-Whitfield, Jane");
        assertThat(smithers.getText()).isEqualTo("Smithers, Jane");
        assertThat(smithson.isWrapText()).isTrue();
        Tooltip tip = (Tooltip) smithson.getParent().getProperties().values().stream()
                .filter(Tooltip.class::isInstance).findFirst().orElseThrow();
        assertThat(tip.getText()).startsWith("Jane Smithson-Whitfield\n09:00–09:30");
    }

    @Test
    void tabbingIntoTheBoardKeepsTheMorningInViewAndTheCursorOnIt(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("g.okonkwo", PASSWORD);
        ui.waitFor(() -> nameLabel(robot, "Smithers").isPresent(), () -> "the board loaded");
        ScrollPane scroller = robot.lookup("#board-scroller").queryAs(ScrollPane.class);
        robot.interact(() -> scroller.setVvalue(0.1));
        double before = scroller.getVvalue();

        Node body = robot.lookup("#board-body").query();
        for (int i = 0; i < 30 && body.getScene().getFocusOwner() != body; i++) {
            robot.type(KeyCode.TAB);
        }

        assertThat(body.getScene().getFocusOwner()).as("the board takes the focus by Tab").isSameAs(body);
        robot.sleep(300);
        assertThat(scroller.getVvalue()).as("no jump when the focus arrives").isCloseTo(before, org.assertj.core.data.Offset.offset(0.01));
        Node cursor = robot.lookup("#board-cursor").query();
        Bounds cell = cursor.localToScreen(cursor.getBoundsInLocal());
        Bounds viewport = scroller.localToScreen(scroller.getViewportBounds());
        assertThat(cell.getMinY()).as("the cursor in view").isBetween(viewport.getMinY() - 1, viewport.getMaxY());

        // Down the first doctor's column to Jane Smithers at 09:30: the focused block is in the viewport.
        Bounds target = nameLabel(robot, "Smithers").map(l -> l.getParent().localToScreen(l.getParent().getBoundsInLocal())).orElseThrow();
        for (int i = 0; i < 10 && !(cursorCentre(robot).getX() > target.getMinX() && cursorCentre(robot).getX() < target.getMaxX()); i++) {
            robot.type(KeyCode.RIGHT); // along to the doctor's column
        }
        for (int i = 0; i < 40 && !cursorOn(robot, "Smithers"); i++) {
            robot.type(KeyCode.DOWN); // the cursor starts on the first row in view, before 09:30
        }
        assertThat(cursorOn(robot, "Smithers")).as("the cursor reached the 09:30 block").isTrue();
        Label smithers = nameLabel(robot, "Smithers").orElseThrow();
        Bounds block = smithers.getParent().localToScreen(smithers.getParent().getBoundsInLocal());
        Bounds now = scroller.localToScreen(scroller.getViewportBounds());
        assertThat(block.getMinY()).as("the focused block's top in view").isGreaterThanOrEqualTo(now.getMinY() - 1);
        assertThat(block.getMaxY()).as("the focused block's bottom in view").isLessThanOrEqualTo(now.getMaxY() + 1);
        assertThat(block.getMaxX()).as("the focused block's column in view").isLessThanOrEqualTo(now.getMaxX() + 1);
    }

    private static javafx.geometry.Point2D cursorCentre(FxRobot robot) {
        Node cursor = robot.lookup("#board-cursor").query();
        Bounds cell = cursor.localToScreen(cursor.getBoundsInLocal());
        return new javafx.geometry.Point2D(cell.getCenterX(), cell.getCenterY());
    }

    /** The cursor's cell overlaps the block of the patient with this surname. */
    private static boolean cursorOn(FxRobot robot, String surname) {
        Node cursor = robot.lookup("#board-cursor").query();
        Bounds cell = cursor.localToScreen(cursor.getBoundsInLocal());
        return nameLabel(robot, surname).map(l -> l.getParent().localToScreen(l.getParent().getBoundsInLocal()))
                .map(b -> b.contains(cell.getCenterX(), cell.getCenterY())).orElse(false);
    }

    /** What the label actually draws: its text, or the text cut with an ellipsis when it does not fit. */
    private static String shownText(Label label) {
        return label.lookupAll(".text").stream().filter(javafx.scene.text.Text.class::isInstance)
                .map(n -> ((javafx.scene.text.Text) n).getText()).findFirst().orElse("");
    }

    private static Optional<Label> nameLabel(FxRobot robot, String surname) {
        return robot.lookup(".board-block-name").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().contains(surname)).findFirst();
    }
}
