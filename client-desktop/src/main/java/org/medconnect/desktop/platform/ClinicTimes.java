package org.medconnect.desktop.platform;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Protobuf timestamps to and from clinic-local days and times, and the few ways screens write them. */
public final class ClinicTimes {

    /** "09:30". */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    /** "Mon 23 Nov". */
    public static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    /** "Monday 23 November 2026". */
    public static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private ClinicTimes() {}

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** Midnight at the start of {@code day} on the clinic's wall clock (not always 24 h after the day before). */
    public static Timestamp startOf(LocalDate day, ZoneId zone) {
        return timestamp(day.atStartOfDay(zone).toInstant());
    }

    public static LocalDate day(Timestamp timestamp, ZoneId zone) {
        return instant(timestamp).atZone(zone).toLocalDate();
    }

    public static String time(Timestamp timestamp, ZoneId zone) {
        return TIME.format(instant(timestamp).atZone(zone));
    }
}
