package org.medconnect.server.appointment;

import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.APPOINTMENT_HISTORY;
import static org.medconnect.server.db.Tables.APPOINTMENT_TYPE;
import static org.medconnect.server.db.Tables.DOCTOR_PROFILE;
import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.QUEUE_DAY;
import static org.medconnect.server.db.Tables.ROOM;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.HistoryItem;
import org.medconnect.server.appointment.AppointmentModel.PatientBrief;
import org.medconnect.server.db.tables.StaffUser;
import org.medconnect.server.platform.Jdbc;
import org.medconnect.server.schedule.SlotFinder.TypeFacts;
import org.medconnect.shared.appointment.StatusMoves.Status;

/** Appointments and their history: the writes, one appointment's reads, and the look-ups booking and moving need. */
final class AppointmentRepository {

    /** The stored names of the statuses that hold time: derived from the shared rule, never listed here. */
    static final List<String> HOLDING = Arrays.stream(Status.values()).filter(Status::holdsTime).map(Enum::name).toList();

    private static final StaffUser DOCTOR = AppointmentRows.DOCTOR;
    private static final StaffUser CANCELLER = AppointmentRows.CANCELLER;
    private static final StaffUser BOOKER = AppointmentRows.BOOKER;
    private static final StaffUser ACTOR = STAFF_USER.as("actor");

    /** The row facts the rules look at, read under a row lock. */
    record Locked(UUID id, UUID patientId, UUID doctorId, UUID locationId, Optional<UUID> roomId, UUID typeId,
                  Instant startsAt, Instant endsAt, Instant blocksUntil, Status status) {}

    record BookingFacts(Optional<PatientBrief> patient, Optional<String> openLocationName, Optional<TypeFacts> type,
                        Optional<String> activeDoctorName) {}

    /** What the database filled in when it took a booking. */
    record Booked(UUID id, String reference, long version, Instant createdAt, Instant updatedAt, Optional<String> roomName,
                  Optional<String> bookedByName) {}

    record Insert(UUID requestId, UUID patientId, UUID doctorId, UUID locationId, Optional<UUID> roomId,
                  UUID typeId, Instant startsAt, Instant endsAt, Instant blocksUntil, Status status, Optional<String> reason,
                  Optional<String> videoLink, UUID bookedBy, Instant now) {}

    /** Advisory-lock classes (the first key) of a doctor's and a patient's turn to take time. */
    private static final int DOCTOR_TURN = 0x4d43_0001;
    private static final int PATIENT_TURN = 0x4d43_0002;
    private static final String SERIALISE = "select pg_advisory_xact_lock(" + DOCTOR_TURN + ", hashtext(?::text)), "
            + "pg_advisory_xact_lock(" + PATIENT_TURN + ", hashtext(?::text))";

    private final DSLContext dsl;

    AppointmentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * What a booking needs to know about the patient, place, type and doctor it names, in one
     * statement (sent together with the doctor's hours). A part is empty when it does not
     * exist, or for a location when it is retired and for a doctor when the account is not an
     * active doctor.
     */
    static Jdbc.Read<BookingFacts> bookingFacts(UUID patientId, UUID locationId, UUID typeId, UUID doctorId) {
        return new Jdbc.Read<>("""
                select p.id, p.mrn, p.given_name, p.family_name, p.date_of_birth, p.phone,
                       l.name,
                       t.id, t.name, t.duration_minutes, t.buffer_minutes, t.video, t.needs_confirmation, t.retired,
                       d.display_name
                from (select 1) as one
                left join patient p on p.id = ?
                left join location l on l.id = ? and not l.retired
                left join appointment_type t on t.id = ?
                left join staff_user d on d.id = ? and d.role = 'DOCTOR' and d.active
                """, patientId, locationId, typeId, doctorId) {
            private BookingFacts facts;

            @Override
            protected void row(ResultSet rs) throws SQLException {
                facts = new BookingFacts(
                        rs.getObject(1) == null ? Optional.empty() : Optional.of(new PatientBrief(Jdbc.uuid(rs, 1), rs.getString(2),
                                rs.getString(3) + " " + rs.getString(4), rs.getObject(5, LocalDate.class),
                                Optional.ofNullable(rs.getString(6)))),
                        Optional.ofNullable(rs.getString(7)),
                        rs.getObject(8) == null ? Optional.empty() : Optional.of(new TypeFacts(Jdbc.uuid(rs, 8), rs.getString(9),
                                Duration.ofMinutes(rs.getInt(10)), Duration.ofMinutes(rs.getInt(11)), rs.getBoolean(12),
                                rs.getBoolean(13), rs.getBoolean(14))),
                        Optional.ofNullable(rs.getString(15)));
            }

            @Override
            protected BookingFacts result() {
                return facts;
            }
        };
    }

    /**
     * Inserts a booked appointment (with the next reference number) and its BOOKED history
     * entry in one statement, and returns what the database added: id, reference, version,
     * timestamps as stored, the room's and the booker's names. The database's constraints
     * decide here whether the time is still free and the request id new.
     *
     * <p>Contenders for one doctor (and one patient) take turns first ({@link #SERIALISE}):
     * concurrent inserts that conflict on an exclusion constraint otherwise wait on each
     * other's uncommitted rows and deadlock. The lock lasts until the statement's (or the
     * caller's) transaction ends, so the next contender sees the winner's row committed and
     * fails at once on the constraint.
     */
    Booked book(Insert a, String historyDetail) {
        return Jdbc.first(dsl, """
                with turn as (
                    select pg_advisory_xact_lock(DOCTOR_TURN, hashtext(?::text)) as doctor,
                           pg_advisory_xact_lock(PATIENT_TURN, hashtext(?::text)) as patient
                ), booked as (
                    insert into appointment (request_id, reference, patient_id, doctor_id, location_id, room_id, type_id,
                                             starts_at, ends_at, blocks_until, status, reason, video_link, booked_by,
                                             created_at, updated_at)
                    select ?::uuid, 'A-' || lpad(n::text, greatest(6, length(n::text)), '0'), ?::uuid, ?::uuid, ?::uuid,
                           ?::uuid, ?::uuid, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::text, ?::text, ?::text,
                           ?::uuid, ?::timestamptz, ?::timestamptz
                    from turn, nextval('appointment_ref_seq') as n
                    returning id, reference, room_id, booked_by, status, version, created_at, updated_at
                ), history as (
                    insert into appointment_history (appointment_id, actor_user_id, action, to_status, detail, occurred_at)
                    select id, booked_by, 'BOOKED', status, ?::text, created_at from booked
                )
                select b.id, b.reference, b.version, b.created_at, b.updated_at, r.name, u.display_name
                from booked b
                left join room r on r.id = b.room_id
                left join staff_user u on u.id = b.booked_by
                """.replace("DOCTOR_TURN", String.valueOf(DOCTOR_TURN)).replace("PATIENT_TURN", String.valueOf(PATIENT_TURN)),
                rs -> new Booked(Jdbc.uuid(rs, 1), rs.getString(2), rs.getLong(3), Jdbc.instant(rs, 4), Jdbc.instant(rs, 5),
                        Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7))),
                a.doctorId(), a.patientId(),
                a.requestId(), a.patientId(), a.doctorId(), a.locationId(), a.roomId().orElse(null), a.typeId(),
                a.startsAt(), a.endsAt(), a.blocksUntil(), a.status().name(), a.reason().orElse(null),
                a.videoLink().orElse(null), a.bookedBy(), a.now(), a.now(), historyDetail).orElseThrow();
    }

    /**
     * Waits for this doctor's and this patient's turn to take time, until the transaction
     * ends: the same turns {@link #book} takes, for moves. Doctor first, then patient, in
     * every caller, so two contenders never hold one each while waiting for the other.
     */
    void takeTurn(UUID doctorId, UUID patientId) {
        Jdbc.first(dsl, SERIALISE, rs -> 1, doctorId, patientId);
    }

    Optional<UUID> findIdByRequestId(UUID requestId) {
        return dsl.select(APPOINTMENT.ID).from(APPOINTMENT).where(APPOINTMENT.REQUEST_ID.eq(requestId)).fetchOptional(APPOINTMENT.ID);
    }

    Optional<Locked> lock(UUID id) {
        return dsl.selectFrom(APPOINTMENT).where(APPOINTMENT.ID.eq(id)).forUpdate()
                .fetchOptional(r -> new Locked(r.getId(), r.getPatientId(), r.getDoctorId(), r.getLocationId(),
                        Optional.ofNullable(r.getRoomId()), r.getTypeId(), r.getStartsAt().toInstant(), r.getEndsAt().toInstant(),
                        r.getBlocksUntil().toInstant(), Status.valueOf(r.getStatus())));
    }

    void setStatus(UUID id, Status status, Instant now) {
        dsl.update(APPOINTMENT)
                .set(APPOINTMENT.STATUS, status.name())
                .set(APPOINTMENT.UPDATED_AT, odt(now))
                .set(APPOINTMENT.VERSION, APPOINTMENT.VERSION.plus(1))
                .where(APPOINTMENT.ID.eq(id))
                .execute();
    }

    /**
     * The next queue token of a doctor's clinic day. The upsert locks that doctor's day row
     * until commit, so concurrent check-ins of one doctor take turns here (and only here),
     * and a rolled-back check-in gives its number back: tokens are 1..N with no gaps.
     */
    int nextToken(UUID doctorId, LocalDate day) {
        return dsl.insertInto(QUEUE_DAY)
                .set(QUEUE_DAY.DOCTOR_ID, doctorId)
                .set(QUEUE_DAY.CLINIC_DAY, day)
                .set(QUEUE_DAY.LAST_TOKEN, 1)
                .onConflict(QUEUE_DAY.DOCTOR_ID, QUEUE_DAY.CLINIC_DAY)
                .doUpdate().set(QUEUE_DAY.LAST_TOKEN, QUEUE_DAY.LAST_TOKEN.plus(1))
                .returning(QUEUE_DAY.LAST_TOKEN)
                .fetchSingle(QUEUE_DAY.LAST_TOKEN);
    }

    /** CHECKED_IN with its token; the token's number is also its first place in the queue. */
    void checkIn(UUID id, LocalDate day, int token, Instant now) {
        dsl.update(APPOINTMENT)
                .set(APPOINTMENT.STATUS, Status.CHECKED_IN.name())
                .set(APPOINTMENT.CLINIC_DAY, day)
                .set(APPOINTMENT.TOKEN_NUMBER, token)
                .set(APPOINTMENT.QUEUE_POSITION, token)
                .set(APPOINTMENT.CHECKED_IN_AT, odt(now))
                .set(APPOINTMENT.UPDATED_AT, odt(now))
                .set(APPOINTMENT.VERSION, APPOINTMENT.VERSION.plus(1))
                .where(APPOINTMENT.ID.eq(id))
                .execute();
    }

    /**
     * Back to CONFIRMED without a token. The doctor's day counter is not turned back: the
     * withdrawn number is never handed out again. Returns the token withdrawn.
     */
    Optional<Integer> undoCheckIn(UUID id, Instant now) {
        Integer token = dsl.select(APPOINTMENT.TOKEN_NUMBER).from(APPOINTMENT).where(APPOINTMENT.ID.eq(id))
                .fetchOne(APPOINTMENT.TOKEN_NUMBER);
        dsl.update(APPOINTMENT)
                .set(APPOINTMENT.STATUS, Status.CONFIRMED.name())
                .setNull(APPOINTMENT.CLINIC_DAY)
                .setNull(APPOINTMENT.TOKEN_NUMBER)
                .setNull(APPOINTMENT.QUEUE_POSITION)
                .setNull(APPOINTMENT.CHECKED_IN_AT)
                .set(APPOINTMENT.UPDATED_AT, odt(now))
                .set(APPOINTMENT.VERSION, APPOINTMENT.VERSION.plus(1))
                .where(APPOINTMENT.ID.eq(id))
                .execute();
        return Optional.ofNullable(token);
    }

    /** The appointment's last history entry that changed its status (moves and reschedules keep it). */
    Optional<HistoryItem> lastStatusMove(UUID appointmentId) {
        return dsl.select(APPOINTMENT_HISTORY.OCCURRED_AT, APPOINTMENT_HISTORY.ACTION,
                        APPOINTMENT_HISTORY.FROM_STATUS, APPOINTMENT_HISTORY.TO_STATUS)
                .from(APPOINTMENT_HISTORY)
                .where(APPOINTMENT_HISTORY.APPOINTMENT_ID.eq(appointmentId),
                        APPOINTMENT_HISTORY.FROM_STATUS.isDistinctFrom(APPOINTMENT_HISTORY.TO_STATUS))
                .orderBy(APPOINTMENT_HISTORY.ID.desc())
                .limit(1)
                .fetchOptional(r -> new HistoryItem(r.value1().toInstant(), Optional.empty(), r.value2(),
                        Optional.ofNullable(r.value3()).map(Status::valueOf), Optional.ofNullable(r.value4()).map(Status::valueOf),
                        Optional.empty()));
    }

    /** IN_CONSULTATION, called in now. */
    void call(UUID id, Instant now) {
        dsl.update(APPOINTMENT)
                .set(APPOINTMENT.STATUS, Status.IN_CONSULTATION.name())
                .set(APPOINTMENT.CALLED_AT, odt(now))
                .set(APPOINTMENT.UPDATED_AT, odt(now))
                .set(APPOINTMENT.VERSION, APPOINTMENT.VERSION.plus(1))
                .where(APPOINTMENT.ID.eq(id))
                .execute();
    }

    void cancel(UUID id, Status status, String reason, UUID by, Instant now) {
        dsl.update(APPOINTMENT)
                .set(APPOINTMENT.STATUS, status.name())
                .set(APPOINTMENT.CANCEL_REASON, reason)
                .set(APPOINTMENT.CANCELLED_BY, by)
                .set(APPOINTMENT.UPDATED_AT, odt(now))
                .set(APPOINTMENT.VERSION, APPOINTMENT.VERSION.plus(1))
                .where(APPOINTMENT.ID.eq(id))
                .execute();
    }

    /** Moves in one statement: the database checks the new range while the old one is released. */
    void move(UUID id, UUID doctorId, UUID locationId, Optional<UUID> roomId, Instant startsAt, Instant endsAt,
              Instant blocksUntil, Instant now) {
        dsl.update(APPOINTMENT)
                .set(APPOINTMENT.DOCTOR_ID, doctorId)
                .set(APPOINTMENT.LOCATION_ID, locationId)
                .set(APPOINTMENT.ROOM_ID, roomId.orElse(null))
                .set(APPOINTMENT.STARTS_AT, odt(startsAt))
                .set(APPOINTMENT.ENDS_AT, odt(endsAt))
                .set(APPOINTMENT.BLOCKS_UNTIL, odt(blocksUntil))
                .set(APPOINTMENT.UPDATED_AT, odt(now))
                .set(APPOINTMENT.VERSION, APPOINTMENT.VERSION.plus(1))
                .where(APPOINTMENT.ID.eq(id))
                .execute();
    }

    Optional<Appointment> find(UUID id) {
        return select().where(APPOINTMENT.ID.eq(id)).fetchOptional(AppointmentRepository::toAppointment);
    }

    /** Appointments of a doctor in [from, to) that may still be moved or cancelled, in time order. */
    List<UUID> changeableOf(UUID doctorId, Instant from, Instant to) {
        return dsl.select(APPOINTMENT.ID).from(APPOINTMENT)
                .where(APPOINTMENT.DOCTOR_ID.eq(doctorId), APPOINTMENT.STARTS_AT.ge(odt(from)), APPOINTMENT.STARTS_AT.lt(odt(to)),
                        APPOINTMENT.STATUS.in(Status.PENDING.name(), Status.CONFIRMED.name()))
                .orderBy(APPOINTMENT.STARTS_AT)
                .fetch(APPOINTMENT.ID);
    }

    void addHistory(UUID appointmentId, UUID actor, String action, Optional<Status> from, Optional<Status> to,
                    String detail, Instant now) {
        dsl.insertInto(APPOINTMENT_HISTORY)
                .set(APPOINTMENT_HISTORY.APPOINTMENT_ID, appointmentId)
                .set(APPOINTMENT_HISTORY.ACTOR_USER_ID, actor)
                .set(APPOINTMENT_HISTORY.ACTION, action)
                .set(APPOINTMENT_HISTORY.FROM_STATUS, from.map(Enum::name).orElse(null))
                .set(APPOINTMENT_HISTORY.TO_STATUS, to.map(Enum::name).orElse(null))
                .set(APPOINTMENT_HISTORY.DETAIL, detail)
                .set(APPOINTMENT_HISTORY.OCCURRED_AT, odt(now))
                .execute();
    }

    List<HistoryItem> history(UUID appointmentId) {
        return dsl.select(APPOINTMENT_HISTORY.OCCURRED_AT, ACTOR.DISPLAY_NAME, APPOINTMENT_HISTORY.ACTION,
                        APPOINTMENT_HISTORY.FROM_STATUS, APPOINTMENT_HISTORY.TO_STATUS, APPOINTMENT_HISTORY.DETAIL)
                .from(APPOINTMENT_HISTORY)
                .leftJoin(ACTOR).on(ACTOR.ID.eq(APPOINTMENT_HISTORY.ACTOR_USER_ID))
                .where(APPOINTMENT_HISTORY.APPOINTMENT_ID.eq(appointmentId))
                .orderBy(APPOINTMENT_HISTORY.ID)
                .fetch(r -> new HistoryItem(r.value1().toInstant(), Optional.ofNullable(r.value2()), r.value3(),
                        Optional.ofNullable(r.value4()).map(Status::valueOf), Optional.ofNullable(r.value5()).map(Status::valueOf),
                        Optional.ofNullable(r.value6())));
    }

    /** The patient's appointment a booking of this type at {@code start} would overlap: its reference, start and doctor. */
    record PatientClash(String reference, Instant startsAt, String doctorName) {}

    Optional<PatientClash> patientClash(UUID patientId, UUID typeId, Instant start, Optional<UUID> excluding) {
        var end = DSL.field("{0} + make_interval(mins => {1})", java.time.OffsetDateTime.class, DSL.val(odt(start)),
                APPOINTMENT_TYPE.DURATION_MINUTES);
        return dsl.select(APPOINTMENT.REFERENCE, APPOINTMENT.STARTS_AT, STAFF_USER.DISPLAY_NAME)
                .from(APPOINTMENT)
                .join(STAFF_USER).on(STAFF_USER.ID.eq(APPOINTMENT.DOCTOR_ID))
                .join(APPOINTMENT_TYPE).on(APPOINTMENT_TYPE.ID.eq(typeId))
                .where(APPOINTMENT.PATIENT_ID.eq(patientId), APPOINTMENT.STATUS.in(HOLDING),
                        APPOINTMENT.STARTS_AT.lt(end), APPOINTMENT.ENDS_AT.gt(odt(start)),
                        excluding.map(APPOINTMENT.ID::ne).orElse(DSL.noCondition()))
                .orderBy(APPOINTMENT.STARTS_AT)
                .limit(1)
                .fetchOptional(r -> new PatientClash(r.value1(), r.value2().toInstant(), r.value3()));
    }

    /** Whether the patient has an appointment holding time that overlaps [start, end). */
    boolean patientBusy(UUID patientId, Instant start, Instant end) {
        return dsl.fetchExists(dsl.selectOne().from(APPOINTMENT).where(APPOINTMENT.PATIENT_ID.eq(patientId),
                APPOINTMENT.STARTS_AT.lt(odt(end)), APPOINTMENT.ENDS_AT.gt(odt(start)),
                APPOINTMENT.STATUS.in(HOLDING)));
    }

    private SelectOnConditionStep<Record> select() {
        return dsl.select(APPOINTMENT.asterisk(), PATIENT.MRN, PATIENT.GIVEN_NAME, PATIENT.FAMILY_NAME, PATIENT.DATE_OF_BIRTH,
                        PATIENT.PHONE, DOCTOR.DISPLAY_NAME, LOCATION.NAME, ROOM.NAME, APPOINTMENT_TYPE.NAME,
                        CANCELLER.DISPLAY_NAME, BOOKER.DISPLAY_NAME)
                .from(APPOINTMENT)
                .join(PATIENT).on(PATIENT.ID.eq(APPOINTMENT.PATIENT_ID))
                .join(DOCTOR).on(DOCTOR.ID.eq(APPOINTMENT.DOCTOR_ID))
                .join(LOCATION).on(LOCATION.ID.eq(APPOINTMENT.LOCATION_ID))
                .join(APPOINTMENT_TYPE).on(APPOINTMENT_TYPE.ID.eq(APPOINTMENT.TYPE_ID))
                .leftJoin(ROOM).on(ROOM.ID.eq(APPOINTMENT.ROOM_ID))
                .leftJoin(CANCELLER).on(CANCELLER.ID.eq(APPOINTMENT.CANCELLED_BY))
                .leftJoin(BOOKER).on(BOOKER.ID.eq(APPOINTMENT.BOOKED_BY));
    }

    private static Appointment toAppointment(Record r) {
        return AppointmentRows.appointment(r, APPOINTMENT);
    }

    static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
