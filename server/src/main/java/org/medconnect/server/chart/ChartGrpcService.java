package org.medconnect.server.chart;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.medconnect.proto.chart.v1.BreakTheGlassRequest;
import org.medconnect.proto.chart.v1.BreakTheGlassResponse;
import org.medconnect.proto.chart.v1.ChartAccessEntry;
import org.medconnect.proto.chart.v1.ChartAdmissionItem;
import org.medconnect.proto.chart.v1.ChartAllergyItem;
import org.medconnect.proto.chart.v1.ChartAllergyState;
import org.medconnect.proto.chart.v1.ChartEntryVersion;
import org.medconnect.proto.chart.v1.ChartFieldChange;
import org.medconnect.proto.chart.v1.ChartGlassGrant;
import org.medconnect.proto.chart.v1.ChartMedicationItem;
import org.medconnect.proto.chart.v1.ChartNextAppointment;
import org.medconnect.proto.chart.v1.ChartOpenEncounter;
import org.medconnect.proto.chart.v1.ChartPatientHeader;
import org.medconnect.proto.chart.v1.ChartProblemItem;
import org.medconnect.proto.chart.v1.ChartServiceGrpc;
import org.medconnect.proto.chart.v1.ChartSex;
import org.medconnect.proto.chart.v1.ChartSummary;
import org.medconnect.proto.chart.v1.ChartTrendPoint;
import org.medconnect.proto.chart.v1.ChartVitalsSnapshot;
import org.medconnect.proto.chart.v1.ChartWatchCheckpoint;
import org.medconnect.proto.chart.v1.GetChartSummaryRequest;
import org.medconnect.proto.chart.v1.GetChartSummaryResponse;
import org.medconnect.proto.chart.v1.GetEntryHistoryRequest;
import org.medconnect.proto.chart.v1.GetEntryHistoryResponse;
import org.medconnect.proto.chart.v1.ListBreakTheGlassRequest;
import org.medconnect.proto.chart.v1.ListBreakTheGlassResponse;
import org.medconnect.proto.chart.v1.ListChartAccessRequest;
import org.medconnect.proto.chart.v1.ListChartAccessResponse;
import org.medconnect.proto.chart.v1.ListChartHistoryRequest;
import org.medconnect.proto.chart.v1.ListChartHistoryResponse;
import org.medconnect.proto.chart.v1.OpenChartRequest;
import org.medconnect.proto.chart.v1.OpenChartResponse;
import org.medconnect.proto.chart.v1.ReviewBreakTheGlassRequest;
import org.medconnect.proto.chart.v1.ReviewBreakTheGlassResponse;
import org.medconnect.proto.chart.v1.WatchChartRequest;
import org.medconnect.proto.chart.v1.WatchChartResponse;
import org.medconnect.server.chart.ChartModel.ChartEvent;
import org.medconnect.server.chart.ChartModel.EntryVersion;
import org.medconnect.server.chart.ChartModel.GlassGrant;
import org.medconnect.server.chart.ChartModel.Summary;
import org.medconnect.server.chart.ChartModel.TrendPoint;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.platform.Role;

/** gRPC adapter for {@link ChartService}: proto in, one service call, proto out. */
public final class ChartGrpcService extends ChartServiceGrpc.ChartServiceImplBase {

    private final ChartService chart;
    private final GrpcCalls calls;

    public ChartGrpcService(ChartService chart, GrpcCalls calls) {
        this.chart = chart;
        this.calls = calls;
    }

