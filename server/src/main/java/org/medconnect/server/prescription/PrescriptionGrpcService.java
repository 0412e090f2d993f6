package org.medconnect.server.prescription;

import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.proto.prescription.v1.CancelPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CancelPrescriptionResponse;
import org.medconnect.proto.prescription.v1.CheckPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CheckPrescriptionResponse;
import org.medconnect.proto.prescription.v1.CreatePrescriptionRequest;
import org.medconnect.proto.prescription.v1.CreatePrescriptionResponse;
import org.medconnect.proto.prescription.v1.DispenseSource;
import org.medconnect.proto.prescription.v1.GetAdherenceRequest;
import org.medconnect.proto.prescription.v1.GetAdherenceResponse;
import org.medconnect.proto.prescription.v1.GetPrescriptionRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionResponse;
import org.medconnect.proto.prescription.v1.ListPrescriptionsRequest;
import org.medconnect.proto.prescription.v1.ListPrescriptionsResponse;
import org.medconnect.proto.prescription.v1.PrescriptionAdherence;
import org.medconnect.proto.prescription.v1.PrescriptionAlert;
import org.medconnect.proto.prescription.v1.PrescriptionAlertKind;
import org.medconnect.proto.prescription.v1.PrescriptionAlertSeverity;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.proto.prescription.v1.PrescriptionHistoryEntry;
import org.medconnect.proto.prescription.v1.PrescriptionLine;
import org.medconnect.proto.prescription.v1.PrescriptionLineInput;
import org.medconnect.proto.prescription.v1.PrescriptionRoute;
import org.medconnect.proto.prescription.v1.PrescriptionServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.PrescriptionSummary;
import org.medconnect.proto.prescription.v1.RecordDispenseRequest;
import org.medconnect.proto.prescription.v1.RecordDispenseResponse;
import org.medconnect.proto.prescription.v1.RenewPrescriptionRequest;
import org.medconnect.proto.prescription.v1.RenewPrescriptionResponse;
import org.medconnect.proto.prescription.v1.SignPrescriptionRequest;
import org.medconnect.proto.prescription.v1.SignPrescriptionResponse;
import org.medconnect.proto.prescription.v1.UpdatePrescriptionDraftRequest;
import org.medconnect.proto.prescription.v1.UpdatePrescriptionDraftResponse;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.prescription.PrescriptionModel.Adherence;
import org.medconnect.server.prescription.PrescriptionModel.Alert;
import org.medconnect.server.prescription.PrescriptionModel.Dispense;
import org.medconnect.server.prescription.PrescriptionModel.DraftChanges;
import org.medconnect.server.prescription.PrescriptionModel.Frequency;
import org.medconnect.server.prescription.PrescriptionModel.LineInput;
import org.medconnect.server.prescription.PrescriptionModel.NewPrescription;
import org.medconnect.server.prescription.PrescriptionModel.AlertOverride;
import org.medconnect.server.prescription.PrescriptionModel.Prescription;
import org.medconnect.server.prescription.PrescriptionModel.Renewal;
import org.medconnect.server.prescription.PrescriptionModel.ResolvedLine;
import org.medconnect.server.prescription.PrescriptionModel.Route;
import org.medconnect.server.prescription.PrescriptionModel.Status;
import org.medconnect.server.prescription.PrescriptionModel.Summary;
import org.medconnect.server.prescription.check.DrugChecks;

/** gRPC adapter for {@link PrescriptionService}: proto in, domain call, proto out. */
public final class PrescriptionGrpcService extends PrescriptionServiceGrpc.PrescriptionServiceImplBase {

    private final PrescriptionService prescriptions;
    private final GrpcCalls calls;

    public PrescriptionGrpcService(PrescriptionService prescriptions, GrpcCalls calls) {
        this.prescriptions = prescriptions;
        this.calls = calls;
    }

