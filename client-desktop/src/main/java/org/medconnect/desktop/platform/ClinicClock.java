package org.medconnect.desktop.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The one clinic clock of the workstation: the PC's instant on the clinic's wall clock. Its zone is the
 * PC's until sign-in, then the server's configured clinic zone, so "today", the board's day and the
 * doctors' days are the clinic's wherever the PC's own zone is set.
 */
public final class ClinicClock extends Clock {

    private final Clock instants;
    private volatile ZoneId zone;

    public ClinicClock(Clock instants) {
        this.instants = Objects.requireNonNull(instants);
        this.zone = instants.getZone();
    }

    /** Follows the clinic's zone as the server gave it at sign-in. */
    public void useClinicZone(ZoneId clinicZone) {
        this.zone = Objects.requireNonNull(clinicZone);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A fixed-zone view of the same instants (for code that asks for one; it does not follow later sign-ins). */
    @Override
    public Clock withZone(ZoneId other) {
        return instants.withZone(other);
    }

    @Override
    public Instant instant() {
        return instants.instant();
    }

    @Override
    public long millis() {
        return instants.millis();
    }
}
