package org.medconnect.desktop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.desktop.testing.FakeMedConnectServer;
import org.medconnect.proto.common.v1.Role;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The staff screen's own behaviour (search, deactivate, show inactive), against the small fake server. */
@ExtendWith(ApplicationExtension.class)
class StaffScreenFlowTest {

    private FakeMedConnectServer server;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        server = new FakeMedConnectServer();
        server.createUser("admin", "Admin-pass-2026", Role.ROLE_ADMIN, "Alex Admin");
        server.createUser("m.lopez", "Maria-pass-2026", Role.ROLE_RECEPTIONIST, "Maria Lopez");
        server.createUser("t.fischer", "Tom-pass-2026", Role.ROLE_RECEPTIONIST, "Tom Fischer");
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

    private int rows(FxRobot robot) {
        return robot.lookup("#staff-table").queryAs(TableView.class).getItems().size();
    }

    @Test
    void searchNarrowsTheTableAfterTypingPauses(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Admin-pass-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Tom Fischer"));

        ui.typeKeys("#staff-search", "lop");

        ui.waitFor(() -> rows(robot) == 1, () -> "one row");
        assertThat(ui.tableContains("#staff-table", "Maria Lopez")).isTrue();
        assertThat(ui.text("#staff-count")).isEqualTo("Showing 1 of 1");
    }

    @Test
    void deactivatingAsksFirstThenHidesTheAccountUntilShowInactive(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("admin", "Admin-pass-2026");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Tom Fischer"));
        robot.clickOn("Tom Fischer");

        ui.click("#toggle-active");
        ui.waitForText("#dialog-message", "cannot sign in until reactivated");
        ui.click("#confirm-ok");

        ui.waitFor(() -> !ui.tableContains("#staff-table", "Tom Fischer"), () -> "Tom Fischer gone from the list");
        ui.click("#show-inactive");
        ui.waitFor(() -> ui.tableContains("#staff-table", "Inactive"), () -> "an Inactive row");
        assertThat(ui.tableContains("#staff-table", "Tom Fischer")).isTrue();
    }
}
