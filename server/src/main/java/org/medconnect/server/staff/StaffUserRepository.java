package org.medconnect.server.staff;

import static org.medconnect.server.db.Tables.DEPARTMENT;
import static org.medconnect.server.db.Tables.DOCTOR_PROFILE;
import static org.medconnect.server.db.Tables.SIGN_IN_THROTTLE;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.DoctorProfile;
import org.medconnect.server.staff.StaffModel.Page;
import org.medconnect.server.staff.StaffModel.StaffMember;
import org.medconnect.server.staff.StaffModel.UserQuery;

/** Staff accounts with their doctor profiles. */
final class StaffUserRepository {

    private final DSLContext dsl;

    StaffUserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The fields of a new account row; the password is already hashed. */
    record Insert(UUID requestId, String username, String displayName, String email, String phone, Role role,
                  String passwordHash, boolean mustChangePassword, OffsetDateTime now) {}

    UUID insert(Insert u) {
        return dsl.insertInto(STAFF_USER)
                .set(STAFF_USER.REQUEST_ID, u.requestId())
                .set(STAFF_USER.USERNAME, u.username())
                .set(STAFF_USER.DISPLAY_NAME, u.displayName())
                .set(STAFF_USER.EMAIL, u.email())
                .set(STAFF_USER.PHONE, u.phone())
                .set(STAFF_USER.ROLE, u.role().name())
                .set(STAFF_USER.PASSWORD_HASH, u.passwordHash())
                .set(STAFF_USER.PASSWORD_CHANGE_REQUIRED, u.mustChangePassword())
                .set(STAFF_USER.CREATED_AT, u.now())
                .set(STAFF_USER.UPDATED_AT, u.now())
                .returning(STAFF_USER.ID)
                .fetchSingle(STAFF_USER.ID);
    }

    void update(UUID id, String displayName, String email, String phone, Role role, OffsetDateTime now) {
        dsl.update(STAFF_USER)
                .set(STAFF_USER.DISPLAY_NAME, displayName)
                .set(STAFF_USER.EMAIL, email)
                .set(STAFF_USER.PHONE, phone)
                .set(STAFF_USER.ROLE, role.name())
                .set(STAFF_USER.UPDATED_AT, now)
                .where(STAFF_USER.ID.eq(id))
                .execute();
    }

    void setActive(UUID id, boolean active, OffsetDateTime now) {
        dsl.update(STAFF_USER).set(STAFF_USER.ACTIVE, active).set(STAFF_USER.UPDATED_AT, now)
                .where(STAFF_USER.ID.eq(id)).execute();
    }

    void saveDoctorProfile(UUID userId, DoctorProfile p) {
        dsl.insertInto(DOCTOR_PROFILE)
                .set(DOCTOR_PROFILE.USER_ID, userId)
                .set(DOCTOR_PROFILE.SPECIALIZATION, p.specialization())
                .set(DOCTOR_PROFILE.DEPARTMENT_ID, p.departmentId())
                .set(DOCTOR_PROFILE.QUALIFICATION, p.qualification())
                .set(DOCTOR_PROFILE.YEARS_OF_EXPERIENCE, p.yearsOfExperience())
                .set(DOCTOR_PROFILE.CONSULTATION_FEE_MINOR, p.feeMinorUnits())
                .set(DOCTOR_PROFILE.FEE_CURRENCY, p.currency())
                .set(DOCTOR_PROFILE.REGISTRATION_NUMBER, p.registrationNumber())
                .onConflict(DOCTOR_PROFILE.USER_ID).doUpdate()
                .set(DOCTOR_PROFILE.SPECIALIZATION, p.specialization())
                .set(DOCTOR_PROFILE.DEPARTMENT_ID, p.departmentId())
                .set(DOCTOR_PROFILE.QUALIFICATION, p.qualification())
                .set(DOCTOR_PROFILE.YEARS_OF_EXPERIENCE, p.yearsOfExperience())
                .set(DOCTOR_PROFILE.CONSULTATION_FEE_MINOR, p.feeMinorUnits())
                .set(DOCTOR_PROFILE.FEE_CURRENCY, p.currency())
                .set(DOCTOR_PROFILE.REGISTRATION_NUMBER, p.registrationNumber())
                .execute();
    }

    void deleteDoctorProfile(UUID userId) {
        dsl.deleteFrom(DOCTOR_PROFILE).where(DOCTOR_PROFILE.USER_ID.eq(userId)).execute();
    }

    Optional<StaffMember> find(UUID id, OffsetDateTime now) {
        return select(now).where(STAFF_USER.ID.eq(id)).fetchOptional(StaffUserRepository::toMember);
    }

