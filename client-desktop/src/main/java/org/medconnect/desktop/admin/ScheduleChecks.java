package org.medconnect.desktop.admin;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduling checks the admin forms make before sending. The server checks again; these only save
 * a round trip and put the message next to the field. Limits follow the V2 migration's constraints.
 */
final class ScheduleChecks {

    static final int MIN_SLOT = 5;
    static final int MAX_SLOT = 240;
    static final int MIN_DURATION = 5;
    static final int MAX_DURATION = 480;
    static final int MAX_BUFFER = 120;
    static final int MAX_LOCATION_NAME = 80;
    static final int MAX_ROOM_NAME = 40;
    static final int MAX_TYPE_NAME = 60;
    static final int MAX_ADDRESS = 300;
    static final int MAX_PHONE = 32;
    static final int MAX_EXCEPTION_REASON = 200;

    private static final Pattern TIME = Pattern.compile("^\\s*(\\d{1,2})[:.](\\d{2})\\s*$");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private ScheduleChecks() {}

    /** "9:00", "09:00" and "09.00" read as 09:00. */
    static Optional<LocalTime> parseTime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        return hour < 24 && minute < 60 ? Optional.of(LocalTime.of(hour, minute)) : Optional.empty();
    }

    static String format(LocalTime time) {
        return HH_MM.format(time);
    }

    static OptionalInt parseWhole(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text == null ? "" : text.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    static Optional<String> checkName(String text, String what, int max) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return Optional.of("Enter " + what + ".");
        }
        if (value.length() > max) {
            return Optional.of("Keep it to " + max + " characters or fewer.");
        }
        return Optional.empty();
    }

    static Optional<String> checkOptional(String text, int max) {
        String value = text == null ? "" : text.strip();
        return value.length() > max ? Optional.of("Keep it to " + max + " characters or fewer.") : Optional.empty();
    }

    static Optional<String> checkRange(String text, int min, int max, String what) {
        OptionalInt value = parseWhole(text);
        if (value.isEmpty()) {
            return Optional.of("Enter " + what + " in whole minutes.");
        }
        if (value.getAsInt() < min || value.getAsInt() > max) {
            return Optional.of("Use " + min + " to " + max + " minutes.");
        }
        return Optional.empty();
    }

    /** A start..end pair typed as text; what is wrong with it, if anything. */
    static Optional<String> checkHours(String start, String end) {
        Optional<LocalTime> from = parseTime(start);
        Optional<LocalTime> to = parseTime(end);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.of("Write times as HH:MM, e.g. 09:00.");
        }
        if (!to.get().isAfter(from.get())) {
            return Optional.of("The end must be after the start.");
        }
        return Optional.empty();
    }

    /** Breaks must lie inside the session and not overlap each other. */
    static Optional<String> checkBreaks(List<String[]> breaks, LocalTime sessionStart, LocalTime sessionEnd) {
        LocalTime previousEnd = null;
        List<String[]> sorted = breaks.stream()
                .sorted(java.util.Comparator.comparing(b -> parseTime(b[0]).orElse(LocalTime.MIN))).toList();
        for (String[] b : sorted) {
            Optional<String> hours = checkHours(b[0], b[1]);
            if (hours.isPresent()) {
                return Optional.of("Break " + b[0] + "–" + b[1] + ": " + hours.get());
            }
            LocalTime from = parseTime(b[0]).orElseThrow();
            LocalTime to = parseTime(b[1]).orElseThrow();
            if (from.isBefore(sessionStart) || to.isAfter(sessionEnd) || !from.isAfter(sessionStart) && !to.isBefore(sessionEnd)) {
                return Optional.of("Break " + format(from) + "–" + format(to) + " must lie inside the hours.");
            }
            if (previousEnd != null && from.isBefore(previousEnd)) {
                return Optional.of("Breaks must not overlap.");
            }
            previousEnd = to;
        }
        return Optional.empty();
    }

    static Optional<String> checkDates(LocalDate from, LocalDate to, boolean toRequired) {
        if (from == null) {
            return Optional.of("Choose the first day.");
        }
        if (to == null) {
            return toRequired ? Optional.of("Choose the last day.") : Optional.empty();
        }
        return to.isBefore(from) ? Optional.of("The last day must not be before the first.") : Optional.empty();
    }
}
