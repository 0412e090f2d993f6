package org.medconnect.server.prescription.paper;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.medconnect.proto.prescription.v1.EmailPrescriptionRequest;
import org.medconnect.proto.prescription.v1.EmailPrescriptionResponse;
import org.medconnect.proto.prescription.v1.GetPrescriptionPdfRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionPdfResponse;
import org.medconnect.proto.prescription.v1.GetVerificationKeyRequest;
import org.medconnect.proto.prescription.v1.GetVerificationKeyResponse;
import org.medconnect.proto.prescription.v1.PrescriptionPaperServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.VerifyPrescriptionRequest;
import org.medconnect.proto.prescription.v1.VerifyPrescriptionResponse;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Status;

/** gRPC adapter for {@link PrescriptionPaperService}: proto in, one service call, proto out. */
public final class PrescriptionPaperGrpcService extends PrescriptionPaperServiceGrpc.PrescriptionPaperServiceImplBase {

    private final PrescriptionPaperService papers;
    private final GrpcCalls calls;

    public PrescriptionPaperGrpcService(PrescriptionPaperService papers, GrpcCalls calls) {
        this.papers = papers;
        this.calls = calls;
    }

    @Override
    public void getPrescriptionPdf(GetPrescriptionPdfRequest r, StreamObserver<GetPrescriptionPdfResponse> response) {
        calls.unary(response, () -> {
            var issued = papers.pdf(CallContext.principal(), ProtoTypes.uuid(r.getPrescriptionId(), "prescription_id"));
            return GetPrescriptionPdfResponse.newBuilder().setPdf(ByteString.copyFrom(issued.pdf())).setSha256(issued.sha256Hex())
                    .setFileName(issued.fileName()).build();
        });
    }

    @Override
    public void emailPrescription(EmailPrescriptionRequest r, StreamObserver<EmailPrescriptionResponse> response) {
        calls.unary(response, () -> {
            if (r.getRequestId().isBlank()) {
                throw DomainException.InvalidInput.of("request_id", "Send a request id so a retry sends the email once.");
            }
            var outcome = papers.email(CallContext.principal(), ProtoTypes.uuid(r.getRequestId(), "request_id"),
                    ProtoTypes.uuid(r.getPrescriptionId(), "prescription_id"),
                    Optional.of(r.getRecipient().strip()).filter(s -> !s.isEmpty()));
            return EmailPrescriptionResponse.newBuilder().setRecipient(outcome.recipient())
                    .setOutcome(outcome.sent() ? "sent" : "queued in the outbox").build();
        });
    }

    @Override
    public void verifyPrescription(VerifyPrescriptionRequest r, StreamObserver<VerifyPrescriptionResponse> response) {
        calls.unary(response, () -> {
            var v = papers.verify(r.getPayload());
            var b = VerifyPrescriptionResponse.newBuilder().setValid(v.valid()).setExplanation(v.explanation());
            v.prescriptionId().ifPresent(id -> b.setPrescriptionId(id.toString()));
            v.status().ifPresent(s -> b.setStatus(status(s)));
            return b.build();
        });
    }

    @Override
    public void getVerificationKey(GetVerificationKeyRequest r, StreamObserver<GetVerificationKeyResponse> response) {
        calls.unary(response, () -> {
            var key = papers.verificationKey();
            return GetVerificationKeyResponse.newBuilder().setPublicKeyPem(key.publicKeyPem()).setKeyId(key.keyId()).build();
        });
    }

    private static PrescriptionStatus status(Status s) {
        return switch (s) {
            case DRAFT -> PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT;
            case SIGNED -> PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED;
            case PARTLY_DISPENSED -> PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED;
            case DISPENSED -> PrescriptionStatus.PRESCRIPTION_STATUS_DISPENSED;
            case EXPIRED -> PrescriptionStatus.PRESCRIPTION_STATUS_EXPIRED;
            case CANCELLED -> PrescriptionStatus.PRESCRIPTION_STATUS_CANCELLED;
        };
    }
}
