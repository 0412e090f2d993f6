package org.medconnect.server.appointment;

import static org.medconnect.server.db.Tables.APPOINTMENT_TYPE;
import static org.medconnect.server.db.Tables.DEPARTMENT;
import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.STAFF_USER;
import static org.medconnect.server.db.Tables.WAITING_LIST_ENTRY;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.medconnect.server.appointment.AppointmentModel.NewWaitingEntry;
import org.medconnect.server.appointment.AppointmentModel.Offer;
import org.medconnect.server.appointment.AppointmentModel.PatientBrief;
import org.medconnect.server.appointment.AppointmentModel.WaitingEntry;
import org.medconnect.server.appointment.AppointmentModel.WaitingStatus;
import org.medconnect.server.db.tables.Location;
import org.medconnect.server.db.tables.StaffUser;

/** Waiting-list entries and the offers made to them. */
final class WaitingListRepository {

    private static final StaffUser DOCTOR = STAFF_USER.as("wanted_doctor");
    private static final StaffUser OFFERED_DOCTOR = STAFF_USER.as("offered_doctor");
    private static final Location OFFERED_LOCATION = LOCATION.as("offered_location");

    /** The facts an offer needs, read under a row lock. */
    record Open(UUID id, UUID patientId, UUID typeId, WaitingStatus status, Optional<UUID> offeredDoctor,
                Optional<UUID> offeredLocation, Optional<Instant> offeredStart, Optional<String> note) {}

    private final DSLContext dsl;

    WaitingListRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    UUID insert(NewWaitingEntry e, UUID createdBy, Instant now) {
        return dsl.insertInto(WAITING_LIST_ENTRY)
                .set(WAITING_LIST_ENTRY.REQUEST_ID, e.requestId())
                .set(WAITING_LIST_ENTRY.PATIENT_ID, e.patientId())
                .set(WAITING_LIST_ENTRY.DOCTOR_ID, e.doctorId().orElse(null))
                .set(WAITING_LIST_ENTRY.DEPARTMENT_ID, e.departmentId().orElse(null))
                .set(WAITING_LIST_ENTRY.LOCATION_ID, e.locationId().orElse(null))
                .set(WAITING_LIST_ENTRY.TYPE_ID, e.typeId())
                .set(WAITING_LIST_ENTRY.FROM_DATE, e.from())
                .set(WAITING_LIST_ENTRY.TO_DATE, e.to())
                .set(WAITING_LIST_ENTRY.NOTE, e.note().orElse(null))
                .set(WAITING_LIST_ENTRY.CREATED_BY, createdBy)
                .set(WAITING_LIST_ENTRY.CREATED_AT, AppointmentRepository.odt(now))
                .returning(WAITING_LIST_ENTRY.ID)
                .fetchSingle(WAITING_LIST_ENTRY.ID);
    }

    Optional<UUID> findIdByRequestId(UUID requestId) {
        return dsl.select(WAITING_LIST_ENTRY.ID).from(WAITING_LIST_ENTRY).where(WAITING_LIST_ENTRY.REQUEST_ID.eq(requestId))
                .fetchOptional(WAITING_LIST_ENTRY.ID);
    }

    /**
     * Waiting entries, oldest first, that want this doctor (or this doctor's department)
     * at this location (or any) on this clinic day. Locked, skipping rows another
     * transaction is offering right now.
     */
    List<Open> waitingFor(UUID doctorId, Optional<UUID> departmentId, UUID locationId, LocalDate day, int limit) {
        Condition who = WAITING_LIST_ENTRY.DOCTOR_ID.eq(doctorId);
        if (departmentId.isPresent()) {
            who = who.or(WAITING_LIST_ENTRY.DOCTOR_ID.isNull().and(WAITING_LIST_ENTRY.DEPARTMENT_ID.eq(departmentId.get())));
        }
        return dsl.selectFrom(WAITING_LIST_ENTRY)
                .where(WAITING_LIST_ENTRY.STATUS.eq(WaitingStatus.WAITING.name()), who,
                        WAITING_LIST_ENTRY.LOCATION_ID.isNull().or(WAITING_LIST_ENTRY.LOCATION_ID.eq(locationId)),
                        WAITING_LIST_ENTRY.FROM_DATE.le(day), WAITING_LIST_ENTRY.TO_DATE.ge(day))
                .orderBy(WAITING_LIST_ENTRY.POSITION)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(WaitingListRepository::toOpen);
    }

