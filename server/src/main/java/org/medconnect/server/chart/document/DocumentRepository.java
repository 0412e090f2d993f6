package org.medconnect.server.chart.document;

import static org.medconnect.server.db.Tables.CHART_DOCUMENT;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.medconnect.server.chart.document.DocumentModel.Category;
import org.medconnect.server.chart.document.DocumentModel.ContentType;
import org.medconnect.server.chart.document.DocumentModel.Document;
import org.medconnect.server.chart.document.DocumentModel.Status;

/** The chart_document table, and the few facts about patients and doctors a document needs. */
final class DocumentRepository {

    /** What a stored file needs to be opened, with the listed document. */
    record Stored(Document document, String storageName, byte[] wrappedKey) {}

    /** A new row, written once the file is complete on disk. */
    record NewDocument(UUID id, UUID requestId, UUID patientId, Optional<UUID> encounterId, Category category, String title,
                       Optional<String> fileName, ContentType contentType, long sizeBytes, byte[] sha256, String storageName,
                       byte[] wrappedKey, UUID uploadedBy, OffsetDateTime at) {}

    private final DSLContext dsl;

    DocumentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Inserts the row; empty when a document with this request id exists already (a retry). */
    boolean insert(NewDocument d) {
        return dsl.insertInto(CHART_DOCUMENT)
                .set(CHART_DOCUMENT.ID, d.id())
                .set(CHART_DOCUMENT.REQUEST_ID, d.requestId())
                .set(CHART_DOCUMENT.PATIENT_ID, d.patientId())
                .set(CHART_DOCUMENT.ENCOUNTER_ID, d.encounterId().orElse(null))
                .set(CHART_DOCUMENT.CATEGORY, d.category().name())
                .set(CHART_DOCUMENT.TITLE, d.title())
                .set(CHART_DOCUMENT.FILE_NAME, d.fileName().orElse(null))
                .set(CHART_DOCUMENT.CONTENT_TYPE, d.contentType().mime())
                .set(CHART_DOCUMENT.SIZE_BYTES, d.sizeBytes())
                .set(CHART_DOCUMENT.SHA256, d.sha256())
                .set(CHART_DOCUMENT.STORAGE_NAME, d.storageName())
                .set(CHART_DOCUMENT.WRAPPED_KEY, d.wrappedKey())
                .set(CHART_DOCUMENT.UPLOADED_BY, d.uploadedBy())
                .set(CHART_DOCUMENT.UPLOADED_AT, d.at())
                .set(CHART_DOCUMENT.UPDATED_BY, d.uploadedBy())
                .set(CHART_DOCUMENT.UPDATED_AT, d.at())
                .onConflict(CHART_DOCUMENT.REQUEST_ID).doNothing()
                .execute() == 1;
    }

    Optional<Stored> find(UUID id) {
        return select(CHART_DOCUMENT.ID.eq(id)).fetchOptional(DocumentRepository::stored);
    }

    Optional<Stored> byRequestId(UUID requestId) {
        return select(CHART_DOCUMENT.REQUEST_ID.eq(requestId)).fetchOptional(DocumentRepository::stored);
    }

    List<Document> page(UUID patientId, Optional<Category> category, int offset, int limit) {
        return select(filter(patientId, category))
                .orderBy(CHART_DOCUMENT.UPLOADED_AT.desc(), CHART_DOCUMENT.ID)
                .offset(offset).limit(limit)
                .fetch(r -> stored(r).document());
    }

    int count(UUID patientId, Optional<Category> category) {
        return dsl.fetchCount(CHART_DOCUMENT, filter(patientId, category));
    }

    /** Marks entered in error if still at {@code expectedVersion}; false when someone changed it first. */
    boolean markEnteredInError(UUID id, int expectedVersion, String reason, UUID by, OffsetDateTime at) {
        return dsl.update(CHART_DOCUMENT)
                .set(CHART_DOCUMENT.STATUS, Status.ENTERED_IN_ERROR.name())
                .set(CHART_DOCUMENT.ERROR_REASON, reason)
                .set(CHART_DOCUMENT.VERSION, CHART_DOCUMENT.VERSION.plus(1))
                .set(CHART_DOCUMENT.UPDATED_BY, by)
                .set(CHART_DOCUMENT.UPDATED_AT, at)
                .where(CHART_DOCUMENT.ID.eq(id).and(CHART_DOCUMENT.VERSION.eq(expectedVersion))
                        .and(CHART_DOCUMENT.STATUS.eq(Status.AVAILABLE.name())))
                .execute() == 1;
    }

