package org.medconnect.server.chart.medication;

import static org.medconnect.server.db.Tables.MEDICATION;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.medconnect.server.chart.medication.MedicationModel.Filter;
import org.medconnect.server.chart.medication.MedicationModel.Medication;
import org.medconnect.server.chart.medication.MedicationModel.Source;
import org.medconnect.server.chart.medication.MedicationModel.Status;
import org.medconnect.server.db.tables.StaffUser;

/** Medication rows, with the full names of who started, stopped and last changed each. */
final class MedicationRepository {

    static final String REQUEST_ID_KEY = "medication_request_id_key";

    private static final StaffUser STARTER = STAFF_USER.as("starter");
    private static final StaffUser STOPPER = STAFF_USER.as("stopper");
    private static final StaffUser UPDATER = STAFF_USER.as("updater");

    private final DSLContext dsl;

    MedicationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A new row's values, already checked and trimmed. */
    record NewRow(Optional<UUID> requestId, UUID patientId, Optional<String> drugKey, String name, Optional<String> strength,
                  Optional<String> form, Optional<String> dosage, Source source, Optional<UUID> prescriptionId,
                  Optional<LocalDate> startedOn, Optional<String> startReason, UUID by, OffsetDateTime at) {}

    UUID insert(NewRow r) {
        return dsl.insertInto(MEDICATION)
                .set(MEDICATION.REQUEST_ID, r.requestId().orElse(null))
                .set(MEDICATION.PATIENT_ID, r.patientId())
                .set(MEDICATION.DRUG_CODE, r.drugKey().orElse(null))
                .set(MEDICATION.NAME, r.name())
                .set(MEDICATION.STRENGTH, r.strength().orElse(null))
                .set(MEDICATION.FORM, r.form().orElse(null))
                .set(MEDICATION.DOSAGE, r.dosage().orElse(null))
                .set(MEDICATION.STATUS, Status.ACTIVE.name())
                .set(MEDICATION.SOURCE, r.source().name())
                .set(MEDICATION.PRESCRIPTION_ID, r.prescriptionId().orElse(null))
                .set(MEDICATION.STARTED_ON, r.startedOn().orElse(null))
                .set(MEDICATION.STARTED_BY, r.by())
                .set(MEDICATION.START_REASON, r.startReason().orElse(null))
                .set(MEDICATION.CREATED_BY, r.by())
                .set(MEDICATION.CREATED_AT, r.at())
                .set(MEDICATION.UPDATED_BY, r.by())
                .set(MEDICATION.UPDATED_AT, r.at())
                .returning(MEDICATION.ID)
                .fetchSingle(MEDICATION.ID);
    }

    Optional<UUID> idByRequest(UUID requestId) {
        return dsl.select(MEDICATION.ID).from(MEDICATION).where(MEDICATION.REQUEST_ID.eq(requestId)).fetchOptional(MEDICATION.ID);
    }

    Optional<Medication> find(UUID id) {
        return select().where(MEDICATION.ID.eq(id)).fetchOptional(MedicationRepository::toMedication);
    }

    /** The active rows a prescription wrote (issue 13: cancelling it stops them). */
    List<Medication> activeByPrescription(UUID prescriptionId) {
        return select().where(MEDICATION.PRESCRIPTION_ID.eq(prescriptionId), MEDICATION.STATUS.eq(Status.ACTIVE.name()))
                .orderBy(MEDICATION.NAME).fetch(MedicationRepository::toMedication);
    }

    /** Current first (latest start first), then past (latest stop first). */
    List<Medication> list(UUID patientId, Filter filter) {
        Condition which = switch (filter) {
            case CURRENT_AND_PAST -> MEDICATION.STATUS.in(Status.ACTIVE.name(), Status.STOPPED.name());
            case CURRENT -> MEDICATION.STATUS.eq(Status.ACTIVE.name());
            case PAST -> MEDICATION.STATUS.eq(Status.STOPPED.name());
            case ALL -> DSL.trueCondition();
        };
        return select().where(MEDICATION.PATIENT_ID.eq(patientId), which)
                .orderBy(DSL.when(MEDICATION.STATUS.eq(Status.ACTIVE.name()), 0).when(MEDICATION.STATUS.eq(Status.STOPPED.name()), 1).otherwise(2),
                        MEDICATION.STOPPED_ON.desc().nullsFirst(), MEDICATION.STARTED_ON.desc().nullsLast(), MEDICATION.NAME)
                .fetch(MedicationRepository::toMedication);
    }

