package org.medconnect.server.billing;

import org.medconnect.server.platform.DomainException;
import org.medconnect.shared.validation.Validation;

/** Checks free text the desk types: length, and no control characters (a NUL would reach PostgreSQL). */
final class Texts {

    private Texts() {}

    /** One line of text, stripped; problems are recorded against {@code field}. */
    static String line(Validation v, String field, String raw, int max, boolean required) {
        return check(v, field, raw, max, required, false);
    }

    /** Text that may span lines (an address, a note). */
    static String block(Validation v, String field, String raw, int max) {
        return check(v, field, raw, max, false, true);
    }

    private static String check(Validation v, String field, String raw, int max, boolean required, boolean multiLine) {
        String s = raw == null ? "" : raw.strip();
        if (required && s.isEmpty()) {
            v.add(field, "This cannot be empty.");
            return s;
        }
        if (s.length() > max) {
            v.add(field, "Keep this under " + max + " characters.");
            return s;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                v.add(field, "This contains a character that cannot be stored; retype it.");
                return s;
            }
        }
        return s;
    }

    static void throwIfInvalid(Validation v) {
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
    }
}
