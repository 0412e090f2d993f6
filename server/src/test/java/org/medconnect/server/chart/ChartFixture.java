package org.medconnect.server.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.testing.SchedulingFixture;

/** Chart facts written straight into the tables, as the chart parts would: appointments, entries and their ledger versions. */
final class ChartFixture {

    private final DSLContext dsl;
    private final UUID location;
    private final UUID type;
    private int references;

    ChartFixture(DSLContext dsl, SchedulingFixture scheduling) {
        this.dsl = dsl;
        this.location = scheduling.location("Main Street");
        this.type = scheduling.type("Consultation", 20, 0, false, false);
    }

    /** An appointment of this patient with this doctor at {@code at}, in this status. */
    UUID appointment(UUID patient, UUID doctor, Instant at, String status) {
        return dsl.resultQuery("""
                insert into appointment (reference, patient_id, doctor_id, location_id, type_id, starts_at, ends_at, blocks_until, status)
                values (?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?) returning id
                """, "T-" + (++references) + "-" + UUID.randomUUID().toString().substring(0, 6), patient, doctor, location, type,
                odt(at), odt(at.plus(Duration.ofMinutes(20))), odt(at.plus(Duration.ofMinutes(20))), status)
                .fetchSingle(0, UUID.class);
    }

    UUID referral(UUID patient, UUID toDoctor, UUID fromDoctor, Instant at) {
        return dsl.resultQuery("""
                insert into chart_access_grant (patient_id, doctor_id, kind, reason, granted_by, starts_at)
                values (?, ?, 'REFERRAL', 'Referred for cardiology', ?, ?::timestamptz) returning id
                """, patient, toDoctor, fromDoctor, odt(at)).fetchSingle(0, UUID.class);
    }

    UUID allergy(UUID patient, String substance, String severity, UUID by, Instant at) {
        return dsl.resultQuery("""
                insert into allergy (patient_id, substance, category, reaction, severity, recorded_by, recorded_at, updated_by, updated_at)
                values (?, ?, 'DRUG', 'Hives', ?, ?, ?::timestamptz, ?, ?::timestamptz) returning id
                """, patient, substance, severity, by, odt(at), by, odt(at)).fetchSingle(0, UUID.class);
    }

    void noKnownAllergies(UUID patient, UUID by, Instant at) {
        dsl.query("insert into allergy_review (patient_id, no_known_allergies, updated_by, updated_at) values (?, true, ?, ?::timestamptz)",
                patient, by, odt(at)).execute();
    }

    UUID problem(UUID patient, String code, String title, String status, UUID by, Instant at) {
        return dsl.resultQuery("""
                insert into problem (patient_id, icd10_code, title, status, error_reason, created_by, created_at, updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::timestamptz) returning id
                """, patient, code, title, status, status.equals("ENTERED_IN_ERROR") ? "wrong patient" : null, by, odt(at), by,
                odt(at)).fetchSingle(0, UUID.class);
    }

    UUID medication(UUID patient, String name, String status, UUID by, Instant at) {
        return dsl.resultQuery("""
                insert into medication (patient_id, name, strength, dosage, status, stopped_on, stopped_by, created_by, created_at,
                                        updated_by, updated_at)
                values (?, ?, '10 mg', 'once daily', ?, ?::date, ?, ?, ?::timestamptz, ?, ?::timestamptz) returning id
                """, patient, name, status, status.equals("STOPPED") ? odt(at).toLocalDate() : null,
                status.equals("STOPPED") ? by : null, by, odt(at), by, odt(at)).fetchSingle(0, UUID.class);
    }

    UUID vitals(UUID patient, Instant at, Integer systolic, Integer diastolic, Integer pulse, Double weight, UUID by) {
        return dsl.resultQuery("""
                insert into vital_signs (patient_id, measured_at, systolic_mmhg, diastolic_mmhg, pulse_per_min, weight_kg, height_cm,
                                         recorded_by, recorded_at, updated_by, updated_at)
                values (?, ?::timestamptz, ?, ?, ?, ?, 170, ?, ?::timestamptz, ?, ?::timestamptz) returning id
                """, patient, odt(at), systolic, diastolic, pulse, weight, by, odt(at), by, odt(at)).fetchSingle(0, UUID.class);
    }

    UUID encounter(UUID patient, UUID doctor, Instant at, String status) {
        return dsl.resultQuery("""
                insert into encounter (patient_id, doctor_id, kind, status, started_at, signed_at, signed_by, updated_by, updated_at)
                values (?, ?, 'WALK_IN', ?, ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz) returning id
                """, patient, doctor, status, odt(at), status.equals("SIGNED") ? odt(at) : null,
                status.equals("SIGNED") ? doctor : null, doctor, odt(at)).fetchSingle(0, UUID.class);
    }

    /** One ledger version in its own transaction, as a chart part's change would commit it. */
    void version(UUID patient, String kind, UUID entry, int version, String change, UUID by, Instant at, List<ChartLedger.Field> fields) {
        dsl.transaction(cfg -> ChartLedger.in(cfg.dsl()).record(new ChartLedger.Change(patient, kind, entry, version, change, by,
                odt(at), fields)));
    }

    static OffsetDateTime odt(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
