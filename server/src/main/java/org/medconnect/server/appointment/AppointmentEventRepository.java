package org.medconnect.server.appointment;

import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.APPOINTMENT_EVENT;
import static org.medconnect.server.db.Tables.APPOINTMENT_EVENT_CLOCK;
import static org.medconnect.server.db.Tables.APPOINTMENT_TYPE;
import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.ROOM;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.AppointmentEvent;
import org.medconnect.server.appointment.AppointmentModel.EventKind;
import org.medconnect.server.db.tables.StaffUser;

/**
 * Reads the appointment event log (written only by the database trigger of migration V3).
 * Each event's appointment is rebuilt from the row snapshot the trigger stored, so a replay
 * shows every appointment as that change left it, named as screens show it.
 */
final class AppointmentEventRepository {

    private static final org.medconnect.server.db.tables.AppointmentEvent E = APPOINTMENT_EVENT.as("e");
    /** The snapshot, typed as an appointment row by jsonb_populate_record. */
    private static final org.medconnect.server.db.tables.Appointment SNAP = APPOINTMENT.as("snap");
    private static final Table<?> EVENTS_WITH_SNAPSHOTS = DSL.table(
            "appointment_event e cross join lateral jsonb_populate_record(null::appointment, e.snapshot) snap");
    private static final StaffUser DOCTOR = AppointmentRows.DOCTOR;
    private static final StaffUser CANCELLER = AppointmentRows.CANCELLER;
    private static final StaffUser BOOKER = AppointmentRows.BOOKER;

    private final DSLContext dsl;

    AppointmentEventRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The highest sequence committed so far (0 before the first change). */
    long lastSequence() {
        return dsl.select(APPOINTMENT_EVENT_CLOCK.LAST_SEQ).from(APPOINTMENT_EVENT_CLOCK).fetchSingle().value1();
    }

    /** The oldest sequence still kept, if any event is. */
    Optional<Long> firstSequence() {
        return dsl.select(DSL.min(APPOINTMENT_EVENT.SEQ)).from(APPOINTMENT_EVENT).fetchOptional().map(r -> r.value1());
    }

    /** Events with after < sequence <= upTo, oldest first, at most limit of them. */
    List<AppointmentEvent> between(long after, long upTo, int limit) {
        return dsl.select(E.SEQ, E.KIND, E.OCCURRED_AT, E.PREVIOUS_DOCTOR_ID, E.PREVIOUS_LOCATION_ID, E.PREVIOUS_STARTS_AT,
                        SNAP.ID, SNAP.REFERENCE, SNAP.PATIENT_ID, SNAP.DOCTOR_ID, SNAP.LOCATION_ID, SNAP.ROOM_ID, SNAP.TYPE_ID,
                        SNAP.STARTS_AT, SNAP.ENDS_AT, SNAP.STATUS, SNAP.REASON, SNAP.VIDEO_LINK, SNAP.CANCEL_REASON,
                        SNAP.CREATED_AT, SNAP.UPDATED_AT, SNAP.VERSION, SNAP.TOKEN_NUMBER, SNAP.CHECKED_IN_AT, SNAP.CALLED_AT,
                        PATIENT.MRN, PATIENT.GIVEN_NAME, PATIENT.FAMILY_NAME, PATIENT.DATE_OF_BIRTH, PATIENT.PHONE,
                        DOCTOR.DISPLAY_NAME, LOCATION.NAME, ROOM.NAME, APPOINTMENT_TYPE.NAME,
                        CANCELLER.DISPLAY_NAME, BOOKER.DISPLAY_NAME)
                .from(EVENTS_WITH_SNAPSHOTS)
                .join(PATIENT).on(PATIENT.ID.eq(SNAP.PATIENT_ID))
                .join(DOCTOR).on(DOCTOR.ID.eq(SNAP.DOCTOR_ID))
                .join(LOCATION).on(LOCATION.ID.eq(SNAP.LOCATION_ID))
                .join(APPOINTMENT_TYPE).on(APPOINTMENT_TYPE.ID.eq(SNAP.TYPE_ID))
                .leftJoin(ROOM).on(ROOM.ID.eq(SNAP.ROOM_ID))
                .leftJoin(CANCELLER).on(CANCELLER.ID.eq(SNAP.CANCELLED_BY))
                .leftJoin(BOOKER).on(BOOKER.ID.eq(SNAP.BOOKED_BY))
                .where(E.SEQ.gt(after), E.SEQ.le(upTo))
                .orderBy(E.SEQ)
                .limit(limit)
                .fetch(AppointmentEventRepository::toEvent);
    }

    private static AppointmentEvent toEvent(Record r) {
        Appointment a = AppointmentRows.appointment(r, SNAP);
        return new AppointmentEvent(r.get(E.SEQ), EventKind.valueOf(r.get(E.KIND)), r.get(E.OCCURRED_AT).toInstant(), a,
                Optional.ofNullable(r.get(E.PREVIOUS_DOCTOR_ID)), Optional.ofNullable(r.get(E.PREVIOUS_LOCATION_ID)),
                Optional.ofNullable(r.get(E.PREVIOUS_STARTS_AT)).map(OffsetDateTime::toInstant));
    }
}
