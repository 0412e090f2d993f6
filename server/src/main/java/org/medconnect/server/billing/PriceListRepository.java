package org.medconnect.server.billing;

import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.APPOINTMENT_TYPE;
import static org.medconnect.server.db.Tables.BILLING_PROFILE;
import static org.medconnect.server.db.Tables.DOCTOR_PROFILE;
import static org.medconnect.server.db.Tables.PRICE_ITEM;
import static org.medconnect.server.db.Tables.STAFF_USER;
import static org.medconnect.server.db.Tables.TAX_RATE;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.medconnect.server.billing.BillingModel.LineKind;
import org.medconnect.server.billing.BillingModel.PriceItem;
import org.medconnect.server.billing.BillingModel.PriceItemInput;
import org.medconnect.server.billing.BillingModel.Profile;
import org.medconnect.server.billing.BillingModel.StoredProfile;
import org.medconnect.server.billing.BillingModel.TaxRate;
import org.medconnect.server.db.tables.records.PriceItemRecord;

/** The clinic's billing header, tax rates and price list, and what a visit's consultation costs. */
final class PriceListRepository {

    /** What the draft of a completed visit needs to know about it. */
    record Visit(UUID appointmentId, UUID patientId, UUID doctorId, UUID typeId, String status, String typeName, String doctorName,
                 Optional<Long> profileFeeMinor, Optional<String> profileFeeCurrency) {}

    private final DSLContext dsl;

    PriceListRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Profile profile() {
        return storedProfile().profile();
    }

    StoredProfile storedProfile() {
        return dsl.select(BILLING_PROFILE.asterisk(), STAFF_USER.DISPLAY_NAME).from(BILLING_PROFILE)
                .leftJoin(STAFF_USER).on(STAFF_USER.ID.eq(BILLING_PROFILE.UPDATED_BY))
                .fetchSingle(r -> new StoredProfile(new Profile(r.get(BILLING_PROFILE.CLINIC_NAME), r.get(BILLING_PROFILE.ADDRESS),
                        r.get(BILLING_PROFILE.TAX_ID), r.get(BILLING_PROFILE.PHONE), r.get(BILLING_PROFILE.EMAIL),
                        r.get(BILLING_PROFILE.PAYMENT_TERMS_DAYS)), r.get(BILLING_PROFILE.VERSION),
                        Optional.ofNullable(r.get(STAFF_USER.DISPLAY_NAME)),
                        Optional.ofNullable(r.get(BILLING_PROFILE.UPDATED_BY)).map(by -> r.get(BILLING_PROFILE.UPDATED_AT).toInstant())));
    }

    /** Saves the header if it is still at {@code expectedVersion}; the number of rows changed (0 = stale). */
    int updateProfile(Profile p, int expectedVersion, UUID by, Instant now) {
        return dsl.update(BILLING_PROFILE).set(BILLING_PROFILE.CLINIC_NAME, p.clinicName()).set(BILLING_PROFILE.ADDRESS, p.address())
                .set(BILLING_PROFILE.TAX_ID, p.taxId()).set(BILLING_PROFILE.PHONE, p.phone()).set(BILLING_PROFILE.EMAIL, p.email())
                .set(BILLING_PROFILE.PAYMENT_TERMS_DAYS, p.paymentTermsDays()).set(BILLING_PROFILE.UPDATED_AT, odt(now))
                .set(BILLING_PROFILE.UPDATED_BY, by).set(BILLING_PROFILE.VERSION, BILLING_PROFILE.VERSION.plus(1))
                .where(BILLING_PROFILE.VERSION.eq(expectedVersion)).execute();
    }

    List<TaxRate> taxRates(boolean includeInactive) {
        return dsl.selectFrom(TAX_RATE).where(includeInactive ? DSL.noCondition() : TAX_RATE.ACTIVE.isTrue())
                .orderBy(TAX_RATE.PERCENT, TAX_RATE.NAME)
                .fetch(r -> new TaxRate(r.getId(), r.getName(), r.getPercent(), r.getActive()));
    }

