package org.medconnect.desktop.staff;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** A locked-out receptionist shows as Locked; the admin resets the password and the lock goes. Real server. */
@ExtendWith(ApplicationExtension.class)
class ResetPasswordFlowTest {

    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        clinic.createUser("admin", "Clinic-keys-2026", "ADMIN", "Alex Admin", false);
        clinic.createUser("p.ward", "Quiet-harbour-2026", "RECEPTIONIST", "Pat Ward", false);
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(clinic.channel());
        for (int i = 0; i < 5; i++) {
            try {
                auth.signIn(SignInRequest.newBuilder().setUsername("p.ward").setPassword("wrong-" + i).build());
            } catch (RuntimeException expected) {
                // five wrong passwords lock the account
            }
        }
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
    void lockedAccountShowsLockedUntilTheAdminResetsThePassword(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Clinic-keys-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Pat Ward"));
        assertThat(ui.tableContains("#staff-table", "Locked")).isTrue();

        robot.clickOn("Pat Ward");
        ui.click("#reset-password");
        ui.type("#temporary-password", "Short");
        ui.click("#reset-password-save");
        ui.waitForText("#temporary-password-error", "at least 10 characters");

        ui.type("#temporary-password", "Fresh-start-2026");
        ui.click("#reset-password-save");

        ui.waitForText("#dialog-message", "Pat Ward can now sign in with the temporary password");
        ui.click("#inform-ok");
        ui.waitFor(() -> !ui.tableContains("#staff-table", "Locked"), () -> "the lock gone from the table");
    }
}
