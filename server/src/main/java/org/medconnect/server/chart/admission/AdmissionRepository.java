package org.medconnect.server.chart.admission;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.medconnect.server.chart.admission.AdmissionModel.Admission;
import org.medconnect.server.chart.admission.AdmissionModel.Status;

/**
 * Admission rows (V13) with the names lists show. The unique indexes admission_one_open_idx
 * (one open stay per patient) and admission_bed_idx (one patient per bed) are the guarantee;
 * the service turns their violations into words.
 */
final class AdmissionRepository {

    static final String ONE_OPEN_PER_PATIENT = "admission_one_open_idx";
    static final String ONE_PATIENT_PER_BED = "admission_bed_idx";

    private static final String SELECT = """
            select a.*, p.given_name || ' ' || p.family_name as patient_name, p.mrn, p.date_of_birth,
                   d.display_name as doctor_name, x.display_name as discharged_by_name, u.display_name as updated_by_name
              from admission a
              join patient p on p.id = a.patient_id
              join staff_user d on d.id = a.admitting_doctor_id
              join staff_user u on u.id = a.updated_by
              left join staff_user x on x.id = a.discharged_by
            """;

    private final DSLContext dsl;

    AdmissionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<UUID> byRequestId(UUID requestId) {
        return dsl.resultQuery("select id from admission where request_id = ?", requestId).fetchOptional(0, UUID.class);
    }

    UUID insert(Optional<UUID> requestId, UUID patientId, UUID doctorId, Optional<String> ward, Optional<String> bed, String reason,
                OffsetDateTime now) {
        return insert(requestId, patientId, doctorId, ward, bed, reason, doctorId, now);
    }

    /** {@code by} is who registered it: the admitting doctor, or the receptionist who did it for them. */
    UUID insert(Optional<UUID> requestId, UUID patientId, UUID doctorId, Optional<String> ward, Optional<String> bed, String reason,
                UUID by, OffsetDateTime now) {
        return dsl.resultQuery("""
                insert into admission (patient_id, admitting_doctor_id, ward, bed, reason, admitted_at, created_by, created_at,
                                       updated_by, updated_at, request_id)
                values (?, ?, ?, ?, ?, ?::timestamptz, ?, ?::timestamptz, ?, ?::timestamptz, ?) returning id
                """, patientId, doctorId, ward.orElse(null), bed.orElse(null), reason, now, by, now, by, now,
                requestId.orElse(null)).fetchSingle(0, UUID.class);
    }

    Optional<Admission> find(UUID id) {
        return dsl.resultQuery(SELECT + " where a.id = ?", id).fetchOptional(AdmissionRepository::admission);
    }

    /** The patient's open stay, if any, for a friendly refusal of a second one. */
    Optional<Admission> openStayOf(UUID patientId) {
        return dsl.resultQuery(SELECT + " where a.patient_id = ? and a.status = 'ADMITTED'", patientId)
                .fetchOptional(AdmissionRepository::admission);
    }

    List<Admission> inpatients(int limit, int offset) {
        return dsl.resultQuery(SELECT + """
                 where a.status = 'ADMITTED'
                 order by lower(a.ward) nulls last, lower(a.bed) nulls last, p.family_name, p.given_name, a.id
                 limit ? offset ?
                """, limit, offset).fetch(AdmissionRepository::admission);
    }

    int countInpatients() {
        return dsl.resultQuery("select count(*) from admission where status = 'ADMITTED'").fetchSingle(0, Integer.class);
    }

    List<Admission> dischargesOf(UUID doctorId, int limit, int offset) {
        return dsl.resultQuery(SELECT + """
                 where a.status = 'DISCHARGED' and (a.discharged_by = ? or a.admitting_doctor_id = ?)
                 order by a.discharged_at desc, a.id limit ? offset ?
                """, doctorId, doctorId, limit, offset).fetch(AdmissionRepository::admission);
    }

