package org.medconnect.server.chart.vitals;

import io.grpc.stub.StreamObserver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medconnect.proto.chart.v1.ListVitalsRequest;
import org.medconnect.proto.chart.v1.ListVitalsResponse;
import org.medconnect.proto.chart.v1.MarkVitalsEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.MarkVitalsEnteredInErrorResponse;
import org.medconnect.proto.chart.v1.RecordVitalsRequest;
import org.medconnect.proto.chart.v1.RecordVitalsResponse;
import org.medconnect.proto.chart.v1.VitalFlag;
import org.medconnect.proto.chart.v1.VitalKind;
import org.medconnect.proto.chart.v1.VitalObservation;
import org.medconnect.proto.chart.v1.VitalSeries;
import org.medconnect.proto.chart.v1.VitalStatus;
import org.medconnect.proto.chart.v1.VitalValues;
import org.medconnect.proto.chart.v1.VitalsServiceGrpc;
import org.medconnect.server.chart.vitals.VitalsModel.ListQuery;
import org.medconnect.server.chart.vitals.VitalsModel.VitalSet;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.shared.chart.VitalSigns;
import org.medconnect.shared.chart.VitalSigns.Flag;
import org.medconnect.shared.chart.VitalSigns.Reading;
import org.medconnect.shared.chart.VitalSigns.Vital;

/** gRPC adapter for {@link VitalsService}: proto in, one service call, proto out (with LOINC, UCUM and flags). */
public final class VitalsGrpcService extends VitalsServiceGrpc.VitalsServiceImplBase {

    private static final List<Vital> DISPLAY_ORDER = List.of(Vital.SYSTOLIC, Vital.DIASTOLIC, Vital.HEART_RATE, Vital.TEMPERATURE,
            Vital.RESPIRATORY_RATE, Vital.OXYGEN_SATURATION, Vital.BODY_WEIGHT, Vital.BODY_HEIGHT, Vital.BMI);

    private final VitalsService vitals;
    private final GrpcCalls calls;

    public VitalsGrpcService(VitalsService vitals, GrpcCalls calls) {
        this.vitals = vitals;
        this.calls = calls;
    }

    @Override
    public void recordVitals(RecordVitalsRequest r, StreamObserver<RecordVitalsResponse> o) {
        calls.unary(o, () -> {
            VitalSet set = vitals.record(CallContext.principal(), ProtoTypes.requestId(r.getRequestId()),
                    ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                    r.hasMeasuredAt() ? Optional.of(ProtoTypes.instant(r.getMeasuredAt(), "measured_at")) : Optional.empty(),
                    reading(r.getValues()));
            return RecordVitalsResponse.newBuilder().setVitals(toProto(set)).build();
        });
    }