    @Override
    public void checkPrescription(CheckPrescriptionRequest r, StreamObserver<CheckPrescriptionResponse> observer) {
        calls.unary(observer, () -> {
            var checked = prescriptions.check(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"), lines(r.getLinesList()),
                    ProtoTypes.optionalUuid(r.getPrescriptionId(), "prescription_id"));
            var out = CheckPrescriptionResponse.newBuilder();
            checked.alerts().forEach(a -> out.addAlerts(toProto(a)));
            checked.lines().forEach(l -> out.addLines(toProto(l, Optional.empty(), java.math.BigDecimal.ZERO)));
            return out.build();
        });
    }

    @Override
    public void createPrescription(CreatePrescriptionRequest r, StreamObserver<CreatePrescriptionResponse> observer) {
        calls.unary(observer, () -> CreatePrescriptionResponse.newBuilder().setPrescription(toProto(prescriptions.create(CallContext.principal(),
                new NewPrescription(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                        ProtoTypes.optionalUuid(r.getEncounterId(), "encounter_id"), lines(r.getLinesList()), r.getValidDays(), r.getNote()))))
                .build());
    }

    @Override
    public void updatePrescriptionDraft(UpdatePrescriptionDraftRequest r, StreamObserver<UpdatePrescriptionDraftResponse> observer) {
        calls.unary(observer, () -> UpdatePrescriptionDraftResponse.newBuilder().setPrescription(toProto(prescriptions.updateDraft(
                CallContext.principal(), new DraftChanges(ProtoTypes.uuid(r.getPrescriptionId(), "prescription_id"), r.getExpectedVersion(),
                        lines(r.getLinesList()), r.getValidDays(), r.getNote())))).build());
    }

    @Override
    public void signPrescription(SignPrescriptionRequest r, StreamObserver<SignPrescriptionResponse> observer) {
        calls.unary(observer, () -> SignPrescriptionResponse.newBuilder().setPrescription(toProto(prescriptions.sign(CallContext.principal(),
                ProtoTypes.uuid(r.getPrescriptionId(), "prescription_id"), r.getExpectedVersion(),
                r.getOverridesList().stream().map(o -> new AlertOverride(o.getAlertKey(), o.getReason())).toList()))).build());
    }

    @Override
    public void cancelPrescription(CancelPrescriptionRequest r, StreamObserver<CancelPrescriptionResponse> observer) {
        calls.unary(observer, () -> CancelPrescriptionResponse.newBuilder().setPrescription(toProto(prescriptions.cancel(CallContext.principal(),
                ProtoTypes.uuid(r.getPrescriptionId(), "prescription_id"), r.getExpectedVersion(), r.getReason()))).build());
    }

    @Override
    public void getPrescription(GetPrescriptionRequest r, StreamObserver<GetPrescriptionResponse> observer) {
        calls.unary(observer, () -> {
            var detailed = prescriptions.get(CallContext.principal(), ProtoTypes.uuid(r.getPrescriptionId(), "prescription_id"));
            var out = GetPrescriptionResponse.newBuilder().setPrescription(toProto(detailed.prescription()));
            detailed.history().forEach(h -> out.addHistory(PrescriptionHistoryEntry.newBuilder().setAt(ProtoTypes.timestamp(h.at()))
                    .setByName(h.byName()).setWhat(h.what())));
            return out.build();
        });
    }

    @Override
    public void listPrescriptions(ListPrescriptionsRequest r, StreamObserver<ListPrescriptionsResponse> observer) {
        calls.unary(observer, () -> {
            var out = ListPrescriptionsResponse.newBuilder();
            prescriptions.list(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"), r.getIncludeClosed())
                    .forEach(s -> out.addPrescriptions(toProto(s)));
            return out.build();
        });
    }

    @Override
    public void renewPrescription(RenewPrescriptionRequest r, StreamObserver<RenewPrescriptionResponse> observer) {
        calls.unary(observer, () -> RenewPrescriptionResponse.newBuilder().setPrescription(toProto(prescriptions.renew(CallContext.principal(),
                new Renewal(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPrescriptionId(), "prescription_id"),
                        ProtoTypes.optionalUuid(r.getRefillRequestId(), "refill_request_id"),
                        ProtoTypes.optionalUuid(r.getEncounterId(), "encounter_id"))))).build());
    }

