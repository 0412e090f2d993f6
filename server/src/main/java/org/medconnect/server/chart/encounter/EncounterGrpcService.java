package org.medconnect.server.chart.encounter;

import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.proto.chart.v1.AddAddendumRequest;
import org.medconnect.proto.chart.v1.AddAddendumResponse;
import org.medconnect.proto.chart.v1.EncounterAddendum;
import org.medconnect.proto.chart.v1.EncounterKind;
import org.medconnect.proto.chart.v1.EncounterNote;
import org.medconnect.proto.chart.v1.EncounterNoteTemplate;
import org.medconnect.proto.chart.v1.EncounterServiceGrpc;
import org.medconnect.proto.chart.v1.EncounterSmartPhrase;
import org.medconnect.proto.chart.v1.EncounterStatus;
import org.medconnect.proto.chart.v1.EncounterSummary;
import org.medconnect.proto.chart.v1.ExpandSmartPhrasesRequest;
import org.medconnect.proto.chart.v1.ExpandSmartPhrasesResponse;
import org.medconnect.proto.chart.v1.GetEncounterRequest;
import org.medconnect.proto.chart.v1.GetEncounterResponse;
import org.medconnect.proto.chart.v1.ListEncountersRequest;
import org.medconnect.proto.chart.v1.ListEncountersResponse;
import org.medconnect.proto.chart.v1.ListNoteTemplatesRequest;
import org.medconnect.proto.chart.v1.ListNoteTemplatesResponse;
import org.medconnect.proto.chart.v1.MarkEncounterEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.MarkEncounterEnteredInErrorResponse;
import org.medconnect.proto.chart.v1.OpenEncounterRequest;
import org.medconnect.proto.chart.v1.OpenEncounterResponse;
import org.medconnect.proto.chart.v1.RetireNoteTemplateRequest;
import org.medconnect.proto.chart.v1.RetireNoteTemplateResponse;
import org.medconnect.proto.chart.v1.SaveNoteDraftRequest;
import org.medconnect.proto.chart.v1.SaveNoteDraftResponse;
import org.medconnect.proto.chart.v1.SaveNoteTemplateRequest;
import org.medconnect.proto.chart.v1.SaveNoteTemplateResponse;
import org.medconnect.proto.chart.v1.SignEncounterRequest;
import org.medconnect.proto.chart.v1.SignEncounterResponse;
import org.medconnect.server.chart.encounter.EncounterModel.Cursor;
import org.medconnect.server.chart.encounter.EncounterModel.Encounter;
import org.medconnect.server.chart.encounter.EncounterModel.Kind;
import org.medconnect.server.chart.encounter.EncounterModel.NewVisit;
import org.medconnect.server.chart.encounter.EncounterModel.Note;
import org.medconnect.server.chart.encounter.EncounterModel.NoteText;
import org.medconnect.server.chart.encounter.EncounterModel.Summary;
import org.medconnect.server.chart.encounter.EncounterModel.Template;
import org.medconnect.server.chart.encounter.EncounterModel.TemplateInput;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link EncounterService}: proto in, domain call, proto out. */
public final class EncounterGrpcService extends EncounterServiceGrpc.EncounterServiceImplBase {

    private final EncounterService encounters;
    private final GrpcCalls calls;

    public EncounterGrpcService(EncounterService encounters, GrpcCalls calls) {
        this.encounters = encounters;
        this.calls = calls;
    }

    @Override
    public void openEncounter(OpenEncounterRequest r, StreamObserver<OpenEncounterResponse> observer) {
        calls.unary(observer, () -> {
            Encounter e;
            if (!r.getAppointmentId().isBlank()) {
                e = encounters.openForAppointment(CallContext.principal(), ProtoTypes.uuid(r.getAppointmentId(), "appointment_id"));
            } else {
                UUID patient = ProtoTypes.uuid(r.getPatientId(), "patient_id");
                Kind kind = switch (r.getKind()) {
                    case ENCOUNTER_KIND_WALK_IN -> Kind.WALK_IN;
                    case ENCOUNTER_KIND_PHONE -> Kind.PHONE;
                    case ENCOUNTER_KIND_VIDEO -> Kind.VIDEO;
                    default -> throw DomainException.InvalidInput.of("kind", "Choose walk-in, phone or video, or open from an appointment.");
                };
                UUID requestId = ProtoTypes.requestId(r.getRequestId())
                        .orElseThrow(() -> DomainException.InvalidInput.of("request_id", "This id is missing."));
                e = encounters.openVisit(CallContext.principal(), new NewVisit(patient, kind, r.getReason(), requestId));
            }
            return OpenEncounterResponse.newBuilder().setEncounter(toProto(e)).build();
        });
    }

