package org.medconnect.shared.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Clinic-local days as instants: a day is local midnight to the next, 23 or 25 hours on clock-change days. */
public final class ClinicDays {

    private ClinicDays() {}

    public static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code day}: the start of the next day. */
    public static Instant endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
