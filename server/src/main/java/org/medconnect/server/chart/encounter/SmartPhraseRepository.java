package org.medconnect.server.chart.encounter;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Reads the live chart data smart phrases stand for, straight from the chart tables (V13):
 * the latest vitals, current medications, active allergies (or the "no known allergies"
 * statement) and active problems.
 */
final class SmartPhraseRepository {

    /** The latest set of vitals; absent values are null. */
    record Vitals(OffsetDateTime measuredAt, Integer systolic, Integer diastolic, Integer pulse, BigDecimal temperature,
                  Integer respiratory, Integer spo2, BigDecimal weight, BigDecimal height, BigDecimal bmi) {}

    record Medication(String name, Optional<String> strength, Optional<String> form, Optional<String> dosage) {}

    record Allergy(String substance, Optional<String> reaction, String severity) {}

    record Problem(String title, Optional<String> icd10Code) {}

    private final DSLContext tx;

    SmartPhraseRepository(DSLContext tx) {
        this.tx = tx;
    }

    Optional<Vitals> latestVitals(UUID patientId) {
        return tx.fetchOptional("""
                select measured_at, systolic_mmhg, diastolic_mmhg, pulse_per_min, temperature_c, respiratory_per_min, spo2_pct,
                       weight_kg, height_cm, bmi
                from vital_signs where patient_id = ? and status = 'FINAL' order by measured_at desc, recorded_at desc limit 1
                """, patientId).map(r -> new Vitals(r.get("measured_at", OffsetDateTime.class), r.get("systolic_mmhg", Integer.class),
                r.get("diastolic_mmhg", Integer.class), r.get("pulse_per_min", Integer.class), r.get("temperature_c", BigDecimal.class),
                r.get("respiratory_per_min", Integer.class), r.get("spo2_pct", Integer.class), r.get("weight_kg", BigDecimal.class),
                r.get("height_cm", BigDecimal.class), r.get("bmi", BigDecimal.class)));
    }

    List<Medication> currentMedications(UUID patientId) {
        return tx.fetch("select name, strength, form, dosage from medication where patient_id = ? and status = 'ACTIVE' "
                + "order by lower(name)", patientId).map(r -> new Medication(r.get("name", String.class),
                Optional.ofNullable(r.get("strength", String.class)), Optional.ofNullable(r.get("form", String.class)),
                Optional.ofNullable(r.get("dosage", String.class))));
    }

    List<Allergy> activeAllergies(UUID patientId) {
        return tx.fetch("select substance, reaction, severity from allergy where patient_id = ? and status = 'ACTIVE' "
                + "order by lower(substance)", patientId).map(r -> new Allergy(r.get("substance", String.class),
                Optional.ofNullable(r.get("reaction", String.class)), r.get("severity", String.class)));
    }

    /** Whether someone recorded "no known allergies" (empty: nobody has asked yet). */
    Optional<Boolean> noKnownAllergies(UUID patientId) {
        return tx.fetchOptional("select no_known_allergies from allergy_review where patient_id = ?", patientId)
                .map(r -> r.get(0, Boolean.class));
    }

    List<Problem> activeProblems(UUID patientId) {
        return tx.fetch("select title, icd10_code from problem where patient_id = ? and status = 'ACTIVE' order by onset_date nulls last, lower(title)",
                patientId).map(r -> new Problem(r.get("title", String.class), Optional.ofNullable(r.get("icd10_code", String.class))));
    }
}
