package org.medconnect.server.chart.problem;

import static org.medconnect.server.db.Tables.ENCOUNTER;
import static org.medconnect.server.db.Tables.PROBLEM;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.medconnect.server.chart.problem.ProblemModel.Filter;
import org.medconnect.server.chart.problem.ProblemModel.Problem;
import org.medconnect.server.chart.problem.ProblemModel.Status;
import org.medconnect.server.db.tables.StaffUser;

/** Problem rows, with the full names of who created and last changed each. */
final class ProblemRepository {

    /** The partial unique index of V17: one active problem per code and patient. */
    static final String ACTIVE_CODE_KEY = "problem_active_code_key";
    static final String REQUEST_ID_KEY = "problem_request_id_key";

    private static final StaffUser CREATOR = STAFF_USER.as("creator");
    private static final StaffUser UPDATER = STAFF_USER.as("updater");

    private final DSLContext dsl;

    ProblemRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A new row's values, already checked and trimmed. */
    record NewRow(Optional<UUID> requestId, UUID patientId, Optional<String> icd10Code, String title,
                  Optional<LocalDate> onsetDate, Optional<String> note, Optional<UUID> encounterId, UUID by, OffsetDateTime at) {}

    UUID insert(NewRow r) {
        return dsl.insertInto(PROBLEM)
                .set(PROBLEM.REQUEST_ID, r.requestId().orElse(null))
                .set(PROBLEM.PATIENT_ID, r.patientId())
                .set(PROBLEM.ICD10_CODE, r.icd10Code().orElse(null))
                .set(PROBLEM.TITLE, r.title())
                .set(PROBLEM.STATUS, Status.ACTIVE.name())
                .set(PROBLEM.ONSET_DATE, r.onsetDate().orElse(null))
                .set(PROBLEM.NOTE, r.note().orElse(null))
                .set(PROBLEM.ENCOUNTER_ID, r.encounterId().orElse(null))
                .set(PROBLEM.CREATED_BY, r.by())
                .set(PROBLEM.CREATED_AT, r.at())
                .set(PROBLEM.UPDATED_BY, r.by())
                .set(PROBLEM.UPDATED_AT, r.at())
                .returning(PROBLEM.ID)
                .fetchSingle(PROBLEM.ID);
    }

    Optional<UUID> idByRequest(UUID requestId) {
        return dsl.select(PROBLEM.ID).from(PROBLEM).where(PROBLEM.REQUEST_ID.eq(requestId)).fetchOptional(PROBLEM.ID);
    }

    /** The active problem of this patient with this code, if any. */
    Optional<Problem> activeWithCode(UUID patientId, String code) {
        return select().where(PROBLEM.PATIENT_ID.eq(patientId), PROBLEM.ICD10_CODE.eq(code),
                PROBLEM.STATUS.eq(Status.ACTIVE.name())).fetchOptional(ProblemRepository::toProblem);
    }

    boolean encounterOf(UUID encounterId, UUID patientId) {
        return dsl.fetchExists(ENCOUNTER, ENCOUNTER.ID.eq(encounterId), ENCOUNTER.PATIENT_ID.eq(patientId));
    }

    Optional<Problem> find(UUID id) {
        return select().where(PROBLEM.ID.eq(id)).fetchOptional(ProblemRepository::toProblem);
    }

    /** Active first (newest onset first), then resolved (latest resolved first). */
    List<Problem> list(UUID patientId, Filter filter) {
        Condition which = switch (filter) {
            case CURRENT_AND_PAST -> PROBLEM.STATUS.in(Status.ACTIVE.name(), Status.RESOLVED.name());
            case ACTIVE -> PROBLEM.STATUS.eq(Status.ACTIVE.name());
            case RESOLVED -> PROBLEM.STATUS.eq(Status.RESOLVED.name());
            case ALL -> DSL.trueCondition();
        };
        return select().where(PROBLEM.PATIENT_ID.eq(patientId), which)
                .orderBy(DSL.when(PROBLEM.STATUS.eq(Status.ACTIVE.name()), 0).when(PROBLEM.STATUS.eq(Status.RESOLVED.name()), 1).otherwise(2),
                        PROBLEM.RESOLVED_DATE.desc().nullsFirst(), PROBLEM.ONSET_DATE.desc().nullsLast(), PROBLEM.CREATED_AT.desc())
                .fetch(ProblemRepository::toProblem);
    }