    /** Who changed the document last and when (for "Changed by ... at ..."). */
    LastChange lastChange(UUID id) {
        var u = STAFF_USER.as("u");
        return dsl.select(u.DISPLAY_NAME, CHART_DOCUMENT.UPDATED_AT)
                .from(CHART_DOCUMENT).join(u).on(u.ID.eq(CHART_DOCUMENT.UPDATED_BY))
                .where(CHART_DOCUMENT.ID.eq(id))
                .fetchSingle(r -> new LastChange(r.value1(), r.value2()));
    }

    record LastChange(String displayName, OffsetDateTime at) {}

    boolean patientExists(UUID patientId) {
        return dsl.fetchExists(dsl.selectOne().from(DSL.table("patient")).where(DSL.field("id", UUID.class).eq(patientId)));
    }

    /** The encounter's doctor, if the encounter is this patient's. */
    Optional<UUID> encounterDoctor(UUID encounterId, UUID patientId) {
        return dsl.resultQuery("select doctor_id from encounter where id = ?::uuid and patient_id = ?::uuid", encounterId, patientId)
                .fetchOptional(0, UUID.class);
    }

    /** "Ana Souza". */
    String patientName(UUID patientId) {
        return dsl.resultQuery("select given_name || ' ' || family_name from patient where id = ?::uuid", patientId)
                .fetchSingle(0, String.class);
    }

    /**
     * The patient's doctors for news of a new result: active doctors with an appointment from
     * {@code from} to {@code to} (recent and upcoming) that still holds.
     */
    List<UUID> doctorsAround(UUID patientId, OffsetDateTime from, OffsetDateTime to) {
        return dsl.resultQuery("""
                select distinct a.doctor_id from appointment a join staff_user s on s.id = a.doctor_id
                 where a.patient_id = ?::uuid and a.starts_at >= ?::timestamptz and a.starts_at < ?::timestamptz
                   and a.status not in ('DECLINED', 'CANCELLED') and s.active
                """, patientId, from, to).fetch(0, UUID.class);
    }

    private org.jooq.SelectConditionStep<Record> select(Condition where) {
        var u = STAFF_USER.as("u");
        return dsl.select(CHART_DOCUMENT.fields()).select(u.DISPLAY_NAME)
                .from(CHART_DOCUMENT).join(u).on(u.ID.eq(CHART_DOCUMENT.UPLOADED_BY))
                .where(where);
    }

    private static Condition filter(UUID patientId, Optional<Category> category) {
        Condition c = CHART_DOCUMENT.PATIENT_ID.eq(patientId);
        return category.map(k -> c.and(CHART_DOCUMENT.CATEGORY.eq(k.name()))).orElse(c);
    }

    private static Stored stored(Record r) {
        Document d = new Document(r.get(CHART_DOCUMENT.ID), r.get(CHART_DOCUMENT.PATIENT_ID),
                Optional.ofNullable(r.get(CHART_DOCUMENT.ENCOUNTER_ID)), Category.valueOf(r.get(CHART_DOCUMENT.CATEGORY)),
                r.get(CHART_DOCUMENT.TITLE), Optional.ofNullable(r.get(CHART_DOCUMENT.FILE_NAME)),
                ContentType.ofMime(r.get(CHART_DOCUMENT.CONTENT_TYPE)), r.get(CHART_DOCUMENT.SIZE_BYTES), r.get(CHART_DOCUMENT.SHA256),
                Status.valueOf(r.get(CHART_DOCUMENT.STATUS)), Optional.ofNullable(r.get(CHART_DOCUMENT.ERROR_REASON)),
                r.get(CHART_DOCUMENT.VERSION), r.get(STAFF_USER.as("u").DISPLAY_NAME), r.get(CHART_DOCUMENT.UPLOADED_AT));
        return new Stored(d, r.get(CHART_DOCUMENT.STORAGE_NAME), r.get(CHART_DOCUMENT.WRAPPED_KEY));
    }
}
