package org.medconnect.shared.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dates and times the clinic deals in: years 1880 (the earliest date of birth the clinic
 * registers) to 2200. Every date and point in time the API reads is checked against this one
 * range, so a booking, a queue day and a time-off window all refuse the same nonsense (year
 * 0, +999999999, seconds near 2^63) with a message instead of an error deep in the database.
 * (A date of birth has its own, narrower rule in PatientRules: 1880 to today.)
 */
public final class ClinicCalendar {

    public static final int EARLIEST_YEAR = 1880;
    public static final int LATEST_YEAR = 2200;
    /** The first instant the clinic accepts: 1880-01-01T00:00Z. */
    public static final Instant EARLIEST = LocalDate.of(EARLIEST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The first instant after the range: 2201-01-01T00:00Z. */
    public static final Instant END = LocalDate.of(LATEST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final String OUT_OF_RANGE = "Use a date between " + EARLIEST_YEAR + " and " + LATEST_YEAR + ".";

    // Exactly YYYY-MM-DD: no sign, no extended years.
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private ClinicCalendar() {}

    /** An ISO date ("2026-11-23") in the clinic's range; empty when it is not one. */
    public static Optional<LocalDate> parseDate(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (!ISO_DATE.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(s);
            return contains(date) ? Optional.of(date) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static boolean contains(LocalDate date) {
        return date.getYear() >= EARLIEST_YEAR && date.getYear() <= LATEST_YEAR;
    }

    /** Whether seconds and nanos since the epoch name an instant in the clinic's range. */
    public static boolean contains(long epochSeconds, int nanos) {
        return nanos >= 0 && nanos <= 999_999_999
                && epochSeconds >= EARLIEST.getEpochSecond() && epochSeconds < END.getEpochSecond();
    }
}
