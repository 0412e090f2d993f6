package org.medconnect.shared.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.shared.validation.FieldError;

class AbsenceRulesTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    @Nested
    class Days {
        @Test
        void aSingleDayIsFine() {
            assertThat(AbsenceRules.checkDays(Optional.of(MONDAY), Optional.of(MONDAY))).isEmpty();
        }

        @Test
        void ninetyThreeDaysIncludingBothEndsIsTheLimit() {
            assertThat(AbsenceRules.checkDays(Optional.of(MONDAY), Optional.of(MONDAY.plusDays(92)))).isEmpty();
            assertThat(AbsenceRules.checkDays(Optional.of(MONDAY), Optional.of(MONDAY.plusDays(93))))
                    .hasValue("Handle at most 93 days at a time.");
        }

        @Test
        void theLastDayMustNotComeBeforeTheFirst() {
            assertThat(AbsenceRules.checkDays(Optional.of(MONDAY), Optional.of(MONDAY.minusDays(1))))
                    .hasValue("The last day must not be before the first.");
        }

        @Test
        void bothDaysAreNeeded() {
            assertThat(AbsenceRules.checkDays(Optional.empty(), Optional.of(MONDAY))).get().asString().contains("first day");
            assertThat(AbsenceRules.checkDays(Optional.of(MONDAY), Optional.empty())).get().asString().contains("last day");
        }
    }

    @Test
    void aBlankOrOverlongReasonIsRefused() {
        assertThat(AbsenceRules.checkReason("  ")).isPresent();
        assertThat(AbsenceRules.checkReason("x".repeat(201))).get().asString().contains("200");
        assertThat(AbsenceRules.checkReason("Dr Okafor is on leave")).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceUnderTheRequestsFieldNames() {
        assertThat(AbsenceRules.check(false, Optional.of(MONDAY), Optional.of(MONDAY.minusDays(2)), ""))
                .extracting(FieldError::field).containsExactly("doctor_id", "to_date", "reason");
    }
}
