package org.medconnect.server.schedule;

import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.ROOM;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.medconnect.server.schedule.ScheduleModel.Room;

/** Consulting rooms. A name is unique within its location. */
final class RoomRepository {

    private final DSLContext dsl;

    RoomRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    UUID insert(UUID requestId, UUID locationId, String name) {
        return dsl.insertInto(ROOM)
                .set(ROOM.REQUEST_ID, requestId)
                .set(ROOM.LOCATION_ID, locationId)
                .set(ROOM.NAME, name)
                .returning(ROOM.ID)
                .fetchSingle(ROOM.ID);
    }

    void update(UUID id, String name, boolean retired) {
        dsl.update(ROOM).set(ROOM.NAME, name).set(ROOM.RETIRED, retired).where(ROOM.ID.eq(id)).execute();
    }

    Optional<UUID> findIdByRequestId(UUID requestId) {
        return dsl.select(ROOM.ID).from(ROOM).where(ROOM.REQUEST_ID.eq(requestId)).fetchOptional(ROOM.ID);
    }

    Optional<Room> find(UUID id) {
        return list(ROOM.ID.eq(id)).stream().findFirst();
    }

    /** Without retired: neither retired rooms nor the rooms of retired locations. */
    List<Room> list(Optional<UUID> locationId, boolean includeRetired) {
        Condition where = locationId.map(ROOM.LOCATION_ID::eq).orElse(DSL.trueCondition());
        if (!includeRetired) {
            where = where.and(ROOM.RETIRED.isFalse()).and(LOCATION.RETIRED.isFalse());
        }
        return list(where);
    }

    private List<Room> list(Condition where) {
        return dsl.select(ROOM.ID, ROOM.LOCATION_ID, ROOM.NAME, ROOM.RETIRED)
                .from(ROOM.join(LOCATION).on(LOCATION.ID.eq(ROOM.LOCATION_ID)))
                .where(where)
                .orderBy(DSL.lower(LOCATION.NAME), DSL.lower(ROOM.NAME))
                .fetch(r -> new Room(r.get(ROOM.ID), r.get(ROOM.LOCATION_ID), r.get(ROOM.NAME), r.get(ROOM.RETIRED)));
    }
}
