package org.medconnect.server.patient;

import static org.medconnect.server.db.Tables.CHART_DOCUMENT;
import static org.medconnect.server.db.Tables.CONSENT_RECORD;
import static org.medconnect.server.db.Tables.EMERGENCY_CONTACT;
import static org.medconnect.server.db.Tables.INSURANCE_POLICY;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.medconnect.server.patient.DemographicsModel.Consent;
import org.medconnect.server.patient.DemographicsModel.Contact;
import org.medconnect.server.patient.DemographicsModel.Policy;

/**
 * Rows of emergency_contact, insurance_policy, consent_record and the patient's blood group
 * and language. Every edit is {@code where id = ? and version = ?}: zero rows changed means
 * somebody else got there first, and the service says who.
 */
final class DemographicsRepository {

    /** Who last changed an entry, and at which version, for a stale-edit refusal. */
    record Stamp(UUID patientId, int version, boolean active, String changedBy, OffsetDateTime changedAt) {}

    /** Blood group, language and their version. */
    record Profile(Optional<String> bloodGroup, Optional<String> language, int version) {}

    private static final Field<String> CONTACT_BY = STAFF_USER.as("contact_by").DISPLAY_NAME;
    private static final Field<String> POLICY_BY = STAFF_USER.as("policy_by").DISPLAY_NAME;
    private static final Field<String> CONSENT_BY = STAFF_USER.as("consent_by").DISPLAY_NAME;

    private final DSLContext dsl;

    DemographicsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    boolean patientExists(UUID patientId) {
        return dsl.fetchExists(PATIENT, PATIENT.ID.eq(patientId));
    }

    // ---- profile ----

    Optional<Profile> profile(UUID patientId) {
        return dsl.select(PATIENT.BLOOD_GROUP, PATIENT.PREFERRED_LANGUAGE, PATIENT.DEMOGRAPHICS_VERSION)
                .from(PATIENT).where(PATIENT.ID.eq(patientId))
                .fetchOptional(r -> new Profile(Optional.ofNullable(r.value1()), Optional.ofNullable(r.value2()), r.value3()));
    }

    Optional<Stamp> profileStamp(UUID patientId) {
        var by = STAFF_USER.as("profile_by");
        return dsl.select(PATIENT.ID, PATIENT.DEMOGRAPHICS_VERSION, by.DISPLAY_NAME, PATIENT.DEMOGRAPHICS_UPDATED_AT,
                        PATIENT.UPDATED_AT)
                .from(PATIENT).leftJoin(by).on(by.ID.eq(PATIENT.DEMOGRAPHICS_UPDATED_BY))
                .where(PATIENT.ID.eq(patientId))
                .fetchOptional(r -> new Stamp(r.value1(), r.value2(), true, r.value3() == null ? "the front desk" : r.value3(),
                        r.value4() == null ? r.value5() : r.value4()));
    }

    int updateProfile(UUID patientId, int expectedVersion, String bloodGroup, String language, UUID by, OffsetDateTime now) {
        return dsl.update(PATIENT)
                .set(PATIENT.BLOOD_GROUP, bloodGroup)
                .set(PATIENT.PREFERRED_LANGUAGE, language)
                .set(PATIENT.DEMOGRAPHICS_VERSION, PATIENT.DEMOGRAPHICS_VERSION.plus(1))
                .set(PATIENT.DEMOGRAPHICS_UPDATED_BY, by)
                .set(PATIENT.DEMOGRAPHICS_UPDATED_AT, now)
                .where(PATIENT.ID.eq(patientId).and(PATIENT.DEMOGRAPHICS_VERSION.eq(expectedVersion)))
                .execute();
    }

    // ---- contacts ----

    List<Contact> contacts(UUID patientId) {
        var by = STAFF_USER.as("contact_by");
        return dsl.select(EMERGENCY_CONTACT.asterisk(), CONTACT_BY)
                .from(EMERGENCY_CONTACT).join(by).on(by.ID.eq(EMERGENCY_CONTACT.UPDATED_BY))
                .where(EMERGENCY_CONTACT.PATIENT_ID.eq(patientId))
                .orderBy(EMERGENCY_CONTACT.ACTIVE.desc(), EMERGENCY_CONTACT.PRIORITY, EMERGENCY_CONTACT.NAME, EMERGENCY_CONTACT.ID)
                .fetch(DemographicsRepository::toContact);
    }

