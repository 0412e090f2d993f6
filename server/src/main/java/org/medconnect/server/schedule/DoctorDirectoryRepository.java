package org.medconnect.server.schedule;

import static org.medconnect.server.db.Tables.AVAILABILITY_RULE;
import static org.medconnect.server.db.Tables.DEPARTMENT;
import static org.medconnect.server.db.Tables.DOCTOR_PROFILE;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.medconnect.server.platform.Role;
import org.medconnect.server.schedule.ScheduleModel.Doctor;

/** Doctors as scheduling sees them: active DOCTOR accounts, their department, and where they currently work. */
final class DoctorDirectoryRepository {

    /** Enough of a staff account to know whether availability may be given to it. */
    record DoctorAccount(UUID id, String displayName, boolean active) {}

    private final DSLContext dsl;

    DoctorDirectoryRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The account when it has the DOCTOR role, active or not. */
    Optional<DoctorAccount> findDoctor(UUID id) {
        return dsl.select(STAFF_USER.ID, STAFF_USER.DISPLAY_NAME, STAFF_USER.ACTIVE).from(STAFF_USER)
                .where(STAFF_USER.ID.eq(id).and(STAFF_USER.ROLE.eq(Role.DOCTOR.name())))
                .fetchOptional(r -> new DoctorAccount(r.get(STAFF_USER.ID), r.get(STAFF_USER.DISPLAY_NAME), r.get(STAFF_USER.ACTIVE)));
    }

    /**
     * Active doctors by name, optionally of one department or with a current rule at one
     * location. A rule is current when it has not ended before {@code today}.
     */
    List<Doctor> list(Optional<UUID> departmentId, Optional<UUID> locationId, LocalDate today) {
        Condition current = AVAILABILITY_RULE.VALID_TO.isNull().or(AVAILABILITY_RULE.VALID_TO.ge(today));
        Condition where = STAFF_USER.ROLE.eq(Role.DOCTOR.name()).and(STAFF_USER.ACTIVE);
        if (departmentId.isPresent()) {
            where = where.and(DOCTOR_PROFILE.DEPARTMENT_ID.eq(departmentId.get()));
        }
        if (locationId.isPresent()) {
            where = where.and(DSL.exists(DSL.selectOne().from(AVAILABILITY_RULE).where(AVAILABILITY_RULE.DOCTOR_ID.eq(STAFF_USER.ID)
                    .and(AVAILABILITY_RULE.LOCATION_ID.eq(locationId.get())).and(current))));
        }
        var rows = dsl.select(STAFF_USER.ID, STAFF_USER.DISPLAY_NAME, DOCTOR_PROFILE.SPECIALIZATION, DOCTOR_PROFILE.DEPARTMENT_ID, DEPARTMENT.NAME)
                .from(STAFF_USER
                        .leftJoin(DOCTOR_PROFILE).on(DOCTOR_PROFILE.USER_ID.eq(STAFF_USER.ID))
                        .leftJoin(DEPARTMENT).on(DEPARTMENT.ID.eq(DOCTOR_PROFILE.DEPARTMENT_ID)))
                .where(where)
                .orderBy(DSL.lower(STAFF_USER.DISPLAY_NAME), STAFF_USER.ID)
                .fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> locations = dsl.selectDistinct(AVAILABILITY_RULE.DOCTOR_ID, AVAILABILITY_RULE.LOCATION_ID)
                .from(AVAILABILITY_RULE)
                .where(AVAILABILITY_RULE.DOCTOR_ID.in(rows.map(r -> r.get(STAFF_USER.ID))).and(current))
                .orderBy(AVAILABILITY_RULE.LOCATION_ID)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(r -> r.get(AVAILABILITY_RULE.DOCTOR_ID),
                        Collectors.mapping(r -> r.get(AVAILABILITY_RULE.LOCATION_ID), Collectors.toList())));
        return rows.map(r -> new Doctor(r.get(STAFF_USER.ID), r.get(STAFF_USER.DISPLAY_NAME),
                Optional.ofNullable(r.get(DOCTOR_PROFILE.SPECIALIZATION)).orElse(""),
                Optional.ofNullable(r.get(DOCTOR_PROFILE.DEPARTMENT_ID)),
                Optional.ofNullable(r.get(DEPARTMENT.NAME)).orElse(""),
                List.copyOf(locations.getOrDefault(r.get(STAFF_USER.ID), List.of()))));
    }
}
