package org.medconnect.shared.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.shared.schedule.ScheduleRules.BreakDraft;
import org.medconnect.shared.schedule.ScheduleRules.ExceptionDraft;
import org.medconnect.shared.schedule.ScheduleRules.WeeklyRuleDraft;
import org.medconnect.shared.validation.FieldError;

class ScheduleRulesTest {

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    private static ClockRange range(String start, String end) {
        return new ClockRange(LocalTime.parse(start), LocalTime.parse(end));
    }

    @Nested
    class Names {
        @Test
        void aLocationNeedsANameOfAtMost80Characters() {
            assertThat(ScheduleRules.checkLocationName("  Riverside Clinic ")).isEmpty();
            assertThat(ScheduleRules.checkLocationName("   ")).contains("Enter the location's name.");
            assertThat(ScheduleRules.checkLocationName("x".repeat(81))).hasValueSatisfying(m -> assertThat(m).contains("80"));
        }

        @Test
        void roomAndTypeNamesHaveTheirOwnLimits() {
            assertThat(ScheduleRules.checkRoomName("r".repeat(40))).isEmpty();
            assertThat(ScheduleRules.checkRoomName("r".repeat(41))).isPresent();
            assertThat(ScheduleRules.checkTypeName("t".repeat(60))).isEmpty();
            assertThat(ScheduleRules.checkTypeName("t".repeat(61))).isPresent();
            assertThat(ScheduleRules.checkTypeName(null)).isPresent();
        }

        @Test
        void addressPhoneAndReasonAreOptionalButBounded() {
            assertThat(ScheduleRules.checkAddress("")).isEmpty();
            assertThat(ScheduleRules.checkAddress("a".repeat(301))).isPresent();
            assertThat(ScheduleRules.checkPhone("+1 555 0100 ext. 12")).isEmpty();
            assertThat(ScheduleRules.checkPhone("1".repeat(33))).isPresent();
            assertThat(ScheduleRules.checkReason(null)).isEmpty();
            assertThat(ScheduleRules.checkReason("r".repeat(201))).isPresent();
        }
    }

    @Nested
    class Numbers {
        @ParameterizedTest
        @CsvSource({"4,false", "5,true", "240,true", "241,false"})
        void slotsLast5To240Minutes(int minutes, boolean ok) {
            assertThat(ScheduleRules.checkSlotMinutes(minutes).isEmpty()).isEqualTo(ok);
        }

        @ParameterizedTest
        @CsvSource({"4,false", "5,true", "480,true", "481,false"})
        void appointmentsLast5To480Minutes(int minutes, boolean ok) {
            assertThat(ScheduleRules.checkDurationMinutes(minutes).isEmpty()).isEqualTo(ok);
        }

        @ParameterizedTest
        @CsvSource({"-1,false", "0,true", "120,true", "121,false"})
        void theBufferIs0To120Minutes(int minutes, boolean ok) {
            assertThat(ScheduleRules.checkBufferMinutes(minutes).isEmpty()).isEqualTo(ok);
        }
    }

    @Nested
    class Times {
        @ParameterizedTest
        @CsvSource({"09:00,09:00", "9:05,09:05", "' 17:30 ',17:30", "00:00,00:00", "23:59,23:59"})
        void readsClockTimes(String raw, String expected) {
            assertThat(ScheduleRules.parseTime(raw)).contains(LocalTime.parse(expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "9", "0900", "24:00", "12:60", "12:5", "noon", "12:30:00"})
        void refusesWhatIsNotAClockTime(String raw) {
            assertThat(ScheduleRules.parseTime(raw)).isEmpty();
            assertThat(ScheduleRules.checkTime(raw)).isPresent();
        }

        @Test
        void formatsAsHoursAndMinutes() {
            assertThat(ScheduleRules.formatTime(LocalTime.of(9, 5))).isEqualTo("09:05");
        }

        @Test
        void readsIsoDatesOnly() {
            assertThat(ScheduleRules.parseDate("2026-03-29")).contains(LocalDate.of(2026, 3, 29));
            assertThat(ScheduleRules.parseDate("29/03/2026")).isEmpty();
            assertThat(ScheduleRules.parseDate("2026-02-30")).isEmpty();
        }
    }

