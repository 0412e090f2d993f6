package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.ClinicNames;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.ClinicApi;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.patient.v1.Sex;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * A receptionist books, moves and cancels an appointment through the booking dialog, the slot
 * finder and the appointment details, and watches the day board follow, against the real server.
 */
@ExtendWith(ApplicationExtension.class)
class BookingFlowTest {

    private static final String PASSWORD = "Front-desk-2026";
    private static TestClinic clinic;
    private static LocalDate tomorrow;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(); // clinic time zone UTC, as the workstation below
        clinic.createUser("admin", "Clinic-keys-2026", "ADMIN", "Alex Admin", false);
        clinic.createUser("m.lopez", PASSWORD, "RECEPTIONIST", "Maria Lopez", false);
        String doctorId = clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false);
        tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        try (ClinicApi api = new ClinicApi(clinic.address(), "admin", "Clinic-keys-2026")) {
            String riverside = api.location("Riverside Clinic", "12 River Road").getLocationId();
            api.type("Consultation", 30, false, false);
            api.availability(doctorId, riverside, List.of(1, 2, 3, 4, 5, 6, 7), "08:00", "18:00", 30, tomorrow.minusDays(1), "12:30-13:30");
            api.patient("Maria", "Garcia", "1984-03-07", Sex.SEX_FEMALE, "+1 555 0142");
            api.patient("Mario", "Garcetti", "1990-06-01", Sex.SEX_MALE, "+1 555 0199");
        }
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DesktopRobot.start(stage, clinic.address(), Clock.system(ZoneOffset.UTC));
    }

    @Stop
    void stop() {
        shell.close();
    }

    @Test
    void bookMoveAndCancelFromTheDayBoard(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("m.lopez", PASSWORD);
        ui.waitFor(() -> ui.shown("#day-board"), () -> "the day board");

        // Book: find the patient, pick tomorrow 09:00 with Dr Chen.
        ui.click("#new-booking");
        ui.waitFor(() -> ui.shown("#booking-sheet"), () -> "the booking dialog");
        ui.type("#patient-search", "garcia");
        ui.waitFor(() -> !robot.lookup("#patient-results .list-cell").queryAllAs(Labeled.class).isEmpty()
                && robot.lookup("Maria Garcia").tryQuery().isPresent(), () -> "Maria Garcia in the results");
        robot.clickOn("Maria Garcia");
        ui.waitForText("#chosen-patient", "Maria Garcia");
        choose(robot, "#slot-doctor", "Dr Anna Chen");
        String nine = "#slot-" + tomorrow + "-0900";
        ui.waitFor(() -> ui.shown(nine), () -> "tomorrow 09:00 among the free slots; hint: " + ui.text("#slot-hint")
                + " message: " + ui.text("#slot-message"));
        reveal(robot, nine);
        ui.click(nine);
        ui.waitForText("#chosen-slot", "09:00 with Dr Anna Chen");
        ui.type("#booking-reason", "Follow-up on blood pressure");
        ui.click("#booking-book");

        ui.waitFor(() -> !ui.shown("#booking-sheet"), () -> "the dialog to close; message: " + ui.text("#booking-message"));
        ui.waitFor(() -> ui.shown("#inform-ok"), () -> "the reference to read out");
        assertThat(ui.text("#dialog-message")).startsWith("Reference A-").contains("Maria Garcia");
        ui.click("#inform-ok");
        ui.waitFor(() -> block(robot, "Maria Garcia").isPresent(), () -> "the appointment on the board");
        assertThat(ui.text("#board-title")).contains(tomorrow.getDayOfMonth() + " ");
        assertThat(blockText(robot)).contains("09:00–09:30").contains("Confirmed");
        double nineY = block(robot, "Maria Garcia").orElseThrow().getLayoutY();

        // Move it to 11:00 through the slot finder.
        robot.clickOn(block(robot, "Maria Garcia").orElseThrow());
        ui.waitFor(() -> ui.shown("#details-sheet"), () -> "the appointment details");
        ui.waitForText("#details-status", "Confirmed");
        ui.waitFor(() -> ui.tableContains("#details-history", "Maria Lopez"), () -> "the booking in the history");
        ui.click("#action-reschedule");
        String eleven = "#slot-" + tomorrow + "-1100";
        ui.waitFor(() -> ui.shown(eleven), () -> "tomorrow 11:00 in the slot finder");
        reveal(robot, eleven);
        ui.click(eleven);
        ui.click("#reschedule-confirm");
        ui.waitForText("#details-notice", "Moved to");
        ui.waitForText("#details-when", "11:00");
        ui.click("#details-close");
        ui.waitFor(() -> blockText(robot).contains("11:00–11:30"), () -> "the block at 11:00, was " + blockText(robot));
        assertThat(block(robot, "Maria Garcia").orElseThrow().getLayoutY()).isGreaterThan(nineY);

        // Cancel it with a reason: it leaves the board, and shows faded with "Show cancelled".
        robot.clickOn(block(robot, "Maria Garcia").orElseThrow());
        ui.waitFor(() -> ui.shown("#details-sheet"), () -> "the appointment details again");
        ui.click("#action-cancel");
        ui.click("#cancel-confirm");
        ui.waitForText("#cancel-reason-error", "Patient called to cancel");
        ui.type("#cancel-reason", "Patient called to cancel");
        ui.click("#cancel-confirm");
        ui.waitForText("#details-status", "Cancelled");
        ui.waitForText("#details-cancel-reason", "Patient called to cancel");
        ui.click("#details-close");
        ui.waitFor(() -> block(robot, "Maria Garcia").isEmpty(), () -> "the cancelled appointment off the board");
        ui.click("#show-cancelled");
        ui.waitFor(() -> block(robot, "Maria Garcia").isPresent(), () -> "the cancelled appointment, faded");
        assertThat(blockText(robot)).contains("Cancelled");
        assertThat(block(robot, "Maria Garcia").orElseThrow().getStyleClass()).contains("status-cancelled", StatusStyle.FADED);
        ui.waitFor(() -> block(robot, "Maria Garcia").orElseThrow().getOpacity() < 0.6, () -> "the cancelled block drawn faded");
    }

    @Test
    void receptionBooksByKeyboardAloneAndIsGivenTheReferenceToReadOut(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("m.lopez", PASSWORD);
        ui.waitFor(() -> ui.shown("#day-board"), () -> "the day board");
        assertThat(ui.text("#board-keys")).contains("Ctrl+N new booking").contains("F5 reload");

        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        ui.waitFor(() -> ui.shown("#booking-sheet"), () -> "the booking sheet from Ctrl+N");
        ui.waitFor(() -> "patient-search".equals(focusedId(robot)), () -> "the focus in the patient search");
        robot.write("maria garcia");
        ui.waitFor(() -> robot.lookup("#patient-results .list-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> c.getGraphic() != null), () -> "search results");
        robot.type(KeyCode.DOWN);
        ui.waitForText("#chosen-patient", "Maria Garcia");

        tabUntil(robot, "slot-doctor");
        robot.type(KeyCode.DOWN); // the first doctor after "Any doctor"
        ui.waitFor(() -> robot.lookup(".slot-button").tryQuery().isPresent(), () -> "free slots; hint: " + ui.text("#slot-hint"));

        // Through the date fields and on to the first time: leaving a field must not search again and pull the focus back.
        for (int i = 0; i < 40 && (focusOwner(robot) == null || !focusOwner(robot).getStyleClass().contains("slot-button")); i++) {
            robot.type(KeyCode.TAB);
        }
        assertThat(focusOwner(robot).getStyleClass()).as("a slot time has the focus").contains("slot-button");
        robot.type(KeyCode.SPACE);
        ui.waitFor(() -> !ui.text("#chosen-slot").startsWith("No slot"), () -> "a chosen slot");
        assertThat(robot.lookup("#booking-book").queryAs(javafx.scene.control.Button.class).getTooltip().getText())
                .contains("Ctrl+Enter");

        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);

        ui.waitFor(() -> ui.shown("#inform-ok"), () -> "the reference; message: " + ui.text("#booking-message"));
        assertThat(ui.text("#dialog-message")).startsWith("Reference A-").contains("Maria Garcia").contains("Dr Anna Chen");
        robot.type(KeyCode.ENTER);
        ui.waitFor(() -> !ui.shown("#inform-ok"), () -> "Enter closes the reference");
    }

    /** The scene's focus owner (a headless window is never "focused", so Node.isFocused() stays false). */
    private static Node focusOwner(FxRobot robot) {
        return robot.lookup("#booking-sheet").query().getScene().getFocusOwner();
    }

    private static String focusedId(FxRobot robot) {
        Node owner = focusOwner(robot);
        return owner == null || owner.getId() == null ? "" : owner.getId();
    }

    /** Presses Tab until the focused node's id starts with {@code idPrefix}; fails after 40 presses. */
    private static void tabUntil(FxRobot robot, String idPrefix) {
        for (int i = 0; i < 40; i++) {
            String id = focusedId(robot);
            if (id != null && id.startsWith(idPrefix) && !id.equals("slot-scroller") && !id.equals("slot-days")) {
                return;
            }
            robot.type(KeyCode.TAB);
        }
        throw new AssertionError("Tab never reached " + idPrefix + "; the focus is on " + focusedId(robot));
    }

    @Test
    void registeringSomeoneAlreadyThereOffersTheMatchInstead(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("m.lopez", PASSWORD);
        ui.waitFor(() -> ui.shown("#day-board"), () -> "the day board");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.N)
                .release(javafx.scene.input.KeyCode.N, javafx.scene.input.KeyCode.CONTROL);
        ui.waitFor(() -> ui.shown("#booking-sheet"), () -> "the booking dialog from Ctrl+N");

        ui.type("#patient-search", "Maria Garcia");
        ui.click("#new-patient");
        ui.waitForText("#patient-given-name", "Maria");
        assertThat(ui.text("#patient-family-name")).isEqualTo("Garcia");
        ui.type("#patient-dob", "07/03/1984");
        robot.interact(() -> robot.lookup("#patient-sex").queryAs(ComboBox.class).getSelectionModel().select(0));
        ui.click("#register-patient");

        ui.waitFor(() -> ui.shown("#duplicates"), () -> "the likely duplicates; message: " + ui.text("#patient-form-message"));
        ui.click("#use-duplicate");
        ui.waitForText("#chosen-patient", "Maria Garcia");
        assertThat(ui.shown("#patient-search")).isTrue();
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        ui.waitFor(() -> !ui.shown("#booking-sheet"), () -> "Esc to close the dialog");
    }

    private static Optional<Node> block(FxRobot robot, String patient) {
        return robot.lookup(".board-block").queryAll().stream()
                .filter(n -> n.getAccessibleText() != null && n.getAccessibleText().startsWith(patient + ",")).findFirst();
    }

    private static String blockText(FxRobot robot) {
        return block(robot, "Maria Garcia").map(Node::getAccessibleText).orElse("");
    }

    /** Scrolls the slot list so the button is in sight before clicking it. */
    private static void reveal(FxRobot robot, String query) {
        robot.interact(() -> {
            Node node = robot.lookup(query).query();
            for (Node n = node.getParent(); n != null; n = n.getParent()) {
                if (n instanceof javafx.scene.control.ScrollPane scroll) {
                    double y = scroll.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
                    double room = scroll.getContent().getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                    scroll.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (y - 10) / room)));
                    return;
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, String combo, String startsWith) {
        robot.clickOn(combo);
        ComboBox<Doctor> box = robot.lookup(combo).queryAs(ComboBox.class);
        Doctor wanted = box.getItems().stream().filter(d -> d.getDisplayName().startsWith(startsWith)).findFirst().orElseThrow();
        robot.clickOn(ClinicNames.doctor(wanted));
    }

}
