package org.medconnect.server.platform;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
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
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error, reference {}", reference, t);
        ErrorDetail detail = ErrorDetail.newBuilder().setReason("INTERNAL").setReferenceId(reference).build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage("Something went wrong on the server. If it happens again, give your administrator this reference: " + reference + ".")
                .addDetails(Any.pack(detail))
                .build());
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
