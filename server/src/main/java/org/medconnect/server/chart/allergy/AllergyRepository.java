package org.medconnect.server.chart.allergy;

import static org.medconnect.server.db.Tables.ALLERGY;
import static org.medconnect.server.db.Tables.ALLERGY_REVIEW;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.medconnect.server.chart.allergy.AllergyModel.Allergy;
import org.medconnect.server.chart.allergy.AllergyModel.AllergyChange;
import org.medconnect.server.chart.allergy.AllergyModel.Category;
import org.medconnect.server.chart.allergy.AllergyModel.NewAllergy;
import org.medconnect.server.chart.allergy.AllergyModel.Severity;
import org.medconnect.server.chart.allergy.AllergyModel.Status;
import org.medconnect.server.db.tables.StaffUser;

/** SQL for allergies and the "no known allergies" statement. */
final class AllergyRepository {

    static final String REQUEST_ID_CONSTRAINT = "allergy_request_id_key";
    static final String ACTIVE_SUBSTANCE_INDEX = "allergy_active_substance_idx";

    private static final StaffUser RECORDER = STAFF_USER.as("recorder");
    private static final StaffUser UPDATER = STAFF_USER.as("updater");

    private final DSLContext dsl;

    AllergyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Serialises allergy changes of one patient (a new allergy against "no known allergies"). */
    void lockPatient(UUID patientId) {
        dsl.select(PATIENT.ID).from(PATIENT).where(PATIENT.ID.eq(patientId)).forNoKeyUpdate().fetchOptional();
    }

    Optional<UUID> byRequestId(UUID requestId) {
        return dsl.select(ALLERGY.ID).from(ALLERGY).where(ALLERGY.REQUEST_ID.eq(requestId)).fetchOptional(ALLERGY.ID);
    }

    UUID insert(Optional<UUID> requestId, NewAllergy a, Optional<String> code, String substance, Category category, UUID by,
                OffsetDateTime now) {
        return dsl.insertInto(ALLERGY).set(ALLERGY.PATIENT_ID, a.patientId()).set(ALLERGY.SUBSTANCE_CODE, code.orElse(null))
                .set(ALLERGY.SUBSTANCE, substance).set(ALLERGY.CATEGORY, category.name())
                .set(ALLERGY.REACTION, a.reaction().isBlank() ? null : a.reaction().strip())
                .set(ALLERGY.SEVERITY, a.severity().name()).set(ALLERGY.STATUS, a.status().name())
                .set(ALLERGY.ONSET_DATE, a.onset().orElse(null))
                .set(ALLERGY.RECORDED_BY, by).set(ALLERGY.RECORDED_AT, now).set(ALLERGY.UPDATED_BY, by).set(ALLERGY.UPDATED_AT, now)
                .set(ALLERGY.REQUEST_ID, requestId.orElse(null))
                .returning(ALLERGY.ID).fetchSingle(ALLERGY.ID);
    }

    Optional<Allergy> find(UUID id) {
        return select().where(ALLERGY.ID.eq(id)).fetchOptional(AllergyRepository::toAllergy);
    }

    Optional<String> activeWithSubstance(UUID patientId, String substance) {
        return dsl.select(ALLERGY.SUBSTANCE).from(ALLERGY)
                .where(ALLERGY.PATIENT_ID.eq(patientId).and(ALLERGY.STATUS.eq("ACTIVE"))
                        .and(DSL.lower(ALLERGY.SUBSTANCE).eq(substance.toLowerCase(java.util.Locale.ROOT))))
                .fetchOptional(ALLERGY.SUBSTANCE);
    }

    Optional<String> anyActive(UUID patientId) {
        return dsl.select(ALLERGY.SUBSTANCE).from(ALLERGY).where(ALLERGY.PATIENT_ID.eq(patientId).and(ALLERGY.STATUS.eq("ACTIVE")))
                .orderBy(ALLERGY.RECORDED_AT).limit(1).fetchOptional(ALLERGY.SUBSTANCE);
    }

    boolean update(UUID id, int expectedVersion, AllergyChange c, UUID by, OffsetDateTime now) {
        return dsl.update(ALLERGY).set(ALLERGY.CATEGORY, c.category().name())
                .set(ALLERGY.REACTION, c.reaction().isBlank() ? null : c.reaction().strip())
                .set(ALLERGY.SEVERITY, c.severity().name()).set(ALLERGY.STATUS, c.status().name())
                .set(ALLERGY.ONSET_DATE, c.onset().orElse(null))
                .set(ALLERGY.VERSION, ALLERGY.VERSION.plus(1)).set(ALLERGY.UPDATED_BY, by).set(ALLERGY.UPDATED_AT, now)
                .where(ALLERGY.ID.eq(id).and(ALLERGY.VERSION.eq(expectedVersion)).and(ALLERGY.STATUS.ne("ENTERED_IN_ERROR")))
                .execute() == 1;
    }