    @Nested
    class Weekdays {
        @Test
        void areNumberedMondayOneToSundaySeven() {
            assertThat(ScheduleRules.checkWeekdays(List.of(1, 2, 3, 4, 5))).isEmpty();
            assertThat(ScheduleRules.checkWeekdays(List.of(0))).isPresent();
            assertThat(ScheduleRules.checkWeekdays(List.of(8))).isPresent();
            assertThat(ScheduleRules.checkWeekdays(List.of())).contains("Choose at least one day of the week.");
        }

        @Test
        void areDescribedTheWayAClinicNamesThem() {
            assertThat(ScheduleRules.describeWeekdays(List.of(5, 4, 3, 2, 1))).isEqualTo("Mon-Fri");
            assertThat(ScheduleRules.describeWeekdays(List.of(1, 3, 5, 3))).isEqualTo("Mon, Wed, Fri");
            assertThat(ScheduleRules.describeWeekdays(List.of(1, 2, 6, 7))).isEqualTo("Mon, Tue, Sat, Sun");
        }
    }

    @Nested
    class Sessions {
        private final ClockRange day = range("09:00", "17:00");

        @Test
        void endAfterStart() {
            assertThat(ScheduleRules.checkSession(LocalTime.of(9, 0), LocalTime.of(9, 0))).isPresent();
            assertThat(ScheduleRules.checkSession(LocalTime.of(9, 0), LocalTime.of(9, 5))).isEmpty();
        }

        @Test
        void breaksInsideTheSessionAndApartAreFine() {
            assertThat(ScheduleRules.checkBreaks(day, List.of(range("12:30", "13:30"), range("13:30", "13:45"), range("16:30", "17:00")))).isEmpty();
        }

        @Test
        void aBreakOutsideTheSessionIsNamedByItsPosition() {
            var errors = ScheduleRules.checkBreaks(day, List.of(range("12:30", "13:30"), range("16:30", "17:30")));
            assertThat(fields(errors)).containsExactly("breaks[1]");
            assertThat(errors.getFirst().message()).contains("16:30-17:30").contains("09:00-17:00");
        }

        @Test
        void overlappingOrBackwardBreaksAreRefused() {
            assertThat(fields(ScheduleRules.checkBreaks(day, List.of(range("12:00", "13:00"), range("12:30", "13:30"), range("15:00", "14:00")))))
                    .containsExactly("breaks[1]", "breaks[2]");
        }

        @Test
        void aRuleMayNotEndBeforeItStarts() {
            LocalDate from = LocalDate.of(2026, 12, 1);
            assertThat(ScheduleRules.checkValidity(from, Optional.empty())).isEmpty();
            assertThat(ScheduleRules.checkValidity(from, Optional.of(from))).isEmpty();
            assertThat(ScheduleRules.checkValidity(from, Optional.of(from.minusDays(1)))).isPresent();
        }

        @Test
        void rangesThatOnlyTouchDoNotOverlap() {
            assertThat(range("09:00", "12:00").overlaps(range("12:00", "17:00"))).isFalse();
            assertThat(range("09:00", "12:01").overlaps(range("12:00", "17:00"))).isTrue();
        }
    }

    @Nested
    class WeeklyRules {
        private WeeklyRuleDraft draft(List<Integer> days, String start, String end, int slot, List<BreakDraft> breaks, String from, String to) {
            return new WeeklyRuleDraft(days, start, end, slot, breaks, from, to);
        }

        @Test
        void aTypicalWeekIsFine() {
            assertThat(ScheduleRules.checkWeeklyRule(draft(List.of(1, 2, 3, 4, 5), "09:00", "17:00", 15,
                    List.of(new BreakDraft("12:30", "13:30")), "2026-11-23", ""))).isEmpty();
        }

