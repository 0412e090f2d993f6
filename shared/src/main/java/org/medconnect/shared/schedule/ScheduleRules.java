package org.medconnect.shared.schedule;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medconnect.shared.validation.FieldError;
import org.medconnect.shared.validation.Validation;
import org.medconnect.shared.validation.ClinicCalendar;

/**
 * What makes locations, rooms, appointment types and availability acceptable. The
 * workstation checks these before sending, the server again before saving. Each check
 * returns the problem in words a receptionist understands, or empty when the value is fine.
 * Times are clinic-local wall-clock times written "HH:MM"; dates are ISO ("2026-11-23").
 */
public final class ScheduleRules {

    public static final int LOCATION_NAME_MAX_LENGTH = 80;
    public static final int ROOM_NAME_MAX_LENGTH = 40;
    public static final int TYPE_NAME_MAX_LENGTH = 60;
    public static final int ADDRESS_MAX_LENGTH = 300;
    public static final int PHONE_MAX_LENGTH = 32;
    public static final int REASON_MAX_LENGTH = 200;
    public static final int MIN_SLOT_MINUTES = 5;
    public static final int MAX_SLOT_MINUTES = 240;
    public static final int MIN_DURATION_MINUTES = 5;
    public static final int MAX_DURATION_MINUTES = 480;
    public static final int MAX_BUFFER_MINUTES = 120;
    /** Slot search covers at most this many days after its first day. */
    public static final int MAX_SEARCH_DAYS = 92;

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final String[] WEEKDAY_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    /** Orders ranges by start, for display. */
    public static final Comparator<ClockRange> BY_START = Comparator.comparing(ClockRange::start).thenComparing(ClockRange::end);

    private ScheduleRules() {}

    /** A weekly rule as typed in a form. Blank {@code validTo}: open-ended. */
    public record WeeklyRuleDraft(List<Integer> weekdays, String startTime, String endTime, int slotMinutes,
                                  List<BreakDraft> breaks, String validFrom, String validTo) {}

    /** A break as typed, "HH:MM" each. */
    public record BreakDraft(String startTime, String endTime) {}

    /**
     * Time off or an extra session as typed. Time off: whole days with both times blank, or
     * from start date and time to end date and time. Extra session: one day, with times.
     */
    public record ExceptionDraft(Optional<ExceptionKind> kind, String startDate, String endDate, String startTime,
                                 String endTime, boolean hasLocation, int slotMinutes, String reason) {}

    // ---- names and contacts ----

    public static Optional<String> checkLocationName(String raw) {
        return checkName(raw, "Enter the location's name.", "A location name", LOCATION_NAME_MAX_LENGTH);
    }

    public static Optional<String> checkRoomName(String raw) {
        return checkName(raw, "Enter the room's name.", "A room name", ROOM_NAME_MAX_LENGTH);
    }

    public static Optional<String> checkTypeName(String raw) {
        return checkName(raw, "Enter the appointment type's name.", "An appointment type name", TYPE_NAME_MAX_LENGTH);
    }

    /** Optional. */
    public static Optional<String> checkAddress(String raw) {
        return strip(raw).length() > ADDRESS_MAX_LENGTH
                ? Optional.of("An address has at most " + ADDRESS_MAX_LENGTH + " characters.") : Optional.empty();
    }

    /** Optional; a clinic switchboard may carry extensions, so only the length is checked. */
    public static Optional<String> checkPhone(String raw) {
        return strip(raw).length() > PHONE_MAX_LENGTH
                ? Optional.of("A phone number has at most " + PHONE_MAX_LENGTH + " characters.") : Optional.empty();
    }

    /** Optional. The reason for time off is for colleagues, so it stays short. */
    public static Optional<String> checkReason(String raw) {
        return strip(raw).length() > REASON_MAX_LENGTH
                ? Optional.of("A reason has at most " + REASON_MAX_LENGTH + " characters.") : Optional.empty();
    }

    // ---- numbers ----

    public static Optional<String> checkSlotMinutes(int minutes) {
        return between(minutes, MIN_SLOT_MINUTES, MAX_SLOT_MINUTES, "Slots last");
    }

    public static Optional<String> checkDurationMinutes(int minutes) {
        return between(minutes, MIN_DURATION_MINUTES, MAX_DURATION_MINUTES, "An appointment lasts");
    }

    public static Optional<String> checkBufferMinutes(int minutes) {
        return between(minutes, 0, MAX_BUFFER_MINUTES, "The time after an appointment is");
    }

    // ---- times, days and dates ----

