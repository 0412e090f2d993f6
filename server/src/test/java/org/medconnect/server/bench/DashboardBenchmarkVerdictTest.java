package org.medconnect.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.report.v1.Panel;
import org.medconnect.server.bench.DashboardBenchmark.Booking;
import org.medconnect.server.bench.DashboardBenchmark.PanelResult;
import org.medconnect.server.bench.DashboardBenchmark.Variant;
import org.medconnect.server.bench.DashboardBenchmark.View;

/** Issue 14: the dashboard benchmark fails (exit 2) when a read failed or a panel went unmeasured, never "PASS" on nothing. */
class DashboardBenchmarkVerdictTest {

    private static Samples samples(int n) {
        Samples s = new Samples();
        for (int i = 0; i < n; i++) {
            s.add(1_000_000L * (i + 1));
        }
        return s;
    }

    private static PanelResult panel(Panel p, View view, int quiet, int busy) {
        return new PanelResult(new Variant(p, view), samples(quiet), samples(quiet), new double[] {1, 1}, samples(busy), 3);
    }

    private static final List<Booking> BOOKED = List.of(new Booking("alone (before)", 100, 10, samples(100), ""),
            new Booking("dashboards read", 95, 9.5, samples(95), ""), new Booking("alone (after)", 100, 10, samples(100), ""));

    @Test
    void aRunThatMeasuredEverythingHasNothingToFail() {
        assertThat(DashboardBenchmark.problems(List.of(panel(Panel.PANEL_ATTENDANCE, View.CLINIC, 30, 5)), BOOKED, List.of())).isEmpty();
    }

    @Test
    void aFailedReportCallFailsTheRunNamingThePanelAndTheStatus() {
        List<String> problems = DashboardBenchmark.problems(List.of(panel(Panel.PANEL_UTILISATION, View.CLINIC, 30, 5)), BOOKED,
                List.of("utilisation (admin, clinic): RESOURCE_EXHAUSTED This report took too long.",
                        "utilisation (admin, clinic): RESOURCE_EXHAUSTED This report took too long."));

        assertThat(problems).containsExactly("report call failed: utilisation (admin, clinic): RESOURCE_EXHAUSTED This report took too long. (x2)");
    }

    @Test
    void aPanelNeverReadWhileBookingIsNotMeasured() {
        assertThat(DashboardBenchmark.problems(List.of(panel(Panel.PANEL_SIGN_INS, View.DOCTOR, 30, 0)), BOOKED, List.of()))
                .containsExactly("not measured: sign-ins (doctor, own) while booking");
    }

    @Test
    void aBookingRunThatBookedNothingFailsTheRun() {
        List<Booking> booked = List.of(BOOKED.get(0), new Booking("dashboards read", 0, 0, new Samples(), "errors: {UNAVAILABLE =8}"),
                BOOKED.get(2));

        assertThat(DashboardBenchmark.problems(List.of(), booked, List.of()))
                .containsExactly("nothing booked: dashboards read (errors: {UNAVAILABLE =8})");
    }

    @Test
    void theDropIsMeasuredAgainstTheMeanOfBookingAloneBeforeAndAfter() {
        assertThat(DashboardBenchmark.dropPercent(110, 90, 90)).isCloseTo(10.0, within(1e-9));
        assertThat(DashboardBenchmark.dropPercent(100, 100, 100)).isCloseTo(0.0, within(1e-9));
        assertThat(DashboardBenchmark.dropPercent(100, 120, 100)).isCloseTo(-20.0, within(1e-9));
    }
}
