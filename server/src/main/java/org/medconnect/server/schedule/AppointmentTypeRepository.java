package org.medconnect.server.schedule;

import static org.medconnect.server.db.Tables.APPOINTMENT_TYPE;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.medconnect.server.db.tables.records.AppointmentTypeRecord;
import org.medconnect.server.schedule.ScheduleModel.AppointmentType;
import org.medconnect.server.schedule.ScheduleModel.TypeFields;

/** Appointment types. Names are unique ignoring case. */
final class AppointmentTypeRepository {

    private final DSLContext dsl;

    AppointmentTypeRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** New types start in service; {@code fields.retired()} is not read. */
    UUID insert(UUID requestId, TypeFields t) {
        return dsl.insertInto(APPOINTMENT_TYPE)
                .set(APPOINTMENT_TYPE.REQUEST_ID, requestId)
                .set(APPOINTMENT_TYPE.NAME, t.name().strip())
                .set(APPOINTMENT_TYPE.DURATION_MINUTES, t.durationMinutes())
                .set(APPOINTMENT_TYPE.BUFFER_MINUTES, t.bufferMinutes())
                .set(APPOINTMENT_TYPE.VIDEO, t.video())
                .set(APPOINTMENT_TYPE.NEEDS_CONFIRMATION, t.needsConfirmation())
                .returning(APPOINTMENT_TYPE.ID)
                .fetchSingle(APPOINTMENT_TYPE.ID);
    }

    void update(UUID id, TypeFields t) {
        dsl.update(APPOINTMENT_TYPE)
                .set(APPOINTMENT_TYPE.NAME, t.name().strip())
                .set(APPOINTMENT_TYPE.DURATION_MINUTES, t.durationMinutes())
                .set(APPOINTMENT_TYPE.BUFFER_MINUTES, t.bufferMinutes())
                .set(APPOINTMENT_TYPE.VIDEO, t.video())
                .set(APPOINTMENT_TYPE.NEEDS_CONFIRMATION, t.needsConfirmation())
                .set(APPOINTMENT_TYPE.RETIRED, t.retired())
                .where(APPOINTMENT_TYPE.ID.eq(id))
                .execute();
    }

    Optional<UUID> findIdByRequestId(UUID requestId) {
        return dsl.select(APPOINTMENT_TYPE.ID).from(APPOINTMENT_TYPE).where(APPOINTMENT_TYPE.REQUEST_ID.eq(requestId))
                .fetchOptional(APPOINTMENT_TYPE.ID);
    }

    Optional<AppointmentType> find(UUID id) {
        return list(APPOINTMENT_TYPE.ID.eq(id)).stream().findFirst();
    }

    List<AppointmentType> list(boolean includeRetired) {
        return list(includeRetired ? DSL.trueCondition() : APPOINTMENT_TYPE.RETIRED.isFalse());
    }

    private List<AppointmentType> list(Condition where) {
        return dsl.selectFrom(APPOINTMENT_TYPE).where(where).orderBy(DSL.lower(APPOINTMENT_TYPE.NAME))
                .fetch(AppointmentTypeRepository::toType);
    }

    private static AppointmentType toType(AppointmentTypeRecord r) {
        return new AppointmentType(r.getId(), r.getName(), r.getDurationMinutes(), r.getBufferMinutes(), r.getVideo(),
                r.getNeedsConfirmation(), r.getRetired());
    }
}
