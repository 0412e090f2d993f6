package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** A session that ends (idle timeout) while a form is open, against the real server on a hand-moved clock. */
@ExtendWith(ApplicationExtension.class)
class SessionExpiryFlowTest {

    private static final MutableClock clock = MutableClock.startingNow();
    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(clock, TestConfig.defaults());
        clinic.createUser("admin", "Clinic-keys-2026", "ADMIN", "Alex Admin", false);
        clinic.createUser("second", "Other-keys-2026", "ADMIN", "Bo Second", false);
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DesktopRobot.start(stage, clinic.address());
    }

    @Stop
    void stop() {
        shell.close();
    }

    private void idleTooLong() {
        clock.advance(Duration.ofMinutes(16)); // the default idle timeout is 15 minutes
    }

    private void openNewUserFormWithTypedValues(DesktopRobot ui) {
        ui.signIn("admin", "Clinic-keys-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Alex Admin"));
        ui.click("#new-user");
        ui.type("#user-username", "r.okafor").type("#user-display-name", "Ruth Okafor")
                .type("#user-email", "ruth@clinic.example").type("#user-initial-password", "Welcome-2026!");
    }

    @Test
    void afterSigningInAgainTheOpenFormStillHoldsWhatWasTypedAndSaves(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        openNewUserFormWithTypedValues(ui);
        idleTooLong();

        ui.click("#user-save");

        ui.waitForText("#session-ended", "Your session ended (idle for too long). Sign in again to continue.");
        ui.type("#resume-sheet #password", "Clinic-keys-2026");
        ui.click("#resume-sheet #sign-in");
        ui.waitFor(() -> !ui.shown("#resume-sheet"));
        assertThat(ui.text("#user-display-name")).isEqualTo("Ruth Okafor");
        ui.click("#user-save");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Ruth Okafor"), () -> "new user in the table");
    }

    @Test
    void aDifferentUserSigningInGetsAFreshWorkspace(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        openNewUserFormWithTypedValues(ui);
        idleTooLong();
        ui.click("#user-save");
        ui.waitFor(() -> ui.shown("#session-ended"));

        ui.type("#resume-sheet #username", "second");
        ui.type("#resume-sheet #password", "Other-keys-2026");
        ui.click("#resume-sheet #sign-in");

        ui.waitForText("#top-user", "Bo Second");
        assertThat(ui.shown("#user-form")).isFalse();
        assertThat(ui.text("#status-user")).isEqualTo("Signed in as Bo Second (second)");
    }
}