    /** The patient's active contacts in order, locked so reorders and additions take turns. */
    List<Contact> lockActiveContacts(UUID patientId) {
        var by = STAFF_USER.as("contact_by");
        return dsl.select(EMERGENCY_CONTACT.asterisk(), CONTACT_BY)
                .from(EMERGENCY_CONTACT).join(by).on(by.ID.eq(EMERGENCY_CONTACT.UPDATED_BY))
                .where(EMERGENCY_CONTACT.PATIENT_ID.eq(patientId).and(EMERGENCY_CONTACT.ACTIVE))
                .orderBy(EMERGENCY_CONTACT.PRIORITY, EMERGENCY_CONTACT.NAME, EMERGENCY_CONTACT.ID)
                .forUpdate().of(EMERGENCY_CONTACT)
                .fetch(DemographicsRepository::toContact);
    }

    Optional<Contact> contact(UUID id) {
        var by = STAFF_USER.as("contact_by");
        return dsl.select(EMERGENCY_CONTACT.asterisk(), CONTACT_BY)
                .from(EMERGENCY_CONTACT).join(by).on(by.ID.eq(EMERGENCY_CONTACT.UPDATED_BY))
                .where(EMERGENCY_CONTACT.ID.eq(id))
                .fetchOptional(DemographicsRepository::toContact);
    }

    Optional<UUID> contactByRequestId(UUID requestId) {
        return dsl.select(EMERGENCY_CONTACT.ID).from(EMERGENCY_CONTACT).where(EMERGENCY_CONTACT.REQUEST_ID.eq(requestId))
                .fetchOptional(EMERGENCY_CONTACT.ID);
    }

    UUID insertContact(UUID requestId, UUID patientId, String name, String relationship, String phone, String email,
                       int priority, UUID by, OffsetDateTime now) {
        return dsl.insertInto(EMERGENCY_CONTACT)
                .set(EMERGENCY_CONTACT.REQUEST_ID, requestId)
                .set(EMERGENCY_CONTACT.PATIENT_ID, patientId)
                .set(EMERGENCY_CONTACT.NAME, name)
                .set(EMERGENCY_CONTACT.RELATIONSHIP, relationship)
                .set(EMERGENCY_CONTACT.PHONE, phone)
                .set(EMERGENCY_CONTACT.EMAIL, email)
                .set(EMERGENCY_CONTACT.PRIORITY, (short) priority)
                .set(EMERGENCY_CONTACT.UPDATED_BY, by)
                .set(EMERGENCY_CONTACT.UPDATED_AT, now)
                .returning(EMERGENCY_CONTACT.ID)
                .fetchSingle(EMERGENCY_CONTACT.ID);
    }

    int updateContact(UUID id, int expectedVersion, String name, String relationship, String phone, String email,
                      int priority, boolean active, UUID by, OffsetDateTime now) {
        return dsl.update(EMERGENCY_CONTACT)
                .set(EMERGENCY_CONTACT.NAME, name)
                .set(EMERGENCY_CONTACT.RELATIONSHIP, relationship)
                .set(EMERGENCY_CONTACT.PHONE, phone)
                .set(EMERGENCY_CONTACT.EMAIL, email)
                .set(EMERGENCY_CONTACT.PRIORITY, (short) priority)
                .set(EMERGENCY_CONTACT.ACTIVE, active)
                .set(EMERGENCY_CONTACT.VERSION, EMERGENCY_CONTACT.VERSION.plus(1))
                .set(EMERGENCY_CONTACT.UPDATED_BY, by)
                .set(EMERGENCY_CONTACT.UPDATED_AT, now)
                .where(EMERGENCY_CONTACT.ID.eq(id).and(EMERGENCY_CONTACT.VERSION.eq(expectedVersion)))
                .execute();
    }

    // ---- insurance ----

    List<Policy> policies(UUID patientId) {
        var by = STAFF_USER.as("policy_by");
        return dsl.select(INSURANCE_POLICY.asterisk(), POLICY_BY)
                .from(INSURANCE_POLICY).join(by).on(by.ID.eq(INSURANCE_POLICY.UPDATED_BY))
                .where(INSURANCE_POLICY.PATIENT_ID.eq(patientId))
                .orderBy(INSURANCE_POLICY.ACTIVE.desc(), INSURANCE_POLICY.COVERAGE_START.desc(), INSURANCE_POLICY.ID)
                .fetch(DemographicsRepository::toPolicy);
    }

    Optional<Policy> policy(UUID id) {
        var by = STAFF_USER.as("policy_by");
        return dsl.select(INSURANCE_POLICY.asterisk(), POLICY_BY)
                .from(INSURANCE_POLICY).join(by).on(by.ID.eq(INSURANCE_POLICY.UPDATED_BY))
                .where(INSURANCE_POLICY.ID.eq(id))
                .fetchOptional(DemographicsRepository::toPolicy);
    }