    Optional<TaxRate> taxRate(UUID id) {
        return dsl.selectFrom(TAX_RATE).where(TAX_RATE.ID.eq(id))
                .fetchOptional(r -> new TaxRate(r.getId(), r.getName(), r.getPercent(), r.getActive()));
    }

    Optional<UUID> taxRateByRequest(UUID requestId) {
        return dsl.select(TAX_RATE.ID).from(TAX_RATE).where(TAX_RATE.REQUEST_ID.eq(requestId)).fetchOptional(TAX_RATE.ID);
    }

    UUID insertTaxRate(Optional<UUID> requestId, String name, java.math.BigDecimal percent, boolean active) {
        return dsl.insertInto(TAX_RATE).set(TAX_RATE.NAME, name).set(TAX_RATE.PERCENT, percent).set(TAX_RATE.ACTIVE, active)
                .set(TAX_RATE.REQUEST_ID, requestId.orElse(null)).returning(TAX_RATE.ID).fetchSingle(TAX_RATE.ID);
    }

    boolean updateTaxRate(UUID id, String name, java.math.BigDecimal percent, boolean active) {
        return dsl.update(TAX_RATE).set(TAX_RATE.NAME, name).set(TAX_RATE.PERCENT, percent).set(TAX_RATE.ACTIVE, active)
                .where(TAX_RATE.ID.eq(id)).execute() == 1;
    }

    List<PriceItem> priceItems(boolean includeInactive, Optional<LineKind> kind) {
        Condition c = includeInactive ? DSL.noCondition() : PRICE_ITEM.ACTIVE.isTrue();
        if (kind.isPresent()) {
            c = c.and(PRICE_ITEM.KIND.eq(kind.get().name()));
        }
        return dsl.selectFrom(PRICE_ITEM).where(c).orderBy(PRICE_ITEM.KIND, PRICE_ITEM.CODE).fetch(PriceListRepository::item);
    }

    Optional<PriceItem> priceItem(UUID id) {
        return dsl.selectFrom(PRICE_ITEM).where(PRICE_ITEM.ID.eq(id)).fetchOptional(PriceListRepository::item);
    }

    Optional<UUID> priceItemByRequest(UUID requestId) {
        return dsl.select(PRICE_ITEM.ID).from(PRICE_ITEM).where(PRICE_ITEM.REQUEST_ID.eq(requestId)).fetchOptional(PRICE_ITEM.ID);
    }

    UUID insertPriceItem(Optional<UUID> requestId, PriceItemInput in, LineKind kind, Instant now) {
        return dsl.insertInto(PRICE_ITEM).set(PRICE_ITEM.KIND, kind.name()).set(PRICE_ITEM.CODE, in.code()).set(PRICE_ITEM.NAME, in.name())
                .set(PRICE_ITEM.DOCTOR_ID, in.doctorId().orElse(null)).set(PRICE_ITEM.APPOINTMENT_TYPE_ID, in.appointmentTypeId().orElse(null))
                .set(PRICE_ITEM.UNIT_PRICE_MINOR, in.unitPriceMinor()).set(PRICE_ITEM.CURRENCY, in.currency())
                .set(PRICE_ITEM.TAX_RATE_ID, in.taxRateId().orElse(null)).set(PRICE_ITEM.ACTIVE, in.active())
                .set(PRICE_ITEM.REQUEST_ID, requestId.orElse(null)).set(PRICE_ITEM.CREATED_AT, odt(now)).set(PRICE_ITEM.UPDATED_AT, odt(now))
                .returning(PRICE_ITEM.ID).fetchSingle(PRICE_ITEM.ID);
    }

