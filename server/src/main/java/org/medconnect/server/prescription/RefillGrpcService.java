package org.medconnect.server.prescription;

import io.grpc.stub.StreamObserver;
import java.util.UUID;
import org.medconnect.proto.prescription.v1.CancelRefillRequestRequest;
import org.medconnect.proto.prescription.v1.CancelRefillRequestResponse;
import org.medconnect.proto.prescription.v1.DeclineRefillRequestRequest;
import org.medconnect.proto.prescription.v1.DeclineRefillRequestResponse;
import org.medconnect.proto.prescription.v1.ListRefillRequestsRequest;
import org.medconnect.proto.prescription.v1.ListRefillRequestsResponse;
import org.medconnect.proto.prescription.v1.RecordRefillRequestRequest;
import org.medconnect.proto.prescription.v1.RecordRefillRequestResponse;
import org.medconnect.proto.prescription.v1.RefillRequestStatus;
import org.medconnect.proto.prescription.v1.RefillServiceGrpc;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.prescription.PrescriptionModel.NewRefillRequest;
import org.medconnect.server.prescription.PrescriptionModel.RefillRequest;
import org.medconnect.server.prescription.PrescriptionModel.RefillStatus;

/** gRPC adapter for {@link RefillService}: proto in, domain call, proto out. */
public final class RefillGrpcService extends RefillServiceGrpc.RefillServiceImplBase {

    private final RefillService refills;
    private final GrpcCalls calls;

    public RefillGrpcService(RefillService refills, GrpcCalls calls) {
        this.refills = refills;
        this.calls = calls;
    }

    @Override
    public void recordRefillRequest(RecordRefillRequestRequest r, StreamObserver<RecordRefillRequestResponse> observer) {
        calls.unary(observer, () -> RecordRefillRequestResponse.newBuilder().setRefillRequest(toProto(refills.record(CallContext.principal(),
                new NewRefillRequest(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                        ProtoTypes.uuid(r.getDoctorId(), "doctor_id"), r.getNote())))).build());
    }

    @Override
    public void listRefillRequests(ListRefillRequestsRequest r, StreamObserver<ListRefillRequestsResponse> observer) {
        calls.unary(observer, () -> {
            var statuses = r.getStatusesList().stream().map(s -> {
                if (s == RefillRequestStatus.REFILL_REQUEST_STATUS_UNSPECIFIED || s == RefillRequestStatus.UNRECOGNIZED) {
                    throw DomainException.InvalidInput.of("statuses", "Name the statuses to list, or none for pending.");
                }
                return RefillStatus.valueOf(s.name().substring("REFILL_REQUEST_STATUS_".length()));
            }).distinct().toList();
            var out = ListRefillRequestsResponse.newBuilder();
            refills.list(CallContext.principal(), statuses, ProtoTypes.optionalUuid(r.getDoctorId(), "doctor_id"),
                    ProtoTypes.optionalUuid(r.getPatientId(), "patient_id")).forEach(q -> out.addRefillRequests(toProto(q)));
            return out.build();
        });
    }

    @Override
    public void declineRefillRequest(DeclineRefillRequestRequest r, StreamObserver<DeclineRefillRequestResponse> observer) {
        calls.unary(observer, () -> DeclineRefillRequestResponse.newBuilder().setRefillRequest(toProto(refills.decline(CallContext.principal(),
                ProtoTypes.uuid(r.getRefillRequestId(), "refill_request_id"), r.getExpectedVersion(), r.getReason()))).build());
    }

    @Override
    public void cancelRefillRequest(CancelRefillRequestRequest r, StreamObserver<CancelRefillRequestResponse> observer) {
        calls.unary(observer, () -> CancelRefillRequestResponse.newBuilder().setRefillRequest(toProto(refills.cancel(CallContext.principal(),
                ProtoTypes.uuid(r.getRefillRequestId(), "refill_request_id"), r.getExpectedVersion()))).build());
    }

    static org.medconnect.proto.prescription.v1.RefillRequest toProto(RefillRequest q) {
        var b = org.medconnect.proto.prescription.v1.RefillRequest.newBuilder()
                .setRefillRequestId(q.id().toString())
                .setPatientId(q.patientId().toString())
                .setPatientName(q.patientName())
                .setPatientMrn(q.patientMrn())
                .setDoctorId(q.doctorId().toString())
                .setDoctorName(q.doctorName())
                .setNote(q.note())
                .setStatus(RefillRequestStatus.valueOf("REFILL_REQUEST_STATUS_" + q.status().name()))
                .setRequestedByName(q.requestedByName())
                .setRequestedAt(ProtoTypes.timestamp(q.requestedAt()))
                .setDecidedByName(q.decidedByName().orElse(""))
                .setDeclineReason(q.declineReason().orElse(""))
                .setRenewalId(q.renewalId().map(UUID::toString).orElse(""))
                .setVersion(q.version());
        q.decidedAt().ifPresent(t -> b.setDecidedAt(ProtoTypes.timestamp(t)));
        return b.build();
    }
}
