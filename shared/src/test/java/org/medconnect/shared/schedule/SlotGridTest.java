package org.medconnect.shared.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.shared.schedule.SlotGrid.Candidate;
import org.medconnect.shared.schedule.SlotGrid.Interval;
import org.medconnect.shared.schedule.SlotGrid.TimeRange;
import org.medconnect.shared.schedule.SlotGrid.WeeklyPattern;

class SlotGridTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static WeeklyPattern weekdays(String from, String to, int slot, TimeRange... breaks) {
        return new WeeklyPattern(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SUNDAY),
                new TimeRange(LocalTime.parse(from), LocalTime.parse(to)), slot, List.of(breaks),
                LocalDate.of(2026, 1, 1), Optional.empty(), "riverside", Optional.of("room-1"));
    }

    static Instant at(String date, String time) {
        return ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), BERLIN).toInstant();
    }

    static List<Candidate> free(WeeklyPattern p, String date, List<Interval> timeOff, List<Interval> busy, int minutes, int buffer) {
        LocalDate day = LocalDate.parse(date);
        return SlotGrid.freeSlots(SlotGrid.sessions(List.of(p), day, day, BERLIN), timeOff, busy,
                Duration.ofMinutes(minutes), Duration.ofMinutes(buffer), Instant.EPOCH);
    }

    @Nested
    class DaylightSaving {
        @Test
        void aNineOClockSessionStartsAtNineLocalOnTheDayClocksGoForward() {
            List<Candidate> before = free(weekdays("09:00", "10:00", 30), "2026-03-28", List.of(), List.of(), 30, 0);
            List<Candidate> on = free(weekdays("09:00", "10:00", 30), "2026-03-29", List.of(), List.of(), 30, 0);
            assertThat(before.getFirst().start()).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
            assertThat(on.getFirst().start()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
            assertThat(on).hasSize(2);
        }

        @Test
        void aNineOClockSessionStartsAtNineLocalOnTheDayClocksGoBack() {
            List<Candidate> on = free(weekdays("09:00", "10:00", 30), "2026-10-25", List.of(), List.of(), 30, 0);
            assertThat(on.getFirst().start()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
        }

        @Test
        void aNightSessionAcrossTheSkippedHourHasOnlyTheSlotsThatExist() {
            // 01:00-04:00 local on 29 March 2026 is only two real hours: 02:00-03:00 does not exist.
            List<Candidate> on = free(weekdays("01:00", "04:00", 60), "2026-03-29", List.of(), List.of(), 60, 0);
            assertThat(on).extracting(Candidate::start)
                    .containsExactly(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T01:00:00Z"));
        }

        @Test
        void aNightSessionAcrossTheRepeatedHourHasAnExtraSlot() {
            // 01:00-04:00 local on 25 October 2026 is four real hours.
            List<Candidate> on = free(weekdays("01:00", "04:00", 60), "2026-10-25", List.of(), List.of(), 60, 0);
            assertThat(on).hasSize(4);
        }

        @Test
        void clinicDaysAreTwentyThreeAndTwentyFiveHoursLongOnChangeDays() {
            LocalDate spring = LocalDate.of(2026, 3, 29);
            LocalDate autumn = LocalDate.of(2026, 10, 25);
            assertThat(Duration.between(ClinicDays.startOf(spring, BERLIN), ClinicDays.endOf(spring, BERLIN))).hasHours(23);
            assertThat(Duration.between(ClinicDays.startOf(autumn, BERLIN), ClinicDays.endOf(autumn, BERLIN))).hasHours(25);
        }
    }

    @Nested
    class WhatIsFree {
        @Test
        void breaksAndTheSessionEndLimitSlots() {
            var p = weekdays("09:00", "11:00", 30, new TimeRange(LocalTime.of(10, 0), LocalTime.of(10, 30)));
            assertThat(free(p, "2026-11-24", List.of(), List.of(), 30, 0)).extracting(Candidate::start)
                    .containsExactly(at("2026-11-24", "09:00"), at("2026-11-24", "09:30"), at("2026-11-24", "10:30"));
        }

        @Test
        void aLongerTypeTakesSeveralGridSlotsAndMustFitBeforeTheEnd() {
            var p = weekdays("09:00", "10:00", 15);
            assertThat(free(p, "2026-11-24", List.of(), List.of(), 45, 0)).extracting(Candidate::start)
                    .containsExactly(at("2026-11-24", "09:00"), at("2026-11-24", "09:15"));
        }

        @Test
        void bookedTimeAndItsBufferAreNotOffered() {
            var p = weekdays("09:00", "10:00", 15);
            var booked = new Interval(at("2026-11-24", "09:15"), at("2026-11-24", "09:35"));
            // a 15-minute visit with a 5-minute buffer needs 20 free minutes from its start
            assertThat(free(p, "2026-11-24", List.of(), List.of(booked), 15, 5)).extracting(Candidate::start)
                    .containsExactly(at("2026-11-24", "09:45"));
        }

        @Test
        void timeOffRemovesSlots() {
            var p = weekdays("09:00", "10:00", 30);
            var leave = new Interval(at("2026-11-24", "00:00"), at("2026-11-24", "09:30"));
            assertThat(free(p, "2026-11-24", List.of(leave), List.of(), 30, 0)).extracting(Candidate::start)
                    .containsExactly(at("2026-11-24", "09:30"));
        }

        @Test
        void patternsOnlyApplyOnTheirDaysAndDates() {
            var mondays = new WeeklyPattern(EnumSet.of(DayOfWeek.MONDAY), new TimeRange(LocalTime.of(9, 0), LocalTime.of(10, 0)), 30,
                    List.of(), LocalDate.of(2026, 11, 23), Optional.of(LocalDate.of(2026, 11, 30)), "x", Optional.empty());
            var sessions = SlotGrid.sessions(List.of(mondays), LocalDate.of(2026, 11, 16), LocalDate.of(2026, 12, 8), BERLIN);
            assertThat(sessions).extracting(s -> s.start().atZone(BERLIN).toLocalDate())
                    .containsExactly(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30));
        }

        @Test
        void slotsBeforeNowAreNotOffered() {
            LocalDate day = LocalDate.of(2026, 11, 24);
            var slots = SlotGrid.freeSlots(SlotGrid.sessions(List.of(weekdays("09:00", "10:00", 30)), day, day, BERLIN),
                    List.of(), List.of(), Duration.ofMinutes(30), Duration.ZERO, at("2026-11-24", "09:10"));
            assertThat(slots).extracting(Candidate::start).containsExactly(at("2026-11-24", "09:30"));
        }
    }
}