    Optional<UUID> policyByRequestId(UUID requestId) {
        return dsl.select(INSURANCE_POLICY.ID).from(INSURANCE_POLICY).where(INSURANCE_POLICY.REQUEST_ID.eq(requestId))
                .fetchOptional(INSURANCE_POLICY.ID);
    }

    UUID insertPolicy(UUID requestId, UUID patientId, String insurer, String number, String member, LocalDate start,
                      LocalDate end, UUID by, OffsetDateTime now) {
        return dsl.insertInto(INSURANCE_POLICY)
                .set(INSURANCE_POLICY.REQUEST_ID, requestId)
                .set(INSURANCE_POLICY.PATIENT_ID, patientId)
                .set(INSURANCE_POLICY.INSURER, insurer)
                .set(INSURANCE_POLICY.POLICY_NUMBER, number)
                .set(INSURANCE_POLICY.MEMBER_NAME, member)
                .set(INSURANCE_POLICY.COVERAGE_START, start)
                .set(INSURANCE_POLICY.COVERAGE_END, end)
                .set(INSURANCE_POLICY.UPDATED_BY, by)
                .set(INSURANCE_POLICY.UPDATED_AT, now)
                .returning(INSURANCE_POLICY.ID)
                .fetchSingle(INSURANCE_POLICY.ID);
    }

    int updatePolicy(UUID id, int expectedVersion, String insurer, String number, String member, LocalDate start,
                     LocalDate end, boolean active, UUID by, OffsetDateTime now) {
        return dsl.update(INSURANCE_POLICY)
                .set(INSURANCE_POLICY.INSURER, insurer)
                .set(INSURANCE_POLICY.POLICY_NUMBER, number)
                .set(INSURANCE_POLICY.MEMBER_NAME, member)
                .set(INSURANCE_POLICY.COVERAGE_START, start)
                .set(INSURANCE_POLICY.COVERAGE_END, end)
                .set(INSURANCE_POLICY.ACTIVE, active)
                .set(INSURANCE_POLICY.VERSION, INSURANCE_POLICY.VERSION.plus(1))
                .set(INSURANCE_POLICY.UPDATED_BY, by)
                .set(INSURANCE_POLICY.UPDATED_AT, now)
                .where(INSURANCE_POLICY.ID.eq(id).and(INSURANCE_POLICY.VERSION.eq(expectedVersion)))
                .execute();
    }

    // ---- consents ----

    List<Consent> consents(UUID patientId) {
        var by = STAFF_USER.as("consent_by");
        return dsl.select(CONSENT_RECORD.asterisk(), CONSENT_BY)
                .from(CONSENT_RECORD).join(by).on(by.ID.eq(CONSENT_RECORD.UPDATED_BY))
                .where(CONSENT_RECORD.PATIENT_ID.eq(patientId))
                .orderBy(CONSENT_RECORD.GIVEN_ON.desc(), CONSENT_RECORD.ID)
                .fetch(DemographicsRepository::toConsent);
    }

    Optional<Consent> consent(UUID id) {
        var by = STAFF_USER.as("consent_by");
        return dsl.select(CONSENT_RECORD.asterisk(), CONSENT_BY)
                .from(CONSENT_RECORD).join(by).on(by.ID.eq(CONSENT_RECORD.UPDATED_BY))
                .where(CONSENT_RECORD.ID.eq(id))
                .fetchOptional(DemographicsRepository::toConsent);
    }

    Optional<UUID> consentByRequestId(UUID requestId) {
        return dsl.select(CONSENT_RECORD.ID).from(CONSENT_RECORD).where(CONSENT_RECORD.REQUEST_ID.eq(requestId))
                .fetchOptional(CONSENT_RECORD.ID);
    }

    /** The patient a chart document belongs to, if the document exists. */
    Optional<UUID> documentPatient(UUID documentId) {
        return dsl.select(CHART_DOCUMENT.PATIENT_ID).from(CHART_DOCUMENT).where(CHART_DOCUMENT.ID.eq(documentId))
                .fetchOptional(CHART_DOCUMENT.PATIENT_ID);
    }

