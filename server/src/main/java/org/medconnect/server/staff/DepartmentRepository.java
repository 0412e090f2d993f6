package org.medconnect.server.staff;

import static org.medconnect.server.db.Tables.DEPARTMENT;
import static org.medconnect.server.db.Tables.DOCTOR_PROFILE;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.medconnect.server.staff.StaffModel.Department;

/** Departments with the number of doctors in each. */
final class DepartmentRepository {

    private final DSLContext dsl;

    DepartmentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    UUID insert(UUID requestId, String name) {
        return dsl.insertInto(DEPARTMENT)
                .set(DEPARTMENT.REQUEST_ID, requestId)
                .set(DEPARTMENT.NAME, name)
                .returning(DEPARTMENT.ID)
                .fetchSingle(DEPARTMENT.ID);
    }

    void rename(UUID id, String name) {
        dsl.update(DEPARTMENT).set(DEPARTMENT.NAME, name).where(DEPARTMENT.ID.eq(id)).execute();
    }

    void retire(UUID id) {
        dsl.update(DEPARTMENT).set(DEPARTMENT.RETIRED, true).where(DEPARTMENT.ID.eq(id)).execute();
    }

    Optional<UUID> findIdByRequestId(UUID requestId) {
        return dsl.select(DEPARTMENT.ID).from(DEPARTMENT).where(DEPARTMENT.REQUEST_ID.eq(requestId)).fetchOptional(DEPARTMENT.ID);
    }

    Optional<Department> find(UUID id) {
        return list(DEPARTMENT.ID.eq(id)).stream().findFirst();
    }

    List<Department> list(boolean includeRetired) {
        return list(includeRetired ? DSL.trueCondition() : DEPARTMENT.RETIRED.isFalse());
    }

    private List<Department> list(Condition where) {
        var doctors = DSL.count(DOCTOR_PROFILE.USER_ID).as("doctors");
        return dsl.select(DEPARTMENT.ID, DEPARTMENT.NAME, DEPARTMENT.RETIRED, doctors)
                .from(DEPARTMENT.leftJoin(DOCTOR_PROFILE).on(DOCTOR_PROFILE.DEPARTMENT_ID.eq(DEPARTMENT.ID)))
                .where(where)
                .groupBy(DEPARTMENT.ID, DEPARTMENT.NAME, DEPARTMENT.RETIRED)
                .orderBy(DSL.lower(DEPARTMENT.NAME))
                .fetch(r -> new Department(r.get(DEPARTMENT.ID), r.get(DEPARTMENT.NAME), r.get(DEPARTMENT.RETIRED), r.get(doctors)));
    }
}
