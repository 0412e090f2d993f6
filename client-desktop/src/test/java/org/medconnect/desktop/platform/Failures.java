package org.medconnect.desktop.platform;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.medconnect.proto.common.v1.ErrorDetail;

/** Builds server errors the way the MedConnect server sends them, for tests. */
public final class Failures {

    private Failures() {}

    public static StatusRuntimeException of(io.grpc.Status.Code code, String message, ErrorDetail detail, String... fieldAndText) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        if (detail != null) {
            status.addDetails(Any.pack(detail));
        }
        if (fieldAndText.length > 0) {
            BadRequest.Builder bad = BadRequest.newBuilder();
            for (int i = 0; i + 1 < fieldAndText.length; i += 2) {
                bad.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(fieldAndText[i]).setDescription(fieldAndText[i + 1]));
            }
            status.addDetails(Any.pack(bad.build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    public static StatusRuntimeException reason(io.grpc.Status.Code code, String message, String reason, String... fieldAndText) {
        return of(code, message, ErrorDetail.newBuilder().setReason(reason).build(), fieldAndText);
    }
}
