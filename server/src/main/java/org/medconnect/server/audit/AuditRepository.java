package org.medconnect.server.audit;

import static org.medconnect.server.db.Tables.AUDIT_ENTRY;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Appends to the audit trail: who changed what, when. Entries are written in the same
 * transaction as the change they describe, and the database refuses updates and deletes.
 * Details name fields, never their values when those are secrets or clinical text.
 */
public final class AuditRepository {

    /** One stored entry. */
    public record Entry(OffsetDateTime at, UUID actorUserId, String action, String targetType, String targetId, String detail) {}

    private final DSLContext dsl;

    public AuditRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void record(UUID actor, String action, String targetType, Object targetId, String detail, OffsetDateTime at) {
        dsl.insertInto(AUDIT_ENTRY)
                .set(AUDIT_ENTRY.OCCURRED_AT, at)
                .set(AUDIT_ENTRY.ACTOR_USER_ID, actor)
                .set(AUDIT_ENTRY.ACTION, action)
                .set(AUDIT_ENTRY.TARGET_TYPE, targetType)
                .set(AUDIT_ENTRY.TARGET_ID, targetId == null ? null : targetId.toString())
                .set(AUDIT_ENTRY.DETAIL, detail)
                .execute();
    }

    /** Newest first. */
    public List<Entry> latest(int limit) {
        return dsl.selectFrom(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID.desc()).limit(limit)
                .fetch(r -> new Entry(r.getOccurredAt(), r.getActorUserId(), r.getAction(), r.getTargetType(),
                        r.getTargetId(), r.getDetail()));
    }
}
