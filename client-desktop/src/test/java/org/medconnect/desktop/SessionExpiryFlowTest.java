package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.desktop.testing.FakeMedConnectServer;
import org.medconnect.proto.common.v1.Role;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * A session that ends while a form is open: the real server's idle timeout cannot be waited out in a
 * test, so a small fake server ends the session on demand.
 */
@ExtendWith(ApplicationExtension.class)
class SessionExpiryFlowTest {

    private FakeMedConnectServer server;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        server = new FakeMedConnectServer();
        server.createUser("admin", "Admin-pass-2026", Role.ROLE_ADMIN, "Alex Admin");
        server.createUser("admin2", "Other-pass-2026", Role.ROLE_ADMIN, "Bo Second");
        shell = DesktopRobot.start(stage, server.address());
    }

    @Stop
    void stop() {
        shell.close();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    private void openNewUserFormWithTypedValues(DesktopRobot ui) {
        ui.signIn("admin", "Admin-pass-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Alex Admin"));
        ui.click("#new-user");
        ui.type("#user-username", "r.okafor").type("#user-display-name", "Ruth Okafor")
                .type("#user-email", "ruth@clinic.example").type("#user-initial-password", "Welcome-2026!");
    }

    @Test
    void afterSigningInAgainTheOpenFormStillHoldsWhatWasTypedAndSaves(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        openNewUserFormWithTypedValues(ui);
        server.expireAllSessions();

        ui.click("#user-save");

        ui.waitForText("#session-ended", "Your session ended (idle for too long). Sign in again to continue.");
        ui.type("#resume-sheet #password", "Admin-pass-2026");
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
        server.expireAllSessions();
        ui.click("#user-save");
        ui.waitFor(() -> ui.shown("#session-ended"));

        ui.type("#resume-sheet #username", "admin2");
        ui.type("#resume-sheet #password", "Other-pass-2026");
        ui.click("#resume-sheet #sign-in");

        ui.waitForText("#top-user", "Bo Second");
        assertThat(ui.shown("#user-form")).isFalse();
        assertThat(ui.text("#status-user")).isEqualTo("Signed in as Bo Second (admin2)");
    }
}
