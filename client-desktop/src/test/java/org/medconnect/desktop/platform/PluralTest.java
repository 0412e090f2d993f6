package org.medconnect.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counts in words: "1 patient", never "1 patients" (issue 11 item 16). */
class PluralTest {

    @ParameterizedTest
    @CsvSource({"0, 0 patients", "1, 1 patient", "2, 2 patients", "11, 11 patients"})
    void saysTheCountWithTheRightNoun(long count, String expected) {
        assertThat(Plural.of(count, "patient", "patients")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1, a colleague", "3, colleagues"})
    void choosesTheNounAloneForSentencesThatSayTheCountElsewhere(long count, String expected) {
        assertThat(Plural.noun(count, "a colleague", "colleagues")).isEqualTo(expected);
    }
}
