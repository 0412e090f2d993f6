package org.medconnect.desktop.platform;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import org.medconnect.shared.schedule.ScheduleRules;

/**
 * The few things the scheduling forms check before the shared {@link ScheduleRules} can: that a
 * number field holds a whole number, and times written the way people type them ("9.00").
 */
public final class ScheduleChecks {

    private ScheduleChecks() {}

    public static OptionalInt parseWhole(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text == null ? "" : text.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** A whole number of minutes, then the shared rule for it. */
    public static Optional<String> minutes(String text, String what, IntFunction<Optional<String>> rule) {
        OptionalInt value = parseWhole(text);
        return value.isEmpty() ? Optional.of("Enter " + what + " in whole minutes.") : rule.apply(value.getAsInt());
    }

    /** "9.00" reads as "09:00"; anything else is left for the shared rules to judge. */
    public static String time(String text) {
        String value = text == null ? "" : text.strip().replace('.', ':');
        return ScheduleRules.parseTime(value).map(ScheduleRules::formatTime).orElse(value);
    }
}
