package org.medconnect.server.schedule;

import static org.medconnect.server.db.Tables.LOCATION;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.medconnect.server.db.tables.records.LocationRecord;
import org.medconnect.server.schedule.ScheduleModel.Location;

/** Clinic sites. Names are unique ignoring case and surrounding spaces (the database's rule). */
final class LocationRepository {

    private final DSLContext dsl;

    LocationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    UUID insert(UUID requestId, String name, String address, String phone) {
        return dsl.insertInto(LOCATION)
                .set(LOCATION.REQUEST_ID, requestId)
                .set(LOCATION.NAME, name)
                .set(LOCATION.ADDRESS, address)
                .set(LOCATION.PHONE, phone)
                .returning(LOCATION.ID)
                .fetchSingle(LOCATION.ID);
    }

    void update(UUID id, String name, String address, String phone, boolean retired) {
        dsl.update(LOCATION)
                .set(LOCATION.NAME, name)
                .set(LOCATION.ADDRESS, address)
                .set(LOCATION.PHONE, phone)
                .set(LOCATION.RETIRED, retired)
                .where(LOCATION.ID.eq(id))
                .execute();
    }

    Optional<UUID> findIdByRequestId(UUID requestId) {
        return dsl.select(LOCATION.ID).from(LOCATION).where(LOCATION.REQUEST_ID.eq(requestId)).fetchOptional(LOCATION.ID);
    }

    Optional<Location> find(UUID id) {
        return list(LOCATION.ID.eq(id)).stream().findFirst();
    }

    List<Location> list(boolean includeRetired) {
        return list(includeRetired ? DSL.trueCondition() : LOCATION.RETIRED.isFalse());
    }

    private List<Location> list(Condition where) {
        return dsl.selectFrom(LOCATION).where(where).orderBy(DSL.lower(LOCATION.NAME)).fetch(LocationRepository::toLocation);
    }

    private static Location toLocation(LocationRecord r) {
        return new Location(r.getId(), r.getName(), Optional.ofNullable(r.getAddress()), Optional.ofNullable(r.getPhone()), r.getRetired());
    }
}
