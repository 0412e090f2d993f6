package org.medconnect.server.chart.encounter;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.medconnect.server.chart.encounter.EncounterModel.Addendum;
import org.medconnect.server.chart.encounter.EncounterModel.Cursor;
import org.medconnect.server.chart.encounter.EncounterModel.Kind;
import org.medconnect.server.chart.encounter.EncounterModel.Note;
import org.medconnect.server.chart.encounter.EncounterModel.NoteText;
import org.medconnect.server.chart.encounter.EncounterModel.Status;
import org.medconnect.server.chart.encounter.EncounterModel.Summary;

/** Encounters, their notes and addenda (SQL only; the rules are EncounterService's). */
final class EncounterRepository {

    /** The parts of an encounter a change checks, read under a row lock. */
    record Locked(UUID id, UUID patientId, UUID doctorId, Status status, int version) {}

    /** An appointment as OpenEncounter needs it. */
    record AppointmentFacts(UUID id, UUID patientId, UUID doctorId, String status, OffsetDateTime startsAt, Optional<String> reason) {}

    /** Who last saved a row and when, for the "Changed by" message. */
    record LastChange(String name, OffsetDateTime at) {}

    private static final String SUMMARY_COLUMNS = """
            e.id, e.patient_id, e.kind, e.status, e.started_at, e.doctor_id, d.display_name as doctor_name,
            left(split_part(coalesce(n.assessment, ''), E'\\n', 1), 200) as first_line, e.reason, e.appointment_id
            """;

    private final DSLContext tx;

    EncounterRepository(DSLContext tx) {
        this.tx = tx;
    }

    Optional<AppointmentFacts> appointment(UUID appointmentId) {
        return tx.fetchOptional("select id, patient_id, doctor_id, status, starts_at, reason from appointment where id = ?", appointmentId)
                .map(r -> new AppointmentFacts(r.get("id", UUID.class), r.get("patient_id", UUID.class), r.get("doctor_id", UUID.class),
                        r.get("status", String.class), r.get("starts_at", OffsetDateTime.class),
                        Optional.ofNullable(r.get("reason", String.class))));
    }

    Optional<UUID> idByAppointment(UUID appointmentId) {
        return tx.fetchOptional("select id from encounter where appointment_id = ?", appointmentId).map(r -> r.get(0, UUID.class));
    }

    Optional<UUID> idByRequestId(UUID requestId) {
        return tx.fetchOptional("select id from encounter where request_id = ?", requestId).map(r -> r.get(0, UUID.class));
    }

    Optional<UUID> encounterOfAddendumRequest(UUID requestId) {
        return tx.fetchOptional("select encounter_id from encounter_addendum where request_id = ?", requestId).map(r -> r.get(0, UUID.class));
    }

    /** Inserts an encounter and its empty note. */
    UUID insert(UUID patientId, UUID doctorId, Optional<UUID> appointmentId, Kind kind, Optional<String> reason,
                Optional<UUID> requestId, OffsetDateTime now) {
        UUID id = tx.fetchSingle("""
                insert into encounter (patient_id, doctor_id, appointment_id, kind, reason, started_at, updated_by, updated_at, request_id)
                values (?, ?, ?, ?, ?, ?::timestamptz, ?, ?::timestamptz, ?) returning id
                """, patientId, doctorId, appointmentId.orElse(null), kind.name(), reason.orElse(null), now, doctorId, now,
                requestId.orElse(null)).get(0, UUID.class);
        tx.execute("insert into encounter_note (encounter_id, patient_id, updated_by, updated_at) values (?, ?, ?, ?::timestamptz)",
                id, patientId, doctorId, now);
        return id;
    }

    Optional<Locked> lock(UUID encounterId) {
        return tx.fetchOptional("select id, patient_id, doctor_id, status, version from encounter where id = ? for update", encounterId)
                .map(EncounterRepository::locked);
    }

    Optional<Locked> peek(UUID encounterId) {
        return tx.fetchOptional("select id, patient_id, doctor_id, status, version from encounter where id = ?", encounterId)
                .map(EncounterRepository::locked);
    }

    /**
     * One page of a patient's timeline, newest first: one query on encounter_patient_idx
     * (patient_id, started_at desc, id), reading one row more than the page to know if there is another.
     */
    List<Summary> timeline(UUID patientId, Optional<Cursor> after, int limit) {
        String keyset = after.isEmpty() ? "" : " and (e.started_at < ?::timestamptz or (e.started_at = ?::timestamptz and e.id > ?))";
        Object[] binds = after.isEmpty() ? new Object[] {patientId, limit}
                : new Object[] {patientId, after.get().startedAt(), after.get().startedAt(), after.get().id(), limit};
        return tx.fetch("select " + SUMMARY_COLUMNS + """
                from encounter e
                join staff_user d on d.id = e.doctor_id
                left join encounter_note n on n.encounter_id = e.id
                where e.patient_id = ?""" + keyset + " order by e.started_at desc, e.id limit ?", binds)
                .map(EncounterRepository::summary);
    }

    /** The encounter with its signature and error reason; the note and addenda come separately. */
    Optional<Record> encounter(UUID encounterId) {
        return tx.fetchOptional("select " + SUMMARY_COLUMNS + """
                , e.version, s.display_name as signed_by_name, e.signed_at, e.error_reason
                from encounter e
                join staff_user d on d.id = e.doctor_id
                left join encounter_note n on n.encounter_id = e.id
                left join staff_user s on s.id = e.signed_by
                where e.id = ?""", encounterId);
    }

