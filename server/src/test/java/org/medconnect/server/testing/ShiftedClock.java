package org.medconnect.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A real, ticking clock that a test can send ahead to another time, e.g. to an appointment's day. */
public final class ShiftedClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    /** From now on the clock reads {@code time} and ticks on from there. */
    public void jumpTo(Instant time) {
        shift = Duration.between(Instant.now(), time);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }
}