    @Override
    public void recordDispense(RecordDispenseRequest r, StreamObserver<RecordDispenseResponse> observer) {
        calls.unary(observer, () -> RecordDispenseResponse.newBuilder().setPrescription(toProto(prescriptions.dispense(CallContext.principal(),
                new Dispense(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPrescriptionId(), "prescription_id"),
                        ProtoTypes.uuid(r.getLineId(), "line_id"), ProtoTypes.localDate(r.getDispensedOn(), "dispensed_on"), r.getQuantity(),
                        source(r.getSource()))))).build());
    }

    @Override
    public void getAdherence(GetAdherenceRequest r, StreamObserver<GetAdherenceResponse> observer) {
        calls.unary(observer, () -> {
            var out = GetAdherenceResponse.newBuilder();
            prescriptions.adherence(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"), r.getDays())
                    .forEach(a -> out.addDrugs(toProto(a)));
            return out.build();
        });
    }

    // ---- proto to domain ----

    static List<LineInput> lines(List<PrescriptionLineInput> in) {
        return in.stream().map(l -> new LineInput(l.getDrugKey(), l.getDrugName(), l.getStrength(), l.getForm(), route(l.getRoute()),
                l.getDoseAmount(), l.getDoseUnit(), frequency(l.getFrequency()), l.getAsNeeded(), l.getDurationDays(), l.getQuantity(),
                l.getQuantityUnit(), l.getRefills(), l.getInstructions(), l.getWarnings())).toList();
    }

    static Optional<Route> route(PrescriptionRoute r) {
        return r == PrescriptionRoute.PRESCRIPTION_ROUTE_UNSPECIFIED || r == PrescriptionRoute.UNRECOGNIZED ? Optional.empty()
                : Optional.of(Route.valueOf(r.name().substring("PRESCRIPTION_ROUTE_".length())));
    }

    static Optional<Frequency> frequency(PrescriptionFrequency f) {
        return f == PrescriptionFrequency.PRESCRIPTION_FREQUENCY_UNSPECIFIED || f == PrescriptionFrequency.UNRECOGNIZED ? Optional.empty()
                : Optional.of(Frequency.valueOf(f.name().substring("PRESCRIPTION_FREQUENCY_".length())));
    }

    static Optional<PrescriptionModel.DispenseSource> source(DispenseSource s) {
        return switch (s) {
            case DISPENSE_SOURCE_PHARMACY -> Optional.of(PrescriptionModel.DispenseSource.PHARMACY);
            case DISPENSE_SOURCE_PATIENT -> Optional.of(PrescriptionModel.DispenseSource.PATIENT);
            default -> Optional.empty();
        };
    }

    // ---- domain to proto ----

    static org.medconnect.proto.prescription.v1.Prescription toProto(Prescription p) {
        var b = org.medconnect.proto.prescription.v1.Prescription.newBuilder()
                .setPrescriptionId(p.id().toString())
                .setPatientId(p.patientId().toString())
                .setEncounterId(p.encounterId().map(UUID::toString).orElse(""))
                .setPrescriberId(p.prescriberId().toString())
                .setPrescriberName(p.prescriberName())
                .setStatus(toProto(p.status()))
                .setValidDays(p.validDays())
                .setValidUntil(p.validUntil().map(LocalDate::toString).orElse(""))
                .setRenewalOf(p.renewalOf().map(UUID::toString).orElse(""))
                .setRefillRequestId(p.refillRequestId().map(UUID::toString).orElse(""))
                .setNote(p.note())
                .setCreatedAt(ProtoTypes.timestamp(p.createdAt()))
                .setCancelReason(p.cancelReason().orElse(""))
                .setVersion(p.version())
                .setPdfSha256(p.pdfSha256().orElse(""));
        p.signedAt().ifPresent(t -> b.setSignedAt(ProtoTypes.timestamp(t)));
        p.lines().forEach(l -> b.addLines(toProto(l.line(), Optional.of(l.id()), l.dispensed())));
        p.alerts().forEach(a -> b.addAlerts(toProto(a)));
        return b.build();
    }

    static PrescriptionStatus toProto(Status s) {
        return PrescriptionStatus.valueOf("PRESCRIPTION_STATUS_" + s.name());
    }

    static PrescriptionLine toProto(ResolvedLine l, Optional<UUID> id, java.math.BigDecimal dispensed) {
        var input = PrescriptionLineInput.newBuilder()
                .setDrugKey(l.drugKey().orElse(""))
                .setDrugName(l.drugName())
                .setStrength(l.strength())
                .setForm(l.form())
                .setRoute(PrescriptionRoute.valueOf("PRESCRIPTION_ROUTE_" + l.route().name()))
                .setDoseAmount(Lines.plain(l.doseAmount()))
                .setDoseUnit(l.doseUnit())
                .setFrequency(PrescriptionFrequency.valueOf("PRESCRIPTION_FREQUENCY_" + l.frequency().name()))
                .setAsNeeded(l.asNeeded())
                .setDurationDays(l.durationDays())
                .setQuantity(l.quantityOverridden() ? Lines.plain(l.quantity()) : "")
                .setQuantityUnit(l.quantityUnit())
                .setRefills(l.refills())
                .setInstructions(l.instructions())
                .setWarnings(l.warnings());
        return PrescriptionLine.newBuilder()
                .setLineId(id.map(UUID::toString).orElse(""))
                .setPosition(l.position())
                .setInput(input)
                .addAllIngredientKeys(l.ingredientKeys())
                .setNotChecked(l.notChecked())
                .setQuantity(Lines.plain(l.quantity()))
                .setQuantityOverridden(l.quantityOverridden())
                .setSig(l.sig())
                .setDispensedQuantity(Lines.plain(dispensed))
                .build();
    }

    static PrescriptionAlert toProto(Alert kept) {
        DrugChecks.Alert a = kept.alert();
        return PrescriptionAlert.newBuilder()
                .setAlertKey(a.key())
                .setKind(PrescriptionAlertKind.valueOf("PRESCRIPTION_ALERT_KIND_" + a.kind().name()))
                .setSeverity(PrescriptionAlertSeverity.valueOf("PRESCRIPTION_ALERT_SEVERITY_" + a.severity().name()))
                .setTitle(a.title())
                .setConsequence(a.consequence())
                .setAction(a.action())
                .setSource(a.source())
                .addAllLinePositions(a.linePositions())
                .setMedicationId(a.medicationId().map(UUID::toString).orElse(""))
                .setAllergyId(a.allergyId().map(UUID::toString).orElse(""))
                .setOverrideReason(kept.overrideReason().orElse(""))
                .setOverriddenByName(kept.overriddenByName().orElse(""))
                .setMedicationName(kept.medicationName().orElse(""))
                .setAllergySubstance(kept.allergySubstance().orElse(""))
                .setConcerns(kept.concerns())
                .build();
    }

    static PrescriptionSummary toProto(Summary s) {
        var b = PrescriptionSummary.newBuilder()
                .setPrescriptionId(s.id().toString())
                .setStatus(toProto(s.status()))
                .setPrescriberName(s.prescriberName())
                .setCreatedAt(ProtoTypes.timestamp(s.createdAt()))
                .setValidUntil(s.validUntil().map(LocalDate::toString).orElse(""))
                .setDrugs(s.drugs())
                .setAlertCount(s.alertCount())
                .setOverriddenCount(s.overriddenCount())
                .setRenewalOf(s.renewalOf().map(UUID::toString).orElse(""));
        s.signedAt().ifPresent(t -> b.setSignedAt(ProtoTypes.timestamp(t)));
        return b.build();
    }

    static PrescriptionAdherence toProto(Adherence a) {
        return PrescriptionAdherence.newBuilder()
                .setDrugName(a.drugName())
                .addAllIngredientKeys(a.ingredientKeys())
                .setFirstDispensedOn(a.firstDispensedOn().toString())
                .setLastDispensedOn(a.lastDispensedOn().toString())
                .setSupplyUntil(a.supplyUntil().toString())
                .setDaysCovered(a.daysCovered())
                .setDaysInPeriod(a.daysInPeriod())
                .setProportionCovered(a.proportionCovered())
                .setDispenseCount(a.dispenseCount())
                .build();
    }
}
