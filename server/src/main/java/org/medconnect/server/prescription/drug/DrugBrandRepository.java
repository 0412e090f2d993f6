package org.medconnect.server.prescription.drug;

import static org.medconnect.server.db.Tables.DRUG_BRAND;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.medconnect.server.prescription.drug.DrugService.Brand;

/** The clinic's local brand names (table drug_brand, V22): SQL only. */
final class DrugBrandRepository {

    /** The unique constraint on request_id (Postgres' default name). */
    static final String REQUEST_ID_KEY = "drug_brand_request_id_key";
    /** The unique index on lower(name) among active brands. */
    static final String ACTIVE_NAME_KEY = "drug_brand_name_idx";

    private final DSLContext dsl;

    DrugBrandRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    UUID insert(Optional<UUID> requestId, String name, List<String> ingredientKeys, UUID by, OffsetDateTime at) {
        return dsl.insertInto(DRUG_BRAND)
                .set(DRUG_BRAND.REQUEST_ID, requestId.orElse(null))
                .set(DRUG_BRAND.NAME, name)
                .set(DRUG_BRAND.INGREDIENT_KEYS, ingredientKeys.toArray(String[]::new))
                .set(DRUG_BRAND.CREATED_BY, by)
                .set(DRUG_BRAND.CREATED_AT, at)
                .set(DRUG_BRAND.UPDATED_BY, by)
                .set(DRUG_BRAND.UPDATED_AT, at)
                .returning(DRUG_BRAND.ID)
                .fetchSingle(DRUG_BRAND.ID);
    }

    Optional<UUID> idByRequest(UUID requestId) {
        return dsl.select(DRUG_BRAND.ID).from(DRUG_BRAND).where(DRUG_BRAND.REQUEST_ID.eq(requestId)).fetchOptional(DRUG_BRAND.ID);
    }

    /** Changes an active brand if it is still at the expected version; false when it was not. */
    boolean update(UUID id, int expectedVersion, String name, List<String> ingredientKeys, UUID by, OffsetDateTime at) {
        return dsl.update(DRUG_BRAND)
                .set(DRUG_BRAND.NAME, name)
                .set(DRUG_BRAND.INGREDIENT_KEYS, ingredientKeys.toArray(String[]::new))
                .set(DRUG_BRAND.VERSION, DRUG_BRAND.VERSION.plus(1))
                .set(DRUG_BRAND.UPDATED_BY, by)
                .set(DRUG_BRAND.UPDATED_AT, at)
                .where(DRUG_BRAND.ID.eq(id).and(DRUG_BRAND.VERSION.eq(expectedVersion)).and(DRUG_BRAND.ACTIVE))
                .execute() == 1;
    }

    boolean retire(UUID id, int expectedVersion, UUID by, OffsetDateTime at) {
        return dsl.update(DRUG_BRAND)
                .set(DRUG_BRAND.ACTIVE, false)
                .set(DRUG_BRAND.VERSION, DRUG_BRAND.VERSION.plus(1))
                .set(DRUG_BRAND.UPDATED_BY, by)
                .set(DRUG_BRAND.UPDATED_AT, at)
                .where(DRUG_BRAND.ID.eq(id).and(DRUG_BRAND.VERSION.eq(expectedVersion)).and(DRUG_BRAND.ACTIVE))
                .execute() == 1;
    }

    Optional<Brand> find(UUID id) {
        return select().where(DRUG_BRAND.ID.eq(id)).fetchOptional(DrugBrandRepository::toBrand);
    }

    /** Active brands (and retired ones when asked), by name. */
    List<Brand> list(boolean includeRetired) {
        return select().where(includeRetired ? org.jooq.impl.DSL.trueCondition() : DRUG_BRAND.ACTIVE)
                .orderBy(org.jooq.impl.DSL.lower(DRUG_BRAND.NAME), DRUG_BRAND.ACTIVE.desc(), DRUG_BRAND.UPDATED_AT.desc())
                .fetch(DrugBrandRepository::toBrand);
    }

    private SelectOnConditionStep<Record> select() {
        return dsl.select(DRUG_BRAND.fields()).select(STAFF_USER.DISPLAY_NAME).from(DRUG_BRAND)
                .join(STAFF_USER).on(STAFF_USER.ID.eq(DRUG_BRAND.UPDATED_BY));
    }

    private static Brand toBrand(Record r) {
        return new Brand(r.get(DRUG_BRAND.ID), r.get(DRUG_BRAND.NAME), List.of(r.get(DRUG_BRAND.INGREDIENT_KEYS)),
                r.get(DRUG_BRAND.ACTIVE), r.get(DRUG_BRAND.VERSION), r.get(STAFF_USER.DISPLAY_NAME), r.get(DRUG_BRAND.UPDATED_AT));
    }
}