    /** "09:00" (or "9:00") as a time of day; empty when it is not one. */
    public static Optional<LocalTime> parseTime(String raw) {
        Matcher m = TIME.matcher(strip(raw));
        if (!m.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour > 23 || minute > 59) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute));
    }

    /** "HH:MM", the form the API and the screens use. */
    public static String formatTime(LocalTime time) {
        return "%02d:%02d".formatted(time.getHour(), time.getMinute());
    }

    public static Optional<String> checkTime(String raw) {
        if (strip(raw).isEmpty()) {
            return Optional.of("Enter a time like 09:00.");
        }
        return parseTime(raw).isPresent() ? Optional.empty() : Optional.of("Write the time as HH:MM, e.g. 09:00 or 17:30.");
    }

    /** An ISO date ("2026-11-23") in the clinic's range ({@link ClinicCalendar}); empty when it is not one. */
    public static Optional<LocalDate> parseDate(String raw) {
        return ClinicCalendar.parseDate(raw);
    }

    public static Optional<String> checkDate(String raw) {
        if (strip(raw).isEmpty()) {
            return Optional.of("Enter a date.");
        }
        return parseDate(raw).isPresent() ? Optional.empty()
                : Optional.of("Write the date as YYYY-MM-DD, e.g. 2026-11-23, between " + ClinicCalendar.EARLIEST_YEAR + " and "
                        + ClinicCalendar.LATEST_YEAR + ".");
    }

    /** ISO weekdays, 1 = Monday .. 7 = Sunday; at least one. */
    public static Optional<String> checkWeekdays(Collection<Integer> weekdays) {
        if (weekdays == null || weekdays.isEmpty()) {
            return Optional.of("Choose at least one day of the week.");
        }
        if (weekdays.stream().anyMatch(d -> d == null || d < 1 || d > 7)) {
            return Optional.of("Days of the week are numbered 1 (Monday) to 7 (Sunday).");
        }
        return Optional.empty();
    }

    /** The weekdays sorted, each once. */
    public static List<Integer> normalizeWeekdays(Collection<Integer> weekdays) {
        return List.copyOf(new TreeSet<>(weekdays));
    }

    /** "Mon-Fri", "Mon, Wed, Fri", "Sat, Sun": how the clinic names a set of weekdays. */
    public static String describeWeekdays(Collection<Integer> weekdays) {
        List<Integer> days = normalizeWeekdays(weekdays);
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1) == days.get(j) + 1) {
                j++;
            }
            if (j - i >= 2) {
                parts.add(WEEKDAY_NAMES[days.get(i) - 1] + "-" + WEEKDAY_NAMES[days.get(j) - 1]);
            } else {
                for (int k = i; k <= j; k++) {
                    parts.add(WEEKDAY_NAMES[days.get(k) - 1]);
                }
            }
            i = j + 1;
        }
        return String.join(", ", parts);
    }

    public static Optional<String> checkSession(LocalTime start, LocalTime end) {
        return end.isAfter(start) ? Optional.empty() : Optional.of("The session must end after it starts.");
    }

    /**
     * Each break ends after it starts, lies inside the session and overlaps no other break.
     * Errors are named {@code breaks[i]} by the break's position in {@code breaks}.
     */
    public static List<FieldError> checkBreaks(ClockRange session, List<ClockRange> breaks) {
        Validation v = new Validation();
        for (int i = 0; i < breaks.size(); i++) {
            ClockRange b = breaks.get(i);
            String field = "breaks[" + i + "]";
            if (!b.end().isAfter(b.start())) {
                v.add(field, "A break must end after it starts.");
            } else if (!session.contains(b)) {
                v.add(field, "The break " + b + " is outside the session " + session + ".");
            } else {
                for (int j = 0; j < i; j++) {
                    ClockRange other = breaks.get(j);
                    if (other.end().isAfter(other.start()) && b.overlaps(other)) {
                        v.add(field, "The break " + b + " overlaps the break " + other + ".");
                        break;
                    }
                }
            }
        }
        return v.errors();
    }

    public static Optional<String> checkValidity(LocalDate validFrom, Optional<LocalDate> validTo) {
        return validTo.filter(to -> to.isBefore(validFrom)).map(to -> "The rule cannot end before it starts (" + validFrom + ").");
    }

    /** The first and last day of a slot search: in order, and at most {@value #MAX_SEARCH_DAYS} days apart. */
    public static Optional<String> checkSearchRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return Optional.of("The last day comes before the first day.");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_SEARCH_DAYS) {
            return Optional.of("Search at most " + MAX_SEARCH_DAYS + " days at a time.");
        }
        return Optional.empty();
    }

    // ---- whole forms ----

    /**
     * Every problem of a weekly rule at once, named weekdays, start_time, end_time,
     * slot_minutes, breaks[i], valid_from, valid_to.
     */
    public static List<FieldError> checkWeeklyRule(WeeklyRuleDraft d) {
        Validation v = new Validation()
                .check("weekdays", checkWeekdays(d.weekdays()))
                .check("start_time", checkTime(d.startTime()))
                .check("end_time", checkTime(d.endTime()))
                .check("slot_minutes", checkSlotMinutes(d.slotMinutes()))
                .check("valid_from", checkDate(d.validFrom()));
        if (!strip(d.validTo()).isEmpty()) {
            v.check("valid_to", checkDate(d.validTo()));
        }
        Optional<LocalTime> start = parseTime(d.startTime());
        Optional<LocalTime> end = parseTime(d.endTime());
        if (start.isPresent() && end.isPresent()) {
            v.check("end_time", checkSession(start.get(), end.get()));
        }
        List<ClockRange> breaks = new ArrayList<>();
        boolean breaksReadable = true;
        List<BreakDraft> drafts = d.breaks() == null ? List.of() : d.breaks();
        for (int i = 0; i < drafts.size(); i++) {
            Optional<LocalTime> bs = parseTime(drafts.get(i).startTime());
            Optional<LocalTime> be = parseTime(drafts.get(i).endTime());
            if (bs.isEmpty() || be.isEmpty()) {
                v.add("breaks[" + i + "]", "Write the break's times as HH:MM, e.g. 12:30 and 13:30.");
                breaksReadable = false;
            } else {
                breaks.add(new ClockRange(bs.get(), be.get()));
            }
        }
        if (breaksReadable && start.isPresent() && end.isPresent() && end.get().isAfter(start.get())) {
            checkBreaks(new ClockRange(start.get(), end.get()), breaks).forEach(e -> v.add(e.field(), e.message()));
        }
        Optional<LocalDate> from = parseDate(d.validFrom());
        Optional<LocalDate> to = parseDate(d.validTo());
        if (from.isPresent() && to.isPresent()) {
            v.check("valid_to", checkValidity(from.get(), to));
        }
        return v.errors();
    }

    /**
     * Every problem of time off or an extra session at once, named kind, start_date,
     * end_date, start_time, end_time, location_id, slot_minutes, reason. A blank end date
     * means the same day as the start.
     */
    public static List<FieldError> checkException(ExceptionDraft d) {
        Validation v = new Validation().check("start_date", checkDate(d.startDate()));
        if (!strip(d.endDate()).isEmpty()) {
            v.check("end_date", checkDate(d.endDate()));
        }
        v.check("reason", checkReason(d.reason()));
        if (d.kind().isEmpty()) {
            return v.add("kind", "Choose time off or an extra session.").errors();
        }
        Optional<LocalDate> startDate = parseDate(d.startDate());
        Optional<LocalDate> endDate = strip(d.endDate()).isEmpty() ? startDate : parseDate(d.endDate());
        boolean noStart = strip(d.startTime()).isEmpty();
        boolean noEnd = strip(d.endTime()).isEmpty();
        if (d.kind().get() == ExceptionKind.TIME_OFF) {
            if (startDate.isPresent() && endDate.isPresent() && endDate.get().isBefore(startDate.get())) {
                v.add("end_date", "The time off cannot end before it starts.");
            }
            if (noStart && noEnd) {
                return v.errors();
            }
            if (noStart || noEnd) {
                v.add(noStart ? "start_time" : "end_time", "Give both a start and an end time, or neither for whole days.");
                return v.errors();
            }
        } else {
            if (!d.hasLocation()) {
                v.add("location_id", "Choose where the extra session is.");
            }
            v.check("slot_minutes", checkSlotMinutes(d.slotMinutes()));
            if (startDate.isPresent() && endDate.isPresent() && !endDate.get().equals(startDate.get())) {
                v.add("end_date", "An extra session is on a single day.");
            }
        }
        v.check("start_time", checkTime(d.startTime())).check("end_time", checkTime(d.endTime()));
        Optional<LocalTime> startTime = parseTime(d.startTime());
        Optional<LocalTime> endTime = parseTime(d.endTime());
        if (startDate.isPresent() && endDate.isPresent() && startTime.isPresent() && endTime.isPresent()
                && !endDate.get().isBefore(startDate.get())) {
            try {
                LocalDateTime start = startDate.get().atTime(startTime.get());
                LocalDateTime end = endDate.get().atTime(endTime.get());
                if (!end.isAfter(start)) {
                    v.add("end_time", d.kind().get() == ExceptionKind.TIME_OFF
                            ? "The time off must end after it starts." : "The session must end after it starts.");
                }
            } catch (DateTimeException e) {
                v.add("start_date", "Write the date as YYYY-MM-DD, e.g. 2026-11-23.");
            }
        }
        return v.errors();
    }

    // ---- helpers ----

    private static Optional<String> checkName(String raw, String missing, String what, int max) {
        String name = strip(raw);
        if (name.isEmpty()) {
            return Optional.of(missing);
        }
        if (name.length() > max) {
            return Optional.of(what + " has at most " + max + " characters.");
        }
        return Optional.empty();
    }

    private static Optional<String> between(int value, int min, int max, String what) {
        return value < min || value > max
                ? Optional.of(what + " " + min + " to " + max + " minutes.") : Optional.empty();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