    /** False when the version is stale or the entry is gone. */
    boolean updatePriceItem(UUID id, int version, PriceItemInput in, LineKind kind, Instant now) {
        return dsl.update(PRICE_ITEM).set(PRICE_ITEM.KIND, kind.name()).set(PRICE_ITEM.CODE, in.code()).set(PRICE_ITEM.NAME, in.name())
                .set(PRICE_ITEM.DOCTOR_ID, in.doctorId().orElse(null)).set(PRICE_ITEM.APPOINTMENT_TYPE_ID, in.appointmentTypeId().orElse(null))
                .set(PRICE_ITEM.UNIT_PRICE_MINOR, in.unitPriceMinor()).set(PRICE_ITEM.CURRENCY, in.currency())
                .set(PRICE_ITEM.TAX_RATE_ID, in.taxRateId().orElse(null)).set(PRICE_ITEM.ACTIVE, in.active())
                .set(PRICE_ITEM.VERSION, PRICE_ITEM.VERSION.plus(1)).set(PRICE_ITEM.UPDATED_AT, odt(now))
                .where(PRICE_ITEM.ID.eq(id), PRICE_ITEM.VERSION.eq(version)).execute() == 1;
    }

    /**
     * The most specific active consultation price for this doctor and type, in this currency:
     * doctor and type, then doctor, then type, then any.
     */
    Optional<PriceItem> consultationPrice(UUID doctorId, UUID typeId, String currency) {
        return dsl.selectFrom(PRICE_ITEM)
                .where(PRICE_ITEM.KIND.eq("CONSULTATION"), PRICE_ITEM.ACTIVE.isTrue(), PRICE_ITEM.CURRENCY.eq(currency),
                        PRICE_ITEM.DOCTOR_ID.isNull().or(PRICE_ITEM.DOCTOR_ID.eq(doctorId)),
                        PRICE_ITEM.APPOINTMENT_TYPE_ID.isNull().or(PRICE_ITEM.APPOINTMENT_TYPE_ID.eq(typeId)))
                .orderBy(PRICE_ITEM.DOCTOR_ID.isNotNull().desc(), PRICE_ITEM.APPOINTMENT_TYPE_ID.isNotNull().desc())
                .limit(1)
                .fetchOptional(PriceListRepository::item);
    }

    Optional<Visit> visit(UUID appointmentId) {
        return dsl.select(APPOINTMENT.ID, APPOINTMENT.PATIENT_ID, APPOINTMENT.DOCTOR_ID, APPOINTMENT.TYPE_ID, APPOINTMENT.STATUS,
                        APPOINTMENT_TYPE.NAME, STAFF_USER.DISPLAY_NAME, DOCTOR_PROFILE.CONSULTATION_FEE_MINOR, DOCTOR_PROFILE.FEE_CURRENCY)
                .from(APPOINTMENT)
                .join(APPOINTMENT_TYPE).on(APPOINTMENT_TYPE.ID.eq(APPOINTMENT.TYPE_ID))
                .join(STAFF_USER).on(STAFF_USER.ID.eq(APPOINTMENT.DOCTOR_ID))
                .leftJoin(DOCTOR_PROFILE).on(DOCTOR_PROFILE.USER_ID.eq(APPOINTMENT.DOCTOR_ID))
                .where(APPOINTMENT.ID.eq(appointmentId))
                .fetchOptional(r -> new Visit(r.get(APPOINTMENT.ID), r.get(APPOINTMENT.PATIENT_ID), r.get(APPOINTMENT.DOCTOR_ID),
                        r.get(APPOINTMENT.TYPE_ID), r.get(APPOINTMENT.STATUS), r.get(APPOINTMENT_TYPE.NAME), r.get(STAFF_USER.DISPLAY_NAME),
                        Optional.ofNullable(r.get(DOCTOR_PROFILE.CONSULTATION_FEE_MINOR)), Optional.ofNullable(r.get(DOCTOR_PROFILE.FEE_CURRENCY))));
    }

    private static PriceItem item(PriceItemRecord r) {
        return new PriceItem(r.getId(), LineKind.valueOf(r.getKind()), r.getCode(), r.getName(), Optional.ofNullable(r.getDoctorId()),
                Optional.ofNullable(r.getAppointmentTypeId()), r.getUnitPriceMinor(), r.getCurrency(), Optional.ofNullable(r.getTaxRateId()),
                r.getActive(), r.getVersion());
    }

    static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
