package org.medconnect.desktop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** An admin opens Audit from the console, sees the trail and the sign-in log, and verifies the chain, against the real server. */
@ExtendWith(ApplicationExtension.class)
class AuditFlowTest {

    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        clinic.createUser("admin", "Clinic-keys-2026", "ADMIN", "Alex Admin", false);
        clinic.createUser("r.okafor", "Welcome-2026!", "RECEPTIONIST", "Ruth Okafor", false);
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

    @Test
    void adminSeesTheTrailAndTheSignInLogAndTheChainVerifiesIntact(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("r.okafor", "Welcome-2026!");
        ui.waitFor(() -> ui.shown("#sign-out"));
        ui.click("#sign-out");
        ui.signIn("admin", "Clinic-keys-2026");
        ui.waitFor(() -> ui.shown("#nav-audit"), () -> "the Audit entry of the admin console");

        ui.click("#nav-audit");
        ui.waitFor(() -> ui.tableContains("#audit-table", "AUTH_SIGNED_IN"), () -> "a sign-in in the audit table");
        assertThat(ui.tableContains("#audit-table", "r.okafor")).isTrue();

        ui.click("#audit-verify");
        ui.waitFor(() -> ui.shown("#audit-chain"), () -> "the chain result");
        assertThat(ui.text("#audit-chain-headline")).startsWith("Intact — ").contains("head hash");

        robot.clickOn("Sign-in log");
        ui.waitFor(() -> ui.tableContains("#signin-log-table", "r.okafor"), () -> "Ruth's sign-in in the sign-in log");
    }
}
