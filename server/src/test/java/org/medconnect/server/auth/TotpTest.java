package org.medconnect.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    // RFC 6238 Appendix B: the seeds are these ASCII strings (20, 32 and 64 bytes).
    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @Nested
    class Rfc6238AppendixB {

        @ParameterizedTest(name = "T={0}s SHA1 {1}")
        @CsvSource({
                "59, 94287082",
                "1111111109, 07081804",
                "1111111111, 14050471",
                "1234567890, 89005924",
                "2000000000, 69279037",
                "20000000000, 65353130"})
        void sha1Vectors(long time, String expected) {
            assertThat(new Totp("HmacSHA1", 8, Totp.STEP).codeAt(SEED_SHA1, Instant.ofEpochSecond(time))).isEqualTo(expected);
        }

        @ParameterizedTest(name = "T={0}s SHA256 {1}")
        @CsvSource({
                "59, 46119246",
                "1111111109, 68084774",
                "1111111111, 67062674",
                "1234567890, 91819424",
                "2000000000, 90698825",
                "20000000000, 77737706"})
        void sha256Vectors(long time, String expected) {
            assertThat(new Totp("HmacSHA256", 8, Totp.STEP).codeAt(SEED_SHA256, Instant.ofEpochSecond(time))).isEqualTo(expected);
        }

        @ParameterizedTest(name = "T={0}s SHA512 {1}")
        @CsvSource({
                "59, 90693936",
                "1111111109, 25091201",
                "1111111111, 99943326",
                "1234567890, 93441116",
                "2000000000, 38618901",
                "20000000000, 47863826"})
        void sha512Vectors(long time, String expected) {
            assertThat(new Totp("HmacSHA512", 8, Totp.STEP).codeAt(SEED_SHA512, Instant.ofEpochSecond(time))).isEqualTo(expected);
        }

        @Test
        void sixDigitCodesAreTheLastSixOfTheEightDigitOnes() {
            // Same truncated value modulo 10^6 (RFC 4226 section 5.3).
            assertThat(Totp.standard().codeAt(SEED_SHA1, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
            assertThat(Totp.standard().codeAt(SEED_SHA1, Instant.ofEpochSecond(59))).isEqualTo("287082");
        }
    }

    @Nested
    class Matching {

        private final Totp totp = Totp.standard();
        private final Instant now = Instant.ofEpochSecond(1_111_111_111);
        private final long step = totp.stepAt(now);

        @Test
        void acceptsTheCurrentCodeAndOneStepEitherSide() {
            assertThat(totp.match(SEED_SHA1, totp.code(SEED_SHA1, step), now, -1)).hasValue(step);
            assertThat(totp.match(SEED_SHA1, totp.code(SEED_SHA1, step - 1), now, -1)).hasValue(step - 1);
            assertThat(totp.match(SEED_SHA1, totp.code(SEED_SHA1, step + 1), now, -1)).hasValue(step + 1);
        }

        @Test
        void refusesCodesTwoStepsAway() {
            assertThat(totp.match(SEED_SHA1, totp.code(SEED_SHA1, step - 2), now, -1)).isEmpty();
            assertThat(totp.match(SEED_SHA1, totp.code(SEED_SHA1, step + 2), now, -1)).isEmpty();
        }

        @Test
        void refusesTheSameCodeAgainInTheSameStep() {
            String code = totp.code(SEED_SHA1, step);
            long used = totp.match(SEED_SHA1, code, now, -1).orElseThrow();

            assertThat(totp.match(SEED_SHA1, code, now.plusSeconds(5), used)).isEqualTo(OptionalLong.empty());
        }

        @Test
        void refusesAnOlderCodeOnceANewerOneWasUsed() {
            assertThat(totp.match(SEED_SHA1, totp.code(SEED_SHA1, step - 1), now, step)).isEmpty();
        }

        @Test
        void refusesGarbageAndAcceptsSpaces() {
            assertThat(totp.match(SEED_SHA1, "12345", now, -1)).isEmpty();
            assertThat(totp.match(SEED_SHA1, "abcdef", now, -1)).isEmpty();
            assertThat(totp.match(SEED_SHA1, null, now, -1)).isEmpty();
            String code = totp.code(SEED_SHA1, step);
            assertThat(totp.match(SEED_SHA1, code.substring(0, 3) + " " + code.substring(3), now, -1)).hasValue(step);
        }
    }
}