    boolean update(UUID id, int expectedVersion, Optional<String> strength, Optional<String> form, Optional<String> dosage,
                   Optional<LocalDate> startedOn, Optional<String> startReason, UUID by, OffsetDateTime at) {
        return dsl.update(MEDICATION)
                .set(MEDICATION.STRENGTH, strength.orElse(null))
                .set(MEDICATION.FORM, form.orElse(null))
                .set(MEDICATION.DOSAGE, dosage.orElse(null))
                .set(MEDICATION.STARTED_ON, startedOn.orElse(null))
                .set(MEDICATION.START_REASON, startReason.orElse(null))
                .set(MEDICATION.VERSION, MEDICATION.VERSION.plus(1))
                .set(MEDICATION.UPDATED_BY, by)
                .set(MEDICATION.UPDATED_AT, at)
                .where(MEDICATION.ID.eq(id), MEDICATION.VERSION.eq(expectedVersion))
                .execute() == 1;
    }

    boolean stop(UUID id, int expectedVersion, LocalDate stoppedOn, String reason, UUID by, OffsetDateTime at) {
        return dsl.update(MEDICATION)
                .set(MEDICATION.STATUS, Status.STOPPED.name())
                .set(MEDICATION.STOPPED_ON, stoppedOn)
                .set(MEDICATION.STOPPED_BY, by)
                .set(MEDICATION.STOP_REASON, reason)
                .set(MEDICATION.VERSION, MEDICATION.VERSION.plus(1))
                .set(MEDICATION.UPDATED_BY, by)
                .set(MEDICATION.UPDATED_AT, at)
                .where(MEDICATION.ID.eq(id), MEDICATION.VERSION.eq(expectedVersion), MEDICATION.STATUS.eq(Status.ACTIVE.name()))
                .execute() == 1;
    }

    boolean markEnteredInError(UUID id, int expectedVersion, String reason, UUID by, OffsetDateTime at) {
        return dsl.update(MEDICATION)
                .set(MEDICATION.STATUS, Status.ENTERED_IN_ERROR.name())
                .set(MEDICATION.ERROR_REASON, reason)
                .set(MEDICATION.VERSION, MEDICATION.VERSION.plus(1))
                .set(MEDICATION.UPDATED_BY, by)
                .set(MEDICATION.UPDATED_AT, at)
                .where(MEDICATION.ID.eq(id), MEDICATION.VERSION.eq(expectedVersion))
                .execute() == 1;
    }

    private SelectOnConditionStep<Record> select() {
        return dsl.select(MEDICATION.fields()).select(STARTER.DISPLAY_NAME, STOPPER.DISPLAY_NAME, UPDATER.DISPLAY_NAME)
                .from(MEDICATION)
                .join(UPDATER).on(UPDATER.ID.eq(MEDICATION.UPDATED_BY))
                .leftJoin(STARTER).on(STARTER.ID.eq(MEDICATION.STARTED_BY))
                .leftJoin(STOPPER).on(STOPPER.ID.eq(MEDICATION.STOPPED_BY));
    }

    private static Medication toMedication(Record r) {
        return new Medication(r.get(MEDICATION.ID), r.get(MEDICATION.PATIENT_ID), Optional.ofNullable(r.get(MEDICATION.DRUG_CODE)),
                r.get(MEDICATION.NAME), Optional.ofNullable(r.get(MEDICATION.STRENGTH)), Optional.ofNullable(r.get(MEDICATION.FORM)),
                Optional.ofNullable(r.get(MEDICATION.DOSAGE)), Status.valueOf(r.get(MEDICATION.STATUS)),
                Source.valueOf(r.get(MEDICATION.SOURCE)), Optional.ofNullable(r.get(MEDICATION.PRESCRIPTION_ID)),
                Optional.ofNullable(r.get(MEDICATION.STARTED_ON)), Optional.ofNullable(r.get(STARTER.DISPLAY_NAME)),
                Optional.ofNullable(r.get(MEDICATION.START_REASON)), Optional.ofNullable(r.get(MEDICATION.STOPPED_ON)),
                Optional.ofNullable(r.get(STOPPER.DISPLAY_NAME)), Optional.ofNullable(r.get(MEDICATION.STOP_REASON)),
                Optional.ofNullable(r.get(MEDICATION.ERROR_REASON)), r.get(MEDICATION.VERSION), r.get(UPDATER.DISPLAY_NAME),
                r.get(MEDICATION.UPDATED_AT));
    }
}
