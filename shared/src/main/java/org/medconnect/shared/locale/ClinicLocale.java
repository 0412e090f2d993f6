package org.medconnect.shared.locale;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.format.ResolverStyle;
import java.time.temporal.WeekFields;
import java.util.Locale;
import java.util.Optional;

/**
 * How the clinic writes and reads dates: one setting on the server ({@code MEDCONNECT_LOCALE}),
 * handed to every workstation at sign-in, so "10/12/2026" means the same day on every screen.
 *
 * @param languageTag    BCP 47 tag, e.g. {@code en-GB}
 * @param datePattern    how a date is shown and typed, e.g. {@code dd/MM/yyyy}
 * @param firstDayOfWeek the first column of every calendar
 */
public record ClinicLocale(String languageTag, String datePattern, DayOfWeek firstDayOfWeek) {

    /** The default clinic: British dates, weeks from Monday. */
    public static final ClinicLocale DEFAULT = of(Locale.forLanguageTag("en-GB"));

    public ClinicLocale {
        DateTimeFormatter.ofPattern(datePattern); // refuses a pattern that cannot format dates
    }

    /** The clinic settings a locale implies: its short date with a four-digit year, its first day of week. */
    public static ClinicLocale of(Locale locale) {
        String shortPattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.SHORT, null,
                IsoChronology.INSTANCE, locale);
        String pattern = shortPattern.replaceAll("y+", "yyyy");
        return new ClinicLocale(locale.toLanguageTag(), pattern, WeekFields.of(locale).getFirstDayOfWeek());
    }

    /** From a configured tag like "en-GB" or "de-CH"; refuses a tag Java has no date format for. */
    public static ClinicLocale ofTag(String tag) {
        Locale locale = Locale.forLanguageTag(tag.strip());
        if (locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("not a language tag: " + tag);
        }
        return of(locale);
    }

    /**
     * The locale Java's calendars should use: the clinic's language and region with its first day of
     * week as a Unicode extension ({@code -u-fw-mon}), which {@link WeekFields#of(Locale)} honours.
     */
    public Locale formatLocale() {
        String day = firstDayOfWeek.name().substring(0, 3).toLowerCase(Locale.ROOT);
        return new Locale.Builder().setLanguageTag(languageTag).setUnicodeLocaleKeyword("fw", day).build();
    }

    /** Shows a date the clinic's way ("10/12/2026"). */
    public String format(LocalDate date) {
        return formatter().format(date);
    }

    /**
     * Reads a date as a person of this clinic types it: the clinic pattern (with or without leading
     * zeros, with '/', '.' or '-' between the parts) or ISO ({@code 2026-12-10}). Never month-first in a
     * day-first clinic.
     */
    public Optional<LocalDate> parse(CharSequence typed) {
        String text = typed == null ? "" : typed.toString().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException e) {
            // not ISO; try the clinic's order
        }
        String order = fieldOrder();
        String[] parts = text.split("[/.\\-\\s]+");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            int day = 0;
            int month = 0;
            int year = 0;
            for (int i = 0; i < 3; i++) {
                if (!parts[i].matches("[0-9]{1,4}")) {
                    return Optional.empty();
                }
                int value = Integer.parseInt(parts[i]);
                switch (order.charAt(i)) {
                    case 'd' -> day = value;
                    case 'M' -> month = value;
                    default -> {
                        if (parts[i].length() != 4) {
                            return Optional.empty(); // a two-digit year is a guess we do not make
                        }
                        year = value;
                    }
                }
            }
            return Optional.of(LocalDate.of(year, month, day));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** "dd/MM/yyyy" as a hint a person reads: "dd/mm/yyyy". */
    public String hint() {
        return datePattern.toLowerCase(Locale.ROOT);
    }

    public DateTimeFormatter formatter() {
        return DateTimeFormatter.ofPattern(datePattern, Locale.forLanguageTag(languageTag))
                .withResolverStyle(ResolverStyle.SMART);
    }

    /** The order of day, month and year in the pattern, e.g. "dMy" or "Mdy" or "yMd". */
    String fieldOrder() {
        StringBuilder order = new StringBuilder();
        for (char c : datePattern.toCharArray()) {
            char field = switch (c) {
                case 'd' -> 'd';
                case 'M', 'L' -> 'M';
                case 'y', 'u' -> 'y';
                default -> ' ';
            };
            if (field != ' ' && order.indexOf(String.valueOf(field)) < 0) {
                order.append(field);
            }
        }
        return order.length() == 3 ? order.toString() : "dMy";
    }
}
