package org.medconnect.server.queue;

import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.APPOINTMENT_HISTORY;
import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.QUEUE_DAY;
import static org.medconnect.server.db.Tables.QUEUE_REORDER;
import static org.medconnect.server.db.Tables.ROOM;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.queue.QueueModel.Reorder;
import org.medconnect.shared.appointment.StatusMoves.Status;

/** Tokens, queue places and reorders of the check-in queue. */
final class QueueRepository {

    private static final List<String> IN_QUEUE = List.of(Status.CHECKED_IN.name(), Status.IN_CONSULTATION.name());

    /** One appointment's place in a queue. */
    record Entry(UUID id, int token, int position, Status status) {}

    /** Where an appointment's token belongs. */
    record Facts(UUID doctorId, Optional<LocalDate> day, Optional<Integer> token, Status status) {}

    /** A token-holding appointment at a location, for the board: no patient columns are read. */
    record BoardEntry(UUID doctorId, String doctorName, Optional<String> roomName, int token, Status status) {}

    private final DSLContext dsl;

    QueueRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<String> doctorName(UUID doctorId) {
        return dsl.select(STAFF_USER.DISPLAY_NAME).from(STAFF_USER)
                .where(STAFF_USER.ID.eq(doctorId), STAFF_USER.ROLE.eq("DOCTOR"))
                .fetchOptional(STAFF_USER.DISPLAY_NAME);
    }

    Optional<String> locationName(UUID locationId) {
        return dsl.select(LOCATION.NAME).from(LOCATION).where(LOCATION.ID.eq(locationId)).fetchOptional(LOCATION.NAME);
    }

    /** The last token of the doctor's day, locking the day's row: call-next and reorders take turns with check-ins. */
    Optional<Integer> lockDay(UUID doctorId, LocalDate day) {
        return dsl.select(QUEUE_DAY.LAST_TOKEN).from(QUEUE_DAY)
                .where(QUEUE_DAY.DOCTOR_ID.eq(doctorId), QUEUE_DAY.CLINIC_DAY.eq(day))
                .forUpdate()
                .fetchOptional(QUEUE_DAY.LAST_TOKEN);
    }

    int lastToken(UUID doctorId, LocalDate day) {
        return dsl.select(QUEUE_DAY.LAST_TOKEN).from(QUEUE_DAY)
                .where(QUEUE_DAY.DOCTOR_ID.eq(doctorId), QUEUE_DAY.CLINIC_DAY.eq(day))
                .fetchOptional(QUEUE_DAY.LAST_TOKEN).orElse(0);
    }

    Optional<Facts> facts(UUID appointmentId) {
        return dsl.select(APPOINTMENT.DOCTOR_ID, APPOINTMENT.CLINIC_DAY, APPOINTMENT.TOKEN_NUMBER, APPOINTMENT.STATUS)
                .from(APPOINTMENT).where(APPOINTMENT.ID.eq(appointmentId))
                .fetchOptional(r -> new Facts(r.value1(), Optional.ofNullable(r.value2()), Optional.ofNullable(r.value3()),
                        Status.valueOf(r.value4())));
    }

    /** Checked-in and in-consultation appointments of the doctor's day, in the order they are called. */
    List<Entry> queue(UUID doctorId, LocalDate day) {
        return dsl.select(APPOINTMENT.ID, APPOINTMENT.TOKEN_NUMBER, APPOINTMENT.QUEUE_POSITION, APPOINTMENT.STATUS)
                .from(APPOINTMENT)
                .where(APPOINTMENT.DOCTOR_ID.eq(doctorId), APPOINTMENT.CLINIC_DAY.eq(day), APPOINTMENT.STATUS.in(IN_QUEUE))
                .orderBy(APPOINTMENT.QUEUE_POSITION, APPOINTMENT.TOKEN_NUMBER)
                .fetch(r -> new Entry(r.value1(), r.value2(), r.value3(), Status.valueOf(r.value4())));
    }

    /** The waiting (checked-in) appointments of the doctor's day in queue order, row-locked. */
    List<Entry> lockWaiting(UUID doctorId, LocalDate day) {
        return dsl.select(APPOINTMENT.ID, APPOINTMENT.TOKEN_NUMBER, APPOINTMENT.QUEUE_POSITION, APPOINTMENT.STATUS)
                .from(APPOINTMENT)
                .where(APPOINTMENT.DOCTOR_ID.eq(doctorId), APPOINTMENT.CLINIC_DAY.eq(day),
                        APPOINTMENT.STATUS.eq(Status.CHECKED_IN.name()))
                .orderBy(APPOINTMENT.QUEUE_POSITION, APPOINTMENT.TOKEN_NUMBER)
                .forUpdate()
                .fetch(r -> new Entry(r.value1(), r.value2(), r.value3(), Status.valueOf(r.value4())));
    }

    Optional<Integer> tokenInConsultation(UUID doctorId, LocalDate day) {
        return dsl.select(APPOINTMENT.TOKEN_NUMBER).from(APPOINTMENT)
                .where(APPOINTMENT.DOCTOR_ID.eq(doctorId), APPOINTMENT.CLINIC_DAY.eq(day),
                        APPOINTMENT.STATUS.eq(Status.IN_CONSULTATION.name()))
                .limit(1)
                .fetchOptional(APPOINTMENT.TOKEN_NUMBER);
    }

