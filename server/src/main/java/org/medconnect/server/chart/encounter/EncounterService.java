package org.medconnect.server.chart.encounter;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.chart.ChartLedger.Change;
import org.medconnect.server.chart.encounter.EncounterModel.Cursor;
import org.medconnect.server.chart.encounter.EncounterModel.Encounter;
import org.medconnect.server.chart.encounter.EncounterModel.Expansion;
import org.medconnect.server.chart.encounter.EncounterModel.Kind;
import org.medconnect.server.chart.encounter.EncounterModel.NewVisit;
import org.medconnect.server.chart.encounter.EncounterModel.Note;
import org.medconnect.server.chart.encounter.EncounterModel.NoteText;
import org.medconnect.server.chart.encounter.EncounterModel.Status;
import org.medconnect.server.chart.encounter.EncounterModel.Summary;
import org.medconnect.server.chart.encounter.EncounterModel.Template;
import org.medconnect.server.chart.encounter.EncounterModel.TemplateInput;
import org.medconnect.server.chart.encounter.EncounterModel.TimelinePage;
import org.medconnect.server.chart.encounter.EncounterRepository.LastChange;
import org.medconnect.server.chart.encounter.EncounterRepository.Locked;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.shared.validation.FieldError;

/**
 * Encounters and their SOAP notes (decision 0030). Every method asks {@link ChartAccess} first,
 * in its own transaction; notes are for doctors with the whole chart. A draft is saved only
 * over the version it was typed on; a signed encounter is locked (here, and by the database's
 * trigger whatever path an update takes); corrections are addenda. The ledger gets a NOTE
 * version on the first save, then at most one per {@link #LEDGER_EVERY} of typing, and one on
 * signing; every save still reaches other viewers as a chart event (V15).
 */
public final class EncounterService {

