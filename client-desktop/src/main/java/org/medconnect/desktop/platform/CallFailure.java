package org.medconnect.desktop.platform;

import io.grpc.Status;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A failed server call, translated into what the person at the workstation needs to see and react to. */
public record CallFailure(
        Status.Code code,
        String reason,
        String message,
        Map<String, String> fieldErrors,
        Optional<Instant> lockedUntil,
        Optional<String> referenceId) {

    public CallFailure {
        fieldErrors = Map.copyOf(fieldErrors);
    }

    public boolean is(String expectedReason) {
        return expectedReason.equals(reason);
    }

    public boolean sessionExpired() {
        return code == Status.Code.UNAUTHENTICATED && (is(ServerErrors.SESSION_EXPIRED) || is(ServerErrors.SIGN_IN_REQUIRED));
    }

    public boolean serverUnreachable() {
        return code == Status.Code.UNAVAILABLE;
    }

    /** True when the server answered but its database is down or saturated: the link is fine, retrying is safe. */
    public boolean databaseUnavailable() {
        return code == Status.Code.UNAVAILABLE
                && (is(ServerErrors.DATABASE_UNAVAILABLE) || is(ServerErrors.SERVER_BUSY));
    }

    /** True when the server certainly did nothing, so a new request id is safe for the next attempt. */
    public boolean definiteRefusal() {
        return code == Status.Code.INVALID_ARGUMENT || code == Status.Code.ALREADY_EXISTS
                || code == Status.Code.PERMISSION_DENIED || code == Status.Code.NOT_FOUND
                || code == Status.Code.FAILED_PRECONDITION;
    }
}
