package org.medconnect.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityRule;
import org.medconnect.shared.schedule.ClockRange;

/** The clash message names the other rule's dates in words, so 01/12 and 12/01 cannot be confused (issue 11, item 9). */
class AvailabilityRuleDescriptionTest {

    @Test
    void namesItsDatesInWordsNotInAnyNumericFormat() {
        assertThat(rule(Optional.of(LocalDate.of(2027, 1, 12))).describe())
                .contains("(from 1 Dec 2026 to 12 Jan 2027)").doesNotContain("2026-12-01");
        assertThat(rule(Optional.empty()).describe()).contains("(from 1 Dec 2026, open-ended)");
    }

    private static AvailabilityRule rule(Optional<LocalDate> to) {
        return new AvailabilityRule(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Riverside Clinic", Optional.empty(),
                List.of(1, 2, 3, 4, 5), new ClockRange(LocalTime.of(9, 0), LocalTime.of(17, 0)), 15, List.of(),
                LocalDate.of(2026, 12, 1), to);
    }
}
