package org.medconnect.shared.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.medconnect.shared.appointment.StatusMoves.Status;

class StatusMovesTest {

    static final Instant START = Instant.parse("2026-11-24T09:00:00Z");
    static final Instant AFTER = START.plusSeconds(600);

    @ParameterizedTest(name = "{0} -> {1} allowed")
    @CsvSource({
        "PENDING, CONFIRMED", "PENDING, DECLINED", "PENDING, CANCELLED", "CONFIRMED, CANCELLED",
        "CONFIRMED, CHECKED_IN", "CHECKED_IN, IN_CONSULTATION", "IN_CONSULTATION, COMPLETED", "CONFIRMED, NO_SHOW",
        "CHECKED_IN, NO_SHOW"})
    void allowedMoves(Status from, Status to) {
        assertThat(StatusMoves.refusal(from, to, START, AFTER)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} refused")
    @CsvSource({
        "PENDING, CHECKED_IN", "PENDING, NO_SHOW", "CONFIRMED, COMPLETED", "CONFIRMED, IN_CONSULTATION",
        "CHECKED_IN, CANCELLED", "IN_CONSULTATION, NO_SHOW", "COMPLETED, CANCELLED", "CANCELLED, CONFIRMED",
        "CANCELLED, CHECKED_IN", "NO_SHOW, CHECKED_IN", "DECLINED, CONFIRMED", "COMPLETED, PENDING", "CONFIRMED, DECLINED"})
    void refusedMovesSayWhy(Status from, Status to) {
        assertThat(StatusMoves.refusal(from, to, START, AFTER)).get().asString()
                .startsWith("This appointment is " + from.label());
    }

    @Test
    void noShowOnlyAfterTheStartTime() {
        assertThat(StatusMoves.refusal(Status.CONFIRMED, Status.NO_SHOW, START, START.minusSeconds(60))).get().asString()
                .contains("after the appointment's start time");
    }

    @Test
    void checkingInAPendingAppointmentExplainsTheDoctorMustConfirm() {
        assertThat(StatusMoves.refusal(Status.PENDING, Status.CHECKED_IN, START, AFTER)).get().asString()
                .contains("doctor must confirm");
    }

    @Test
    void onlyPendingOrConfirmedCanBeRescheduled() {
        assertThat(StatusMoves.rescheduleRefusal(Status.CONFIRMED)).isEmpty();
        assertThat(StatusMoves.rescheduleRefusal(Status.CHECKED_IN)).isPresent();
    }

    @ParameterizedTest(name = "{0} -> PENDING refused")
    @EnumSource(Status.class)
    void nothingMovesBackToPending(Status from) {
        assertThat(StatusMoves.refusal(from, Status.PENDING, START, AFTER)).get().asString()
                .startsWith("This appointment is " + from.label());
    }

    @Test
    void aPendingAppointmentCanBeRescheduledAndHoldsTime() {
        assertThat(StatusMoves.rescheduleRefusal(Status.PENDING)).isEmpty();
        assertThat(Status.PENDING.holdsTime()).isTrue();
    }

    @ParameterizedTest(name = "{0} holds time: {1}")
    @CsvSource({
        "PENDING, true", "CONFIRMED, true", "CHECKED_IN, true", "IN_CONSULTATION, true", "COMPLETED, true",
        "CANCELLED, false", "DECLINED, false", "NO_SHOW, false"})
    void whichStatusesHoldTheDoctorsTime(Status status, boolean holds) {
        assertThat(status.holdsTime()).isEqualTo(holds);
    }

    @org.junit.jupiter.api.Nested
    class CheckInBelongsToTheClinicDay {
        static final java.time.ZoneId BERLIN = java.time.ZoneId.of("Europe/Berlin");
        // Tuesday 24 November 2026, 10:00 in Berlin.
        static final Instant TEN_AM = Instant.parse("2026-11-24T09:00:00Z");

        @ParameterizedTest(name = "checked in at {0}")
        @CsvSource({"2026-11-24T07:30:00Z", "2026-11-24T09:00:00Z", "2026-11-24T15:00:00Z", "2026-11-23T23:05:00Z"})
        void onTheAppointmentsDayEarlyOrLate(String now) {
            assertThat(StatusMoves.checkInRefusal(TEN_AM, Instant.parse(now), BERLIN)).isEmpty();
        }

        @Test
        void notTheDayBefore() {
            assertThat(StatusMoves.checkInRefusal(TEN_AM, Instant.parse("2026-11-23T22:59:00Z"), BERLIN)).get().asString()
                    .contains("Tuesday 24 November 2026").contains("not before");
        }

        @Test
        void notTheDayAfter() {
            assertThat(StatusMoves.checkInRefusal(TEN_AM, Instant.parse("2026-11-24T23:00:00Z"), BERLIN)).get().asString()
                    .contains("only possible on the appointment's day");
        }

        @Test
        void theClinicsDayNotUtcs() {
            // 00:30 on Wednesday in Berlin is still Tuesday in UTC.
            Instant wednesdayEarly = Instant.parse("2026-11-24T23:30:00Z");
            Instant wednesdayNine = Instant.parse("2026-11-25T08:00:00Z");
            assertThat(StatusMoves.checkInRefusal(wednesdayEarly, wednesdayNine, BERLIN)).isEmpty();
            assertThat(StatusMoves.checkInRefusal(wednesdayEarly, wednesdayNine, java.time.ZoneOffset.UTC)).isPresent();
        }
    }
}
