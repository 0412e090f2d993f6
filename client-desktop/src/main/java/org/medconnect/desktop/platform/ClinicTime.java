package org.medconnect.desktop.platform;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import org.medconnect.shared.schedule.ClinicDays;

/**
 * The clinic's wall clock as every screen reads it: clinic-local days as [from, to) instants,
 * protobuf timestamps to and from clinic-local days and times, and the few date and time formats
 * the screens use. The one clinic-time helper of the workstation: an instance knows the clock,
 * the static methods take the zone.
 */
public final class ClinicTime {

    /** "09:30". */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    /** "Mon 23 Nov". */
    public static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    /** "Monday 23 November 2026". */
    public static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final Clock clock;

    public ClinicTime(Clock clock) {
        this.clock = clock;
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Midnight at the start of {@code date}, clinic time; a DST day is 23 or 25 hours long. */
    public Instant startOf(LocalDate date) {
        return ClinicDays.startOf(date, zone());
    }

    public Instant endOf(LocalDate date) {
        return ClinicDays.endOf(date, zone());
    }

    public ZonedDateTime local(Instant instant) {
        return instant.atZone(zone());
    }

    public ZonedDateTime local(Timestamp timestamp) {
        return local(instant(timestamp));
    }

    public LocalDate dateOf(Timestamp timestamp) {
        return local(timestamp).toLocalDate();
    }

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

    public static LocalDate dateOf(Timestamp timestamp, ZoneId zone) {
        return instant(timestamp).atZone(zone).toLocalDate();
    }

    /** "09:30" in {@code zone}. */
    public static String time(Timestamp timestamp, ZoneId zone) {
        return TIME.format(instant(timestamp).atZone(zone));
    }

    /** "09:30". */
    public String time(Timestamp timestamp) {
        return TIME.format(local(timestamp));
    }

    /** "09:30–10:00". */
    public String timeRange(Timestamp start, Timestamp end) {
        return time(start) + "–" + time(end);
    }

    /** "Tue 12 Nov". */
    public static String day(LocalDate date) {
        return SHORT_DAY.format(date);
    }

    /** "Tuesday 12 November 2026". */
    public static String longDay(LocalDate date) {
        return LONG_DAY.format(date);
    }

    /** "12 Nov 1984", for birth dates. */
    public static String date(LocalDate date) {
        return DATE.format(date);
    }

    /** "Tue 12 Nov 09:30". */
    public String dayAndTime(Timestamp timestamp) {
        ZonedDateTime at = local(timestamp);
        return SHORT_DAY.format(at) + " " + TIME.format(at);
    }

    /** An ISO date from the server ("1984-03-07") as "7 Mar 1984"; unreadable text as it came. */
    public static String isoDate(String iso) {
        return parseIso(iso).map(ClinicTime::date).orElse(iso);
    }

    public static Optional<LocalDate> parseIso(String iso) {
        try {
            return iso == null || iso.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A date as people of this clinic type it: ISO, or the clinic's own order ({@link ClinicDates}). */
    public static Optional<LocalDate> parseTyped(String text) {
        return ClinicDates.parse(text);
    }

    public static String hhmm(LocalTime time) {
        return TIME.format(time);
    }
}
