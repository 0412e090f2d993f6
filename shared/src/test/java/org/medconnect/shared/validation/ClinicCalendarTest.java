package org.medconnect.shared.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClinicCalendarTest {

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-999999999-01-01", "+2026-01-01", "1879-12-31", "2201-01-01", "2026-02-30",
            "26-01-01", "2026-1-1", ""})
    void refusesWhatIsNotAnIsoDateInTheClinicsYears(String raw) {
        assertThat(ClinicCalendar.parseDate(raw)).isEmpty();
    }

    @Test
    void acceptsTheEdgesOfTheRange() {
        assertThat(ClinicCalendar.parseDate(" 1880-01-01 ")).contains(LocalDate.of(1880, 1, 1));
        assertThat(ClinicCalendar.parseDate("2200-12-31")).contains(LocalDate.of(2200, 12, 31));
    }

    @Test
    void instantsNearJavasLimitsAreOutside() {
        assertThat(ClinicCalendar.contains(Long.MAX_VALUE, 0)).isFalse();
        assertThat(ClinicCalendar.contains(Long.MIN_VALUE, 0)).isFalse();
        assertThat(ClinicCalendar.contains(1_800_000_000L, -1)).isFalse();
        assertThat(ClinicCalendar.contains(1_800_000_000L, 999_999_999)).isTrue();
        assertThat(ClinicCalendar.contains(ClinicCalendar.END.getEpochSecond(), 0)).isFalse();
        assertThat(ClinicCalendar.contains(ClinicCalendar.EARLIEST.getEpochSecond(), 0)).isTrue();
    }
}