    @Override
    public void listEncounters(ListEncountersRequest r, StreamObserver<ListEncountersResponse> observer) {
        calls.unary(observer, () -> {
            UUID patient = ProtoTypes.uuid(r.getPatientId(), "patient_id");
            var page = encounters.timeline(CallContext.principal(), patient, Paging.size(r.getPage()), cursor(r.getPage().getPageToken()));
            var response = ListEncountersResponse.newBuilder();
            page.items().forEach(s -> response.addEncounters(toProto(s)));
            page.next().ifPresent(c -> response.setNextPageToken(token(c)));
            return response.build();
        });
    }

    @Override
    public void getEncounter(GetEncounterRequest r, StreamObserver<GetEncounterResponse> observer) {
        calls.unary(observer, () -> GetEncounterResponse.newBuilder().setEncounter(toProto(
                encounters.get(CallContext.principal(), ProtoTypes.uuid(r.getEncounterId(), "encounter_id")))).build());
    }

    @Override
    public void saveNoteDraft(SaveNoteDraftRequest r, StreamObserver<SaveNoteDraftResponse> observer) {
        calls.unary(observer, () -> SaveNoteDraftResponse.newBuilder().setNote(toProto(encounters.saveDraft(CallContext.principal(),
                ProtoTypes.uuid(r.getEncounterId(), "encounter_id"),
                new NoteText(r.getSubjective(), r.getObjective(), r.getAssessment(), r.getPlan()),
                version(r.getExpectedVersion())))).build());
    }

    @Override
    public void signEncounter(SignEncounterRequest r, StreamObserver<SignEncounterResponse> observer) {
        calls.unary(observer, () -> SignEncounterResponse.newBuilder().setEncounter(toProto(encounters.sign(CallContext.principal(),
                ProtoTypes.uuid(r.getEncounterId(), "encounter_id"), version(r.getExpectedVersion())))).build());
    }

    @Override
    public void addAddendum(AddAddendumRequest r, StreamObserver<AddAddendumResponse> observer) {
        calls.unary(observer, () -> {
            UUID encounter = ProtoTypes.uuid(r.getEncounterId(), "encounter_id");
            UUID requestId = ProtoTypes.requestId(r.getRequestId())
                    .orElseThrow(() -> DomainException.InvalidInput.of("request_id", "This id is missing."));
            return AddAddendumResponse.newBuilder().setEncounter(toProto(
                    encounters.addAddendum(CallContext.principal(), encounter, r.getText(), requestId))).build();
        });
    }

    @Override
    public void markEncounterEnteredInError(MarkEncounterEnteredInErrorRequest r,
                                            StreamObserver<MarkEncounterEnteredInErrorResponse> observer) {
        calls.unary(observer, () -> MarkEncounterEnteredInErrorResponse.newBuilder().setEncounter(toProto(
                encounters.markEnteredInError(CallContext.principal(), ProtoTypes.uuid(r.getEncounterId(), "encounter_id"),
                        r.getReason(), version(r.getExpectedVersion())))).build());
    }