    /** Code, title, onset and note, if the row is still at {@code expectedVersion}; false when it was not. */
    boolean update(UUID id, int expectedVersion, Optional<String> code, String title, Optional<LocalDate> onset,
                   Optional<String> note, UUID by, OffsetDateTime at) {
        return dsl.update(PROBLEM)
                .set(PROBLEM.ICD10_CODE, code.orElse(null))
                .set(PROBLEM.TITLE, title)
                .set(PROBLEM.ONSET_DATE, onset.orElse(null))
                .set(PROBLEM.NOTE, note.orElse(null))
                .set(PROBLEM.VERSION, PROBLEM.VERSION.plus(1))
                .set(PROBLEM.UPDATED_BY, by)
                .set(PROBLEM.UPDATED_AT, at)
                .where(PROBLEM.ID.eq(id), PROBLEM.VERSION.eq(expectedVersion))
                .execute() == 1;
    }

    boolean resolve(UUID id, int expectedVersion, LocalDate resolved, UUID by, OffsetDateTime at) {
        return dsl.update(PROBLEM)
                .set(PROBLEM.STATUS, Status.RESOLVED.name())
                .set(PROBLEM.RESOLVED_DATE, resolved)
                .set(PROBLEM.VERSION, PROBLEM.VERSION.plus(1))
                .set(PROBLEM.UPDATED_BY, by)
                .set(PROBLEM.UPDATED_AT, at)
                .where(PROBLEM.ID.eq(id), PROBLEM.VERSION.eq(expectedVersion))
                .execute() == 1;
    }

    boolean markEnteredInError(UUID id, int expectedVersion, String reason, UUID by, OffsetDateTime at) {
        return dsl.update(PROBLEM)
                .set(PROBLEM.STATUS, Status.ENTERED_IN_ERROR.name())
                .set(PROBLEM.ERROR_REASON, reason)
                .set(PROBLEM.VERSION, PROBLEM.VERSION.plus(1))
                .set(PROBLEM.UPDATED_BY, by)
                .set(PROBLEM.UPDATED_AT, at)
                .where(PROBLEM.ID.eq(id), PROBLEM.VERSION.eq(expectedVersion))
                .execute() == 1;
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return dsl.select(PROBLEM.fields()).select(CREATOR.DISPLAY_NAME, UPDATER.DISPLAY_NAME)
                .from(PROBLEM)
                .join(CREATOR).on(CREATOR.ID.eq(PROBLEM.CREATED_BY))
                .join(UPDATER).on(UPDATER.ID.eq(PROBLEM.UPDATED_BY));
    }

    private static Problem toProblem(Record r) {
        return new Problem(r.get(PROBLEM.ID), r.get(PROBLEM.PATIENT_ID), Optional.ofNullable(r.get(PROBLEM.ICD10_CODE)),
                r.get(PROBLEM.TITLE), Status.valueOf(r.get(PROBLEM.STATUS)), Optional.ofNullable(r.get(PROBLEM.ONSET_DATE)),
                Optional.ofNullable(r.get(PROBLEM.RESOLVED_DATE)), Optional.ofNullable(r.get(PROBLEM.NOTE)),
                Optional.ofNullable(r.get(PROBLEM.ENCOUNTER_ID)), Optional.ofNullable(r.get(PROBLEM.ERROR_REASON)),
                r.get(PROBLEM.VERSION), r.get(CREATOR.DISPLAY_NAME), r.get(PROBLEM.CREATED_AT),
                r.get(UPDATER.DISPLAY_NAME), r.get(PROBLEM.UPDATED_AT));
    }
}
