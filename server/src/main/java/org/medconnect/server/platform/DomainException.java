package org.medconnect.server.platform;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.medconnect.shared.validation.FieldError;

/**
 * What a service throws when a request cannot be done, with a message fit to show the user.
 * {@link ErrorMapper} turns each kind into its gRPC status; anything else is an internal error.
 */
public abstract sealed class DomainException extends RuntimeException {

    private final String reason;

    protected DomainException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** Stable machine-readable reason sent in {@code ErrorDetail.reason}. */
    public String reason() {
        return reason;
    }

    /**
     * The request has fields that are wrong; each error names its field. At most
     * {@link #MAX_REPORTED} are kept and the message stays under {@link #MAX_MESSAGE}
     * characters, however many there were: an answer must fit in the trailers a client reads.
     */
    public static final class InvalidInput extends DomainException {
        public static final int MAX_REPORTED = 20;
        public static final int MAX_MESSAGE = 1_000;
        private final List<FieldError> errors;

        public InvalidInput(List<FieldError> errors) {
            super("VALIDATION", summary(errors));
            this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_REPORTED)));
        }

        public static InvalidInput of(String field, String message) {
            return new InvalidInput(List.of(new FieldError(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }

        private static String summary(List<FieldError> errors) {
            if (errors.size() == 1) {
                return cut(errors.getFirst().message());
            }
            String listed = String.join(" ", errors.stream().limit(MAX_REPORTED).map(FieldError::message).toList());
            String more = errors.size() > MAX_REPORTED ? " And " + (errors.size() - MAX_REPORTED) + " more." : "";
            return cut("Please correct " + errors.size() + " fields: " + listed) + more;
        }

        private static String cut(String message) {
            return message.length() <= MAX_MESSAGE - 20 ? message : message.substring(0, MAX_MESSAGE - 21) + "\u2026";
        }
    }

    /** Something unique is already taken (a username, an email, a name). */
    public static final class Conflict extends DomainException {
        private final Optional<String> field;

        public Conflict(String field, String message) {
            super("CONFLICT", message);
            this.field = Optional.ofNullable(field);
        }

        public Optional<String> field() {
            return field;
        }
    }

    /** The thing asked for does not exist (or the caller may not know it does). */
    public static final class NotFound extends DomainException {
        public NotFound(String message) {
            super("NOT_FOUND", message);
        }
    }

    /** The caller is known but may not do this. */
    public static final class PermissionDenied extends DomainException {
        public PermissionDenied(String message) {
            super("PERMISSION_DENIED", message);
        }

        /** With a reason the client acts on, e.g. "BREAK_GLASS_REQUIRED". */
        public PermissionDenied(String reason, String message) {
            super(reason, message);
        }
    }

    /** The caller is not (or no longer) signed in, or sign-in was refused. */
    public static final class Unauthenticated extends DomainException {
        private final Optional<Instant> lockedUntil;

        public Unauthenticated(String reason, String message) {
            this(reason, message, null);
        }

        public Unauthenticated(String reason, String message, Instant lockedUntil) {
            super(reason, message);
            this.lockedUntil = Optional.ofNullable(lockedUntil);
        }

        public Optional<Instant> lockedUntil() {
            return lockedUntil;
        }
    }

    /** The request is well-formed but the current state does not allow it. */
    public static final class FailedPrecondition extends DomainException {
        public FailedPrecondition(String reason, String message) {
            super(reason, message);
        }
    }

    /**
     * Someone else got there first (a slot taken a moment ago by another workstation); the
     * user should pick again. Maps to ABORTED.
     */
    public static final class Aborted extends DomainException {
        public Aborted(String reason, String message) {
            super(reason, message);
        }
    }

    /**
     * The caller cannot be kept up: a live stream that fell too far behind. The client
     * resumes from where it got to. Maps to RESOURCE_EXHAUSTED.
     */
    public static final class TooSlow extends DomainException {
        public TooSlow(String reason, String message) {
            super(reason, message);
        }
    }

    /** What was asked for is no longer (or not yet) there, e.g. events too old to replay. Maps to OUT_OF_RANGE. */
    public static final class OutOfRange extends DomainException {
        public OutOfRange(String reason, String message) {
            super(reason, message);
        }
    }

    /** This server cannot serve the call now; the client should retry, here or elsewhere. Maps to UNAVAILABLE. */
    public static final class Unavailable extends DomainException {
        public Unavailable(String reason, String message) {
            super(reason, message);
        }
    }
}
