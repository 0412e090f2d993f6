package org.medconnect.server.chart.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.medconnect.server.chart.plan.PlanModel.CarePlan;
import org.medconnect.server.chart.plan.PlanModel.CarePlanStatus;
import org.medconnect.server.chart.plan.PlanModel.FollowUp;
import org.medconnect.server.chart.plan.PlanModel.FollowUpStatus;
import org.medconnect.server.chart.plan.PlanModel.LastChange;
import org.medconnect.server.chart.plan.PlanModel.LetterFacts;
import org.medconnect.server.chart.plan.PlanModel.Referral;
import org.medconnect.server.chart.plan.PlanModel.ReferralStatus;
import org.medconnect.server.chart.plan.PlanModel.Urgency;

/**
 * Care plan, referral and follow-up rows (V13, V20), with the names lists show. Every edit is
 * {@code update ... where id = ? and version = ?}: zero rows means someone else got there first.
 */
final class PlanRepository {

    private static final String CARE_PLAN = """
            select c.*, cb.display_name as created_by_name, ub.display_name as updated_by_name
              from care_plan c
              join staff_user cb on cb.id = c.created_by
              join staff_user ub on ub.id = c.updated_by
            """;

    private static final String REFERRAL = """
            select r.id, r.patient_id, r.from_doctor_id, r.to_doctor_id, r.to_external, r.reason, r.urgency, r.status,
                   r.version, r.created_at, r.updated_at, r.grant_id, r.letter_pdf is not null as has_letter,
                   p.given_name || ' ' || p.family_name as patient_name, p.mrn,
                   f.display_name as from_name, t.display_name as to_name
              from referral r
              join patient p on p.id = r.patient_id
              join staff_user f on f.id = r.from_doctor_id
              left join staff_user t on t.id = r.to_doctor_id
            """;

    private static final String FOLLOW_UP = """
            select u.*, p.given_name || ' ' || p.family_name as patient_name, p.mrn, p.phone, d.display_name as doctor_name
              from follow_up u
              join patient p on p.id = u.patient_id
              join staff_user d on d.id = u.doctor_id
            """;

    private final DSLContext dsl;

    PlanRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // ---- care plans

    Optional<UUID> carePlanByRequestId(UUID requestId) {
        return idByRequestId("care_plan", requestId);
    }

    UUID insertCarePlan(Optional<UUID> requestId, UUID patientId, String title, String details, UUID by, OffsetDateTime now) {
        return dsl.resultQuery("""
                insert into care_plan (patient_id, title, details, created_by, created_at, updated_by, updated_at, request_id)
                values (?, ?, ?, ?, ?::timestamptz, ?, ?::timestamptz, ?) returning id
                """, patientId, title, details, by, now, by, now, requestId.orElse(null)).fetchSingle(0, UUID.class);
    }

    Optional<CarePlan> carePlan(UUID id) {
        return dsl.resultQuery(CARE_PLAN + " where c.id = ?", id).fetchOptional(PlanRepository::carePlan);
    }

    List<CarePlan> carePlansOf(UUID patientId) {
        return dsl.resultQuery(CARE_PLAN + """
                 where c.patient_id = ?
                 order by case c.status when 'ACTIVE' then 0 when 'COMPLETED' then 1 else 2 end, c.created_at desc
                """, patientId).fetch(PlanRepository::carePlan);
    }

    /** Writes the plan as it now is and bumps its version; 0 when the version moved on. */
    int updateCarePlan(UUID id, int expectedVersion, String title, String details, CarePlanStatus status,
                       Optional<String> errorReason, UUID by, OffsetDateTime now) {
        return dsl.query("""
                update care_plan set title = ?, details = ?, status = ?, error_reason = ?, updated_by = ?, updated_at = ?::timestamptz,
                       version = version + 1
                 where id = ? and version = ?
                """, title, details, status.name(), errorReason.orElse(null), by, now, id, expectedVersion).execute();
    }

