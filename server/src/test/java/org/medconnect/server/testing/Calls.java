package org.medconnect.server.testing;

import com.google.rpc.BadRequest;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.concurrent.Executor;
import org.medconnect.proto.common.v1.ErrorDetail;

/** Small helpers for tests that call the API the way a workstation does. */
public final class Calls {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private Calls() {}

    /** Sends "authorization: Bearer token" with every call. */
    public static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + token);
                applier.apply(headers);
            }
        };
    }

    public static Status.Code code(Throwable t) {
        return Status.fromThrowable(t).getCode();
    }

    /** The ErrorDetail.reason of a failed call, or "" when there is none. */
    public static String reason(Throwable t) {
        var status = StatusProto.fromThrowable(t);
        if (status == null) {
            return "";
        }
        return status.getDetailsList().stream().filter(a -> a.is(ErrorDetail.class)).findFirst()
                .map(a -> unpack(a, ErrorDetail.class).getReason()).orElse("");
    }

    public static ErrorDetail detail(Throwable t) {
        return StatusProto.fromThrowable(t).getDetailsList().stream().filter(a -> a.is(ErrorDetail.class)).findFirst()
                .map(a -> unpack(a, ErrorDetail.class)).orElseThrow();
    }

    /** The fields named by the BadRequest detail of a failed call. */
    public static List<String> badFields(Throwable t) {
        var status = StatusProto.fromThrowable(t);
        return status.getDetailsList().stream().filter(a -> a.is(BadRequest.class))
                .flatMap(a -> unpack(a, BadRequest.class).getFieldViolationsList().stream())
                .map(BadRequest.FieldViolation::getField).toList();
    }

    public static String message(Throwable t) {
        return ((StatusRuntimeException) t).getStatus().getDescription();
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.protobuf.Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