    @Override
    public void openChart(OpenChartRequest r, StreamObserver<OpenChartResponse> o) {
        calls.unary(o, () -> OpenChartResponse.newBuilder()
                .setSummary(toProto(chart.open(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id")))).build());
    }

    @Override
    public void getChartSummary(GetChartSummaryRequest r, StreamObserver<GetChartSummaryResponse> o) {
        calls.unary(o, () -> GetChartSummaryResponse.newBuilder()
                .setSummary(toProto(chart.summary(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id")))).build());
    }

    @Override
    public void breakTheGlass(BreakTheGlassRequest r, StreamObserver<BreakTheGlassResponse> o) {
        calls.unary(o, () -> BreakTheGlassResponse.newBuilder().setGrant(toProto(chart.breakTheGlass(CallContext.principal(),
                ProtoTypes.uuid(r.getPatientId(), "patient_id"), r.getReason(), ProtoTypes.requestId(r.getRequestId())))).build());
    }

    @Override
    public void listBreakTheGlass(ListBreakTheGlassRequest r, StreamObserver<ListBreakTheGlassResponse> o) {
        calls.unary(o, () -> {
            int offset = Paging.offset(r.getPage());
            var page = chart.listBreakTheGlass(r.getUnreviewedOnly(), offset, Paging.size(r.getPage()));
            var response = ListBreakTheGlassResponse.newBuilder().setUnreviewedCount(page.unreviewed())
                    .setPage(Paging.response(offset, page.grants().size(), page.total(),
                            offset + page.grants().size() < page.total()));
            page.grants().forEach(g -> response.addGrants(toProto(g)));
            return response.build();
        });
    }

    @Override
    public void reviewBreakTheGlass(ReviewBreakTheGlassRequest r, StreamObserver<ReviewBreakTheGlassResponse> o) {
        calls.unary(o, () -> ReviewBreakTheGlassResponse.newBuilder().setGrant(toProto(chart.reviewBreakTheGlass(
                CallContext.principal(), ProtoTypes.uuid(r.getGrantId(), "grant_id"), Optional.of(r.getNote())))).build());
    }

    @Override
    public void listChartAccess(ListChartAccessRequest r, StreamObserver<ListChartAccessResponse> o) {
        calls.unary(o, () -> {
            int offset = Paging.offset(r.getPage());
            var page = chart.listAccess(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"), offset,
                    Paging.size(r.getPage()));
            var response = ListChartAccessResponse.newBuilder().setPage(Paging.response(offset, page.entries().size(),
                    page.total(), offset + page.entries().size() < page.total()));
            page.entries().forEach(e -> response.addEntries(ChartAccessEntry.newBuilder().setAt(ProtoTypes.timestamp(e.at()))
                    .setUserName(e.userName()).setRole(ProtoTypes.toProto(Role.valueOf(e.role()))).setAction(e.action())
                    .setBasis(e.basis()).setBreakGlassReason(e.breakGlassReason().orElse(""))));
            return response.build();
        });
    }

    @Override
    public void getEntryHistory(GetEntryHistoryRequest r, StreamObserver<GetEntryHistoryResponse> o) {
        calls.unary(o, () -> {
            var response = GetEntryHistoryResponse.newBuilder();
            chart.entryHistory(CallContext.principal(), r.getEntryKind(), ProtoTypes.uuid(r.getEntryId(), "entry_id"))
                    .forEach(v -> response.addVersions(toProto(v)));
            return response.build();
        });
    }

    @Override
    public void listChartHistory(ListChartHistoryRequest r, StreamObserver<ListChartHistoryResponse> o) {
        calls.unary(o, () -> {
            int offset = Paging.offset(r.getPage());
            var page = chart.chartHistory(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"), offset,
                    Paging.size(r.getPage()));
            var response = ListChartHistoryResponse.newBuilder().setPage(Paging.response(offset, page.versions().size(),
                    page.total(), offset + page.versions().size() < page.total()));
            page.versions().forEach(v -> response.addVersions(toProto(v)));
            return response.build();
        });
    }

    @Override
    public void watchChart(WatchChartRequest r, StreamObserver<WatchChartResponse> observer) {
        var stream = (ServerCallStreamObserver<WatchChartResponse>) observer;
        var caller = CallContext.principal();
        calls.stream(observer, () -> chart.watch(caller, ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                r.hasAfterSequence() ? OptionalLong.of(r.getAfterSequence()) : OptionalLong.empty(), new ChartFeed.Sink() {
                    @Override
                    public boolean isReady() {
                        return stream.isReady() && !stream.isCancelled();
                    }

                    @Override
                    public void event(ChartEvent e) {
                        stream.onNext(WatchChartResponse.newBuilder().setEvent(toProto(e)).build());
                    }

                    @Override
                    public void checkpoint(long sequence, boolean live) {
                        stream.onNext(WatchChartResponse.newBuilder()
                                .setCheckpoint(ChartWatchCheckpoint.newBuilder().setSequence(sequence).setLive(live)).build());
                    }

                    @Override
                    public void fail(DomainException error) {
                        calls.fail(observer, error);
                    }

                    @Override
                    public void onReady(Runnable handler) {
                        stream.setOnReadyHandler(handler);
                    }

                    @Override
                    public void onCancel(Runnable handler) {
                        stream.setOnCancelHandler(handler);
                    }
                }));
    }

    // ---- mapping ----

    static ChartSummary toProto(Summary s) {
        var p = s.patient();
        var b = ChartSummary.newBuilder()
                .setPatient(ChartPatientHeader.newBuilder().setPatientId(p.id().toString()).setFullName(p.fullName())
                        .setMrn(p.mrn()).setDateOfBirth(p.dateOfBirth().toString()).setAgeYears(p.ageYears())
                        .setSex(sex(p.sex())).setBloodGroup(p.bloodGroup().orElse(""))
                        .setPreferredLanguage(p.preferredLanguage().orElse("")))
                .setAllergyState(switch (s.allergyState()) {
                    case NOT_ASKED -> ChartAllergyState.CHART_ALLERGY_STATE_NOT_ASKED;
                    case NONE_KNOWN -> ChartAllergyState.CHART_ALLERGY_STATE_NONE_KNOWN;
                    case ALLERGIC -> ChartAllergyState.CHART_ALLERGY_STATE_ALLERGIC;
                })
                .setAsOfSequence(s.asOfSequence())
                .setAccessBasis(s.basis().name());
        s.accessExpiresAt().ifPresent(t -> b.setAccessExpiresAt(ProtoTypes.timestamp(t)));
        s.allergies().forEach(a -> b.addAllergies(ChartAllergyItem.newBuilder().setAllergyId(a.id().toString())
                .setSubstance(a.substance()).setSeverity(a.severity()).setReaction(a.reaction().orElse(""))));
        s.problems().forEach(pr -> b.addProblems(ChartProblemItem.newBuilder().setProblemId(pr.id().toString())
                .setIcd10Code(pr.icd10Code().orElse("")).setTitle(pr.title())
                .setOnsetDate(pr.onsetDate().map(LocalDate::toString).orElse(""))));
        s.medications().forEach(m -> b.addMedications(ChartMedicationItem.newBuilder().setMedicationId(m.id().toString())
                .setName(m.name()).setStrength(m.strength().orElse("")).setDosage(m.dosage().orElse(""))
                .setStartedOn(m.startedOn().map(LocalDate::toString).orElse(""))));
        s.vitals().ifPresent(v -> {
            var l = v.latest();
            var vb = ChartVitalsSnapshot.newBuilder().setMeasuredAt(ProtoTypes.timestamp(l.measuredAt()))
                    .setSystolicMmhg(l.systolic().orElse(0)).setDiastolicMmhg(l.diastolic().orElse(0))
                    .setPulsePerMin(l.pulse().orElse(0)).setTemperatureC(l.temperature().orElse(0.0))
                    .setRespiratoryPerMin(l.respiratory().orElse(0)).setSpo2Pct(l.spo2().orElse(0))
                    .setWeightKg(l.weight().orElse(0.0)).setHeightCm(l.height().orElse(0.0)).setBmi(l.bmi().orElse(0.0));
            v.bloodPressure().forEach(t -> vb.addBloodPressureTrend(point(t)));
            v.pulse().forEach(t -> vb.addPulseTrend(point(t)));
            v.weight().forEach(t -> vb.addWeightTrend(point(t)));
            v.temperature().forEach(t -> vb.addTemperatureTrend(point(t)));
            b.setLastVitals(vb);
        });
        s.nextAppointment().ifPresent(a -> b.setNextAppointment(ChartNextAppointment.newBuilder()
                .setAppointmentId(a.id().toString()).setStartsAt(ProtoTypes.timestamp(a.startsAt()))
                .setDoctorName(a.doctorName()).setStatus(a.status())));
        s.openEncounter().ifPresent(e -> b.setOpenEncounter(ChartOpenEncounter.newBuilder().setEncounterId(e.id().toString())
                .setStartedAt(ProtoTypes.timestamp(e.startedAt())).setDoctorName(e.doctorName()).setKind(e.kind())));
        s.admission().ifPresent(a -> b.setAdmission(ChartAdmissionItem.newBuilder().setAdmissionId(a.id().toString())
                .setAdmittedAt(ProtoTypes.timestamp(a.admittedAt())).setWard(a.ward().orElse("")).setBed(a.bed().orElse(""))));
        return b.build();
    }

    private static ChartTrendPoint point(TrendPoint t) {
        return ChartTrendPoint.newBuilder().setMeasuredAt(ProtoTypes.timestamp(t.at())).setValue(t.value())
                .setSecondValue(t.second()).build();
    }

    private static ChartSex sex(String sex) {
        return switch (sex) {
            case "FEMALE" -> ChartSex.CHART_SEX_FEMALE;
            case "MALE" -> ChartSex.CHART_SEX_MALE;
            case "OTHER" -> ChartSex.CHART_SEX_OTHER;
            default -> ChartSex.CHART_SEX_UNKNOWN;
        };
    }

    static ChartGlassGrant toProto(GlassGrant g) {
        var b = ChartGlassGrant.newBuilder().setGrantId(g.id().toString()).setPatientId(g.patientId().toString())
                .setPatientName(g.patientName()).setPatientMrn(g.patientMrn()).setDoctorId(g.doctorId().toString())
                .setDoctorName(g.doctorName()).setReason(g.reason()).setStartsAt(ProtoTypes.timestamp(g.startsAt()))
                .setExpiresAt(ProtoTypes.timestamp(g.expiresAt())).setReviewedByName(g.reviewedBy().orElse(""))
                .setReviewNote(g.reviewNote().orElse(""));
        g.reviewedAt().ifPresent(t -> b.setReviewedAt(ProtoTypes.timestamp(t)));
        return b.build();
    }

    static ChartEntryVersion toProto(EntryVersion v) {
        var b = ChartEntryVersion.newBuilder().setEntryKind(v.entryKind()).setEntryId(v.entryId().toString())
                .setVersion(v.version()).setChange(v.change()).setChangedByName(v.changedBy())
                .setChangedAt(ProtoTypes.timestamp(v.changedAt()));
        v.changes().forEach(c -> b.addChanges(ChartFieldChange.newBuilder().setField(c.field()).setBefore(c.before())
                .setAfter(c.after())));
        return b.build();
    }

    static org.medconnect.proto.chart.v1.ChartEvent toProto(ChartEvent e) {
        return org.medconnect.proto.chart.v1.ChartEvent.newBuilder().setSequence(e.sequence())
                .setOccurredAt(ProtoTypes.timestamp(e.occurredAt())).setPatientId(e.patientId().toString())
                .setEntryKind(e.entryKind()).setEntryId(e.entryId().toString()).setVersion(e.version())
                .setChange(e.change()).build();
    }
}
