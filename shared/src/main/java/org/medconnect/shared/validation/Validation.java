package org.medconnect.shared.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects field errors so a form can show all of them at once, not one per round trip. */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    /** Records {@code problem} against {@code field} when it is present. */
    public Validation check(String field, Optional<String> problem) {
        problem.ifPresent(message -> errors.add(new FieldError(field, message)));
        return this;
    }

    public Validation add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }
}