    Optional<Open> lock(UUID id) {
        return dsl.selectFrom(WAITING_LIST_ENTRY).where(WAITING_LIST_ENTRY.ID.eq(id)).forUpdate()
                .fetchOptional(WaitingListRepository::toOpen);
    }

    void offer(UUID id, UUID doctorId, UUID locationId, Instant start, Instant end, Instant now) {
        dsl.update(WAITING_LIST_ENTRY)
                .set(WAITING_LIST_ENTRY.STATUS, WaitingStatus.OFFERED.name())
                .set(WAITING_LIST_ENTRY.OFFERED_DOCTOR_ID, doctorId)
                .set(WAITING_LIST_ENTRY.OFFERED_LOCATION_ID, locationId)
                .set(WAITING_LIST_ENTRY.OFFERED_STARTS_AT, AppointmentRepository.odt(start))
                .set(WAITING_LIST_ENTRY.OFFERED_ENDS_AT, AppointmentRepository.odt(end))
                .set(WAITING_LIST_ENTRY.OFFERED_AT, AppointmentRepository.odt(now))
                .where(WAITING_LIST_ENTRY.ID.eq(id))
                .execute();
    }

    /** Back to waiting (offer declined or gone), or on to BOOKED / REMOVED; the offer is cleared. */
    void settle(UUID id, WaitingStatus status, Optional<UUID> appointmentId) {
        dsl.update(WAITING_LIST_ENTRY)
                .set(WAITING_LIST_ENTRY.STATUS, status.name())
                .setNull(WAITING_LIST_ENTRY.OFFERED_DOCTOR_ID)
                .setNull(WAITING_LIST_ENTRY.OFFERED_LOCATION_ID)
                .setNull(WAITING_LIST_ENTRY.OFFERED_STARTS_AT)
                .setNull(WAITING_LIST_ENTRY.OFFERED_ENDS_AT)
                .setNull(WAITING_LIST_ENTRY.OFFERED_AT)
                .set(WAITING_LIST_ENTRY.APPOINTMENT_ID, appointmentId.orElse(null))
                .where(WAITING_LIST_ENTRY.ID.eq(id))
                .execute();
    }

    Optional<WaitingEntry> find(UUID id) {
        return select().where(WAITING_LIST_ENTRY.ID.eq(id)).fetchOptional(WaitingListRepository::toEntry);
    }

    /** Open entries: offers first (oldest offer first), then waiting, oldest first. */
    List<WaitingEntry> open(Optional<UUID> doctorId, Optional<UUID> departmentId) {
        Condition where = WAITING_LIST_ENTRY.STATUS.in(WaitingStatus.WAITING.name(), WaitingStatus.OFFERED.name());
        if (doctorId.isPresent()) {
            where = where.and(WAITING_LIST_ENTRY.DOCTOR_ID.eq(doctorId.get()).or(WAITING_LIST_ENTRY.OFFERED_DOCTOR_ID.eq(doctorId.get())));
        }
        if (departmentId.isPresent()) {
            where = where.and(WAITING_LIST_ENTRY.DEPARTMENT_ID.eq(departmentId.get()));
        }
        return select().where(where)
                .orderBy(DSL.when(WAITING_LIST_ENTRY.STATUS.eq(WaitingStatus.OFFERED.name()), 0).otherwise(1),
                        WAITING_LIST_ENTRY.OFFERED_AT, WAITING_LIST_ENTRY.POSITION)
                .limit(1000)
                .fetch(WaitingListRepository::toEntry);
    }

