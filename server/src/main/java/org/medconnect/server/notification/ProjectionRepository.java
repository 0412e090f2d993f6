package org.medconnect.server.notification;

import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.APPOINTMENT_EVENT;
import static org.medconnect.server.db.Tables.NOTIFICATION_CURSOR;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.medconnect.server.db.tables.StaffUser;
import org.medconnect.server.notification.NotificationProjector.Event;

/** The notification projector's cursor, and the appointment events it reads with the names a message needs. */
final class ProjectionRepository {

    private static final StaffUser PREVIOUS_DOCTOR = STAFF_USER.as("previous_doctor");
    private static final Field<String> PATIENT_NAME = DSL.concat(PATIENT.GIVEN_NAME, DSL.inline(" "), PATIENT.FAMILY_NAME).as("patient_name");
    private static final Field<String> STATUS_AFTER = DSL.field("{0} ->> 'status'", String.class, APPOINTMENT_EVENT.SNAPSHOT).as("status_after");

    private final DSLContext dsl;

    ProjectionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** This transaction commits without waiting for the disk: a lost commit is projected again (decision 0016). */
    void commitWithoutWaitingForDisk() {
        dsl.execute("set local synchronous_commit = off");
    }

    /** The last projected sequence, locked until commit; empty when another instance holds it (SKIP LOCKED). */
    Optional<Long> lockCursor() {
        return Optional.ofNullable(dsl.select(NOTIFICATION_CURSOR.LAST_SEQ).from(NOTIFICATION_CURSOR).forUpdate().skipLocked()
                .fetchOne(NOTIFICATION_CURSOR.LAST_SEQ));
    }

    /** Up to {@code limit} events after {@code seq}, in order. */
    List<Event> eventsAfter(long seq, int limit) {
        return dsl.select(APPOINTMENT_EVENT.SEQ, APPOINTMENT_EVENT.KIND, APPOINTMENT_EVENT.APPOINTMENT_ID,
                        APPOINTMENT_EVENT.DOCTOR_ID, APPOINTMENT_EVENT.STARTS_AT, APPOINTMENT_EVENT.PREVIOUS_DOCTOR_ID,
                        APPOINTMENT_EVENT.PREVIOUS_STARTS_AT, STATUS_AFTER, APPOINTMENT.REFERENCE, PATIENT_NAME,
                        STAFF_USER.DISPLAY_NAME, PREVIOUS_DOCTOR.DISPLAY_NAME)
                .from(APPOINTMENT_EVENT)
                .join(APPOINTMENT).on(APPOINTMENT.ID.eq(APPOINTMENT_EVENT.APPOINTMENT_ID))
                .join(PATIENT).on(PATIENT.ID.eq(APPOINTMENT.PATIENT_ID))
                .join(STAFF_USER).on(STAFF_USER.ID.eq(APPOINTMENT_EVENT.DOCTOR_ID))
                .leftJoin(PREVIOUS_DOCTOR).on(PREVIOUS_DOCTOR.ID.eq(APPOINTMENT_EVENT.PREVIOUS_DOCTOR_ID))
                .where(APPOINTMENT_EVENT.SEQ.gt(seq))
                .orderBy(APPOINTMENT_EVENT.SEQ)
                .limit(limit)
                .fetch(r -> new Event(r.get(APPOINTMENT_EVENT.SEQ), r.get(APPOINTMENT_EVENT.KIND), r.get(APPOINTMENT_EVENT.APPOINTMENT_ID),
                        r.get(APPOINTMENT_EVENT.DOCTOR_ID), r.get(APPOINTMENT_EVENT.STARTS_AT).toInstant(),
                        Optional.ofNullable(r.get(APPOINTMENT_EVENT.PREVIOUS_DOCTOR_ID)),
                        Optional.ofNullable(r.get(APPOINTMENT_EVENT.PREVIOUS_STARTS_AT)).map(OffsetDateTime::toInstant),
                        r.get(STATUS_AFTER), r.get(APPOINTMENT.REFERENCE), r.get(PATIENT_NAME), r.get(STAFF_USER.DISPLAY_NAME),
                        Optional.ofNullable(r.get(PREVIOUS_DOCTOR.DISPLAY_NAME))));
    }

    void moveCursor(long seq) {
        dsl.update(NOTIFICATION_CURSOR).set(NOTIFICATION_CURSOR.LAST_SEQ, seq).execute();
    }
}
