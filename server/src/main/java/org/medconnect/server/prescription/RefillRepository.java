package org.medconnect.server.prescription;

import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.REFILL_REQUEST;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.medconnect.server.db.tables.StaffUser;
import org.medconnect.server.prescription.PrescriptionModel.RefillFilter;
import org.medconnect.server.prescription.PrescriptionModel.RefillRequest;
import org.medconnect.server.prescription.PrescriptionModel.RefillStatus;

/** SQL for refill requests, with the patient's, doctor's and staff's names. */
final class RefillRepository {

    static final String REQUEST_ID_KEY = "refill_request_request_id_key";

    private static final StaffUser DOCTOR = STAFF_USER.as("doctor");
    private static final StaffUser REQUESTER = STAFF_USER.as("requester");
    private static final StaffUser DECIDER = STAFF_USER.as("decider");

    private final DSLContext dsl;

    RefillRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<UUID> byRequestId(UUID requestId) {
        return dsl.select(REFILL_REQUEST.ID).from(REFILL_REQUEST).where(REFILL_REQUEST.REQUEST_ID.eq(requestId)).fetchOptional(REFILL_REQUEST.ID);
    }

    boolean patientExists(UUID patientId) {
        return dsl.fetchExists(PATIENT, PATIENT.ID.eq(patientId));
    }

    boolean activeDoctor(UUID id) {
        return dsl.fetchExists(STAFF_USER, STAFF_USER.ID.eq(id), STAFF_USER.ROLE.eq("DOCTOR"), STAFF_USER.ACTIVE.isTrue());
    }

    UUID insert(Optional<UUID> requestId, UUID patientId, UUID doctorId, String note, UUID by, OffsetDateTime at) {
        return dsl.insertInto(REFILL_REQUEST).set(REFILL_REQUEST.REQUEST_ID, requestId.orElse(null))
                .set(REFILL_REQUEST.PATIENT_ID, patientId).set(REFILL_REQUEST.DOCTOR_ID, doctorId).set(REFILL_REQUEST.NOTE, note)
                .set(REFILL_REQUEST.REQUESTED_BY, by).set(REFILL_REQUEST.REQUESTED_AT, at)
                .returning(REFILL_REQUEST.ID).fetchSingle(REFILL_REQUEST.ID);
    }

    /** Reads the request and locks its row until the transaction ends. */
    Optional<RefillRequest> lockAndFind(UUID id) {
        dsl.select(REFILL_REQUEST.ID).from(REFILL_REQUEST).where(REFILL_REQUEST.ID.eq(id)).forUpdate().fetchOptional();
        return find(id);
    }

    boolean decline(UUID id, int expectedVersion, String reason, UUID by, OffsetDateTime at) {
        return dsl.update(REFILL_REQUEST).set(REFILL_REQUEST.STATUS, RefillStatus.DECLINED.name()).set(REFILL_REQUEST.DECLINE_REASON, reason)
                .set(REFILL_REQUEST.DECIDED_BY, by).set(REFILL_REQUEST.DECIDED_AT, at).set(REFILL_REQUEST.VERSION, REFILL_REQUEST.VERSION.plus(1))
                .where(REFILL_REQUEST.ID.eq(id), REFILL_REQUEST.VERSION.eq(expectedVersion), REFILL_REQUEST.STATUS.eq("PENDING"))
                .execute() == 1;
    }

    boolean approve(UUID id, UUID renewalId, UUID by, OffsetDateTime at) {
        return dsl.update(REFILL_REQUEST).set(REFILL_REQUEST.STATUS, RefillStatus.APPROVED.name()).set(REFILL_REQUEST.RENEWAL_ID, renewalId)
                .set(REFILL_REQUEST.DECIDED_BY, by).set(REFILL_REQUEST.DECIDED_AT, at).set(REFILL_REQUEST.VERSION, REFILL_REQUEST.VERSION.plus(1))
                .where(REFILL_REQUEST.ID.eq(id), REFILL_REQUEST.STATUS.eq("PENDING"))
                .execute() == 1;
    }

    boolean cancel(UUID id, int expectedVersion, UUID by, OffsetDateTime at) {
        return dsl.update(REFILL_REQUEST).set(REFILL_REQUEST.STATUS, RefillStatus.CANCELLED.name())
                .set(REFILL_REQUEST.DECIDED_BY, by).set(REFILL_REQUEST.DECIDED_AT, at).set(REFILL_REQUEST.VERSION, REFILL_REQUEST.VERSION.plus(1))
                .where(REFILL_REQUEST.ID.eq(id), REFILL_REQUEST.VERSION.eq(expectedVersion), REFILL_REQUEST.STATUS.eq("PENDING"))
                .execute() == 1;
    }

    Optional<RefillRequest> find(UUID id) {
        return select().where(REFILL_REQUEST.ID.eq(id)).fetchOptional(RefillRepository::toRequest);
    }

    /** Oldest first: the queue a doctor works through. */
    List<RefillRequest> list(RefillFilter f) {
        Condition where = REFILL_REQUEST.STATUS.in(f.statuses().stream().map(Enum::name).toList());
        if (f.doctorId().isPresent()) {
            where = where.and(REFILL_REQUEST.DOCTOR_ID.eq(f.doctorId().get()));
        }
        if (f.patientId().isPresent()) {
            where = where.and(REFILL_REQUEST.PATIENT_ID.eq(f.patientId().get()));
        }
        return select().where(where).orderBy(REFILL_REQUEST.REQUESTED_AT, REFILL_REQUEST.ID).limit(500).fetch(RefillRepository::toRequest);
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return dsl.select(REFILL_REQUEST.asterisk(), PATIENT.GIVEN_NAME, PATIENT.FAMILY_NAME, PATIENT.MRN)
                .select(DOCTOR.DISPLAY_NAME.as("doctor_name"), REQUESTER.DISPLAY_NAME.as("requester_name"),
                        DECIDER.DISPLAY_NAME.as("decider_name"))
                .from(REFILL_REQUEST)
                .join(PATIENT).on(PATIENT.ID.eq(REFILL_REQUEST.PATIENT_ID))
                .join(DOCTOR).on(DOCTOR.ID.eq(REFILL_REQUEST.DOCTOR_ID))
                .join(REQUESTER).on(REQUESTER.ID.eq(REFILL_REQUEST.REQUESTED_BY))
                .leftJoin(DECIDER).on(DECIDER.ID.eq(REFILL_REQUEST.DECIDED_BY));
    }

    private static RefillRequest toRequest(Record r) {
        return new RefillRequest(r.get(REFILL_REQUEST.ID), r.get(REFILL_REQUEST.PATIENT_ID),
                r.get(PATIENT.GIVEN_NAME) + " " + r.get(PATIENT.FAMILY_NAME), r.get(PATIENT.MRN), r.get(REFILL_REQUEST.DOCTOR_ID),
                r.get(DSL.field("doctor_name", String.class)), r.get(REFILL_REQUEST.NOTE), RefillStatus.valueOf(r.get(REFILL_REQUEST.STATUS)),
                r.get(DSL.field("requester_name", String.class)), r.get(REFILL_REQUEST.REQUESTED_AT),
                Optional.ofNullable(r.get(DSL.field("decider_name", String.class))), Optional.ofNullable(r.get(REFILL_REQUEST.DECIDED_AT)),
                Optional.ofNullable(r.get(REFILL_REQUEST.DECLINE_REASON)), Optional.ofNullable(r.get(REFILL_REQUEST.RENEWAL_ID)),
                r.get(REFILL_REQUEST.VERSION));
    }
}