    // ---- referrals

    Optional<UUID> referralByRequestId(UUID requestId) {
        return idByRequestId("referral", requestId);
    }

    /** A lasting grant for the colleague to open the chart (ChartAccess reads it). */
    UUID insertReferralGrant(UUID patientId, UUID doctorId, String reason, UUID grantedBy, OffsetDateTime now) {
        return dsl.resultQuery("""
                insert into chart_access_grant (patient_id, doctor_id, kind, reason, granted_by, starts_at)
                values (?, ?, 'REFERRAL', ?, ?, ?::timestamptz) returning id
                """, patientId, doctorId, reason, grantedBy, now).fetchSingle(0, UUID.class);
    }

    /** Ends a referral's grant from now on. */
    void endGrant(UUID grantId, OffsetDateTime now) {
        dsl.query("update chart_access_grant set expires_at = greatest(?::timestamptz, starts_at + interval '1 microsecond') where id = ? and expires_at is null",
                now, grantId).execute();
    }

    UUID insertReferral(Optional<UUID> requestId, UUID patientId, UUID fromDoctorId, Optional<UUID> toDoctorId,
                        Optional<String> toExternal, String reason, Urgency urgency, Optional<UUID> grantId, OffsetDateTime now) {
        return dsl.resultQuery("""
                insert into referral (patient_id, from_doctor_id, to_doctor_id, to_external, reason, urgency, grant_id,
                                      created_by, created_at, updated_by, updated_at, request_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::timestamptz, ?) returning id
                """, patientId, fromDoctorId, toDoctorId.orElse(null), toExternal.orElse(null), reason, urgency.name(),
                grantId.orElse(null), fromDoctorId, now, fromDoctorId, now, requestId.orElse(null)).fetchSingle(0, UUID.class);
    }

    void storeLetter(UUID referralId, byte[] pdf) {
        dsl.query("update referral set letter_pdf = ? where id = ?", pdf, referralId).execute();
    }

    Optional<byte[]> letter(UUID referralId) {
        return dsl.resultQuery("select letter_pdf from referral where id = ? and letter_pdf is not null", referralId)
                .fetchOptional(0, byte[].class);
    }

    Optional<Referral> referral(UUID id) {
        return dsl.resultQuery(REFERRAL + " where r.id = ?", id).fetchOptional(PlanRepository::referral);
    }

    Optional<UUID> referralGrant(UUID id) {
        return dsl.resultQuery("select grant_id from referral where id = ?", id).fetchOptional(0, UUID.class);
    }

    List<Referral> referralsOf(UUID patientId) {
        return dsl.resultQuery(REFERRAL + " where r.patient_id = ? order by r.created_at desc", patientId)
                .fetch(PlanRepository::referral);
    }

    List<Referral> openReferralsTo(UUID doctorId, int limit, int offset) {
        return dsl.resultQuery(REFERRAL + """
                 where r.to_doctor_id = ? and r.status in ('SENT', 'ACCEPTED')
                 order by case r.urgency when 'URGENT' then 0 else 1 end, r.created_at, r.id
                 limit ? offset ?
                """, doctorId, limit, offset).fetch(PlanRepository::referral);
    }

    int countOpenReferralsTo(UUID doctorId) {
        return dsl.resultQuery("select count(*) from referral where to_doctor_id = ? and status in ('SENT', 'ACCEPTED')", doctorId)
                .fetchSingle(0, Integer.class);
    }

    int updateReferralStatus(UUID id, int expectedVersion, ReferralStatus status, UUID by, OffsetDateTime now) {
        return dsl.query("""
                update referral set status = ?, updated_by = ?, updated_at = ?::timestamptz, version = version + 1
                 where id = ? and version = ?
                """, status.name(), by, now, id, expectedVersion).execute();
    }