    @Override
    public void listNoteTemplates(ListNoteTemplatesRequest r, StreamObserver<ListNoteTemplatesResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListNoteTemplatesResponse.newBuilder();
            encounters.templates(CallContext.principal()).forEach(t -> response.addTemplates(toProto(t)));
            return response.build();
        });
    }

    @Override
    public void saveNoteTemplate(SaveNoteTemplateRequest r, StreamObserver<SaveNoteTemplateResponse> observer) {
        calls.unary(observer, () -> {
            Optional<UUID> id = ProtoTypes.optionalUuid(r.getTemplateId(), "template_id");
            var input = new TemplateInput(id, r.getName(), Optional.of(r.getShortcut()),
                    new NoteText(r.getSubjective(), r.getObjective(), r.getAssessment(), r.getPlan()),
                    id.isPresent() ? version(r.getExpectedVersion()) : 0, ProtoTypes.requestId(r.getRequestId()));
            return SaveNoteTemplateResponse.newBuilder().setTemplate(toProto(encounters.saveTemplate(CallContext.principal(), input))).build();
        });
    }

    @Override
    public void retireNoteTemplate(RetireNoteTemplateRequest r, StreamObserver<RetireNoteTemplateResponse> observer) {
        calls.unary(observer, () -> {
            encounters.retireTemplate(CallContext.principal(), ProtoTypes.uuid(r.getTemplateId(), "template_id"),
                    version(r.getExpectedVersion()));
            return RetireNoteTemplateResponse.getDefaultInstance();
        });
    }

    @Override
    public void expandSmartPhrases(ExpandSmartPhrasesRequest r, StreamObserver<ExpandSmartPhrasesResponse> observer) {
        calls.unary(observer, () -> {
            var expansion = encounters.expand(CallContext.principal(), ProtoTypes.optionalUuid(r.getEncounterId(), "encounter_id"),
                    ProtoTypes.optionalUuid(r.getPatientId(), "patient_id"), r.getText());
            var response = ExpandSmartPhrasesResponse.newBuilder().setText(expansion.text());
            expansion.phrases().forEach(p -> response.addPhrases(EncounterSmartPhrase.newBuilder().setPhrase(p.phrase()).setValue(p.value())));
            return response.build();
        });
    }

    // ---- mapping ----

    private static int version(int v) {
        if (v < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version the text was loaded at.");
        }
        return v;
    }

    /** A page token is the last row's (started_at, id), opaque to clients. */
    static String token(Cursor c) {
        Instant at = c.startedAt().toInstant();
        String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + c.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<Cursor> cursor(String token) {
        if (token.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return Optional.of(new Cursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), UUID.fromString(parts[2])));
        } catch (RuntimeException e) {
            throw DomainException.InvalidInput.of("page.page_token", "The page token is not valid; start from the first page.");
        }
    }

    static EncounterSummary toProto(Summary s) {
        var b = EncounterSummary.newBuilder().setId(s.id().toString()).setPatientId(s.patientId().toString())
                .setKind(switch (s.kind()) {
                    case APPOINTMENT -> EncounterKind.ENCOUNTER_KIND_APPOINTMENT;
                    case WALK_IN -> EncounterKind.ENCOUNTER_KIND_WALK_IN;
                    case PHONE -> EncounterKind.ENCOUNTER_KIND_PHONE;
                    case VIDEO -> EncounterKind.ENCOUNTER_KIND_VIDEO;
                })
                .setStatus(switch (s.status()) {
                    case OPEN -> EncounterStatus.ENCOUNTER_STATUS_OPEN;
                    case SIGNED -> EncounterStatus.ENCOUNTER_STATUS_SIGNED;
                    case ENTERED_IN_ERROR -> EncounterStatus.ENCOUNTER_STATUS_ENTERED_IN_ERROR;
                })
                .setStartedAt(ProtoTypes.timestamp(s.startedAt())).setDoctorId(s.doctorId().toString()).setDoctorName(s.doctorName())
                .setAssessmentFirstLine(s.assessmentFirstLine());
        s.reason().ifPresent(b::setReason);
        s.appointmentId().ifPresent(a -> b.setAppointmentId(a.toString()));
        return b.build();
    }

    static EncounterNote toProto(Note n) {
        return EncounterNote.newBuilder().setSubjective(n.text().subjective()).setObjective(n.text().objective())
                .setAssessment(n.text().assessment()).setPlan(n.text().plan()).setVersion(n.version())
                .setUpdatedByName(n.updatedByName()).setUpdatedAt(ProtoTypes.timestamp(n.updatedAt())).build();
    }

    static org.medconnect.proto.chart.v1.Encounter toProto(Encounter e) {
        var b = org.medconnect.proto.chart.v1.Encounter.newBuilder().setSummary(toProto(e.summary())).setNote(toProto(e.note()))
                .setVersion(e.version());
        e.addenda().forEach(a -> b.addAddenda(EncounterAddendum.newBuilder().setId(a.id().toString()).setText(a.text())
                .setWrittenByName(a.writtenByName()).setWrittenAt(ProtoTypes.timestamp(a.writtenAt()))));
        e.signedByName().ifPresent(b::setSignedByName);
        e.signedAt().ifPresent(t -> b.setSignedAt(ProtoTypes.timestamp(t)));
        e.errorReason().ifPresent(b::setErrorReason);
        return b.build();
    }

    static EncounterNoteTemplate toProto(Template t) {
        return EncounterNoteTemplate.newBuilder().setId(t.id().toString()).setName(t.name()).setShortcut(t.shortcut().orElse(""))
                .setSubjective(t.text().subjective()).setObjective(t.text().objective()).setAssessment(t.text().assessment())
                .setPlan(t.text().plan()).setClinicWide(t.ownerId().isEmpty()).setVersion(t.version()).build();
    }
}