    @Override
    public void listVitals(ListVitalsRequest r, StreamObserver<ListVitalsResponse> o) {
        calls.unary(o, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var listing = vitals.list(CallContext.principal(), new ListQuery(ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                    r.hasFrom() ? Optional.of(ProtoTypes.instant(r.getFrom(), "from").atOffset(java.time.ZoneOffset.UTC)) : Optional.empty(),
                    r.hasTo() ? Optional.of(ProtoTypes.instant(r.getTo(), "to").atOffset(java.time.ZoneOffset.UTC)) : Optional.empty(),
                    r.getIncludeEnteredInError(), size, offset, r.getTrend()));
            var b = ListVitalsResponse.newBuilder()
                    .addAllVitals(listing.page().items().stream().map(VitalsGrpcService::toProto).toList())
                    .setPage(Paging.response(offset, listing.page().items().size(), listing.page().total(), listing.page().hasMore()));
            if (r.getTrend()) {
                b.addAllSeries(series(listing.trend()));
            }
            return b.build();
        });
    }

    @Override
    public void markVitalsEnteredInError(MarkVitalsEnteredInErrorRequest r, StreamObserver<MarkVitalsEnteredInErrorResponse> o) {
        calls.unary(o, () -> MarkVitalsEnteredInErrorResponse.newBuilder().setVitals(toProto(vitals.markEnteredInError(
                CallContext.principal(), ProtoTypes.uuid(r.getVitalsId(), "vitals_id"), r.getExpectedVersion(), r.getReason()))).build());
    }

    static Reading reading(VitalValues v) {
        return new Reading(
                v.hasSystolicMmhg() ? Optional.of(BigDecimal.valueOf(v.getSystolicMmhg())) : Optional.empty(),
                v.hasDiastolicMmhg() ? Optional.of(BigDecimal.valueOf(v.getDiastolicMmhg())) : Optional.empty(),
                v.hasPulsePerMin() ? Optional.of(BigDecimal.valueOf(v.getPulsePerMin())) : Optional.empty(),
                v.hasTemperatureC() ? Optional.of(decimal(v.getTemperatureC(), "values.temperature_c")) : Optional.empty(),
                v.hasRespiratoryPerMin() ? Optional.of(BigDecimal.valueOf(v.getRespiratoryPerMin())) : Optional.empty(),
                v.hasSpo2Pct() ? Optional.of(BigDecimal.valueOf(v.getSpo2Pct())) : Optional.empty(),
                v.hasWeightKg() ? Optional.of(decimal(v.getWeightKg(), "values.weight_kg")) : Optional.empty(),
                v.hasHeightCm() ? Optional.of(decimal(v.getHeightCm(), "values.height_cm")) : Optional.empty());
    }

    private static BigDecimal decimal(double d, String field) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw DomainException.InvalidInput.of(field, "This is not a number.");
        }
        return BigDecimal.valueOf(d).stripTrailingZeros();
    }

    static org.medconnect.proto.chart.v1.VitalSet toProto(VitalSet s) {
        var b = org.medconnect.proto.chart.v1.VitalSet.newBuilder().setId(s.id().toString()).setPatientId(s.patientId().toString())
                .setMeasuredAt(ProtoTypes.timestamp(s.measuredAt()))
                .setStatus(s.enteredInError() ? VitalStatus.VITAL_STATUS_ENTERED_IN_ERROR : VitalStatus.VITAL_STATUS_FINAL)
                .setErrorReason(s.errorReason().orElse("")).setVersion(s.version()).setRecordedByName(s.recordedByName())
                .setRecordedAt(ProtoTypes.timestamp(s.recordedAt()));
        Flag worst = Flag.NORMAL;
        for (Vital v : DISPLAY_ORDER) {
            Optional<BigDecimal> value = v == Vital.BMI ? s.bmi() : s.reading().get(v);
            if (value.isPresent()) {
                Flag flag = VitalSigns.flag(v, value.get());
                worst = worst.worse(flag);
                b.addObservations(VitalObservation.newBuilder().setKind(kind(v)).setLoinc(v.loinc()).setAdditionalLoinc(v.additionalLoinc())
                        .setPanelLoinc(v.panelLoinc()).setDisplay(v.display()).setValue(value.get().doubleValue()).setUcumUnit(v.ucum())
                        .setUnitLabel(v.unitLabel()).setFlag(flag(flag)));
            }
        }
        return b.setWorstFlag(flag(worst)).build();
    }

    private static List<VitalSeries> series(List<VitalSet> sets) {
        Map<Vital, VitalSeries.Builder> byVital = new EnumMap<>(Vital.class);
        for (VitalSet s : sets) {
            long at = s.measuredAt().toEpochSecond();
            for (Vital v : DISPLAY_ORDER) {
                Optional<BigDecimal> value = v == Vital.BMI ? s.bmi() : s.reading().get(v);
                value.ifPresent(x -> byVital.computeIfAbsent(v, k -> VitalSeries.newBuilder().setKind(kind(k)).setLoinc(k.loinc())
                                .setUcumUnit(k.ucum()))
                        .addEpochSeconds(at).addValues(x.doubleValue()).addFlags(flag(VitalSigns.flag(v, x))));
            }
        }
        List<VitalSeries> out = new ArrayList<>();
        byVital.values().forEach(b -> out.add(b.build()));
        return out;
    }

    static VitalKind kind(Vital v) {
        return switch (v) {
            case SYSTOLIC -> VitalKind.VITAL_KIND_SYSTOLIC;
            case DIASTOLIC -> VitalKind.VITAL_KIND_DIASTOLIC;
            case HEART_RATE -> VitalKind.VITAL_KIND_HEART_RATE;
            case TEMPERATURE -> VitalKind.VITAL_KIND_TEMPERATURE;
            case RESPIRATORY_RATE -> VitalKind.VITAL_KIND_RESPIRATORY_RATE;
            case OXYGEN_SATURATION -> VitalKind.VITAL_KIND_OXYGEN_SATURATION;
            case BODY_WEIGHT -> VitalKind.VITAL_KIND_BODY_WEIGHT;
            case BODY_HEIGHT -> VitalKind.VITAL_KIND_BODY_HEIGHT;
            case BMI -> VitalKind.VITAL_KIND_BMI;
        };
    }

    static VitalFlag flag(Flag f) {
        return switch (f) {
            case NORMAL -> VitalFlag.VITAL_FLAG_NORMAL;
            case LOW -> VitalFlag.VITAL_FLAG_LOW;
            case HIGH -> VitalFlag.VITAL_FLAG_HIGH;
            case CRITICAL_LOW -> VitalFlag.VITAL_FLAG_CRITICAL_LOW;
            case CRITICAL_HIGH -> VitalFlag.VITAL_FLAG_CRITICAL_HIGH;
        };
    }
}