    boolean markEnteredInError(UUID id, int expectedVersion, String reason, UUID by, OffsetDateTime now) {
        return dsl.update(ALLERGY).set(ALLERGY.STATUS, "ENTERED_IN_ERROR").set(ALLERGY.ERROR_REASON, reason)
                .set(ALLERGY.VERSION, ALLERGY.VERSION.plus(1)).set(ALLERGY.UPDATED_BY, by).set(ALLERGY.UPDATED_AT, now)
                .where(ALLERGY.ID.eq(id).and(ALLERGY.VERSION.eq(expectedVersion)).and(ALLERGY.STATUS.ne("ENTERED_IN_ERROR")))
                .execute() == 1;
    }

    /** Active first, then the rest, newest first within each. */
    List<Allergy> list(UUID patientId, boolean includeEnteredInError) {
        var where = ALLERGY.PATIENT_ID.eq(patientId);
        if (!includeEnteredInError) {
            where = where.and(ALLERGY.STATUS.ne("ENTERED_IN_ERROR"));
        }
        return select().where(where)
                .orderBy(DSL.when(ALLERGY.STATUS.eq("ACTIVE"), 0).when(ALLERGY.STATUS.eq("ENTERED_IN_ERROR"), 2).otherwise(1),
                        ALLERGY.RECORDED_AT.desc(), ALLERGY.ID)
                .fetch(AllergyRepository::toAllergy);
    }

    boolean anyRecorded(UUID patientId) {
        return dsl.fetchExists(ALLERGY, ALLERGY.PATIENT_ID.eq(patientId).and(ALLERGY.STATUS.ne("ENTERED_IN_ERROR")));
    }

    /** The statement row: whether it says "no known allergies", its version, who and when. */
    record Statement(boolean noKnownAllergies, int version, String updatedByName, OffsetDateTime updatedAt) {}

    Optional<Statement> statement(UUID patientId) {
        return dsl.select(ALLERGY_REVIEW.NO_KNOWN_ALLERGIES, ALLERGY_REVIEW.VERSION, STAFF_USER.DISPLAY_NAME, ALLERGY_REVIEW.UPDATED_AT)
                .from(ALLERGY_REVIEW).join(STAFF_USER).on(STAFF_USER.ID.eq(ALLERGY_REVIEW.UPDATED_BY))
                .where(ALLERGY_REVIEW.PATIENT_ID.eq(patientId))
                .fetchOptional(r -> new Statement(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Writes the statement and answers its new version. */
    int saveStatement(UUID patientId, boolean noKnownAllergies, UUID by, OffsetDateTime now) {
        return dsl.insertInto(ALLERGY_REVIEW).set(ALLERGY_REVIEW.PATIENT_ID, patientId)
                .set(ALLERGY_REVIEW.NO_KNOWN_ALLERGIES, noKnownAllergies).set(ALLERGY_REVIEW.UPDATED_BY, by)
                .set(ALLERGY_REVIEW.UPDATED_AT, now)
                .onConflict(ALLERGY_REVIEW.PATIENT_ID).doUpdate()
                .set(ALLERGY_REVIEW.NO_KNOWN_ALLERGIES, noKnownAllergies).set(ALLERGY_REVIEW.VERSION, ALLERGY_REVIEW.VERSION.plus(1))
                .set(ALLERGY_REVIEW.UPDATED_BY, by).set(ALLERGY_REVIEW.UPDATED_AT, now)
                .returning(ALLERGY_REVIEW.VERSION).fetchSingle(ALLERGY_REVIEW.VERSION);
    }

    private org.jooq.SelectJoinStep<Record> select() {
        return dsl.select(ALLERGY.asterisk()).select(RECORDER.DISPLAY_NAME.as("recorder_name"), UPDATER.DISPLAY_NAME.as("updater_name"))
                .from(ALLERGY)
                .join(RECORDER).on(RECORDER.ID.eq(ALLERGY.RECORDED_BY))
                .join(UPDATER).on(UPDATER.ID.eq(ALLERGY.UPDATED_BY));
    }

    private static Allergy toAllergy(Record r) {
        return new Allergy(r.get(ALLERGY.ID), r.get(ALLERGY.PATIENT_ID), Optional.ofNullable(r.get(ALLERGY.SUBSTANCE_CODE)),
                r.get(ALLERGY.SUBSTANCE), Category.valueOf(r.get(ALLERGY.CATEGORY)), Optional.ofNullable(r.get(ALLERGY.REACTION)),
                Severity.valueOf(r.get(ALLERGY.SEVERITY)), Status.valueOf(r.get(ALLERGY.STATUS)),
                Optional.ofNullable(r.get(ALLERGY.ONSET_DATE)), Optional.ofNullable(r.get(ALLERGY.ERROR_REASON)), r.get(ALLERGY.VERSION),
                r.get(DSL.field("recorder_name", String.class)), r.get(ALLERGY.RECORDED_AT),
                r.get(DSL.field("updater_name", String.class)), r.get(ALLERGY.UPDATED_AT));
    }
}