    /** An active doctor's display name. */
    Optional<String> activeDoctorName(UUID id) {
        return dsl.resultQuery("select display_name from staff_user where id = ? and role = 'DOCTOR' and active", id)
                .fetchOptional(0, String.class);
    }

    /** Everything a referral letter prints, read in the referral's transaction. */
    LetterFacts letterFacts(UUID patientId, UUID doctorId) {
        Record clinic = dsl.resultQuery("select clinic_name, address, phone from billing_profile limit 1").fetchOne();
        Record patient = dsl.resultQuery("""
                select given_name || ' ' || family_name as name, date_of_birth, mrn from patient where id = ?
                """, patientId).fetchSingle();
        String doctor = dsl.resultQuery("select display_name from staff_user where id = ?", doctorId).fetchSingle(0, String.class);
        List<String> problems = dsl.resultQuery("""
                select coalesce(icd10_code || '  ', '') || title || coalesce(' (since ' || to_char(onset_date, 'DD/MM/YYYY') || ')', '')
                  from problem where patient_id = ? and status = 'ACTIVE' order by onset_date nulls last, title
                """, patientId).fetch(0, String.class);
        List<String> medications = dsl.resultQuery("""
                select concat_ws(' ', name, strength, form) || coalesce(' - ' || nullif(dosage, ''), '')
                  from medication where patient_id = ? and status = 'ACTIVE' order by name
                """, patientId).fetch(0, String.class);
        List<String> allergies = dsl.resultQuery("""
                select substance || ' (' || lower(severity) || ')' || coalesce(': ' || nullif(reaction, ''), '')
                  from allergy where patient_id = ? and status = 'ACTIVE' order by substance
                """, patientId).fetch(0, String.class);
        return new LetterFacts(
                clinic == null ? "MedConnect Clinic" : clinic.get(0, String.class),
                clinic == null ? "" : clinic.get(1, String.class),
                clinic == null ? "" : clinic.get(2, String.class),
                doctor, patient.get(0, String.class), patient.get(1, LocalDate.class), patient.get(2, String.class),
                problems, medications, allergies);
    }

    // ---- follow-ups

    Optional<UUID> followUpByRequestId(UUID requestId) {
        return idByRequestId("follow_up", requestId);
    }

    UUID insertFollowUp(Optional<UUID> requestId, UUID patientId, UUID doctorId, LocalDate dueOn, Optional<String> note,
                        OffsetDateTime now) {
        return dsl.resultQuery("""
                insert into follow_up (patient_id, doctor_id, due_on, note, created_by, created_at, updated_by, updated_at, request_id)
                values (?, ?, ?::date, ?, ?, ?::timestamptz, ?, ?::timestamptz, ?) returning id
                """, patientId, doctorId, dueOn, note.orElse(null), doctorId, now, doctorId, now, requestId.orElse(null))
                .fetchSingle(0, UUID.class);
    }

    Optional<FollowUp> followUp(UUID id) {
        return dsl.resultQuery(FOLLOW_UP + " where u.id = ?", id).fetchOptional(PlanRepository::followUp);
    }

    List<FollowUp> openFollowUps(int limit, int offset) {
        return dsl.resultQuery(FOLLOW_UP + " where u.status = 'OPEN' order by u.due_on, u.created_at, u.id limit ? offset ?",
                limit, offset).fetch(PlanRepository::followUp);
    }

    int countOpenFollowUps() {
        return dsl.resultQuery("select count(*) from follow_up where status = 'OPEN'").fetchSingle(0, Integer.class);
    }

    List<FollowUp> followUpsOf(UUID patientId, int limit, int offset) {
        return dsl.resultQuery(FOLLOW_UP + """
                 where u.patient_id = ?
                 order by case u.status when 'OPEN' then 0 else 1 end, u.due_on desc, u.id limit ? offset ?
                """, patientId, limit, offset).fetch(PlanRepository::followUp);
    }

