package org.medconnect.server.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP). Users get HmacSHA1, 30-second steps
 * and 6 digits, what every authenticator app reads from an otpauth:// URI; the algorithm and length
 * are parameters so the RFC's own test vectors can be checked.
 */
public final class Totp {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    /** Codes from one step before or after now are accepted too: phone clocks drift. */
    public static final int DRIFT_STEPS = 1;

    private final String algorithm;
    private final int digits;
    private final long stepSeconds;

    public Totp(String algorithm, int digits, Duration step) {
        this.algorithm = algorithm;
        this.digits = digits;
        this.stepSeconds = step.toSeconds();
    }

    /** What users get: HmacSHA1, 6 digits, 30 s. */
    public static Totp standard() {
        return new Totp("HmacSHA1", DIGITS, STEP);
    }

    public long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), stepSeconds);
    }

    /** The code for a step (RFC 4226 section 5.3 dynamic truncation), zero-padded. */
    public String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int otp = (int) (binary % (long) Math.pow(10, digits));
            return String.format(Locale.ROOT, "%0" + digits + "d", otp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No " + algorithm + " in this JVM", e);
        }
    }

    public String codeAt(byte[] secret, Instant time) {
        return code(secret, stepAt(time));
    }

    /**
     * The step whose code matches {@code typed} at {@code now} (within the drift), if newer than
     * {@code lastUsedStep}; empty otherwise. A code already used (same or older step) is refused, so an
     * observed code cannot be replayed. Compared in constant time.
     */
    public OptionalLong match(byte[] secret, String typed, Instant now, long lastUsedStep) {
        String code = typed == null ? "" : typed.replaceAll("\\s", "");
        if (!code.matches("[0-9]{" + digits + "}")) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        OptionalLong found = OptionalLong.empty();
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            boolean same = MessageDigest.isEqual(code(secret, step).getBytes(), code.getBytes());
            if (same && step > lastUsedStep && found.isEmpty()) {
                found = OptionalLong.of(step);
            }
        }
        return found;
    }
}
