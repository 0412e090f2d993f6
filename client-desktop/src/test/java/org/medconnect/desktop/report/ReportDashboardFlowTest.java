package org.medconnect.desktop.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.desktop.platform.live.ManualScheduler;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The dashboard on screen: it opens, shows a figure in the table behind a chart, and moves after a live change. */
@ExtendWith(ApplicationExtension.class)
class ReportDashboardFlowTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-10T09:00:00Z"), ZoneOffset.UTC);

    FakeReportServer server;
    ManualScheduler scheduler;
    ReportDashboardViewModel model;

    @Start
    void start(Stage stage) {
        server = new FakeReportServer();
        scheduler = new ManualScheduler();
        model = new ReportDashboardViewModel(server.connection(), server.calls(), CLOCK, scheduler, Platform::runLater, true);
        model.open();
        Scene scene = new Scene(new ReportDashboardView(model), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        server.close();
    }

    static boolean attendanceShows(FxRobot robot, String text) {
        return robot.lookup("#report-card-attendance .table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof Labeled l && text.equals(l.getText()));
    }

    @Test
    void opensShowsTheNoShowRateAndUpdatesItAfterALiveChange(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#report-card-attendance .chart").tryQuery().isPresent());
        robot.clickOn("#report-table-toggle-attendance");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> attendanceShows(robot, "20"));

        server.noShow();
        robot.interact(() -> model.appointmentChanged(AppointmentEvent.getDefaultInstance()));
        scheduler.runNext();

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> attendanceShows(robot, "30"));
    }
}
