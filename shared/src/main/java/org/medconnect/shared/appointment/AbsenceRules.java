package org.medconnect.shared.appointment;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.medconnect.shared.validation.FieldError;
import org.medconnect.shared.validation.Validation;

/**
 * What makes a doctor's absence acceptable to handle: the doctor, a day range of at most
 * {@value #MAX_DAYS} days in order, and a reason. The workstation checks these before
 * sending; the server checks the same limits again. Field names are the request's.
 */
public final class AbsenceRules {

    /** The first and last day inclusive may span at most this many days. */
    public static final int MAX_DAYS = 93;
    public static final int REASON_MAX_LENGTH = 200;

    private AbsenceRules() {}

    /** The days of an absence, both inclusive. */
    public static Optional<String> checkDays(Optional<LocalDate> first, Optional<LocalDate> last) {
        if (first.isEmpty()) {
            return Optional.of("Choose the first day of the absence.");
        }
        if (last.isEmpty()) {
            return Optional.of("Choose the last day of the absence.");
        }
        if (last.get().isBefore(first.get())) {
            return Optional.of("The last day must not be before the first.");
        }
        if (ChronoUnit.DAYS.between(first.get(), last.get()) >= MAX_DAYS) {
            return Optional.of("Handle at most " + MAX_DAYS + " days at a time.");
        }
        return Optional.empty();
    }

    /** Required; it is written on every moved or cancelled appointment. */
    public static Optional<String> checkReason(String raw) {
        String reason = raw == null ? "" : raw.strip();
        if (reason.isEmpty()) {
            return Optional.of("Give a reason, e.g. \"Dr Okafor is on leave\".");
        }
        if (reason.length() > REASON_MAX_LENGTH) {
            return Optional.of("Keep the reason under " + REASON_MAX_LENGTH + " characters.");
        }
        return Optional.empty();
    }

    /** Every problem at once, named doctor_id, to_date (the day range) and reason. */
    public static List<FieldError> check(boolean doctorChosen, Optional<LocalDate> first, Optional<LocalDate> last, String reason) {
        Validation v = new Validation();
        if (!doctorChosen) {
            v.add("doctor_id", "Choose the doctor who is absent.");
        }
        return v.check("to_date", checkDays(first, last)).check("reason", checkReason(reason)).errors();
    }
}
