package org.medconnect.server.platform;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.medconnect.proto.common.v1.ErrorDetail;
import org.medconnect.shared.validation.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become gRPC statuses. Domain exceptions keep their message;
 * anything unexpected becomes INTERNAL with a generic message and a reference id that is
 * also logged with the stack trace. No stack trace ever goes on the wire.
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    /** What a caller reads when the database cannot be reached; the workstation shows it as is. */
    public static final String DATABASE_UNAVAILABLE_MESSAGE = "The server's database is unavailable; retrying is safe.";
    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    public static final String DATABASE_DISK_FULL = "DATABASE_DISK_FULL";

    /** How a database failure reads to a caller (decision 0019). */
    enum Outage { UNREACHABLE, BUSY, DISK_FULL }

    private final Runnable databaseTrouble;

    public ErrorMapper() {
        this(() -> {});
    }

    /**
     * @param databaseTrouble told when a call failed because the database could not be reached,
     *     so the health monitor looks at once instead of at its next beat
     */
    public ErrorMapper(Runnable databaseTrouble) {
        this.databaseTrouble = databaseTrouble;
    }

    /** The one "database unavailable" answer, also given by {@link DatabaseGate} while the database is down. */
    public static DomainException.Unavailable databaseUnavailable() {
        return new DomainException.Unavailable(DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE);
    }

    public StatusRuntimeException toStatus(Throwable t) {
        if (t instanceof StatusRuntimeException sre) {
            return sre;
        }
        if (t instanceof DomainException de) {
            return fromDomain(de);
        }
        // A serialization failure or a deadlock: two calls changed the same data at once; the
        // database undid one of them, which may simply be tried again.
        if (t instanceof DataAccessException dae && ("40001".equals(dae.sqlState()) || "40P01".equals(dae.sqlState()))) {
            return build(Code.ABORTED, "ABORTED", "Someone else changed the same data at the same moment. Please try again.", null);
        }
        Outage outage = outage(t);
        if (outage != null) {
            return fromOutage(outage, t);
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error, reference {}", reference, t);
        ErrorDetail detail = ErrorDetail.newBuilder().setReason("INTERNAL").setReferenceId(reference).build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage("Something went wrong on the server. If it happens again, give your administrator this reference: " + reference + ".")
                .addDetails(Any.pack(detail))
                .build());
    }

    private StatusRuntimeException fromOutage(Outage outage, Throwable t) {
        // Expected while the database restarts: one line, no stack trace (the health monitor logs the outage).
        log.warn("Database {}: {}", outage.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), rootMessage(t));
        return switch (outage) {
            case UNREACHABLE -> {
                databaseTrouble.run();
                yield fromDomain(databaseUnavailable());
            }
            case BUSY -> build(Code.UNAVAILABLE, "SERVER_BUSY", "The server is busy; retrying is safe.", null);
            case DISK_FULL -> build(Code.RESOURCE_EXHAUSTED, DATABASE_DISK_FULL,
                    "The server's database has run out of disk space, so nothing was saved. Tell your administrator; "
                            + "retrying is safe once space has been freed.", null);
        };
    }

    /**
     * Whether {@code t} says the database could not be reached or could not take the work (and
     * so nothing was done: a retry is safe), or {@code null} for any other failure.
     */
    static Outage outage(Throwable t) {
        boolean poolTimedOut = false;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException) {
                return Outage.UNREACHABLE;
            }
            if (c instanceof SQLTransientConnectionException) {
                // HikariCP gave up waiting for a connection; its cause (if any) says why.
                poolTimedOut = true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return Outage.UNREACHABLE;
                }
                if (state.equals("53300")) {
                    return Outage.BUSY;
                }
                if (state.equals("53100")) {
                    return Outage.DISK_FULL;
                }
            }
        }
        return poolTimedOut ? Outage.BUSY : null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse(root.getClass().getSimpleName());
    }

    private StatusRuntimeException fromDomain(DomainException e) {
        log.debug("Refused: {} {}", e.reason(), e.getMessage());
        return switch (e) {
            case DomainException.InvalidInput ii -> build(Code.INVALID_ARGUMENT, ii.reason(), ii.getMessage(), badRequest(ii));
            case DomainException.Conflict c -> build(Code.ALREADY_EXISTS, c.reason(), c.getMessage(),
                    c.field().map(f -> BadRequest.newBuilder().addFieldViolations(violation(new FieldError(f, c.getMessage()))).build()).orElse(null));
            case DomainException.NotFound nf -> build(Code.NOT_FOUND, nf.reason(), nf.getMessage(), null);
            case DomainException.PermissionDenied pd -> build(Code.PERMISSION_DENIED, pd.reason(), pd.getMessage(), null);
            case DomainException.Aborted a -> build(Code.ABORTED, a.reason(), a.getMessage(), null);
            case DomainException.FailedPrecondition fp -> build(Code.FAILED_PRECONDITION, fp.reason(), fp.getMessage(), null);
            case DomainException.TooSlow ts -> build(Code.RESOURCE_EXHAUSTED, ts.reason(), ts.getMessage(), null);
            case DomainException.OutOfRange oor -> build(Code.OUT_OF_RANGE, oor.reason(), oor.getMessage(), null);
            case DomainException.Unavailable un -> build(Code.UNAVAILABLE, un.reason(), un.getMessage(), null);
            case DomainException.Unauthenticated ua -> {
                ErrorDetail.Builder detail = ErrorDetail.newBuilder().setReason(ua.reason());
                ua.lockedUntil().ifPresent(t -> detail.setLockedUntil(t.toString()));
                yield StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(Code.UNAUTHENTICATED_VALUE).setMessage(ua.getMessage())
                        .addDetails(Any.pack(detail.build())).build());
            }
        };
    }

    private static BadRequest badRequest(DomainException.InvalidInput e) {
        BadRequest.Builder br = BadRequest.newBuilder();
        e.errors().forEach(fe -> br.addFieldViolations(violation(fe)));
        return br.build();
    }

    private static BadRequest.FieldViolation violation(FieldError fe) {
        return BadRequest.FieldViolation.newBuilder().setField(fe.field()).setDescription(fe.message()).build();
    }

    private static StatusRuntimeException build(Code code, String reason, String message, BadRequest badRequest) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(ErrorDetail.newBuilder().setReason(reason).build()));
        if (badRequest != null) {
            status.addDetails(Any.pack(badRequest));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
