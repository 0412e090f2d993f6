package org.medconnect.desktop.platform;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnecting: the n-th retry in a row waits between half and
 * all of {@code min(max, initial * 2^n)}, so a server restart is not met by every workstation at the
 * same instant. {@link #reset()} once the stream is live again. The one backoff of the workstation:
 * the appointment feed and the notification inbox both use it. Not thread-safe (used on the UI thread).
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int attempt;

    /** {@code random} gives numbers in [0, 1); tests pass a constant. */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** 0.5 s growing to 15 s, with random jitter. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), Math::random);
    }

    /** The wait before the next attempt; each call counts one more failure in a row. */
    public Duration next() {
        long ceiling = ceilingMillis(attempt);
        if (attempt < 62) {
            attempt++;
        }
        double jitter = Math.min(1, Math.max(0, random.getAsDouble()));
        return Duration.ofMillis(Math.round(ceiling / 2.0 + jitter * ceiling / 2.0));
    }

    private long ceilingMillis(int n) {
        long value = initial.toMillis();
        for (int i = 0; i < n && value < max.toMillis(); i++) {
            value *= 2;
        }
        return Math.min(value, max.toMillis());
    }

    public void reset() {
        attempt = 0;
    }

    /** Failures in a row since the last reset. */
    public int attempts() {
        return attempt;
    }

    public Duration max() {
        return max;
    }
}
