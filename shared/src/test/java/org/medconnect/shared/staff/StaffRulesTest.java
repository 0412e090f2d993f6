package org.medconnect.shared.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaffRulesTest {

    @Nested
    class Usernames {
        @ParameterizedTest
        @ValueSource(strings = {"anna", "dr.kumar", "rec_01", "  Anna  "})
        void acceptsOrdinaryUsernames(String username) {
            assertThat(StaffRules.checkUsername(username)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "ab", "has space", "-dash", "ünï", "averyveryveryveryveryverylongusername1"})
        void refusesUnusableUsernames(String username) {
            assertThat(StaffRules.checkUsername(username)).isPresent();
        }

        @Test
        void normalizesCaseAndSpaces() {
            assertThat(StaffRules.normalizeUsername("  Dr.Kumar ")).isEqualTo("dr.kumar");
        }
    }

    @Nested
    class Passwords {
        @Test
        void refusesShortPasswordsSayingHowLong() {
            assertThat(StaffRules.checkNewPassword("short", "anna")).hasValueSatisfying(
                    message -> assertThat(message).contains("10 characters"));
        }

        @Test
        void refusesPasswordContainingUsername() {
            assertThat(StaffRules.checkNewPassword("Anna-is-great-2026", "anna")).isPresent();
        }

        @Test
        void acceptsLongPassphrase() {
            assertThat(StaffRules.checkNewPassword("correct horse battery", "anna")).isEmpty();
        }
    }

    @Nested
    class Contacts {
        @ParameterizedTest
        @ValueSource(strings = {"a@b.org", "dr.who@clinic.example.com"})
        void acceptsEmails(String email) {
            assertThat(StaffRules.checkEmail(email)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "anna", "anna@", "anna@clinic", "a b@c.org"})
        void refusesNonEmails(String email) {
            assertThat(StaffRules.checkEmail(email)).isPresent();
        }

        @Test
        void phoneIsOptionalButMustLookLikeOne() {
            assertThat(StaffRules.checkPhone("")).isEmpty();
            assertThat(StaffRules.checkPhone("+44 20 7946 0958")).isEmpty();
            assertThat(StaffRules.checkPhone("call me")).isPresent();
        }
    }

    @Test
    void doctorProfileNumbersStayInRange() {
        assertThat(StaffRules.checkYearsOfExperience(-1)).isPresent();
        assertThat(StaffRules.checkYearsOfExperience(12)).isEmpty();
        assertThat(StaffRules.checkFeeMinorUnits(-5)).isPresent();
        assertThat(StaffRules.checkFeeMinorUnits(4500)).isEmpty();
    }
}
