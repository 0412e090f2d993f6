package org.medconnect.desktop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.live.ManualScheduler;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.report.v1.ExportReportPanelCsvResponse;
import org.medconnect.proto.report.v1.Panel;

class ReportDashboardViewModelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-10T09:00:00Z"), ZoneOffset.UTC);

    final FakeReportServer server = new FakeReportServer();
    final ManualScheduler scheduler = new ManualScheduler();
    final ReportDashboardViewModel model = new ReportDashboardViewModel(server.connection(), server.calls(), CLOCK, scheduler,
            Runnable::run, true);

    @AfterEach
    void stop() {
        server.close();
    }

    double noShowsShown() {
        return model.panel(Panel.PANEL_ATTENDANCE).tableProperty().get().getRows(0).getValues(0);
    }

    @Test
    void opensOnTheLastThirtyDaysAndLoadsEveryPanel() {
        model.open();
        assertThat(server.requests).hasSize(ReportDashboardViewModel.PANELS.size());
        assertThat(server.requests.getFirst().getFilter().getFromDate()).isEqualTo("2026-10-12");
        assertThat(server.requests.getFirst().getFilter().getToDate()).isEqualTo("2026-11-10");
        assertThat(noShowsShown()).isEqualTo(2.0);
    }

    @Test
    void aBurstOfLiveChangesBecomesOneReloadOfTheAppointmentPanelsAfterItSettles() {
        model.open();
        server.requests.clear();
        server.noShow();
        for (int i = 0; i < 3; i++) {
            model.appointmentChanged(AppointmentEvent.getDefaultInstance());
        }
        assertThat(scheduler.pendingCount()).isEqualTo(1);
        assertThat(scheduler.delays()).allMatch(d -> d.equals(ReportDashboardViewModel.SETTLE));
        assertThat(server.requests).isEmpty();
        assertThat(noShowsShown()).isEqualTo(2.0);

        scheduler.runNext();

        assertThat(noShowsShown()).isEqualTo(3.0);
        assertThat(server.requests).extracting(r -> r.getPanel())
                .containsExactlyInAnyOrderElementsOf(ReportDashboardViewModel.APPOINTMENT_PANELS);
    }

    @Test
    void aDoctorsDashboardNeverAsksForAnotherDoctor() {
        model.doctorProperty().set(new ReportDashboardViewModel.Choice("someone-else", "Dr Berg"));
        model.open();
        assertThat(server.requests).allMatch(r -> r.getFilter().getDoctorId().isEmpty());
    }

    @Test
    void aReversedOrTooLongPeriodIsExplainedWithoutAsking() {
        model.fromProperty().set(LocalDate.of(2026, 11, 10));
        model.toProperty().set(LocalDate.of(2026, 11, 1));
        model.reload();
        assertThat(model.problemProperty().get()).isEqualTo("The last day is before the first.");
        model.fromProperty().set(LocalDate.of(2025, 1, 1));
        model.reload();
        assertThat(model.problemProperty().get()).isEqualTo("A report covers at most 366 days.");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void exportsThePanelsCsvFromTheServer() {
        AtomicReference<ExportReportPanelCsvResponse> saved = new AtomicReference<>();
        model.exportCsv(Panel.PANEL_ATTENDANCE, saved::set);
        assertThat(saved.get().getFileName()).isEqualTo("attendance.csv");
        assertThat(saved.get().getCsv()).startsWith("Measure,Count\r\n");
    }
}
