package org.medconnect.shared.locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.WeekFields;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClinicLocaleTest {

    @Test
    void theDefaultClinicWritesDayFirstAndStartsWeeksOnMonday() {
        assertThat(ClinicLocale.DEFAULT.languageTag()).isEqualTo("en-GB");
        assertThat(ClinicLocale.DEFAULT.datePattern()).isEqualTo("dd/MM/yyyy");
        assertThat(ClinicLocale.DEFAULT.firstDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(ClinicLocale.DEFAULT.format(LocalDate.of(2026, 12, 10))).isEqualTo("10/12/2026");
    }

    @Test
    void anAmericanClinicWritesMonthFirstAndStartsWeeksOnSunday() {
        ClinicLocale us = ClinicLocale.ofTag("en-US");

        assertThat(us.datePattern()).isEqualTo("M/d/yyyy");
        assertThat(us.firstDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(us.parse("10/12/2026")).contains(LocalDate.of(2026, 10, 12));
    }

    @ParameterizedTest
    @CsvSource({"10/12/2026, 2026-12-10", "7/3/1984, 1984-03-07", "07.03.1984, 1984-03-07", "1984-03-07, 1984-03-07",
            "10-12-2026, 2026-12-10"})
    void aDayFirstClinicReadsTypedDatesDayFirst(String typed, LocalDate expected) {
        assertThat(ClinicLocale.DEFAULT.parse(typed)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"13/13/2026", "31/02/2026", "10/12/26", "tomorrow", "''"})
    void readsNothingFromTextThatIsNoDateOrNeedsAGuess(String typed) {
        assertThat(ClinicLocale.DEFAULT.parse(typed)).isEqualTo(Optional.empty());
    }

    @Test
    void theFormatLocaleCarriesTheFirstDayOfWeekForJavasCalendars() {
        ClinicLocale mondayInUs = new ClinicLocale("en-US", "dd/MM/yyyy", DayOfWeek.MONDAY);

        assertThat(WeekFields.of(mondayInUs.formatLocale()).getFirstDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    }

    @Test
    void refusesAnUnknownLanguageTag() {
        assertThatThrownBy(() -> ClinicLocale.ofTag("!!")).isInstanceOf(IllegalArgumentException.class);
    }
}
