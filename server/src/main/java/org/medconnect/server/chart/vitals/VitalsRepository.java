package org.medconnect.server.chart.vitals;

import static org.medconnect.server.db.Tables.STAFF_USER;
import static org.medconnect.server.db.Tables.VITAL_SIGNS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.medconnect.server.chart.vitals.VitalsModel.Page;
import org.medconnect.server.chart.vitals.VitalsModel.VitalSet;
import org.medconnect.server.db.tables.StaffUser;
import org.medconnect.shared.chart.VitalSigns.Reading;

/** SQL for vital signs: one row per set, BMI computed by the database. */
final class VitalsRepository {

    static final String REQUEST_ID_CONSTRAINT = "vital_signs_request_id_key";

    private static final StaffUser RECORDER = STAFF_USER.as("recorder");
    private static final StaffUser UPDATER = STAFF_USER.as("updater");

    private final DSLContext dsl;

    VitalsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<UUID> byRequestId(UUID requestId) {
        return dsl.select(VITAL_SIGNS.ID).from(VITAL_SIGNS).where(VITAL_SIGNS.REQUEST_ID.eq(requestId)).fetchOptional(VITAL_SIGNS.ID);
    }

    UUID insert(Optional<UUID> requestId, UUID patientId, OffsetDateTime measuredAt, Reading r, UUID by, OffsetDateTime now) {
        return dsl.insertInto(VITAL_SIGNS)
                .set(VITAL_SIGNS.PATIENT_ID, patientId)
                .set(VITAL_SIGNS.MEASURED_AT, measuredAt)
                .set(VITAL_SIGNS.SYSTOLIC_MMHG, integer(r.systolic()))
                .set(VITAL_SIGNS.DIASTOLIC_MMHG, integer(r.diastolic()))
                .set(VITAL_SIGNS.PULSE_PER_MIN, integer(r.pulse()))
                .set(VITAL_SIGNS.TEMPERATURE_C, r.temperature().orElse(null))
                .set(VITAL_SIGNS.RESPIRATORY_PER_MIN, integer(r.respiratoryRate()))
                .set(VITAL_SIGNS.SPO2_PCT, integer(r.spo2()))
                .set(VITAL_SIGNS.WEIGHT_KG, r.weight().orElse(null))
                .set(VITAL_SIGNS.HEIGHT_CM, r.height().orElse(null))
                .set(VITAL_SIGNS.RECORDED_BY, by).set(VITAL_SIGNS.RECORDED_AT, now)
                .set(VITAL_SIGNS.UPDATED_BY, by).set(VITAL_SIGNS.UPDATED_AT, now)
                .set(VITAL_SIGNS.REQUEST_ID, requestId.orElse(null))
                .returning(VITAL_SIGNS.ID).fetchSingle(VITAL_SIGNS.ID);
    }

    Optional<VitalSet> find(UUID id) {
        return select().where(VITAL_SIGNS.ID.eq(id)).fetchOptional(VitalsRepository::toSet);
    }

    /** Marks a final set entered in error if it is still at {@code expectedVersion}; false when it was not. */
    boolean markEnteredInError(UUID id, int expectedVersion, String reason, UUID by, OffsetDateTime now) {
        return dsl.update(VITAL_SIGNS)
                .set(VITAL_SIGNS.STATUS, "ENTERED_IN_ERROR").set(VITAL_SIGNS.ERROR_REASON, reason)
                .set(VITAL_SIGNS.VERSION, VITAL_SIGNS.VERSION.plus(1))
                .set(VITAL_SIGNS.UPDATED_BY, by).set(VITAL_SIGNS.UPDATED_AT, now)
                .where(VITAL_SIGNS.ID.eq(id).and(VITAL_SIGNS.VERSION.eq(expectedVersion)).and(VITAL_SIGNS.STATUS.eq("FINAL")))
                .execute() == 1;
    }

