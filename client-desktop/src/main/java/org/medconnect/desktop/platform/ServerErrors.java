package org.medconnect.desktop.platform;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.medconnect.proto.common.v1.ErrorDetail;
import org.medconnect.shared.tls.UntrustedServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns whatever a server call threw into a {@link CallFailure} a receptionist can read. */
public final class ServerErrors {

    public static final String WRONG_CREDENTIALS = "WRONG_CREDENTIALS";
    public static final String ACCOUNT_LOCKED = "ACCOUNT_LOCKED";
    public static final String ACCOUNT_INACTIVE = "ACCOUNT_INACTIVE";
    public static final String SIGN_IN_REQUIRED = "SIGN_IN_REQUIRED";
    public static final String SESSION_EXPIRED = "SESSION_EXPIRED";
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";
    public static final String VALIDATION = "VALIDATION";
    public static final String CONFLICT = "CONFLICT";
    public static final String INTERNAL = "INTERNAL";
    public static final String STEP_UP_REQUIRED = "STEP_UP_REQUIRED";
    public static final String SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";
    public static final String SERVER_CERTIFICATE_CHANGED = "SERVER_CERTIFICATE_CHANGED";
    public static final String SERVER_CERTIFICATE_NOT_TRUSTED = "SERVER_CERTIFICATE_NOT_TRUSTED";
    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    public static final String SERVER_BUSY = "SERVER_BUSY";
    public static final String DATABASE_DISK_FULL = "DATABASE_DISK_FULL";

    private static final Logger log = LoggerFactory.getLogger(ServerErrors.class);
    private static final DateTimeFormatter LOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Supplier<String> serverAddress;
    private final Supplier<ZoneId> zone;

    public ServerErrors(Supplier<String> serverAddress, ZoneId zone) {
        this(serverAddress, () -> zone);
    }

    /** {@code zone} is asked at each error: the clinic's zone once signed in. */
    public ServerErrors(Supplier<String> serverAddress, Supplier<ZoneId> zone) {
        this.serverAddress = serverAddress;
        this.zone = zone;
    }

    public CallFailure translate(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof UntrustedServerException untrusted) {
                // Name both fingerprints when the certificate changed; a refused first contact says so plainly.
                return new CallFailure(Status.Code.UNAVAILABLE, untrusted.certificateChanged()
                        ? SERVER_CERTIFICATE_CHANGED : SERVER_CERTIFICATE_NOT_TRUSTED,
                        untrusted.certificateChanged() ? untrusted.getMessage()
                                : "Not connected: the certificate of the server at " + untrusted.server()
                                        + " was not trusted (SHA-256 " + untrusted.presented() + ").",
                        Map.of(), Optional.empty(), Optional.empty());
            }
        }
        Status status = statusOf(thrown);
        if (status == null) {
            log.error("Unexpected failure in a background task", thrown);
            return new CallFailure(Status.Code.UNKNOWN, "CLIENT", "Something went wrong on this workstation: "
                    + thrown.getClass().getSimpleName() + ". Try again; if it keeps happening, restart MedConnect.",
                    Map.of(), Optional.empty(), Optional.empty());
        }
        String reason = "";
        Optional<Instant> lockedUntil = Optional.empty();
        Optional<String> referenceId = Optional.empty();
        Map<String, String> fields = new LinkedHashMap<>();
        com.google.rpc.Status rich = StatusProto.fromThrowable(thrown);
        if (rich != null) {
            for (Any detail : rich.getDetailsList()) {
                try {
                    if (detail.is(ErrorDetail.class)) {
                        ErrorDetail error = detail.unpack(ErrorDetail.class);
                        reason = error.getReason();
                        lockedUntil = parseInstant(error.getLockedUntil());
                        referenceId = error.getReferenceId().isBlank() ? Optional.empty() : Optional.of(error.getReferenceId());
                    } else if (detail.is(BadRequest.class)) {
                        for (BadRequest.FieldViolation violation : detail.unpack(BadRequest.class).getFieldViolationsList()) {
                            fields.putIfAbsent(violation.getField(), violation.getDescription());
                        }
                    }
                } catch (InvalidProtocolBufferException e) {
                    log.warn("Unreadable error detail {}", detail.getTypeUrl());
                }
            }
        }
        return new CallFailure(status.getCode(), reason, messageFor(status, reason, lockedUntil, referenceId),
                fields, lockedUntil, referenceId);
    }

    private String messageFor(Status status, String reason, Optional<Instant> lockedUntil, Optional<String> referenceId) {
        String serverText = status.getDescription() == null ? "" : status.getDescription().strip();
        switch (status.getCode()) {
            case UNAVAILABLE:
                // The server answered: only its database (or its pool) is down, so say that, not "cannot reach".
                if (DATABASE_UNAVAILABLE.equals(reason)) {
                    return orDefault(serverText, "The server's database is unavailable; retrying is safe.");
                }
                if (SERVER_BUSY.equals(reason)) {
                    return orDefault(serverText, "The server is busy; retrying is safe.");
                }
                return "Cannot reach the MedConnect server at " + serverAddress.get()
                        + ". Check the address and that the server is running.";
            case DEADLINE_EXCEEDED:
                return "The MedConnect server did not answer in time. Try again in a moment.";
            case UNAUTHENTICATED:
                if (ACCOUNT_LOCKED.equals(reason) && serverText.isEmpty()) {
                    return lockedUntil.map(t -> "This account is locked after too many failed sign-ins. Try again after "
                            + LOCK_TIME.format(t.atZone(zone.get())) + ".")
                            .orElse("This account is locked after too many failed sign-ins.");
                }
                if (SESSION_EXPIRED.equals(reason)) {
                    return "Your session ended (idle for too long). Sign in again to continue.";
                }
                if (WRONG_CREDENTIALS.equals(reason) && serverText.isEmpty()) {
                    return "The username or password is not right.";
                }
                return orDefault(serverText, "Sign in to continue.");
            case PERMISSION_DENIED:
                return orDefault(serverText, "Your account is not allowed to do this.");
            case NOT_FOUND:
                return orDefault(serverText, "That record no longer exists. Refresh and try again.");
            case RESOURCE_EXHAUSTED:
                if (DATABASE_DISK_FULL.equals(reason)) {
                    return orDefault(serverText, "The server's database disk is full. Ask an administrator to free space.");
                }
                return orDefault(serverText, "The server is out of room for this request (" + status.getCode() + ").");
            case INTERNAL:
                return orDefault(serverText, "The server ran into a problem.")
                        + referenceId.map(id -> " (reference " + id + ")").orElse("");
            default:
                return orDefault(serverText, "The server refused the request (" + status.getCode() + ").");
        }
    }

    private static String orDefault(String text, String fallback) {
        return text.isEmpty() ? fallback : text;
    }

    private static Optional<Instant> parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Status statusOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException sre) {
                return sre.getStatus();
            }
            if (t instanceof StatusException se) {
                return se.getStatus();
            }
        }
        return null;
    }
}