    UUID insertConsent(UUID requestId, UUID patientId, String kind, LocalDate givenOn, LocalDate withdrawnOn, UUID documentId,
                       String note, UUID by, OffsetDateTime now) {
        return dsl.insertInto(CONSENT_RECORD)
                .set(CONSENT_RECORD.REQUEST_ID, requestId)
                .set(CONSENT_RECORD.PATIENT_ID, patientId)
                .set(CONSENT_RECORD.KIND, kind)
                .set(CONSENT_RECORD.GIVEN_ON, givenOn)
                .set(CONSENT_RECORD.STATUS, withdrawnOn == null ? "GIVEN" : "WITHDRAWN")
                .set(CONSENT_RECORD.WITHDRAWN_ON, withdrawnOn)
                .set(CONSENT_RECORD.DOCUMENT_ID, documentId)
                .set(CONSENT_RECORD.NOTE, note)
                .set(CONSENT_RECORD.UPDATED_BY, by)
                .set(CONSENT_RECORD.UPDATED_AT, now)
                .returning(CONSENT_RECORD.ID)
                .fetchSingle(CONSENT_RECORD.ID);
    }

    int updateConsent(UUID id, int expectedVersion, String kind, LocalDate givenOn, LocalDate withdrawnOn, UUID documentId,
                      String note, UUID by, OffsetDateTime now) {
        return dsl.update(CONSENT_RECORD)
                .set(CONSENT_RECORD.KIND, kind)
                .set(CONSENT_RECORD.GIVEN_ON, givenOn)
                .set(CONSENT_RECORD.STATUS, withdrawnOn == null ? "GIVEN" : "WITHDRAWN")
                .set(CONSENT_RECORD.WITHDRAWN_ON, withdrawnOn)
                .set(CONSENT_RECORD.DOCUMENT_ID, documentId)
                .set(CONSENT_RECORD.NOTE, note)
                .set(CONSENT_RECORD.VERSION, CONSENT_RECORD.VERSION.plus(1))
                .set(CONSENT_RECORD.UPDATED_BY, by)
                .set(CONSENT_RECORD.UPDATED_AT, now)
                .where(CONSENT_RECORD.ID.eq(id).and(CONSENT_RECORD.VERSION.eq(expectedVersion)))
                .execute();
    }

    // ---- mapping ----

    private static Contact toContact(Record r) {
        return new Contact(r.get(EMERGENCY_CONTACT.ID), r.get(EMERGENCY_CONTACT.PATIENT_ID), r.get(EMERGENCY_CONTACT.NAME),
                r.get(EMERGENCY_CONTACT.RELATIONSHIP), r.get(EMERGENCY_CONTACT.PHONE), Optional.ofNullable(r.get(EMERGENCY_CONTACT.EMAIL)),
                r.get(EMERGENCY_CONTACT.PRIORITY), r.get(EMERGENCY_CONTACT.ACTIVE), r.get(EMERGENCY_CONTACT.VERSION),
                r.get(CONTACT_BY), r.get(EMERGENCY_CONTACT.UPDATED_AT));
    }

    private static Policy toPolicy(Record r) {
        return new Policy(r.get(INSURANCE_POLICY.ID), r.get(INSURANCE_POLICY.PATIENT_ID), r.get(INSURANCE_POLICY.INSURER),
                r.get(INSURANCE_POLICY.POLICY_NUMBER), Optional.ofNullable(r.get(INSURANCE_POLICY.MEMBER_NAME)),
                r.get(INSURANCE_POLICY.COVERAGE_START), Optional.ofNullable(r.get(INSURANCE_POLICY.COVERAGE_END)),
                r.get(INSURANCE_POLICY.ACTIVE), r.get(INSURANCE_POLICY.VERSION), r.get(POLICY_BY), r.get(INSURANCE_POLICY.UPDATED_AT));
    }

    private static Consent toConsent(Record r) {
        return new Consent(r.get(CONSENT_RECORD.ID), r.get(CONSENT_RECORD.PATIENT_ID), r.get(CONSENT_RECORD.KIND),
                r.get(CONSENT_RECORD.GIVEN_ON), Optional.ofNullable(r.get(CONSENT_RECORD.WITHDRAWN_ON)),
                Optional.ofNullable(r.get(CONSENT_RECORD.DOCUMENT_ID)), Optional.ofNullable(r.get(CONSENT_RECORD.NOTE)),
                r.get(CONSENT_RECORD.VERSION), r.get(CONSENT_BY), r.get(CONSENT_RECORD.UPDATED_AT));
    }

    static Stamp stamp(Contact c) {
        return new Stamp(c.patientId(), c.version(), c.active(), c.updatedByName(), c.updatedAt());
    }

    static Stamp stamp(Policy p) {
        return new Stamp(p.patientId(), p.version(), p.active(), p.updatedByName(), p.updatedAt());
    }

    static Stamp stamp(Consent c) {
        return new Stamp(c.patientId(), c.version(), true, c.updatedByName(), c.updatedAt());
    }
}
