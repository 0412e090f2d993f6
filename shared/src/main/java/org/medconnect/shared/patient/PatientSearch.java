package org.medconnect.shared.patient;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the one patient search box reads what was typed: an MRN, a date of birth, a phone
 * number or a name. The server searches accordingly; a workstation may use the same
 * reading to say what it is searching for.
 */
public final class PatientSearch {

    public static final int MIN_QUERY_LENGTH = 2;
    public static final int MAX_QUERY_LENGTH = 100;
    /** More words than this add nothing but cost; the rest are ignored. */
    public static final int MAX_NAME_WORDS = 6;

    /** What the query was taken to be. */
    public sealed interface Interpretation permits ByMrn, ByDateOfBirth, ByPhone, ByName {}

    /** An exact MRN, canonical form ("MC1000017"). */
    public record ByMrn(String mrn) implements Interpretation {}

    public record ByDateOfBirth(LocalDate date) implements Interpretation {}

    /** Digits to find anywhere in a patient's phone number. */
    public record ByPhone(String digits) implements Interpretation {}

    /** Words that must each match part of the name, allowing for typos. */
    public record ByName(List<String> words) implements Interpretation {}

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd"),
            DateTimeFormatter.ofPattern("d.M.uuuu"),
            DateTimeFormatter.ofPattern("d/M/uuuu")).stream()
            .map(f -> f.withResolverStyle(ResolverStyle.STRICT)).toList();
    private static final Pattern PHONE_LIKE = Pattern.compile("[0-9 +()\\-]+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s,;]+");

    private PatientSearch() {}

    /** The problem with a query, or empty when it can be searched. */
    public static Optional<String> check(String query) {
        String q = query == null ? "" : query.strip();
        if (q.length() < MIN_QUERY_LENGTH) {
            return Optional.of("Type at least " + MIN_QUERY_LENGTH + " characters: a name, phone number, date of birth or MRN.");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            return Optional.of("A search has at most " + MAX_QUERY_LENGTH + " characters.");
        }
        return Optional.empty();
    }

    /** Reads a query that passed {@link #check}. MRN first, then date, then phone; anything else is a name. */
    public static Interpretation interpret(String query) {
        String q = query.strip();
        Optional<String> mrn = Mrn.normalize(q);
        if (mrn.isPresent()) {
            return new ByMrn(mrn.get());
        }
        Optional<LocalDate> date = parseDate(q);
        if (date.isPresent()) {
            return new ByDateOfBirth(date.get());
        }
        String digits = PatientRules.phoneDigits(q);
        if (digits.length() >= 4 && PHONE_LIKE.matcher(q).matches()) {
            return new ByPhone(digits);
        }
        List<String> words = Arrays.stream(WORD_SEPARATORS.split(q)).filter(w -> !w.isEmpty()).limit(MAX_NAME_WORDS).toList();
        return new ByName(words);
    }

    /** A date typed as 1984-03-07, 07.03.1984 or 07/03/1984 (day first); empty otherwise. */
    public static Optional<LocalDate> parseDate(String typed) {
        String s = typed == null ? "" : typed.strip();
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return Optional.of(LocalDate.parse(s, format));
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }
}