    /** Every discharge of the clinic, newest first (reception's list). */
    List<Admission> discharges(int limit, int offset) {
        return dsl.resultQuery(SELECT + """
                 where a.status = 'DISCHARGED'
                 order by a.discharged_at desc, a.id limit ? offset ?
                """, limit, offset).fetch(AdmissionRepository::admission);
    }

    int countDischarges() {
        return dsl.resultQuery("select count(*) from admission where status = 'DISCHARGED'").fetchSingle(0, Integer.class);
    }

    boolean isActiveDoctor(UUID userId) {
        return dsl.resultQuery("select 1 from staff_user where id = ? and role = 'DOCTOR' and active", userId).fetchOptional().isPresent();
    }

    boolean patientExists(UUID patientId) {
        return dsl.resultQuery("select 1 from patient where id = ?", patientId).fetchOptional().isPresent();
    }

    /** Who registered the stay and when: reception may undo only its own recent registrations. */
    record Registration(String role, OffsetDateTime at) {}

    Optional<Registration> registration(UUID id) {
        return dsl.resultQuery("""
                select u.role, a.created_at from admission a join staff_user u on u.id = a.created_by where a.id = ?
                """, id).fetchOptional(r -> new Registration(r.get(0, String.class), r.get(1, OffsetDateTime.class)));
    }

    int countDischargesOf(UUID doctorId) {
        return dsl.resultQuery("""
                select count(*) from admission where status = 'DISCHARGED' and (discharged_by = ? or admitting_doctor_id = ?)
                """, doctorId, doctorId).fetchSingle(0, Integer.class);
    }

    List<Admission> ofPatient(UUID patientId) {
        return dsl.resultQuery(SELECT + " where a.patient_id = ? order by a.admitted_at desc", patientId)
                .fetch(AdmissionRepository::admission);
    }

    int discharge(UUID id, int expectedVersion, String summary, UUID by, OffsetDateTime now) {
        return dsl.query("""
                update admission set status = 'DISCHARGED', discharged_at = greatest(?::timestamptz, admitted_at), discharged_by = ?,
                       discharge_summary = ?, updated_by = ?, updated_at = ?::timestamptz, version = version + 1
                 where id = ? and version = ?
                """, now, by, summary, by, now, id, expectedVersion).execute();
    }

    int markEnteredInError(UUID id, int expectedVersion, String reason, UUID by, OffsetDateTime now) {
        // A discharged stay keeps its discharge facts; the status check pairs them with DISCHARGED only,
        // so they are cleared here and stay readable in the chart's history.
        return dsl.query("""
                update admission set status = 'ENTERED_IN_ERROR', error_reason = ?, discharged_at = null, discharged_by = null,
                       discharge_summary = null, updated_by = ?, updated_at = ?::timestamptz, version = version + 1
                 where id = ? and version = ?
                """, reason, by, now, id, expectedVersion).execute();
    }

    private static Admission admission(Record r) {
        return new Admission(r.get("id", UUID.class), r.get("patient_id", UUID.class), r.get("patient_name", String.class),
                r.get("mrn", String.class), r.get("date_of_birth", LocalDate.class), r.get("admitting_doctor_id", UUID.class),
                r.get("doctor_name", String.class), Optional.ofNullable(r.get("ward", String.class)),
                Optional.ofNullable(r.get("bed", String.class)), Optional.of(r.get("reason", String.class)),
                r.get("admitted_at", OffsetDateTime.class), Status.valueOf(r.get("status", String.class)),
                Optional.ofNullable(r.get("discharged_at", OffsetDateTime.class)),
                Optional.ofNullable(r.get("discharged_by_name", String.class)),
                Optional.ofNullable(r.get("discharge_summary", String.class)), Optional.ofNullable(r.get("error_reason", String.class)),
                r.get("version", Integer.class), r.get("updated_by_name", String.class), r.get("updated_at", OffsetDateTime.class));
    }
}
