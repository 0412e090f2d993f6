package org.medconnect.shared.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.shared.patient.PatientSearch.ByDateOfBirth;
import org.medconnect.shared.patient.PatientSearch.ByMrn;
import org.medconnect.shared.patient.PatientSearch.ByName;
import org.medconnect.shared.patient.PatientSearch.ByPhone;

class PatientSearchTest {

    @Test
    void anMrnInAnyCaseIsAnExactMrn() {
        assertThat(PatientSearch.interpret(" mc1000017 ")).isEqualTo(new ByMrn("MC1000017"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1984-03-07", "07.03.1984", "7.3.1984", "07/03/1984"})
    void datesInThreeFormatsAreADateOfBirth(String typed) {
        assertThat(PatientSearch.interpret(typed)).isEqualTo(new ByDateOfBirth(LocalDate.of(1984, 3, 7)));
    }

    @Test
    void anImpossibleDateIsNotADate() {
        assertThat(PatientSearch.parseDate("31.02.1984")).isEmpty();
        assertThat(PatientSearch.interpret("31/02/1984")).isInstanceOf(ByName.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7946", "+44 20 7946", "(020) 7946-0958"})
    void fourOrMoreDigitsArePartOfAPhoneNumber(String typed) {
        assertThat(PatientSearch.interpret(typed)).isInstanceOf(ByPhone.class);
    }

    @Test
    void phoneSearchComparesDigitsOnly() {
        assertThat(PatientSearch.interpret("(020) 7946")).isEqualTo(new ByPhone("0207946"));
    }

    @Test
    void fewerDigitsOrLettersMeanAName() {
        assertThat(PatientSearch.interpret("794")).isEqualTo(new ByName(List.of("794")));
        assertThat(PatientSearch.interpret("Jonh  Smth")).isEqualTo(new ByName(List.of("Jonh", "Smth")));
        assertThat(PatientSearch.interpret("Smith, John")).isEqualTo(new ByName(List.of("Smith", "John")));
        assertThat(PatientSearch.interpret("McDonald")).isInstanceOf(ByName.class);
    }

    @Test
    void aQueryNeedsTwoCharactersAndAtMostAHundred() {
        assertThat(PatientSearch.check(" j ")).isPresent();
        assertThat(PatientSearch.check(null)).isPresent();
        assertThat(PatientSearch.check("jo")).isEmpty();
        assertThat(PatientSearch.check("x".repeat(101))).isPresent();
    }
}