    /** Newest first; uses the (patient_id, measured_at desc) index. */
    Page page(UUID patientId, Optional<OffsetDateTime> from, Optional<OffsetDateTime> to, boolean includeEnteredInError, int limit,
              int offset) {
        Condition where = range(patientId, from, to, includeEnteredInError);
        int total = dsl.fetchCount(VITAL_SIGNS, where);
        List<VitalSet> items = select().where(where).orderBy(VITAL_SIGNS.MEASURED_AT.desc(), VITAL_SIGNS.ID)
                .limit(limit).offset(offset).fetch(VitalsRepository::toSet);
        return new Page(items, total, offset + items.size() < total);
    }

    /** Every final set in the range, oldest first, for the charts (3,000 sets is one index range scan). */
    List<VitalSet> trend(UUID patientId, Optional<OffsetDateTime> from, Optional<OffsetDateTime> to) {
        return select().where(range(patientId, from, to, false)).orderBy(VITAL_SIGNS.MEASURED_AT, VITAL_SIGNS.ID)
                .fetch(VitalsRepository::toSet);
    }

    private Condition range(UUID patientId, Optional<OffsetDateTime> from, Optional<OffsetDateTime> to, boolean includeEnteredInError) {
        Condition c = VITAL_SIGNS.PATIENT_ID.eq(patientId);
        if (from.isPresent()) {
            c = c.and(VITAL_SIGNS.MEASURED_AT.ge(from.get()));
        }
        if (to.isPresent()) {
            c = c.and(VITAL_SIGNS.MEASURED_AT.lt(to.get()));
        }
        return includeEnteredInError ? c : c.and(VITAL_SIGNS.STATUS.eq("FINAL"));
    }

    private org.jooq.SelectJoinStep<Record> select() {
        return dsl.select(VITAL_SIGNS.asterisk()).select(RECORDER.DISPLAY_NAME.as("recorder_name"), UPDATER.DISPLAY_NAME.as("updater_name"))
                .from(VITAL_SIGNS)
                .join(RECORDER).on(RECORDER.ID.eq(VITAL_SIGNS.RECORDED_BY))
                .join(UPDATER).on(UPDATER.ID.eq(VITAL_SIGNS.UPDATED_BY));
    }

    private static VitalSet toSet(Record r) {
        Reading reading = new Reading(dec(r.get(VITAL_SIGNS.SYSTOLIC_MMHG)), dec(r.get(VITAL_SIGNS.DIASTOLIC_MMHG)),
                dec(r.get(VITAL_SIGNS.PULSE_PER_MIN)), Optional.ofNullable(r.get(VITAL_SIGNS.TEMPERATURE_C)),
                dec(r.get(VITAL_SIGNS.RESPIRATORY_PER_MIN)), dec(r.get(VITAL_SIGNS.SPO2_PCT)),
                Optional.ofNullable(r.get(VITAL_SIGNS.WEIGHT_KG)), Optional.ofNullable(r.get(VITAL_SIGNS.HEIGHT_CM)));
        return new VitalSet(r.get(VITAL_SIGNS.ID), r.get(VITAL_SIGNS.PATIENT_ID), r.get(VITAL_SIGNS.MEASURED_AT), reading,
                Optional.ofNullable(r.get(VITAL_SIGNS.BMI)), "ENTERED_IN_ERROR".equals(r.get(VITAL_SIGNS.STATUS)),
                Optional.ofNullable(r.get(VITAL_SIGNS.ERROR_REASON)), r.get(VITAL_SIGNS.VERSION),
                r.get(DSL.field("recorder_name", String.class)), r.get(VITAL_SIGNS.RECORDED_AT),
                r.get(DSL.field("updater_name", String.class)), r.get(VITAL_SIGNS.UPDATED_AT));
    }

    private static Optional<BigDecimal> dec(Integer i) {
        return Optional.ofNullable(i).map(BigDecimal::valueOf);
    }

    private static Integer integer(Optional<BigDecimal> v) {
        return v.map(BigDecimal::intValueExact).orElse(null);
    }
}
