package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
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
 * An ended session locks the workstation at once (issue 11, item 11): nobody has to click for the names
 * on screen to go, what was typed survives for the same user, and the header and status bar agree.
 */
@ExtendWith(ApplicationExtension.class)
class SessionLockFlowTest {

    private static final String PASSWORD = "Clinic-keys-2026";
    private static final MutableClock clock = MutableClock.startingNow();
    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(clock, TestConfig.defaults());
        clinic.createUser("admin", PASSWORD, "ADMIN", "Alex Admin", false);
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DesktopRobot.start(stage, clinic.address(), clock); // the workstation's clock moves with the server's
    }

    @Stop
    void stop() {
        shell.close();
    }

    @Test
    void theIdleTimeoutCoversEveryScreenWithoutAClickAndTheSameUserCarriesOn(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", PASSWORD);
        ui.waitFor(() -> ui.tableContains("#staff-table", "Alex Admin"));
        ui.click("#new-user");
        ui.type("#user-display-name", "Ruth Okafor");
        ui.waitFor(() -> agree(ui), () -> "header and status bar agree while live");

        clock.advance(Duration.ofMinutes(16)); // the default idle timeout is 15 minutes; nobody touches anything

        ui.waitFor(() -> ui.shown("#resume-sheet"), () -> "the lock, without a click");
        assertThat(onScreen(robot, "#staff-table")).as("staff names under the lock").isFalse();
        assertThat(onScreen(robot, "#user-form")).as("the open form under the lock").isFalse();
        assertThat(onScreen(robot, "#live-state")).isFalse();

        ui.type("#resume-sheet #password", PASSWORD);
        ui.click("#resume-sheet #sign-in");
        ui.waitFor(() -> !ui.shown("#resume-sheet"));
        assertThat(onScreen(robot, "#user-form")).isTrue();
        assertThat(ui.text("#user-display-name")).isEqualTo("Ruth Okafor");
        ui.waitFor(() -> agree(ui), () -> "header and status bar agree after unlocking");
    }

    /** "Live" in the header goes with "Connected" in the status bar; every other state is written the same in both. */
    private static boolean agree(DesktopRobot ui) {
        String header = ui.text("#live-state");
        String status = ui.text("#status-connection").replace("● ", "");
        return header.equals("Live") ? status.equals("Connected") : status.equals(header);
    }

    /** Shown, and so are all its ancestors: what a person at the screen could read. */
    private static boolean onScreen(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> {
            for (Node at = n; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return n.getScene() != null;
        }).orElse(false);
    }
}