    int countFollowUpsOf(UUID patientId) {
        return dsl.resultQuery("select count(*) from follow_up where patient_id = ?", patientId).fetchSingle(0, Integer.class);
    }

    int updateFollowUp(UUID id, int expectedVersion, FollowUpStatus status, Optional<UUID> appointmentId,
                       Optional<String> dismissReason, UUID by, OffsetDateTime now) {
        return dsl.query("""
                update follow_up set status = ?, appointment_id = ?, dismiss_reason = ?, updated_by = ?, updated_at = ?::timestamptz,
                       version = version + 1
                 where id = ? and version = ?
                """, status.name(), appointmentId.orElse(null), dismissReason.orElse(null), by, now, id, expectedVersion).execute();
    }

    /** The patient an appointment is for, if the appointment exists. */
    Optional<UUID> appointmentPatient(UUID appointmentId) {
        return dsl.resultQuery("select patient_id from appointment where id = ?", appointmentId).fetchOptional(0, UUID.class);
    }

    String patientName(UUID patientId) {
        return dsl.resultQuery("select given_name || ' ' || family_name from patient where id = ?", patientId)
                .fetchSingle(0, String.class);
    }

    // ---- shared

    /** Who last changed a row of one of this feature's tables. */
    Optional<LastChange> lastChange(String table, UUID id) {
        if (!List.of("care_plan", "referral", "follow_up").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        return dsl.resultQuery("select s.display_name, t.updated_at from " + table + " t join staff_user s on s.id = t.updated_by where t.id = ?", id)
                .fetchOptional(r -> new LastChange(r.get(0, String.class), r.get(1, OffsetDateTime.class)));
    }

    private Optional<UUID> idByRequestId(String table, UUID requestId) {
        return dsl.resultQuery("select id from " + table + " where request_id = ?", requestId).fetchOptional(0, UUID.class);
    }

    private static CarePlan carePlan(Record r) {
        return new CarePlan(r.get("id", UUID.class), r.get("patient_id", UUID.class), r.get("title", String.class),
                r.get("details", String.class), CarePlanStatus.valueOf(r.get("status", String.class)),
                Optional.ofNullable(r.get("error_reason", String.class)), r.get("version", Integer.class),
                r.get("created_by_name", String.class), r.get("created_at", OffsetDateTime.class),
                r.get("updated_by_name", String.class), r.get("updated_at", OffsetDateTime.class));
    }

    private static Referral referral(Record r) {
        return new Referral(r.get("id", UUID.class), r.get("patient_id", UUID.class), r.get("patient_name", String.class),
                r.get("mrn", String.class), r.get("from_doctor_id", UUID.class), r.get("from_name", String.class),
                Optional.ofNullable(r.get("to_doctor_id", UUID.class)), Optional.ofNullable(r.get("to_name", String.class)),
                Optional.ofNullable(r.get("to_external", String.class)), r.get("reason", String.class),
                Urgency.valueOf(r.get("urgency", String.class)), ReferralStatus.valueOf(r.get("status", String.class)),
                r.get("version", Integer.class), r.get("created_at", OffsetDateTime.class), r.get("updated_at", OffsetDateTime.class),
                r.get("has_letter", Boolean.class));
    }

    private static FollowUp followUp(Record r) {
        return new FollowUp(r.get("id", UUID.class), r.get("patient_id", UUID.class), r.get("patient_name", String.class),
                r.get("mrn", String.class), Optional.ofNullable(r.get("phone", String.class)), r.get("doctor_id", UUID.class),
                r.get("doctor_name", String.class), r.get("due_on", LocalDate.class), Optional.ofNullable(r.get("note", String.class)),
                FollowUpStatus.valueOf(r.get("status", String.class)), Optional.ofNullable(r.get("appointment_id", UUID.class)),
                Optional.ofNullable(r.get("dismiss_reason", String.class)), r.get("version", Integer.class),
                r.get("created_at", OffsetDateTime.class));
    }
}