    Optional<UUID> findIdByRequestId(UUID requestId) {
        return dsl.select(STAFF_USER.ID).from(STAFF_USER).where(STAFF_USER.REQUEST_ID.eq(requestId)).fetchOptional(STAFF_USER.ID);
    }

    int countActiveAdmins() {
        return dsl.fetchCount(STAFF_USER, STAFF_USER.ROLE.eq(Role.ADMIN.name()).and(STAFF_USER.ACTIVE));
    }

    int countAll() {
        return dsl.fetchCount(STAFF_USER);
    }

    Page<StaffMember> search(UserQuery q, OffsetDateTime now) {
        Condition where = DSL.trueCondition();
        if (!q.text().isBlank()) {
            String pattern = "%" + q.text().strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where = where.and(DSL.lower(STAFF_USER.DISPLAY_NAME).like(pattern, '\\')
                    .or(STAFF_USER.USERNAME.like(pattern, '\\'))
                    .or(DSL.lower(STAFF_USER.EMAIL).like(pattern, '\\')));
        }
        if (q.role().isPresent()) {
            where = where.and(STAFF_USER.ROLE.eq(q.role().get().name()));
        }
        if (!q.includeInactive()) {
            where = where.and(STAFF_USER.ACTIVE);
        }
        var total = DSL.count().over().as("total");
        var rows = select(now, total).where(where)
                .orderBy(DSL.lower(STAFF_USER.DISPLAY_NAME), STAFF_USER.USERNAME)
                .limit(q.limit()).offset(q.offset())
                .fetch();
        int count = rows.isEmpty() ? (q.offset() == 0 ? 0 : dsl.fetchCount(STAFF_USER, where)) : rows.getFirst().get(total);
        List<StaffMember> members = rows.map(StaffUserRepository::toMember);
        return new Page<>(members, count, q.offset());
    }

    private SelectJoinStep<Record> select(OffsetDateTime now, org.jooq.SelectFieldOrAsterisk... extra) {
        var fields = new java.util.ArrayList<org.jooq.SelectFieldOrAsterisk>(List.of(STAFF_USER.asterisk(), DOCTOR_PROFILE.asterisk(),
                DEPARTMENT.NAME.as("department_name"), SIGN_IN_THROTTLE.LOCKED_UNTIL));
        fields.addAll(List.of(extra));
        return dsl.select(fields).from(STAFF_USER
                .leftJoin(DOCTOR_PROFILE).on(DOCTOR_PROFILE.USER_ID.eq(STAFF_USER.ID))
                .leftJoin(DEPARTMENT).on(DEPARTMENT.ID.eq(DOCTOR_PROFILE.DEPARTMENT_ID))
                .leftJoin(SIGN_IN_THROTTLE).on(SIGN_IN_THROTTLE.USERNAME.eq(STAFF_USER.USERNAME)
                        .and(SIGN_IN_THROTTLE.LOCKED_UNTIL.gt(now))));
    }

    private static StaffMember toMember(Record r) {
        Optional<DoctorProfile> profile = r.get(DOCTOR_PROFILE.USER_ID) == null ? Optional.empty()
                : Optional.of(new DoctorProfile(r.get(DOCTOR_PROFILE.SPECIALIZATION), r.get(DOCTOR_PROFILE.DEPARTMENT_ID),
                        r.get("department_name", String.class), r.get(DOCTOR_PROFILE.QUALIFICATION),
                        r.get(DOCTOR_PROFILE.YEARS_OF_EXPERIENCE), r.get(DOCTOR_PROFILE.CONSULTATION_FEE_MINOR),
                        r.get(DOCTOR_PROFILE.FEE_CURRENCY), r.get(DOCTOR_PROFILE.REGISTRATION_NUMBER)));
        return new StaffMember(r.get(STAFF_USER.ID), r.get(STAFF_USER.USERNAME), r.get(STAFF_USER.DISPLAY_NAME),
                r.get(STAFF_USER.EMAIL), Optional.ofNullable(r.get(STAFF_USER.PHONE)), Role.valueOf(r.get(STAFF_USER.ROLE)),
                r.get(STAFF_USER.ACTIVE), r.get(STAFF_USER.PASSWORD_CHANGE_REQUIRED), profile, r.get(STAFF_USER.CREATED_AT),
                Optional.ofNullable(r.get(STAFF_USER.LAST_SIGN_IN_AT)), Optional.ofNullable(r.get(SIGN_IN_THROTTLE.LOCKED_UNTIL)));
    }
}
