package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.DateCell;
import javafx.scene.control.DatePicker;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The clinic's settings reach the workstation at sign-in (issue 11, items 9 and 10): a PC set to another
 * time zone and to American dates still shows the clinic's day and reads dates the clinic's way.
 */
@ExtendWith(ApplicationExtension.class)
class ClinicSettingsFlowTest {

    private static final String PASSWORD = "Clinic-keys-2026";
    /** 12:00 UTC: already Monday 7 December at the clinic (UTC+14), still Sunday 6 December on the PC (UTC-11). */
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final ZoneId CLINIC = ZoneId.of("Pacific/Kiritimati");
    private static final ZoneId PC = ZoneId.of("Pacific/Pago_Pago");
    private static TestClinic clinic;
    private static Locale pcLocale;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(new MutableClock(NOW), TestConfig.defaults().withClinicZone(CLINIC));
        clinic.createUser("admin", PASSWORD, "ADMIN", "Alex Admin", false);
        clinic.createUser("desk", PASSWORD, "RECEPTIONIST", "Grace Okonkwo", false);
        clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false);
        pcLocale = Locale.getDefault(Locale.Category.FORMAT);
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
        Locale.setDefault(Locale.Category.FORMAT, pcLocale);
    }

    @Start
    void start(Stage stage) throws Exception {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US); // a PC set up for American dates
        shell = DesktopRobot.start(stage, clinic.address(), Clock.fixed(NOW, PC));
    }

    @Stop
    void stop() {
        shell.close();
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(Locale.Category.FORMAT, pcLocale);
    }

    @Test
    void theDayBoardOpensOnTheClinicsTodayNotThePcs(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("desk", PASSWORD);

        ui.waitFor(() -> ui.shown("#board-title"), () -> "the day board");
        assertThat(ui.text("#board-title")).startsWith("Monday 7 December 2026");
    }

    @Test
    void timeOffDatesAreReadTheClinicsWayOnACalendarStartingMonday(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", PASSWORD);
        ui.click("#nav-availability");
        ui.click("#add-time-off");
        ui.waitFor(() -> ui.shown("#exception-form"));

        DatePicker start = robot.lookup("#exception-start-date").queryAs(DatePicker.class);
        assertThat(start.getEditor().getText()).isEqualTo("07/12/2026");
        robot.interact(() -> start.getEditor().setText("10/12/2026"));
        robot.clickOn("#exception-reason");
        assertThat(start.getValue()).isEqualTo(LocalDate.of(2026, 12, 10));

        robot.interact(start::show);
        List<String> weekdays = robot.lookup(".day-name-cell").queryAll().stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).toList();
        robot.interact(start::hide);
        assertThat(weekdays).first().isEqualTo(DayOfWeek.MONDAY.getDisplayName(java.time.format.TextStyle.SHORT, Locale.UK));
    }

    @Test
    void timeOffStartingInThePastIsQuestionedNotSilentlySaved(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", PASSWORD);
        ui.click("#nav-availability");
        ui.click("#add-time-off");
        ui.waitFor(() -> ui.shown("#exception-form"));
        DatePicker start = robot.lookup("#exception-start-date").queryAs(DatePicker.class);
        robot.interact(() -> start.setValue(LocalDate.of(2026, 10, 12)));
        ui.type("#exception-reason", "Conference");

        ui.click("#exception-save");

        ui.waitFor(() -> ui.shown("#confirm-ok"), () -> "a question about the date");
        assertThat(ui.text("#dialog-message")).contains("in the past");
        ui.click("#confirm-cancel");
        assertThat(ui.shown("#exception-form")).isTrue();
    }
}