    /** How often, at most, a draft being typed becomes a version in the chart's history. */
    static final Duration LEDGER_EVERY = Duration.ofMinutes(10);
    static final int MAX_NOTE_PART = 20_000;
    private static final Pattern SHORTCUT = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,29}$");

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    public EncounterService(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    // ---- opening ----

    /**
     * The encounter of an appointment: its own doctor, while in consultation (or checked in /
     * completed today). The same appointment always answers the same encounter.
     */
    public Encounter openForAppointment(Principal caller, UUID appointmentId) {
        UUID id = InsertOnce.insert(dsl, Optional.of(appointmentId), "encounter_appointment_id_key",
                a -> new EncounterRepository(dsl).idByAppointment(a), tx -> {
                    var encounters = new EncounterRepository(tx);
                    var appointment = encounters.appointment(appointmentId)
                            .orElseThrow(() -> new DomainException.NotFound("No appointment with that id."));
                    if (!appointment.doctorId().equals(caller.userId())) {
                        throw new DomainException.PermissionDenied("This appointment is with another doctor.");
                    }
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, appointment.patientId());
                    Optional<UUID> existing = encounters.idByAppointment(appointmentId);
                    if (existing.isPresent()) {
                        return existing.get();
                    }
                    OffsetDateTime now = now();
                    boolean today = appointment.startsAt().atZoneSameInstant(zone).toLocalDate().equals(today());
                    boolean open = switch (appointment.status()) {
                        case "IN_CONSULTATION" -> true;
                        case "CHECKED_IN", "COMPLETED" -> today;
                        default -> false;
                    };
                    if (!open) {
                        throw new DomainException.FailedPrecondition("APPOINTMENT_NOT_STARTED",
                                "Start the consultation first: an encounter opens for a patient in consultation, or checked in or seen today.");
                    }
                    UUID created = encounters.insert(appointment.patientId(), caller.userId(), Optional.of(appointmentId),
                            Kind.APPOINTMENT, appointment.reason().filter(r -> !r.isBlank()), Optional.empty(), now);
                    ledgerOpened(tx, appointment.patientId(), created, Kind.APPOINTMENT, appointment.reason().orElse(""), caller, now);
                    return created;
                }, e -> e);
        return get(caller, id);
    }

    /** A walk-in, phone or video visit without an appointment; a retry with the same request id answers the first. */
    public Encounter openVisit(Principal caller, NewVisit visit) {
        Optional<UUID> earlier = new EncounterRepository(dsl).idByRequestId(visit.requestId());
        if (earlier.isPresent()) {
            return get(caller, earlier.get());
        }
        if (visit.kind() == Kind.APPOINTMENT) {
            throw DomainException.InvalidInput.of("kind", "Choose walk-in, phone or video; a consultation opens from its appointment.");
        }
        String reason = visit.reason().strip();
        if (reason.isEmpty() || reason.length() > 500) {
            throw DomainException.InvalidInput.of("reason", reason.isEmpty() ? "Say why the patient is seen." : "Keep the reason under 500 characters.");
        }
        UUID id = InsertOnce.insert(dsl, Optional.of(visit.requestId()), "encounter_request_id_key",
                r -> new EncounterRepository(dsl).idByRequestId(r), tx -> {
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, visit.patientId());
                    OffsetDateTime now = now();
                    UUID created = new EncounterRepository(tx).insert(visit.patientId(), caller.userId(), Optional.empty(), visit.kind(),
                            Optional.of(reason), Optional.of(visit.requestId()), now);
                    ledgerOpened(tx, visit.patientId(), created, visit.kind(), reason, caller, now);
                    return created;
                }, e -> e);
        return get(caller, id);
    }

    // ---- reading ----

    /** One page of the patient's timeline, newest first. */
    public TimelinePage timeline(Principal caller, UUID patientId, int size, Optional<Cursor> after) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, patientId);
            List<Summary> rows = new EncounterRepository(cfg.dsl()).timeline(patientId, after, size + 1);
            if (rows.size() <= size) {
                return new TimelinePage(rows, Optional.empty());
            }
            List<Summary> page = rows.subList(0, size);
            Summary last = page.getLast();
            return new TimelinePage(List.copyOf(page), Optional.of(new Cursor(last.startedAt(), last.id())));
        });
    }

    public Encounter get(Principal caller, UUID encounterId) {
        return dsl.transactionResult(cfg -> {
            var encounters = new EncounterRepository(cfg.dsl());
            Locked e = encounters.peek(encounterId).orElseThrow(EncounterService::noEncounter);
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, e.patientId());
            return read(encounters, encounterId);
        });
    }

    // ---- writing the note ----

    /** Autosave: the note as typed, over the version it was typed on. */
    public Note saveDraft(Principal caller, UUID encounterId, NoteText text, int expectedVersion) {
        validate(text);
        try {
            return dsl.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                var encounters = new EncounterRepository(tx);
                Locked e = encounters.peek(encounterId).orElseThrow(EncounterService::noEncounter);
                ChartAccess.in(tx, clock, zone).requireFullChart(caller, e.patientId());
                requireAuthor(caller, e);
                requireOpen(e.status());
                OffsetDateTime now = now();
                int version = encounters.updateNote(encounterId, text, expectedVersion, caller.userId(), now)
                        .orElseThrow(() -> staleNote(encounters, encounterId, now));
                boolean ledgerDue = encounters.noteLastLedgered(encounterId).map(at -> !at.plus(LEDGER_EVERY).isAfter(now)).orElse(true);
                if (ledgerDue) {
                    ChartLedger.in(tx).record(new Change(e.patientId(), "NOTE", encounterId, version, "UPDATED", caller.userId(), now,
                            noteFields(text)));
                }
                return encounters.note(encounterId);
            });
        } catch (DataAccessException ex) {
            throw lockedOr(ex);
        }
    }

    /** Signs the note the doctor read (at {@code expectedNoteVersion}) and locks the encounter. */
    public Encounter sign(Principal caller, UUID encounterId, int expectedNoteVersion) {
        try {
            return dsl.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                var encounters = new EncounterRepository(tx);
                Locked e = encounters.lock(encounterId).orElseThrow(EncounterService::noEncounter);
                ChartAccess.in(tx, clock, zone).requireFullChart(caller, e.patientId());
                requireAuthor(caller, e);
                requireOpen(e.status());
                OffsetDateTime now = now();
                Note current = encounters.note(encounterId);
                if (current.version() == expectedNoteVersion && current.text().blank()) {
                    throw new DomainException.FailedPrecondition("EMPTY_NOTE", "Write the note before signing it.");
                }
                // The note first: the trigger refuses note updates once the encounter is signed.
                int noteVersion = encounters.touchNote(encounterId, expectedNoteVersion, caller.userId(), now)
                        .orElseThrow(() -> staleNote(encounters, encounterId, now));
                encounters.sign(encounterId, e.version(), caller.userId(), now);
                var ledger = ChartLedger.in(tx);
                ledger.record(new Change(e.patientId(), "NOTE", encounterId, noteVersion, "SIGNED", caller.userId(), now,
                        noteFields(current.text())));
                ledger.record(new Change(e.patientId(), "ENCOUNTER", encounterId, e.version() + 1, "SIGNED", caller.userId(), now,
                        ChartLedger.fields(ordered("Status", "Signed", "Signed by", caller.displayName()))));
                return read(encounters, encounterId);
            });
        } catch (DataAccessException ex) {
            throw lockedOr(ex);
        }
    }

    /** A signed addendum: the one way to correct or complete a signed encounter. */
    public Encounter addAddendum(Principal caller, UUID encounterId, String text, UUID requestId) {
        Optional<UUID> earlier = new EncounterRepository(dsl).encounterOfAddendumRequest(requestId);
        if (earlier.isPresent()) {
            return get(caller, earlier.get());
        }
        String body = text.strip();
        if (body.isEmpty() || body.length() > MAX_NOTE_PART) {
            throw DomainException.InvalidInput.of("text", body.isEmpty() ? "Write the addendum." : "Keep the addendum under 20,000 characters.");
        }
        UUID id = InsertOnce.insert(dsl, Optional.of(requestId), "encounter_addendum_request_id_key",
                r -> new EncounterRepository(dsl).encounterOfAddendumRequest(r), tx -> {
                    var encounters = new EncounterRepository(tx);
                    Locked e = encounters.lock(encounterId).orElseThrow(EncounterService::noEncounter);
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, e.patientId());
                    if (e.status() != Status.SIGNED) {
                        throw new DomainException.FailedPrecondition(e.status() == Status.OPEN ? "NOT_SIGNED" : "ENTERED_IN_ERROR",
                                e.status() == Status.OPEN ? "Addenda are for signed encounters; this note is still open to edit."
                                        : "This encounter was entered in error.");
                    }
                    OffsetDateTime now = now();
                    UUID addendum = encounters.insertAddendum(encounterId, e.patientId(), body, caller.userId(), now, requestId);
                    ChartLedger.in(tx).record(new Change(e.patientId(), "ADDENDUM", addendum, 1, "ADDENDUM", caller.userId(), now,
                            ChartLedger.fields(ordered("Addendum", body, "Written by", caller.displayName()))));
                    return encounterId;
                }, e -> e);
        return get(caller, id);
    }

    /** Marks an encounter entered in error (wrong patient, duplicate); nothing is deleted. */
    public Encounter markEnteredInError(Principal caller, UUID encounterId, String reason, int expectedVersion) {
        String why = reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw DomainException.InvalidInput.of("reason", why.isEmpty() ? "Say why this encounter is in error." : "Keep the reason under 500 characters.");
        }
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var encounters = new EncounterRepository(tx);
            Locked e = encounters.peek(encounterId).orElseThrow(EncounterService::noEncounter);
            ChartAccess.in(tx, clock, zone).requireFullChart(caller, e.patientId());
            requireAuthor(caller, e);
            OffsetDateTime now = now();
            if (encounters.markEnteredInError(encounterId, why, expectedVersion, caller.userId(), now) == 0) {
                Locked after = encounters.peek(encounterId).orElseThrow(EncounterService::noEncounter);
                if (after.status() == Status.ENTERED_IN_ERROR && after.version() == expectedVersion) {
                    throw new DomainException.FailedPrecondition("ENTERED_IN_ERROR", "This encounter is already marked entered in error.");
                }
                LastChange last = encounters.encounterLastChange(encounterId);
                throw ChartLedger.staleEdit(last.name(), last.at(), now, zone);
            }
            ChartLedger.in(tx).record(new Change(e.patientId(), "ENCOUNTER", encounterId, expectedVersion + 1, "ENTERED_IN_ERROR",
                    caller.userId(), now, ChartLedger.fields(ordered("Status", "Entered in error", "Reason", why))));
            return read(encounters, encounterId);
        });
    }

    // ---- templates ----

    /** Clinic-wide templates, and a doctor's own. */
    public List<Template> templates(Principal caller) {
        return new NoteTemplateRepository(dsl).visible(caller.role() == Role.DOCTOR ? Optional.of(caller.userId()) : Optional.empty());
    }

    /** Creates or edits a template: admins the clinic-wide ones, doctors their own. */
    public Template saveTemplate(Principal caller, TemplateInput input) {
        Optional<UUID> owner = owner(caller);
        String name = input.name().strip();
        Optional<String> shortcut = input.shortcut().map(String::strip).filter(s -> !s.isEmpty()).map(String::toLowerCase);
        validateTemplate(name, shortcut, input.text());
        if (input.id().isEmpty()) {
            UUID requestId = input.requestId().orElseThrow(() -> DomainException.InvalidInput.of("request_id", "This id is missing."));
            UUID id = InsertOnce.insert(dsl, input.requestId(), "note_template_request_id_key",
                    r -> new NoteTemplateRepository(dsl).idByRequestId(r),
                    tx -> new NoteTemplateRepository(tx).insert(owner, name, shortcut, input.text(), caller.userId(), now(), requestId),
                    EncounterService::templateConflict);
            return template(caller, id);
        }
        UUID id = input.id().get();
        try {
            dsl.transaction(cfg -> {
                var templates = new NoteTemplateRepository(cfg.dsl());
                Template t = templates.active(id).filter(x -> x.ownerId().equals(owner)).orElseThrow(EncounterService::noTemplate);
                OffsetDateTime now = now();
                if (templates.update(t.id(), name, shortcut, input.text(), input.expectedVersion(), caller.userId(), now) == 0) {
                    LastChange last = templates.lastChange(id);
                    throw ChartLedger.staleEdit(last.name(), last.at(), now, zone);
                }
            });
        } catch (DataAccessException e) {
            throw templateConflict(e);
        }
        return template(caller, id);
    }

    public void retireTemplate(Principal caller, UUID templateId, int expectedVersion) {
        Optional<UUID> owner = owner(caller);
        dsl.transaction(cfg -> {
            var templates = new NoteTemplateRepository(cfg.dsl());
            templates.active(templateId).filter(x -> x.ownerId().equals(owner)).orElseThrow(EncounterService::noTemplate);
            OffsetDateTime now = now();
            if (templates.retire(templateId, expectedVersion, caller.userId(), now) == 0) {
                LastChange last = templates.lastChange(templateId);
                throw ChartLedger.staleEdit(last.name(), last.at(), now, zone);
            }
        });
    }

    // ---- smart phrases ----

    /** The text with its smart phrases replaced by the patient's live data (of the encounter's patient when one is given). */
    public Expansion expand(Principal caller, Optional<UUID> encounterId, Optional<UUID> patientId, String text) {
        if (text.length() > MAX_NOTE_PART) {
            throw DomainException.InvalidInput.of("text", "Keep the text under 20,000 characters.");
        }
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            UUID patient = encounterId.isPresent()
                    ? new EncounterRepository(tx).peek(encounterId.get()).orElseThrow(EncounterService::noEncounter).patientId()
                    : patientId.orElseThrow(() -> DomainException.InvalidInput.of("patient_id", "Name the encounter or the patient."));
            ChartAccess.in(tx, clock, zone).requireFullChart(caller, patient);
            return SmartPhrases.expand(text, SmartPhrases.values(new SmartPhraseRepository(tx), patient, zone));
        });
    }

    // ---- helpers ----

    private Encounter read(EncounterRepository encounters, UUID id) {
        Record r = encounters.encounter(id).orElseThrow(EncounterService::noEncounter);
        return new Encounter(EncounterRepository.summary(r), encounters.note(id), encounters.addenda(id), r.get("version", Integer.class),
                Optional.ofNullable(r.get("signed_by_name", String.class)), Optional.ofNullable(r.get("signed_at", OffsetDateTime.class)),
                Optional.ofNullable(r.get("error_reason", String.class)));
    }

    private Template template(Principal caller, UUID id) {
        return new NoteTemplateRepository(dsl).active(id).orElseThrow(EncounterService::noTemplate);
    }

    private void ledgerOpened(DSLContext tx, UUID patientId, UUID id, Kind kind, String reason, Principal caller, OffsetDateTime now) {
        ChartLedger.in(tx).record(new Change(patientId, "ENCOUNTER", id, 1, "CREATED", caller.userId(), now,
                ChartLedger.fields(ordered("Kind", words(kind.name()), "Reason", reason, "Doctor", caller.displayName(), "Status", "Open"))));
    }

    private DomainException staleNote(EncounterRepository encounters, UUID encounterId, OffsetDateTime now) {
        LastChange last = encounters.noteLastChange(encounterId);
        return ChartLedger.staleEdit(last.name(), last.at(), now, zone);
    }

    private static void requireAuthor(Principal caller, Locked e) {
        if (!e.doctorId().equals(caller.userId())) {
            throw new DomainException.PermissionDenied("Only the encounter's own doctor writes and signs its note; add an addendum once it is signed.");
        }
    }

    private static void requireOpen(Status status) {
        switch (status) {
            case OPEN -> { }
            case SIGNED -> throw signed();
            case ENTERED_IN_ERROR -> throw new DomainException.FailedPrecondition("ENTERED_IN_ERROR", "This encounter was entered in error.");
        }
    }

    private static DomainException signed() {
        return new DomainException.FailedPrecondition("SIGNED", "This encounter is signed and locked; add an addendum instead.");
    }

    /** The database's lock on signed notes (V15) reads as the same refusal the service gives. */
    private static RuntimeException lockedOr(DataAccessException e) {
        return e.getMessage() != null && e.getMessage().contains("encounter_note_locked") ? signed() : e;
    }

    private static Optional<UUID> owner(Principal caller) {
        return switch (caller.role()) {
            case ADMIN -> Optional.empty();
            case DOCTOR -> Optional.of(caller.userId());
            default -> throw new DomainException.PermissionDenied("Note templates are for doctors and admins.");
        };
    }

    private static void validate(NoteText text) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> parts = ordered("subjective", text.subjective(), "objective", text.objective(),
                "assessment", text.assessment(), "plan", text.plan());
        parts.forEach((field, value) -> {
            if (value.length() > MAX_NOTE_PART) {
                errors.add(new FieldError(field, "Keep each part of the note under 20,000 characters."));
            }
        });
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
    }

    private static void validateTemplate(String name, Optional<String> shortcut, NoteText text) {
        List<FieldError> errors = new ArrayList<>();
        if (name.isEmpty() || name.length() > 80) {
            errors.add(new FieldError("name", name.isEmpty() ? "Give the template a name." : "Keep the name under 80 characters."));
        }
        if (shortcut.isPresent() && !SHORTCUT.matcher(shortcut.get()).matches()) {
            errors.add(new FieldError("shortcut", "A shortcut is 1 to 30 letters, digits, '-' or '_', starting with a letter or digit."));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
        validate(text);
    }

    private static RuntimeException templateConflict(DataAccessException e) {
        Optional<String> c = Constraints.violated(e, Constraints.UNIQUE_VIOLATION);
        if (c.filter("note_template_name_idx"::equals).isPresent()) {
            return new DomainException.Conflict("name", "A template with this name already exists.");
        }
        if (c.filter("note_template_shortcut_idx"::equals).isPresent()) {
            return new DomainException.Conflict("shortcut", "Another template already uses this shortcut.");
        }
        return e;
    }

    private static List<ChartLedger.Field> noteFields(NoteText text) {
        return ChartLedger.fields(ordered("Subjective", text.subjective(), "Objective", text.objective(),
                "Assessment", text.assessment(), "Plan", text.plan()));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static String words(String upperSnake) {
        String s = upperSnake.replace('_', '-').toLowerCase();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static DomainException noEncounter() {
        return new DomainException.NotFound("No encounter with that id.");
    }

    private static DomainException noTemplate() {
        return new DomainException.NotFound("No such template.");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