    private SelectOnConditionStep<Record> select() {
        return dsl.select(WAITING_LIST_ENTRY.asterisk(), PATIENT.MRN, PATIENT.GIVEN_NAME, PATIENT.FAMILY_NAME, PATIENT.DATE_OF_BIRTH,
                        PATIENT.PHONE, DOCTOR.DISPLAY_NAME, DEPARTMENT.NAME, APPOINTMENT_TYPE.NAME,
                        OFFERED_DOCTOR.DISPLAY_NAME, OFFERED_LOCATION.NAME)
                .from(WAITING_LIST_ENTRY)
                .join(PATIENT).on(PATIENT.ID.eq(WAITING_LIST_ENTRY.PATIENT_ID))
                .join(APPOINTMENT_TYPE).on(APPOINTMENT_TYPE.ID.eq(WAITING_LIST_ENTRY.TYPE_ID))
                .leftJoin(DOCTOR).on(DOCTOR.ID.eq(WAITING_LIST_ENTRY.DOCTOR_ID))
                .leftJoin(DEPARTMENT).on(DEPARTMENT.ID.eq(WAITING_LIST_ENTRY.DEPARTMENT_ID))
                .leftJoin(OFFERED_DOCTOR).on(OFFERED_DOCTOR.ID.eq(WAITING_LIST_ENTRY.OFFERED_DOCTOR_ID))
                .leftJoin(OFFERED_LOCATION).on(OFFERED_LOCATION.ID.eq(WAITING_LIST_ENTRY.OFFERED_LOCATION_ID));
    }

    private static Open toOpen(org.medconnect.server.db.tables.records.WaitingListEntryRecord r) {
        return new Open(r.getId(), r.getPatientId(), r.getTypeId(), WaitingStatus.valueOf(r.getStatus()),
                Optional.ofNullable(r.getOfferedDoctorId()), Optional.ofNullable(r.getOfferedLocationId()),
                Optional.ofNullable(r.getOfferedStartsAt()).map(t -> t.toInstant()), Optional.ofNullable(r.getNote()));
    }

    private static WaitingEntry toEntry(Record r) {
        Optional<Offer> offer = Optional.ofNullable(r.get(WAITING_LIST_ENTRY.OFFERED_STARTS_AT)).map(start -> new Offer(
                r.get(WAITING_LIST_ENTRY.OFFERED_DOCTOR_ID), r.get(OFFERED_DOCTOR.DISPLAY_NAME),
                r.get(WAITING_LIST_ENTRY.OFFERED_LOCATION_ID), r.get(OFFERED_LOCATION.NAME), start.toInstant(),
                r.get(WAITING_LIST_ENTRY.OFFERED_ENDS_AT).toInstant(), r.get(WAITING_LIST_ENTRY.OFFERED_AT).toInstant()));
        return new WaitingEntry(r.get(WAITING_LIST_ENTRY.ID),
                new PatientBrief(r.get(WAITING_LIST_ENTRY.PATIENT_ID), r.get(PATIENT.MRN),
                        r.get(PATIENT.GIVEN_NAME) + " " + r.get(PATIENT.FAMILY_NAME), r.get(PATIENT.DATE_OF_BIRTH),
                        Optional.ofNullable(r.get(PATIENT.PHONE))),
                Optional.ofNullable(r.get(WAITING_LIST_ENTRY.DOCTOR_ID)), Optional.ofNullable(r.get(DOCTOR.DISPLAY_NAME)),
                Optional.ofNullable(r.get(WAITING_LIST_ENTRY.DEPARTMENT_ID)), Optional.ofNullable(r.get(DEPARTMENT.NAME)),
                Optional.ofNullable(r.get(WAITING_LIST_ENTRY.LOCATION_ID)),
                r.get(WAITING_LIST_ENTRY.TYPE_ID), r.get(APPOINTMENT_TYPE.NAME),
                r.get(WAITING_LIST_ENTRY.FROM_DATE), r.get(WAITING_LIST_ENTRY.TO_DATE), Optional.ofNullable(r.get(WAITING_LIST_ENTRY.NOTE)),
                WaitingStatus.valueOf(r.get(WAITING_LIST_ENTRY.STATUS)), offer,
                Optional.ofNullable(r.get(WAITING_LIST_ENTRY.APPOINTMENT_ID)), r.get(WAITING_LIST_ENTRY.CREATED_AT).toInstant());
    }
}
