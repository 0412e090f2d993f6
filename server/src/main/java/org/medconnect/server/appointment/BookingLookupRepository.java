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

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What booking, moving and absence handling look up about places and doctors (other
 * features' data, read here so the appointment writes stay in {@link AppointmentRepository}).
 */
final class BookingLookupRepository {

    private final DSLContext dsl;

    BookingLookupRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Location name if it exists and takes bookings. */
    Optional<String> openLocation(UUID id) {
        return dsl.select(LOCATION.NAME).from(LOCATION).where(LOCATION.ID.eq(id), LOCATION.RETIRED.isFalse())
                .fetchOptional(LOCATION.NAME);
    }

    List<UUID> otherOpenLocations(UUID except) {
        return dsl.select(LOCATION.ID).from(LOCATION).where(LOCATION.RETIRED.isFalse(), LOCATION.ID.ne(except))
                .orderBy(LOCATION.NAME).fetch(LOCATION.ID);
    }

    /** Active doctors with the same specialization (case-insensitive) as this one, by name. */
    List<UUID> colleaguesOf(UUID doctorId) {
        // Every other active doctor, in the order to try them: the same specialty first, then the
        // same department, then the rest (issue 11 item 16: a clinic with one cardiologist still
        // has colleagues who can see the patient). By name within each group.
        var mine = DOCTOR_PROFILE.as("mine");
        var sameSpecialty = DSL.lower(DOCTOR_PROFILE.SPECIALIZATION).eq(DSL.lower(mine.SPECIALIZATION));
        var sameDepartment = DOCTOR_PROFILE.DEPARTMENT_ID.eq(mine.DEPARTMENT_ID);
        return dsl.select(STAFF_USER.ID).from(STAFF_USER)
                .join(DOCTOR_PROFILE).on(DOCTOR_PROFILE.USER_ID.eq(STAFF_USER.ID))
                .join(mine).on(mine.USER_ID.eq(doctorId))
                .where(STAFF_USER.ID.ne(doctorId), STAFF_USER.ACTIVE.isTrue(), STAFF_USER.ROLE.eq("DOCTOR"))
                .orderBy(DSL.when(sameSpecialty, 0).when(sameDepartment, 1).otherwise(2), STAFF_USER.DISPLAY_NAME)
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
}
