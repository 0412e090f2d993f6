package org.medconnect.shared.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MrnTest {

    @ParameterizedTest
    @CsvSource({"100001, MC1000017", "100002, MC1000025", "7992739871, MC79927398713", "0, MC00"})
    void appendsTheLuhnCheckDigit(long number, String mrn) {
        assertThat(Mrn.withCheckDigit(number)).isEqualTo(mrn);
        assertThat(Mrn.isValid(mrn)).isTrue();
    }

    @Test
    void everyMrnFromTheSequenceIsValid() {
        for (long n = 100001; n < 101001; n++) {
            assertThat(Mrn.isValid(Mrn.withCheckDigit(n))).as("MRN for %d", n).isTrue();
        }
    }

    @Test
    void aSingleMistypedDigitIsCaught() {
        String mrn = Mrn.withCheckDigit(123456);
        for (int position = 2; position < mrn.length(); position++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == mrn.charAt(position)) {
                    continue;
                }
                String typo = mrn.substring(0, position) + d + mrn.substring(position + 1);
                assertThat(Mrn.isValid(typo)).as(typo).isFalse();
            }
        }
    }

    @Test
    void swappedNeighbouringDigitsAreCaughtExceptNineAndZero() {
        for (long n = 100001; n < 100500; n++) {
            String mrn = Mrn.withCheckDigit(n);
            for (int i = 2; i < mrn.length() - 1; i++) {
                char a = mrn.charAt(i);
                char b = mrn.charAt(i + 1);
                // Luhn's one blind spot: 09 <-> 90.
                if (a == b || (a - '0') + (b - '0') == 9 && (a == '9' || b == '9')) {
                    continue;
                }
                String swapped = mrn.substring(0, i) + b + a + mrn.substring(i + 2);
                assertThat(Mrn.isValid(swapped)).as(mrn + " -> " + swapped).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MC", "MC7", "mc1000017", "1000017", "MC10000 17", "XY1000017", "MC100001A"})
    void malformedMrnsAreNotValid(String mrn) {
        assertThat(Mrn.isValid(mrn)).isFalse();
    }

    @Test
    void typedMrnsAreNormalized() {
        assertThat(Mrn.normalize(" mc 1000017 ")).contains("MC1000017");
        assertThat(Mrn.normalize("Mc1000017")).contains("MC1000017");
        assertThat(Mrn.normalize("Mcdonald")).isEmpty();
        assertThat(Mrn.looksLikeMrn("MC12")).isTrue();
        assertThat(Mrn.isValid(null)).isFalse();
    }

    @Test
    void negativeNumbersAreRefused() {
        assertThatThrownBy(() -> Mrn.withCheckDigit(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
