package org.medconnect.shared.appointment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which status moves an appointment allows, and why a refused one is refused, in words a
 * receptionist can read. The server enforces these; workstations use them to enable buttons.
 */
public final class StatusMoves {

    /** The life of an appointment. */
    public enum Status {
        PENDING, CONFIRMED, CHECKED_IN, IN_CONSULTATION, COMPLETED, CANCELLED, DECLINED, NO_SHOW;

        /** Whether an appointment in this status still holds the doctor's and patient's time. */
        public boolean holdsTime() {
            return HOLDING.contains(this);
        }

        public String label() {
            return switch (this) {
                case PENDING -> "awaiting the doctor's confirmation";
                case CONFIRMED -> "confirmed";
                case CHECKED_IN -> "checked in";
                case IN_CONSULTATION -> "in consultation";
                case COMPLETED -> "completed";
                case CANCELLED -> "cancelled";
                case DECLINED -> "declined";
                case NO_SHOW -> "marked as no-show";
            };
        }
    }

    private static final Set<Status> HOLDING = EnumSet.of(Status.PENDING, Status.CONFIRMED, Status.CHECKED_IN,
            Status.IN_CONSULTATION, Status.COMPLETED);

    /** Statuses from which an appointment may still be moved to another time or cancelled. */
    public static final Set<Status> CHANGEABLE = EnumSet.of(Status.PENDING, Status.CONFIRMED);

    /**
     * The moves that can be taken back while they are an appointment's last status move
     * (decision 0025): the one-click front-desk and doctor steps that are easy to hit by mistake.
     */
    public static final Set<Status> UNDOABLE = EnumSet.of(Status.CHECKED_IN, Status.NO_SHOW, Status.COMPLETED);

    private StatusMoves() {}

    /**
     * Empty when {@code from -> to} is allowed at {@code now} for an appointment starting at
     * {@code startsAt}; otherwise why not.
     */
    public static Optional<String> refusal(Status from, Status to, Instant startsAt, Instant now) {
        boolean allowed = switch (to) {
            case CONFIRMED, DECLINED -> from == Status.PENDING;
            case CANCELLED -> from == Status.PENDING || from == Status.CONFIRMED;
            case CHECKED_IN -> from == Status.CONFIRMED;
            case IN_CONSULTATION -> from == Status.CHECKED_IN;
            case COMPLETED -> from == Status.IN_CONSULTATION;
            // A checked-in patient who left before being called is a no-show too.
            case NO_SHOW -> from == Status.CONFIRMED || from == Status.CHECKED_IN;
            case PENDING -> false;
        };
        if (!allowed) {
            return Optional.of(why(from, to));
        }
        if (to == Status.NO_SHOW && now.isBefore(startsAt)) {
            return Optional.of("A patient can be marked as no-show only after the appointment's start time.");
        }
        return Optional.empty();
    }

    /**
     * Check-in belongs to the appointment's clinic day: a patient may arrive early on the day
     * (or late), but not check in today for another day, which would hand out that day's
     * queue token now. Empty when {@code now} falls on the clinic day of {@code startsAt} in
     * {@code zone}; otherwise why not.
     */
    public static Optional<String> checkInRefusal(Instant startsAt, Instant now, ZoneId zone) {
        LocalDate day = startsAt.atZone(zone).toLocalDate();
        LocalDate today = now.atZone(zone).toLocalDate();
        if (day.equals(today)) {
            return Optional.empty();
        }
        String when = day.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH));
        return Optional.of(day.isAfter(today)
                ? "This appointment is on " + when + ": the patient can be checked in on that day, not before."
                : "This appointment was on " + when + ": check-in is only possible on the appointment's day.");
    }

    /** Why an appointment may not be rescheduled now, if it may not. */
    public static Optional<String> rescheduleRefusal(Status from) {
        return CHANGEABLE.contains(from) ? Optional.empty()
                : Optional.of("This appointment is " + from.label() + "; only pending or confirmed appointments can be moved.");
    }

    private static String why(Status from, Status to) {
        String now = "This appointment is " + from.label() + "; ";
        return switch (to) {
            case CONFIRMED -> now + "only an appointment awaiting confirmation can be accepted.";
            case DECLINED -> now + "only an appointment awaiting confirmation can be declined.";
            case CANCELLED -> now + "only pending or confirmed appointments can be cancelled.";
            case CHECKED_IN -> from == Status.PENDING
                    ? now + "the doctor must confirm it before the patient can be checked in."
                    : now + "only a confirmed appointment can be checked in.";
            case IN_CONSULTATION -> now + "the patient must be checked in before the consultation starts.";
            case COMPLETED -> now + "only an appointment in consultation can be completed.";
            case NO_SHOW -> now + "only a confirmed or checked-in appointment can be marked as no-show.";
            case PENDING -> now + "an appointment cannot go back to awaiting confirmation.";
        };
    }
}
