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

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.HistoryItem;
import org.medconnect.server.appointment.AppointmentModel.ListQuery;
import org.medconnect.server.appointment.AppointmentModel.PatientBrief;
import org.medconnect.server.db.tables.StaffUser;
import org.medconnect.shared.appointment.StatusMoves.Status;

/** Appointments and their history. */
final class AppointmentRepository {

    private static final StaffUser DOCTOR = STAFF_USER.as("doctor");
    private static final StaffUser CANCELLER = STAFF_USER.as("canceller");
    private static final StaffUser BOOKER = STAFF_USER.as("booker");
    private static final StaffUser ACTOR = STAFF_USER.as("actor");

    /** The row facts the rules look at, read under a row lock. */
    record Locked(UUID id, UUID patientId, UUID doctorId, UUID locationId, Optional<UUID> roomId, UUID typeId,
                  Instant startsAt, Instant endsAt, Instant blocksUntil, Status status) {}

    record Insert(UUID requestId, String reference, UUID patientId, UUID doctorId, UUID locationId, Optional<UUID> roomId,
                  UUID typeId, Instant startsAt, Instant endsAt, Instant blocksUntil, Status status, Optional<String> reason,
                  Optional<String> videoLink, UUID bookedBy, Instant now) {}

    private final DSLContext dsl;

    AppointmentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    String nextReference() {
        long n = dsl.select(DSL.field("nextval('appointment_ref_seq')", Long.class)).fetchSingle().value1();
        return "A-" + String.format("%06d", n);
    }

