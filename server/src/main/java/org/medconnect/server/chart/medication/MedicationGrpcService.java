package org.medconnect.server.chart.medication;

import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.Optional;
import org.medconnect.proto.chart.v1.AddMedicationRequest;
import org.medconnect.proto.chart.v1.AddMedicationResponse;
import org.medconnect.proto.chart.v1.ListMedicationsRequest;
import org.medconnect.proto.chart.v1.ListMedicationsResponse;
import org.medconnect.proto.chart.v1.MarkMedicationEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.MarkMedicationEnteredInErrorResponse;
import org.medconnect.proto.chart.v1.MedicationFilter;
import org.medconnect.proto.chart.v1.MedicationServiceGrpc;
import org.medconnect.proto.chart.v1.MedicationSource;
import org.medconnect.proto.chart.v1.MedicationStatus;
import org.medconnect.proto.chart.v1.StopMedicationRequest;
import org.medconnect.proto.chart.v1.StopMedicationResponse;
import org.medconnect.proto.chart.v1.UpdateMedicationRequest;
import org.medconnect.proto.chart.v1.UpdateMedicationResponse;
import org.medconnect.server.chart.medication.MedicationModel.Filter;
import org.medconnect.server.chart.medication.MedicationModel.Medication;
import org.medconnect.server.chart.medication.MedicationModel.MedicationChanges;
import org.medconnect.server.chart.medication.MedicationModel.NewMedication;
import org.medconnect.server.chart.medication.MedicationModel.Source;
import org.medconnect.server.chart.medication.MedicationModel.Status;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link MedicationService}: proto in, domain call, proto out. */
public final class MedicationGrpcService extends MedicationServiceGrpc.MedicationServiceImplBase {

    private final MedicationService medications;
    private final GrpcCalls calls;

    public MedicationGrpcService(MedicationService medications, GrpcCalls calls) {
        this.medications = medications;
        this.calls = calls;
    }

    @Override
    public void addMedication(AddMedicationRequest r, StreamObserver<AddMedicationResponse> observer) {
        calls.unary(observer, () -> AddMedicationResponse.newBuilder().setMedication(toProto(medications.add(CallContext.principal(),
                new NewMedication(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                        optional(r.getDrugKey()), r.getName(), r.getStrength(), r.getForm(), r.getDosage(),
                        date(r.getStartedOn(), "started_on"), r.getReason())))).build());
    }

    @Override
    public void updateMedication(UpdateMedicationRequest r, StreamObserver<UpdateMedicationResponse> observer) {
        calls.unary(observer, () -> UpdateMedicationResponse.newBuilder().setMedication(toProto(medications.update(CallContext.principal(),
                new MedicationChanges(ProtoTypes.uuid(r.getMedicationId(), "medication_id"), r.getExpectedVersion(), r.getStrength(),
                        r.getForm(), r.getDosage(), date(r.getStartedOn(), "started_on"), r.getReason())))).build());
    }

    @Override
    public void stopMedication(StopMedicationRequest r, StreamObserver<StopMedicationResponse> observer) {
        calls.unary(observer, () -> StopMedicationResponse.newBuilder().setMedication(toProto(medications.stop(CallContext.principal(),
                ProtoTypes.uuid(r.getMedicationId(), "medication_id"), r.getExpectedVersion(),
                ProtoTypes.localDate(r.getStoppedOn(), "stopped_on"), r.getReason()))).build());
    }

    @Override
    public void markMedicationEnteredInError(MarkMedicationEnteredInErrorRequest r,
                                             StreamObserver<MarkMedicationEnteredInErrorResponse> observer) {
        calls.unary(observer, () -> MarkMedicationEnteredInErrorResponse.newBuilder().setMedication(toProto(medications.markEnteredInError(
                CallContext.principal(), ProtoTypes.uuid(r.getMedicationId(), "medication_id"), r.getExpectedVersion(), r.getReason()))).build());
    }

    @Override
    public void listMedications(ListMedicationsRequest r, StreamObserver<ListMedicationsResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListMedicationsResponse.newBuilder();
            medications.list(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"), fromProto(r.getFilter()))
                    .forEach(m -> response.addMedications(toProto(m)));
            return response.build();
        });
    }

    static Filter fromProto(MedicationFilter f) {
        return switch (f) {
            case MEDICATION_FILTER_CURRENT -> Filter.CURRENT;
            case MEDICATION_FILTER_PAST -> Filter.PAST;
            case MEDICATION_FILTER_ALL -> Filter.ALL;
            default -> Filter.CURRENT_AND_PAST;
        };
    }

    static MedicationStatus toProto(Status s) {
        return switch (s) {
            case ACTIVE -> MedicationStatus.MEDICATION_STATUS_ACTIVE;
            case STOPPED -> MedicationStatus.MEDICATION_STATUS_STOPPED;
            case ENTERED_IN_ERROR -> MedicationStatus.MEDICATION_STATUS_ENTERED_IN_ERROR;
        };
    }

    static MedicationSource toProto(Source s) {
        return switch (s) {
            case RECORDED -> MedicationSource.MEDICATION_SOURCE_RECORDED;
            case PRESCRIBED -> MedicationSource.MEDICATION_SOURCE_PRESCRIBED;
        };
    }

    static org.medconnect.proto.chart.v1.Medication toProto(Medication m) {
        return org.medconnect.proto.chart.v1.Medication.newBuilder()
                .setId(m.id().toString())
                .setPatientId(m.patientId().toString())
                .setDrugKey(m.drugKey().orElse(""))
                .setName(m.name())
                .setNotChecked(m.notChecked())
                .setStrength(m.strength().orElse(""))
                .setForm(m.form().orElse(""))
                .setDosage(m.dosage().orElse(""))
                .setStatus(toProto(m.status()))
                .setSource(toProto(m.source()))
                .setStartedOn(m.startedOn().map(LocalDate::toString).orElse(""))
                .setStartedByName(m.startedByName().orElse(""))
                .setStartReason(m.startReason().orElse(""))
                .setStoppedOn(m.stoppedOn().map(LocalDate::toString).orElse(""))
                .setStoppedByName(m.stoppedByName().orElse(""))
                .setStopReason(m.stopReason().orElse(""))
                .setErrorReason(m.errorReason().orElse(""))
                .setVersion(m.version())
                .setUpdatedByName(m.updatedByName())
                .setUpdatedAt(ProtoTypes.timestamp(m.updatedAt()))
                .build();
    }

    private static Optional<String> optional(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<LocalDate> date(String raw, String field) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(ProtoTypes.localDate(raw, field));
    }
}