    Note note(UUID encounterId) {
        Record r = tx.fetchSingle("""
                select n.subjective, n.objective, n.assessment, n.plan, n.version, n.updated_by, u.display_name, n.updated_at
                from encounter_note n join staff_user u on u.id = n.updated_by where n.encounter_id = ?
                """, encounterId);
        return new Note(new NoteText(r.get("subjective", String.class), r.get("objective", String.class),
                r.get("assessment", String.class), r.get("plan", String.class)), r.get("version", Integer.class),
                r.get("updated_by", UUID.class), r.get("display_name", String.class), r.get("updated_at", OffsetDateTime.class));
    }

    List<Addendum> addenda(UUID encounterId) {
        return tx.fetch("""
                select a.id, a.text, u.display_name, a.written_at from encounter_addendum a
                join staff_user u on u.id = a.written_by where a.encounter_id = ? order by a.written_at, a.id
                """, encounterId).map(r -> new Addendum(r.get("id", UUID.class), r.get("text", String.class),
                r.get("display_name", String.class), r.get("written_at", OffsetDateTime.class)));
    }

    /** Saves the note if it is still at {@code expectedVersion}; answers the new version, or empty when it was not. */
    Optional<Integer> updateNote(UUID encounterId, NoteText text, int expectedVersion, UUID by, OffsetDateTime now) {
        return tx.fetchOptional("""
                update encounter_note set subjective = ?, objective = ?, assessment = ?, plan = ?, version = version + 1,
                       updated_by = ?, updated_at = ?::timestamptz
                where encounter_id = ? and version = ? returning version
                """, text.subjective(), text.objective(), text.assessment(), text.plan(), by, now, encounterId, expectedVersion)
                .map(r -> r.get(0, Integer.class));
    }

    /** Bumps the note's version without changing its text (the signature is a version of the note). */
    Optional<Integer> touchNote(UUID encounterId, int expectedVersion, UUID by, OffsetDateTime now) {
        return tx.fetchOptional("""
                update encounter_note set version = version + 1, updated_by = ?, updated_at = ?::timestamptz
                where encounter_id = ? and version = ? returning version
                """, by, now, encounterId, expectedVersion).map(r -> r.get(0, Integer.class));
    }

    LastChange noteLastChange(UUID encounterId) {
        return tx.fetchSingle("select u.display_name, n.updated_at from encounter_note n join staff_user u on u.id = n.updated_by "
                + "where n.encounter_id = ?", encounterId).map(r -> new LastChange(r.get(0, String.class), r.get(1, OffsetDateTime.class)));
    }

    LastChange encounterLastChange(UUID encounterId) {
        return tx.fetchSingle("select u.display_name, e.updated_at from encounter e join staff_user u on u.id = e.updated_by "
                + "where e.id = ?", encounterId).map(r -> new LastChange(r.get(0, String.class), r.get(1, OffsetDateTime.class)));
    }

    /** When a NOTE version of this encounter was last written to the ledger. */
    Optional<OffsetDateTime> noteLastLedgered(UUID encounterId) {
        return tx.fetchOptional("select max(changed_at) from chart_entry_history where entry_kind = 'NOTE' and entry_id = ?", encounterId)
                .map(r -> r.get(0, OffsetDateTime.class));
    }

    int sign(UUID encounterId, int expectedVersion, UUID by, OffsetDateTime now) {
        return tx.execute("""
                update encounter set status = 'SIGNED', signed_at = ?::timestamptz, signed_by = ?, version = version + 1, updated_by = ?, updated_at = ?::timestamptz
                where id = ? and version = ? and status = 'OPEN'
                """, now, by, by, now, encounterId, expectedVersion);
    }

    int markEnteredInError(UUID encounterId, String reason, int expectedVersion, UUID by, OffsetDateTime now) {
        return tx.execute("""
                update encounter set status = 'ENTERED_IN_ERROR', error_reason = ?, version = version + 1, updated_by = ?, updated_at = ?::timestamptz
                where id = ? and version = ? and status <> 'ENTERED_IN_ERROR'
                """, reason, by, now, encounterId, expectedVersion);
    }

    UUID insertAddendum(UUID encounterId, UUID patientId, String text, UUID by, OffsetDateTime now, UUID requestId) {
        return tx.fetchSingle("""
                insert into encounter_addendum (encounter_id, patient_id, text, written_by, written_at, request_id)
                values (?, ?, ?, ?, ?::timestamptz, ?) returning id
                """, encounterId, patientId, text, by, now, requestId).get(0, UUID.class);
    }

    static Summary summary(Record r) {
        return new Summary(r.get("id", UUID.class), r.get("patient_id", UUID.class), Kind.valueOf(r.get("kind", String.class)),
                Status.valueOf(r.get("status", String.class)), r.get("started_at", OffsetDateTime.class), r.get("doctor_id", UUID.class),
                r.get("doctor_name", String.class), r.get("first_line", String.class), Optional.ofNullable(r.get("reason", String.class)),
                Optional.ofNullable(r.get("appointment_id", UUID.class)));
    }

    private static Locked locked(Record r) {
        return new Locked(r.get("id", UUID.class), r.get("patient_id", UUID.class), r.get("doctor_id", UUID.class),
                Status.valueOf(r.get("status", String.class)), r.get("version", Integer.class));
    }
}
