package org.medconnect.shared.patient;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Medical record numbers: "MC", a number from the server's sequence, and one Luhn check
 * digit, e.g. 100001 becomes "MC1000017". The check digit catches a single mistyped digit
 * and most swapped neighbours, so a wrong MRN finds nobody instead of the wrong patient.
 */
public final class Mrn {

    public static final String PREFIX = "MC";

    private static final Pattern CANONICAL = Pattern.compile("MC[0-9]{2,}");
    private static final Pattern TYPED = Pattern.compile("(?i)\\s*MC\\s*[0-9]+\\s*");

    private Mrn() {}

    /** The MRN for a sequence number: prefix, the number, its Luhn check digit. */
    public static String withCheckDigit(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("MRN numbers are not negative: " + number);
        }
        String digits = Long.toString(number);
        return PREFIX + digits + checkDigit(digits);
    }

    /** True for a well-formed MRN ("MC" in capitals, digits, correct check digit). */
    public static boolean isValid(String mrn) {
        if (mrn == null || !CANONICAL.matcher(mrn).matches()) {
            return false;
        }
        String digits = mrn.substring(PREFIX.length());
        return checkDigit(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    /** True when what someone typed has the shape of an MRN ("mc 1000017" included), valid or not. */
    public static boolean looksLikeMrn(String typed) {
        return typed != null && TYPED.matcher(typed).matches();
    }

    /** What someone typed in the form the server stores ("mc 1000017" -> "MC1000017"); empty if it is not MRN-shaped. */
    public static Optional<String> normalize(String typed) {
        if (!looksLikeMrn(typed)) {
            return Optional.empty();
        }
        return Optional.of(typed.replaceAll("\\s", "").toUpperCase(Locale.ROOT));
    }

    /** The Luhn check digit to append to {@code digits}. */
    static int checkDigit(String digits) {
        int sum = 0;
        // Walking from the right, the digit next to the (future) check digit is doubled first.
        boolean doubled = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("Not a digit in " + digits);
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
