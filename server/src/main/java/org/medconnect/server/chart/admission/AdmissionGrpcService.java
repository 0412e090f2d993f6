package org.medconnect.server.chart.admission;

import io.grpc.stub.StreamObserver;
import org.medconnect.proto.chart.v1.AdmissionServiceGrpc;
import org.medconnect.proto.chart.v1.AdmissionStatus;
import org.medconnect.proto.chart.v1.AdmitRequest;
import org.medconnect.proto.chart.v1.AdmitResponse;
import org.medconnect.proto.chart.v1.DischargeRequest;
import org.medconnect.proto.chart.v1.DischargeResponse;
import org.medconnect.proto.chart.v1.ListAdmissionsRequest;
import org.medconnect.proto.chart.v1.ListAdmissionsResponse;
import org.medconnect.proto.chart.v1.ListInpatientsRequest;
import org.medconnect.proto.chart.v1.ListInpatientsResponse;
import org.medconnect.proto.chart.v1.ListMyDischargesRequest;
import org.medconnect.proto.chart.v1.ListMyDischargesResponse;
import org.medconnect.proto.chart.v1.MarkAdmissionEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.MarkAdmissionEnteredInErrorResponse;
import org.medconnect.server.chart.admission.AdmissionModel.Admission;
import org.medconnect.server.chart.admission.AdmissionModel.NewAdmission;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link AdmissionService}: proto in, domain call, proto out. */
public final class AdmissionGrpcService extends AdmissionServiceGrpc.AdmissionServiceImplBase {

    private final AdmissionService admissions;
    private final GrpcCalls calls;

    public AdmissionGrpcService(AdmissionService admissions, GrpcCalls calls) {
        this.admissions = admissions;
        this.calls = calls;
    }

    @Override
    public void admit(AdmitRequest r, StreamObserver<AdmitResponse> o) {
        calls.unary(o, () -> AdmitResponse.newBuilder().setAdmission(toProto(admissions.admit(CallContext.principal(),
                new NewAdmission(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPatientId(), "patient_id"), r.getWard(),
                        r.getBed(), r.getReason(), r.getAdmittingDoctorId().isEmpty() ? java.util.Optional.empty()
                        : java.util.Optional.of(ProtoTypes.uuid(r.getAdmittingDoctorId(), "admitting_doctor_id")))))).build());
    }

    @Override
    public void listInpatients(ListInpatientsRequest r, StreamObserver<ListInpatientsResponse> o) {
        calls.unary(o, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var page = admissions.listInpatients(CallContext.principal(), size, offset);
            var b = ListInpatientsResponse.newBuilder();
            page.items().forEach(a -> b.addInpatients(toProto(a)));
            return b.setPage(Paging.response(offset, page.items().size(), page.total(), page.hasMore())).build();
        });
    }

    @Override
    public void discharge(DischargeRequest r, StreamObserver<DischargeResponse> o) {
        calls.unary(o, () -> DischargeResponse.newBuilder().setAdmission(toProto(admissions.discharge(CallContext.principal(),
                ProtoTypes.uuid(r.getAdmissionId(), "admission_id"), version(r.getExpectedVersion()), r.getDischargeSummary()))).build());
    }

    @Override
    public void listMyDischarges(ListMyDischargesRequest r, StreamObserver<ListMyDischargesResponse> o) {
        calls.unary(o, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var page = admissions.listMyDischarges(CallContext.principal(), size, offset);
            var b = ListMyDischargesResponse.newBuilder();
            page.items().forEach(a -> b.addDischarges(toProto(a)));
            return b.setPage(Paging.response(offset, page.items().size(), page.total(), page.hasMore())).build();
        });
    }

    @Override
    public void listRecentDischarges(org.medconnect.proto.chart.v1.ListRecentDischargesRequest r,
                                     StreamObserver<org.medconnect.proto.chart.v1.ListRecentDischargesResponse> o) {
        calls.unary(o, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var page = admissions.listRecentDischarges(CallContext.principal(), size, offset);
            var b = org.medconnect.proto.chart.v1.ListRecentDischargesResponse.newBuilder();
            page.items().forEach(a -> b.addDischarges(toProto(a)));
            return b.setPage(Paging.response(offset, page.items().size(), page.total(), page.hasMore())).build();
        });
    }

    @Override
    public void listAdmissions(ListAdmissionsRequest r, StreamObserver<ListAdmissionsResponse> o) {
        calls.unary(o, () -> {
            var b = ListAdmissionsResponse.newBuilder();
            admissions.listAdmissions(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"))
                    .forEach(a -> b.addAdmissions(toProto(a)));
            return b.build();
        });
    }

    @Override
    public void markAdmissionEnteredInError(MarkAdmissionEnteredInErrorRequest r, StreamObserver<MarkAdmissionEnteredInErrorResponse> o) {
        calls.unary(o, () -> MarkAdmissionEnteredInErrorResponse.newBuilder().setAdmission(toProto(admissions.markEnteredInError(
                CallContext.principal(), ProtoTypes.uuid(r.getAdmissionId(), "admission_id"), version(r.getExpectedVersion()),
                r.getReason()))).build());
    }

    private static int version(int v) {
        if (v < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version you started from (1 or more).");
        }
        return v;
    }

    static org.medconnect.proto.chart.v1.Admission toProto(Admission a) {
        var b = org.medconnect.proto.chart.v1.Admission.newBuilder()
                .setId(a.id().toString()).setPatientId(a.patientId().toString()).setPatientName(a.patientName())
                .setPatientMrn(a.patientMrn()).setPatientDateOfBirth(a.patientDateOfBirth().toString())
                .setAdmittingDoctorId(a.admittingDoctorId().toString()).setAdmittingDoctorName(a.admittingDoctorName())
                .setWard(a.ward().orElse("")).setBed(a.bed().orElse("")).setReason(a.reason().orElse(""))
                .setAdmittedAt(ProtoTypes.timestamp(a.admittedAt()))
                .setStatus(AdmissionStatus.valueOf("ADMISSION_STATUS_" + a.status().name()))
                .setDischargedByName(a.dischargedByName().orElse("")).setDischargeSummary(a.dischargeSummary().orElse(""))
                .setErrorReason(a.errorReason().orElse("")).setVersion(a.version());
        a.dischargedAt().ifPresent(t -> b.setDischargedAt(ProtoTypes.timestamp(t)));
        return b.build();
    }
}
