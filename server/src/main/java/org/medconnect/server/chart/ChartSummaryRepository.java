package org.medconnect.server.chart;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.medconnect.server.chart.ChartModel.Admission;
import org.medconnect.server.chart.ChartModel.AllergyItem;
import org.medconnect.server.chart.ChartModel.MedicationItem;
import org.medconnect.server.chart.ChartModel.NextAppointment;
import org.medconnect.server.chart.ChartModel.OpenEncounter;
import org.medconnect.server.chart.ChartModel.ProblemItem;
import org.medconnect.server.chart.ChartModel.VitalsRow;

/**
 * Reads what the chart summary shows straight from the chart parts' V13 tables. Every query
 * walks one patient's index and stops at a limit, so a patient with a long history (1,000
 * encounters, 3,000 vitals) costs the same as a new one.
 */
final class ChartSummaryRepository {

    /** Most problems and medications a summary lists; the pages list the rest. */
    static final int LIST_LIMIT = 50;

    private final DSLContext dsl;

    ChartSummaryRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The patient's name, MRN, birth date, sex, blood group and language. */
    Optional<Record> patient(UUID patientId) {
        return dsl.resultQuery("""
                select id, given_name, family_name, mrn, date_of_birth, sex, blood_group, preferred_language
                  from patient where id = ?
                """, patientId).fetchOptional();
    }

    /** The last committed chart event number. */
    long lastSequence() {
        return dsl.resultQuery("select last_seq from chart_event_clock").fetchSingle(0, Long.class);
    }

    /** Active allergies, most severe first. */
    List<AllergyItem> activeAllergies(UUID patientId) {
        return dsl.resultQuery("""
                select id, substance, severity, reaction from allergy
                 where patient_id = ? and status = 'ACTIVE'
                 order by case severity when 'SEVERE' then 0 when 'MODERATE' then 1 when 'UNKNOWN' then 2 else 3 end,
                          lower(substance)
                 limit ?
                """, patientId, LIST_LIMIT).fetch(r -> new AllergyItem(r.get(0, UUID.class), r.get(1, String.class),
                r.get(2, String.class), Optional.ofNullable(r.get(3, String.class)).filter(s -> !s.isBlank())));
    }

    /** Whether "no known allergies" was recorded (empty: nobody has asked). */
    Optional<Boolean> noKnownAllergies(UUID patientId) {
        return dsl.resultQuery("select no_known_allergies from allergy_review where patient_id = ?", patientId)
                .fetchOptional(0, Boolean.class);
    }

    List<ProblemItem> activeProblems(UUID patientId) {
        return dsl.resultQuery("""
                select id, icd10_code, title, onset_date from problem
                 where patient_id = ? and status = 'ACTIVE'
                 order by onset_date desc nulls last, created_at desc
                 limit ?
                """, patientId, LIST_LIMIT).fetch(r -> new ProblemItem(r.get(0, UUID.class),
                Optional.ofNullable(r.get(1, String.class)), r.get(2, String.class),
                Optional.ofNullable(r.get(3, LocalDate.class))));
    }

    List<MedicationItem> currentMedications(UUID patientId) {
        return dsl.resultQuery("""
                select id, name, strength, dosage, started_on from medication
                 where patient_id = ? and status = 'ACTIVE'
                 order by lower(name)
                 limit ?
                """, patientId, LIST_LIMIT).fetch(r -> new MedicationItem(r.get(0, UUID.class), r.get(1, String.class),
                Optional.ofNullable(r.get(2, String.class)), Optional.ofNullable(r.get(3, String.class)),
                Optional.ofNullable(r.get(4, LocalDate.class))));
    }

    /** The newest valid vitals sets, newest first. */
    List<VitalsRow> recentVitals(UUID patientId, int limit) {
        return dsl.resultQuery("""
                select measured_at, systolic_mmhg, diastolic_mmhg, pulse_per_min, temperature_c, respiratory_per_min,
                       spo2_pct, weight_kg, height_cm, bmi
                  from vital_signs
                 where patient_id = ? and status = 'FINAL'
                 order by measured_at desc
                 limit ?
                """, patientId, limit).fetch(r -> new VitalsRow(r.get(0, OffsetDateTime.class),
                Optional.ofNullable(r.get(1, Integer.class)), Optional.ofNullable(r.get(2, Integer.class)),
                Optional.ofNullable(r.get(3, Integer.class)), decimal(r, 4), Optional.ofNullable(r.get(5, Integer.class)),
                Optional.ofNullable(r.get(6, Integer.class)), decimal(r, 7), decimal(r, 8), decimal(r, 9)));
    }

    /** The first appointment still ahead (or under way) that holds time. */
    Optional<NextAppointment> nextAppointment(UUID patientId, OffsetDateTime now) {
        return dsl.resultQuery("""
                select a.id, a.starts_at, d.display_name, a.status
                  from appointment a join staff_user d on d.id = a.doctor_id
                 where a.patient_id = ? and a.ends_at > ?::timestamptz
                   and a.status in ('PENDING', 'CONFIRMED', 'CHECKED_IN', 'IN_CONSULTATION')
                 order by a.starts_at
                 limit 1
                """, patientId, now).fetchOptional(r -> new NextAppointment(r.get(0, UUID.class),
                r.get(1, OffsetDateTime.class), r.get(2, String.class), r.get(3, String.class)));
    }

    Optional<OpenEncounter> openEncounter(UUID patientId) {
        return dsl.resultQuery("""
                select e.id, e.started_at, d.display_name, e.kind
                  from encounter e join staff_user d on d.id = e.doctor_id
                 where e.patient_id = ? and e.status = 'OPEN'
                 order by e.started_at desc
                 limit 1
                """, patientId).fetchOptional(r -> new OpenEncounter(r.get(0, UUID.class), r.get(1, OffsetDateTime.class),
                r.get(2, String.class), r.get(3, String.class)));
    }

    Optional<Admission> currentAdmission(UUID patientId) {
        return dsl.resultQuery("""
                select id, admitted_at, ward, bed from admission where patient_id = ? and status = 'ADMITTED'
                """, patientId).fetchOptional(r -> new Admission(r.get(0, UUID.class), r.get(1, OffsetDateTime.class),
                Optional.ofNullable(r.get(2, String.class)), Optional.ofNullable(r.get(3, String.class))));
    }

    /** When an unexpired grant of this doctor for this patient ends. */
    Optional<OffsetDateTime> grantExpiry(UUID grantId) {
        return dsl.resultQuery("select expires_at from chart_access_grant where id = ?", grantId)
                .fetchOptional(0, OffsetDateTime.class);
    }

    private static Optional<Double> decimal(Record r, int index) {
        return Optional.ofNullable(r.get(index, BigDecimal.class)).map(BigDecimal::doubleValue);
    }
}
