package org.medconnect.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11 item 16: a benchmark whose every read failed must fail, not print "not measured" and exit 0. */
class BenchmarkVerdictTest {

    private static SchedulingBenchmark.Row row(String name, int count, String note) {
        return new SchedulingBenchmark.Row(name, count, Double.NaN, new Samples(), new Samples(), new double[] {0, 0}, note);
    }

    @Test
    void rowsWhereEveryCallFailedAreNamedWithTheirErrors() {
        List<String> failed = SchedulingBenchmark.unmeasured(List.of(row("SearchSlots, 1 doctor, 90 days", 0, "UNAVAILABLE x200"),
                row("ListDoctors (all)", 200, "1 rows per call")));

        assertThat(failed).containsExactly("SearchSlots, 1 doctor, 90 days (UNAVAILABLE x200)");
    }

    @Test
    void aRunThatMeasuredEverythingPasses() {
        assertThat(SchedulingBenchmark.unmeasured(List.of(row("Day board", 10, "")))).isEmpty();
    }
}