    /** CHECKED_IN -> IN_CONSULTATION, called in now; false when it was no longer waiting. */
    boolean call(UUID id, Instant now) {
        return dsl.update(APPOINTMENT)
                .set(APPOINTMENT.STATUS, Status.IN_CONSULTATION.name())
                .set(APPOINTMENT.CALLED_AT, odt(now))
                .set(APPOINTMENT.UPDATED_AT, odt(now))
                .set(APPOINTMENT.VERSION, APPOINTMENT.VERSION.plus(1))
                .where(APPOINTMENT.ID.eq(id), APPOINTMENT.STATUS.eq(Status.CHECKED_IN.name()))
                .execute() == 1;
    }

    void place(UUID id, int position, Instant now) {
        dsl.update(APPOINTMENT)
                .set(APPOINTMENT.QUEUE_POSITION, position)
                .set(APPOINTMENT.UPDATED_AT, odt(now))
                .set(APPOINTMENT.VERSION, APPOINTMENT.VERSION.plus(1))
                .where(APPOINTMENT.ID.eq(id))
                .execute();
    }

    void addReorder(UUID appointmentId, UUID doctorId, LocalDate day, int token, int fromPlace, int toPlace, String reason,
                    UUID actor, Instant now) {
        dsl.insertInto(QUEUE_REORDER)
                .set(QUEUE_REORDER.APPOINTMENT_ID, appointmentId)
                .set(QUEUE_REORDER.DOCTOR_ID, doctorId)
                .set(QUEUE_REORDER.CLINIC_DAY, day)
                .set(QUEUE_REORDER.TOKEN_NUMBER, token)
                .set(QUEUE_REORDER.FROM_PLACE, fromPlace)
                .set(QUEUE_REORDER.TO_PLACE, toPlace)
                .set(QUEUE_REORDER.REASON, reason)
                .set(QUEUE_REORDER.ACTOR_USER_ID, actor)
                .set(QUEUE_REORDER.OCCURRED_AT, odt(now))
                .execute();
    }

    List<Reorder> reorders(UUID doctorId, LocalDate day) {
        return dsl.select(QUEUE_REORDER.OCCURRED_AT, STAFF_USER.DISPLAY_NAME, QUEUE_REORDER.APPOINTMENT_ID,
                        QUEUE_REORDER.TOKEN_NUMBER, QUEUE_REORDER.FROM_PLACE, QUEUE_REORDER.TO_PLACE, QUEUE_REORDER.REASON)
                .from(QUEUE_REORDER)
                .join(STAFF_USER).on(STAFF_USER.ID.eq(QUEUE_REORDER.ACTOR_USER_ID))
                .where(QUEUE_REORDER.DOCTOR_ID.eq(doctorId), QUEUE_REORDER.CLINIC_DAY.eq(day))
                .orderBy(QUEUE_REORDER.ID)
                .fetch(r -> new Reorder(r.value1().toInstant(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    /** The appointment's history gets a line for a call or a reorder (no clinical text). */
    void addHistory(UUID appointmentId, UUID actor, String action, Status from, Status to, String detail, Instant now) {
        dsl.insertInto(APPOINTMENT_HISTORY)
                .set(APPOINTMENT_HISTORY.APPOINTMENT_ID, appointmentId)
                .set(APPOINTMENT_HISTORY.ACTOR_USER_ID, actor)
                .set(APPOINTMENT_HISTORY.ACTION, action)
                .set(APPOINTMENT_HISTORY.FROM_STATUS, from.name())
                .set(APPOINTMENT_HISTORY.TO_STATUS, to.name())
                .set(APPOINTMENT_HISTORY.DETAIL, detail)
                .set(APPOINTMENT_HISTORY.OCCURRED_AT, odt(now))
                .execute();
    }

    /** Today's queued appointments at a location, by doctor name and queue order: tokens, doctors and rooms only. */
    List<BoardEntry> board(UUID locationId, LocalDate day) {
        return dsl.select(APPOINTMENT.DOCTOR_ID, STAFF_USER.DISPLAY_NAME, ROOM.NAME, APPOINTMENT.TOKEN_NUMBER, APPOINTMENT.STATUS)
                .from(APPOINTMENT)
                .join(STAFF_USER).on(STAFF_USER.ID.eq(APPOINTMENT.DOCTOR_ID))
                .leftJoin(ROOM).on(ROOM.ID.eq(APPOINTMENT.ROOM_ID))
                .where(APPOINTMENT.LOCATION_ID.eq(locationId), APPOINTMENT.CLINIC_DAY.eq(day),
                        APPOINTMENT.TOKEN_NUMBER.isNotNull())
                .orderBy(STAFF_USER.DISPLAY_NAME, APPOINTMENT.DOCTOR_ID, APPOINTMENT.QUEUE_POSITION, APPOINTMENT.TOKEN_NUMBER)
                .fetch(r -> new BoardEntry(r.value1(), r.value2(), Optional.ofNullable(r.value3()), r.value4(),
                        Status.valueOf(r.value5())));
    }

    private static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
