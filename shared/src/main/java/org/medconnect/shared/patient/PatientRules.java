package org.medconnect.shared.patient;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.medconnect.shared.validation.FieldError;
import org.medconnect.shared.validation.Validation;

/**
 * What makes a patient's details acceptable. The workstation checks these before sending,
 * for comfort; the server checks them again, for truth. Each check returns the problem in
 * words a receptionist understands, or empty when the value is fine. Field names are the
 * proto field names of {@code PatientDetails}, so a server error lands on the right input.
 */
public final class PatientRules {

    public static final String GIVEN_NAME = "given_name";
    public static final String FAMILY_NAME = "family_name";
    public static final String DATE_OF_BIRTH = "date_of_birth";
    public static final String SEX = "sex";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String ADDRESS = "address";

    public static final int NAME_MAX_LENGTH = 80;
    public static final int PHONE_MIN_LENGTH = 4;
    public static final int PHONE_MAX_LENGTH = 32;
    public static final int EMAIL_MAX_LENGTH = 254;
    public static final int ADDRESS_MAX_LENGTH = 300;
    /** The database refuses earlier dates too; nobody alive was born before. */
    public static final LocalDate EARLIEST_DATE_OF_BIRTH = LocalDate.of(1880, 1, 1);

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("[0-9 +()\\-]+");
    // Deliberately loose: something, one @, something. Mail servers decide the rest.
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private PatientRules() {}

    /** Every field's problems at once, named by field; empty when all is well. */
    public static List<FieldError> validate(PatientDetails d, LocalDate today) {
        return new Validation()
                .check(GIVEN_NAME, checkGivenName(d.givenName()))
                .check(FAMILY_NAME, checkFamilyName(d.familyName()))
                .check(DATE_OF_BIRTH, checkDateOfBirth(d.dateOfBirth(), today))
                .check(SEX, checkSex(d.sex()))
                .check(PHONE, checkPhone(d.phone()))
                .check(EMAIL, checkEmail(d.email()))
                .check(ADDRESS, checkAddress(d.address()))
                .errors();
    }

    /** Names are stored trimmed, with runs of spaces made one: "  Mary   Ann " is "Mary Ann". */
    public static String normalizeName(String raw) {
        return raw == null ? "" : WHITESPACE.matcher(raw.strip()).replaceAll(" ");
    }

    public static Optional<String> checkGivenName(String raw) {
        return checkName(raw, "Enter the given (first) name.");
    }

    public static Optional<String> checkFamilyName(String raw) {
        return checkName(raw, "Enter the family name.");
    }

    private static Optional<String> checkName(String raw, String missing) {
        String name = normalizeName(raw);
        if (name.isEmpty()) {
            return Optional.of(missing);
        }
        if (name.length() > NAME_MAX_LENGTH) {
            return Optional.of("A name has at most " + NAME_MAX_LENGTH + " characters.");
        }
        return Optional.empty();
    }

    /** An ISO date "YYYY-MM-DD" (surrounding spaces ignored); empty when it is not one. */
    public static Optional<LocalDate> parseIsoDate(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(raw.strip(), ISO_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code today} is the clinic's date, so a baby born this morning can be registered. */
    public static Optional<String> checkDateOfBirth(String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("Enter the date of birth.");
        }
        Optional<LocalDate> date = parseIsoDate(raw);
        if (date.isEmpty()) {
            return Optional.of("Enter the date of birth as YYYY-MM-DD, e.g. 1984-03-07.");
        }
        if (date.get().isAfter(today)) {
            return Optional.of("The date of birth cannot be in the future.");
        }
        if (date.get().isBefore(EARLIEST_DATE_OF_BIRTH)) {
            return Optional.of("The date of birth cannot be before 1880.");
        }
        return Optional.empty();
    }

    public static Optional<String> checkSex(Optional<Sex> sex) {
        return sex == null || sex.isEmpty() ? Optional.of("Choose the patient's sex (Unknown if not known).") : Optional.empty();
    }

    /** Phone is optional; when given, it needs at least 4 digits so it can be searched. */
    public static Optional<String> checkPhone(String raw) {
        String phone = raw == null ? "" : raw.strip();
        if (phone.isEmpty()) {
            return Optional.empty();
        }
        if (phone.length() < PHONE_MIN_LENGTH || phone.length() > PHONE_MAX_LENGTH
                || !PHONE_CHARACTERS.matcher(phone).matches() || phoneDigits(phone).length() < PHONE_MIN_LENGTH) {
            return Optional.of("Use digits, spaces and + ( ) - only: at least " + PHONE_MIN_LENGTH + " digits, at most "
                    + PHONE_MAX_LENGTH + " characters.");
        }
        return Optional.empty();
    }

    /** Email is optional. */
    public static Optional<String> checkEmail(String raw) {
        String email = raw == null ? "" : raw.strip();
        if (email.isEmpty()) {
            return Optional.empty();
        }
        if (email.length() > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.matcher(email).matches()) {
            return Optional.of("That does not look like an email address (name@example.org).");
        }
        return Optional.empty();
    }

    /** Address is optional. */
    public static Optional<String> checkAddress(String raw) {
        String address = raw == null ? "" : raw.strip();
        if (address.length() > ADDRESS_MAX_LENGTH) {
            return Optional.of("An address has at most " + ADDRESS_MAX_LENGTH + " characters.");
        }
        return Optional.empty();
    }

    /** The digits of a phone number, what duplicate checks and phone search compare: "+44 (20) 7946" -> "44207946". */
    public static String phoneDigits(String phone) {
        if (phone == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