    UUID insert(Insert a) {
        return dsl.insertInto(APPOINTMENT)
                .set(APPOINTMENT.REQUEST_ID, a.requestId())
                .set(APPOINTMENT.REFERENCE, a.reference())
                .set(APPOINTMENT.PATIENT_ID, a.patientId())
                .set(APPOINTMENT.DOCTOR_ID, a.doctorId())
                .set(APPOINTMENT.LOCATION_ID, a.locationId())
                .set(APPOINTMENT.ROOM_ID, a.roomId().orElse(null))
                .set(APPOINTMENT.TYPE_ID, a.typeId())
                .set(APPOINTMENT.STARTS_AT, odt(a.startsAt()))
                .set(APPOINTMENT.ENDS_AT, odt(a.endsAt()))
                .set(APPOINTMENT.BLOCKS_UNTIL, odt(a.blocksUntil()))
                .set(APPOINTMENT.STATUS, a.status().name())
                .set(APPOINTMENT.REASON, a.reason().orElse(null))
                .set(APPOINTMENT.VIDEO_LINK, a.videoLink().orElse(null))
                .set(APPOINTMENT.BOOKED_BY, a.bookedBy())
                .set(APPOINTMENT.CREATED_AT, odt(a.now()))
                .set(APPOINTMENT.UPDATED_AT, odt(a.now()))
                .returning(APPOINTMENT.ID)
                .fetchSingle(APPOINTMENT.ID);
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

    List<Appointment> list(ListQuery q) {
        Condition where = APPOINTMENT.STARTS_AT.ge(odt(q.from())).and(APPOINTMENT.STARTS_AT.lt(odt(q.to())));
        if (q.locationId().isPresent()) {
            where = where.and(APPOINTMENT.LOCATION_ID.eq(q.locationId().get()));
        }
        if (q.departmentId().isPresent()) {
            where = where.and(APPOINTMENT.DOCTOR_ID.in(DSL.select(DOCTOR_PROFILE.USER_ID).from(DOCTOR_PROFILE)
                    .where(DOCTOR_PROFILE.DEPARTMENT_ID.eq(q.departmentId().get()))));
        }
        if (!q.doctorIds().isEmpty()) {
            where = where.and(APPOINTMENT.DOCTOR_ID.in(q.doctorIds()));
        }
        if (q.patientId().isPresent()) {
            where = where.and(APPOINTMENT.PATIENT_ID.eq(q.patientId().get()));
        }
        if (!q.statuses().isEmpty()) {
            where = where.and(APPOINTMENT.STATUS.in(q.statuses().stream().map(Enum::name).toList()));
        }
        return select().where(where).orderBy(APPOINTMENT.STARTS_AT, DOCTOR.DISPLAY_NAME).limit(5000)
                .fetch(AppointmentRepository::toAppointment);
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

    /** Whether the patient exists. */
    Optional<PatientBrief> patient(UUID id) {
        return dsl.select(PATIENT.ID, PATIENT.MRN, PATIENT.GIVEN_NAME, PATIENT.FAMILY_NAME, PATIENT.DATE_OF_BIRTH, PATIENT.PHONE)
                .from(PATIENT).where(PATIENT.ID.eq(id))
                .fetchOptional(r -> new PatientBrief(r.value1(), r.value2(), r.value3() + " " + r.value4(), r.value5(),
                        Optional.ofNullable(r.value6())));
    }

    /** Location name if it exists and takes bookings. */
    Optional<String> openLocation(UUID id) {
        return dsl.select(LOCATION.NAME).from(LOCATION).where(LOCATION.ID.eq(id), LOCATION.RETIRED.isFalse())
                .fetchOptional(LOCATION.NAME);
    }

    /** Whether the patient has an appointment holding time that overlaps [start, end). */
    boolean patientBusy(UUID patientId, Instant start, Instant end) {
        return dsl.fetchExists(dsl.selectOne().from(APPOINTMENT).where(APPOINTMENT.PATIENT_ID.eq(patientId),
                APPOINTMENT.STARTS_AT.lt(odt(end)), APPOINTMENT.ENDS_AT.gt(odt(start)),
                APPOINTMENT.STATUS.in(org.medconnect.server.schedule.SlotFinder.HOLDING)));
    }

    List<UUID> otherOpenLocations(UUID except) {
        return dsl.select(LOCATION.ID).from(LOCATION).where(LOCATION.RETIRED.isFalse(), LOCATION.ID.ne(except))
                .orderBy(LOCATION.NAME).fetch(LOCATION.ID);
    }

    /** Active doctors with the same specialization (case-insensitive) as this one, by name. */
    List<UUID> colleaguesOf(UUID doctorId) {
        var mine = DOCTOR_PROFILE.as("mine");
        return dsl.select(STAFF_USER.ID).from(STAFF_USER)
                .join(DOCTOR_PROFILE).on(DOCTOR_PROFILE.USER_ID.eq(STAFF_USER.ID))
                .join(mine).on(DSL.lower(mine.SPECIALIZATION).eq(DSL.lower(DOCTOR_PROFILE.SPECIALIZATION)))
                .where(mine.USER_ID.eq(doctorId), STAFF_USER.ID.ne(doctorId), STAFF_USER.ACTIVE.isTrue(),
                        STAFF_USER.ROLE.eq("DOCTOR"))
                .orderBy(STAFF_USER.DISPLAY_NAME)
                .fetch(STAFF_USER.ID);
    }

    Optional<UUID> departmentOf(UUID doctorId) {
        return dsl.select(DOCTOR_PROFILE.DEPARTMENT_ID).from(DOCTOR_PROFILE).where(DOCTOR_PROFILE.USER_ID.eq(doctorId))
                .fetchOptional(DOCTOR_PROFILE.DEPARTMENT_ID);
    }

    Optional<String> specializationOf(UUID doctorId) {
        return dsl.select(DOCTOR_PROFILE.SPECIALIZATION).from(DOCTOR_PROFILE).where(DOCTOR_PROFILE.USER_ID.eq(doctorId))
                .fetchOptional(DOCTOR_PROFILE.SPECIALIZATION);
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
        return new Appointment(r.get(APPOINTMENT.ID), r.get(APPOINTMENT.REFERENCE),
                new PatientBrief(r.get(APPOINTMENT.PATIENT_ID), r.get(PATIENT.MRN),
                        r.get(PATIENT.GIVEN_NAME) + " " + r.get(PATIENT.FAMILY_NAME), r.get(PATIENT.DATE_OF_BIRTH),
                        Optional.ofNullable(r.get(PATIENT.PHONE))),
                r.get(APPOINTMENT.DOCTOR_ID), r.get(DOCTOR.DISPLAY_NAME),
                r.get(APPOINTMENT.LOCATION_ID), r.get(LOCATION.NAME),
                Optional.ofNullable(r.get(APPOINTMENT.ROOM_ID)), Optional.ofNullable(r.get(ROOM.NAME)),
                r.get(APPOINTMENT.TYPE_ID), r.get(APPOINTMENT_TYPE.NAME),
                r.get(APPOINTMENT.STARTS_AT).toInstant(), r.get(APPOINTMENT.ENDS_AT).toInstant(),
                Status.valueOf(r.get(APPOINTMENT.STATUS)),
                Optional.ofNullable(r.get(APPOINTMENT.REASON)), Optional.ofNullable(r.get(APPOINTMENT.VIDEO_LINK)),
                Optional.ofNullable(r.get(APPOINTMENT.CANCEL_REASON)), Optional.ofNullable(r.get(CANCELLER.DISPLAY_NAME)),
                Optional.ofNullable(r.get(BOOKER.DISPLAY_NAME)),
                r.get(APPOINTMENT.CREATED_AT).toInstant(), r.get(APPOINTMENT.UPDATED_AT).toInstant(),
                r.get(APPOINTMENT.VERSION),
                Optional.ofNullable(r.get(APPOINTMENT.TOKEN_NUMBER)),
                Optional.ofNullable(r.get(APPOINTMENT.CHECKED_IN_AT)).map(OffsetDateTime::toInstant),
                Optional.ofNullable(r.get(APPOINTMENT.CALLED_AT)).map(OffsetDateTime::toInstant));
    }

    static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
