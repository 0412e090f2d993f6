package org.medconnect.shared.appointment;

import java.util.Optional;

/**
 * A maximum length for a free-text field, with the message a person reads when it is exceeded.
 *
 * @param what the field as the message names it ("reason", "note")
 * @param max the most characters accepted
 */
public record TextLimit(String what, int max) {

    /** "Keep the reason under 500 characters." */
    public String message() {
        return "Keep the " + what + " under " + max + " characters.";
    }

    /** "Keep the reason under 500 characters (now 512)." for a form that shows the count. */
    public String message(int now) {
        return "Keep the " + what + " under " + max + " characters (now " + now + ").";
    }

    public boolean exceededBy(String text) {
        return text != null && text.length() > max;
    }

    /** The message when {@code text} is too long, or empty when it fits. */
    public Optional<String> check(String text) {
        return exceededBy(text) ? Optional.of(message()) : Optional.empty();
    }
}
