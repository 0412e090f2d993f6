package org.medconnect.shared.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.shared.validation.FieldError;

class PatientRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static PatientDetails valid() {
        return new PatientDetails("John", "Smith", "1984-03-07", Optional.of(Sex.MALE), "+44 20 7946 0958",
                "john.smith@example.org", "1 High Street, Leeds");
    }

    @Test
    void aCompleteRegistrationHasNoProblems() {
        assertThat(PatientRules.validate(valid(), TODAY)).isEmpty();
    }

    @Test
    void onlyNamesDateOfBirthAndSexAreRequired() {
        var minimal = new PatientDetails("John", "Smith", "1984-03-07", Optional.of(Sex.UNKNOWN), "", " ", null);
        assertThat(PatientRules.validate(minimal, TODAY)).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedAtOnceWithItsProtoName() {
        var bad = new PatientDetails(" ", "x".repeat(81), "07.03.1984", Optional.empty(), "call me", "john", "a".repeat(301));
        assertThat(PatientRules.validate(bad, TODAY)).extracting(FieldError::field).containsExactly(
                "given_name", "family_name", "date_of_birth", "sex", "phone", "email", "address");
    }

    @Test
    void namesAreTrimmedAndInnerSpacesCollapsed() {
        assertThat(PatientRules.normalizeName("  Mary   Ann\t")).isEqualTo("Mary Ann");
        assertThat(PatientRules.checkGivenName(" " + "a".repeat(80) + "  ")).isEmpty();
    }

    @Nested
    class DatesOfBirth {
        @Test
        void todayIsFineTomorrowIsNot() {
            assertThat(PatientRules.checkDateOfBirth("2026-11-23", TODAY)).isEmpty();
            assertThat(PatientRules.checkDateOfBirth("2026-11-24", TODAY)).hasValueSatisfying(m -> assertThat(m).contains("future"));
        }

        @Test
        void nothingBefore1880() {
            assertThat(PatientRules.checkDateOfBirth("1880-01-01", TODAY)).isEmpty();
            assertThat(PatientRules.checkDateOfBirth("1879-12-31", TODAY)).hasValueSatisfying(m -> assertThat(m).contains("1880"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1984-02-30", "1984-3-7", "07/03/1984", "yesterday", "19840307"})
        void onlyRealIsoDatesAreAccepted(String typed) {
            assertThat(PatientRules.checkDateOfBirth(typed, TODAY)).hasValueSatisfying(m -> assertThat(m).contains("YYYY-MM-DD"));
        }

        @Test
        void aMissingDateSaysSo() {
            assertThat(PatientRules.checkDateOfBirth("", TODAY)).contains("Enter the date of birth.");
        }
    }

    @Nested
    class Contacts {
        @ParameterizedTest
        @ValueSource(strings = {"5550", "+1 (555) 010-0199", "0044 20 7946 0958", "  020 7946 0958  "})
        void acceptsPhoneNumbers(String phone) {
            assertThat(PatientRules.checkPhone(phone)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"555", "+1 555.010.0199", "call me", "(((( ))))", "1234567890123456789012345678901234", "ext 12345"})
        void refusesWhatIsNotAPhoneNumber(String phone) {
            assertThat(PatientRules.checkPhone(phone)).isPresent();
        }

        @Test
        void phoneDigitsAreWhatSearchCompares() {
            assertThat(PatientRules.phoneDigits("+44 (20) 7946-0958")).isEqualTo("442079460958");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a@b", "john.smith@example.org"})
        void acceptsEmails(String email) {
            assertThat(PatientRules.checkEmail(email)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"john", "@example.org", "john@", "jo hn@example.org", "a@b@c"})
        void refusesNonEmails(String email) {
            assertThat(PatientRules.checkEmail(email)).isPresent();
        }

        @Test
        void addressesUpTo300Characters() {
            assertThat(PatientRules.checkAddress("a".repeat(300))).isEmpty();
            assertThat(PatientRules.checkAddress("a".repeat(301))).isPresent();
        }
    }
}
