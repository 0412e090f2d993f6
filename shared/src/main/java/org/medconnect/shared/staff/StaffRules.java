package org.medconnect.shared.staff;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What makes a staff account's fields acceptable. The workstation checks these before
 * sending, for comfort; the server checks them again, for truth. Each check returns the
 * problem in words a receptionist understands, or empty when the value is fine.
 */
public final class StaffRules {

    public static final int PASSWORD_MIN_LENGTH = 10;
    public static final int PASSWORD_MAX_LENGTH = 128;
    public static final int USERNAME_MIN_LENGTH = 3;
    public static final int USERNAME_MAX_LENGTH = 32;
    public static final int NAME_MAX_LENGTH = 120;
    public static final int DEPARTMENT_NAME_MAX_LENGTH = 80;
    public static final int MAX_YEARS_OF_EXPERIENCE = 70;
    /** A doctor profile's specialization ("Cardiology"). */
    public static final int SPECIALIZATION_MAX_LENGTH = 80;
    /** A doctor's registration number with the medical council ("GMC 7654321"), printed on prescriptions. */
    public static final int REGISTRATION_NUMBER_MAX_LENGTH = 40;
    public static final String REGISTRATION_NUMBER_TOO_LONG =
            "The registration number has at most " + REGISTRATION_NUMBER_MAX_LENGTH + " characters.";

    /** A doctor profile's qualification ("MBBS, MD"). */
    public static final int QUALIFICATION_MAX_LENGTH = 120;
    public static final String SPECIALIZATION_TOO_LONG =
            "The specialization has at most " + SPECIALIZATION_MAX_LENGTH + " characters.";
    public static final String QUALIFICATION_TOO_LONG =
            "The qualification has at most " + QUALIFICATION_MAX_LENGTH + " characters.";

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    // Deliberately loose: one @, something before, a dot in the domain. Mail servers decide the rest.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{6,20}");

    private StaffRules() {}

    /** Usernames are compared and stored in lower case, trimmed. */
    public static String normalizeUsername(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    }

    public static Optional<String> checkUsername(String raw) {
        String username = normalizeUsername(raw);
        if (username.isEmpty()) {
            return Optional.of("Enter a username.");
        }
        if (username.length() < USERNAME_MIN_LENGTH || username.length() > USERNAME_MAX_LENGTH) {
            return Optional.of("A username has " + USERNAME_MIN_LENGTH + " to " + USERNAME_MAX_LENGTH + " characters.");
        }
        if (!USERNAME.matcher(username).matches()) {
            return Optional.of("Use only letters, digits, dots, dashes and underscores, starting with a letter or digit.");
        }
        return Optional.empty();
    }

    public static Optional<String> checkDisplayName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            return Optional.of("Enter the person's full name.");
        }
        if (name.length() > NAME_MAX_LENGTH) {
            return Optional.of("The name is longer than " + NAME_MAX_LENGTH + " characters.");
        }
        return Optional.empty();
    }

    /** Email is required: password resets and notices go there. */
    public static Optional<String> checkEmail(String raw) {
        String email = raw == null ? "" : raw.strip();
        if (email.isEmpty()) {
            return Optional.of("Enter an email address.");
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            return Optional.of("That does not look like an email address (name@example.org).");
        }
        return Optional.empty();
    }

    /** Phone is optional. */
    public static Optional<String> checkPhone(String raw) {
        String phone = raw == null ? "" : raw.strip();
        if (phone.isEmpty()) {
            return Optional.empty();
        }
        if (!PHONE.matcher(phone).matches()) {
            return Optional.of("Use digits, spaces and + ( ) - only, 6 to 20 characters.");
        }
        return Optional.empty();
    }

    public static Optional<String> checkNewPassword(String password, String username) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Enter a password.");
        }
        if (password.length() < PASSWORD_MIN_LENGTH) {
            return Optional.of("A password needs at least " + PASSWORD_MIN_LENGTH + " characters.");
        }
        if (password.length() > PASSWORD_MAX_LENGTH) {
            return Optional.of("A password has at most " + PASSWORD_MAX_LENGTH + " characters.");
        }
        if (password.isBlank()) {
            return Optional.of("A password cannot be only spaces.");
        }
        if (!normalizeUsername(username).isEmpty()
                && password.toLowerCase(Locale.ROOT).contains(normalizeUsername(username))) {
            return Optional.of("The password must not contain the username.");
        }
        return Optional.empty();
    }

    public static Optional<String> checkDepartmentName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            return Optional.of("Enter a department name.");
        }
        if (name.length() > DEPARTMENT_NAME_MAX_LENGTH) {
            return Optional.of("A department name has at most " + DEPARTMENT_NAME_MAX_LENGTH + " characters.");
        }
        return Optional.empty();
    }

    public static Optional<String> checkYearsOfExperience(int years) {
        if (years < 0 || years > MAX_YEARS_OF_EXPERIENCE) {
            return Optional.of("Years of experience must be between 0 and " + MAX_YEARS_OF_EXPERIENCE + ".");
        }
        return Optional.empty();
    }

    public static Optional<String> checkFeeMinorUnits(long minorUnits) {
        if (minorUnits < 0) {
            return Optional.of("The fee cannot be negative.");
        }
        if (minorUnits > 100_000_000L) {
            return Optional.of("The fee is too large.");
        }
        return Optional.empty();
    }
}