        @Test
        void everyProblemIsNamedAtOnce() {
            var errors = ScheduleRules.checkWeeklyRule(draft(List.of(), "9am", "17:00", 3,
                    List.of(new BreakDraft("lunch", "13:30")), "tomorrow", "2026-13-01"));
            assertThat(fields(errors)).containsExactlyInAnyOrder("weekdays", "start_time", "slot_minutes", "breaks[0]", "valid_from", "valid_to");
        }

        @Test
        void endBeforeStartAndEndDateBeforeStartDateAreRefused() {
            var errors = ScheduleRules.checkWeeklyRule(draft(List.of(1), "17:00", "09:00", 15, List.of(), "2026-11-23", "2026-11-22"));
            assertThat(fields(errors)).containsExactlyInAnyOrder("end_time", "valid_to");
        }
    }

    @Nested
    class Exceptions {
        private ExceptionDraft timeOff(String startDate, String endDate, String startTime, String endTime) {
            return new ExceptionDraft(Optional.of(ExceptionKind.TIME_OFF), startDate, endDate, startTime, endTime, false, 0, "Leave");
        }

        private ExceptionDraft extra(String startDate, String endDate, String startTime, String endTime, boolean location, int slot) {
            return new ExceptionDraft(Optional.of(ExceptionKind.EXTRA_SESSION), startDate, endDate, startTime, endTime, location, slot, "");
        }

        @Test
        void wholeDaysOfTimeOffNeedNoTimes() {
            assertThat(ScheduleRules.checkException(timeOff("2026-12-07", "2026-12-11", "", ""))).isEmpty();
            assertThat(ScheduleRules.checkException(timeOff("2026-12-07", "", "", ""))).isEmpty();
        }

        @Test
        void timeOffAcrossDaysMayEndAtAnEarlierClockTime() {
            assertThat(ScheduleRules.checkException(timeOff("2026-12-07", "2026-12-08", "14:00", "10:00"))).isEmpty();
        }

        @Test
        void timeOffWithOnlyOneTimeOrEndingFirstIsRefused() {
            assertThat(fields(ScheduleRules.checkException(timeOff("2026-12-07", "2026-12-07", "14:00", "")))).containsExactly("end_time");
            assertThat(fields(ScheduleRules.checkException(timeOff("2026-12-07", "2026-12-07", "14:00", "13:00")))).containsExactly("end_time");
            assertThat(fields(ScheduleRules.checkException(timeOff("2026-12-07", "2026-12-06", "", "")))).containsExactly("end_date");
        }

        @Test
        void anExtraSessionIsOneDayAtALocationWithSlotsAndTimes() {
            assertThat(ScheduleRules.checkException(extra("2026-12-05", "", "09:00", "12:00", true, 15))).isEmpty();
            assertThat(fields(ScheduleRules.checkException(extra("2026-12-05", "2026-12-06", "", "12:00", false, 0))))
                    .containsExactlyInAnyOrder("location_id", "slot_minutes", "end_date", "start_time");
        }

        @Test
        void theKindMustBeChosen() {
            var draft = new ExceptionDraft(Optional.empty(), "2026-12-05", "", "", "", false, 0, "");
            assertThat(fields(ScheduleRules.checkException(draft))).containsExactly("kind");
        }
    }

    @Nested
    class SlotSearch {
        @Test
        void coversAtMost92DaysInOrder() {
            LocalDate from = LocalDate.of(2026, 11, 23);
            assertThat(ScheduleRules.checkSearchRange(from, from)).isEmpty();
            assertThat(ScheduleRules.checkSearchRange(from, from.plusDays(92))).isEmpty();
            assertThat(ScheduleRules.checkSearchRange(from, from.plusDays(93))).isPresent();
            assertThat(ScheduleRules.checkSearchRange(from, from.minusDays(1))).isPresent();
        }
    }
}
