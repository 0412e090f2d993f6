package org.medconnect.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BackupSchedulerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void runsLaterTodayWhenTheTimeIsStillAhead() {
        var now = ZonedDateTime.of(2026, 12, 6, 1, 0, 0, 0, BERLIN);
        assertThat(BackupScheduler.untilNext(now, LocalTime.of(2, 30))).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void runsTomorrowWhenTheTimeHasPassedOrIsNow() {
        var now = ZonedDateTime.of(2026, 12, 6, 2, 30, 0, 0, BERLIN);
        assertThat(BackupScheduler.untilNext(now, LocalTime.of(2, 30))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aNightWithADaylightSavingChangeIsAnHourShorter() {
        // 2027-03-28: clocks go from 02:00 to 03:00 in Berlin.
        var now = ZonedDateTime.of(2027, 3, 27, 23, 0, 0, 0, BERLIN);
        assertThat(BackupScheduler.untilNext(now, LocalTime.of(4, 0))).isEqualTo(Duration.ofHours(4));
    }
}
