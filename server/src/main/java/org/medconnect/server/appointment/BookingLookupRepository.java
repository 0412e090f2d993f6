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
}
