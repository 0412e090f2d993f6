package org.medconnect.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "jitter {0}: waits {1}")
    @CsvSource({
            "0.0,   250 500 1000 2000 4000 7500 7500",
            "0.999, 500 1000 1999 3998 7996 14993 14993"})
    void doublesFromHalfASecondUpToFifteenSecondsWithinTheJitterRange(double jitter, String expected) {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), () -> jitter);
        StringBuilder waits = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            waits.append(i == 0 ? "" : " ").append(backoff.next().toMillis());
        }
        assertThat(waits.toString()).isEqualTo(expected);
    }

    @Test
    void startsOverAfterReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), () -> 0.5);
        backoff.next();
        backoff.next();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(1500));
        assertThat(backoff.attempts()).isEqualTo(3);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(375));
    }

    @Test
    void randomJitterStaysBetweenHalfAndAllOfTheCeiling() {
        Random random = new Random(4);
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), random::nextDouble);
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000, 15000};
        for (long ceiling : ceilings) {
            assertThat(backoff.next().toMillis()).isBetween(ceiling / 2, ceiling);
        }
        // Many failures in a row never overflow past the ceiling.
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofSeconds(15));
        }
    }

    @Test
    void refusesAnInitialWaitAboveTheMaximum() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(20), Duration.ofSeconds(15), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
