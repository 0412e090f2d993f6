package org.medconnect.server.audit;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * How other features write to the audit trail: inside their own transaction, through this
 * service rather than the audit feature's repository (repositories stay within their feature).
 */
public final class AuditTrail {

    private final AuditRepository repository;

    private AuditTrail(DSLContext tx) {
        this.repository = new AuditRepository(tx);
    }

    /** The trail as seen from the caller's transaction: an entry commits or rolls back with the change it describes. */
    public static AuditTrail in(DSLContext tx) {
        return new AuditTrail(tx);
    }

    /** Records who did what to which target; {@code detail} never holds secrets or clinical text. */
    public void record(UUID actor, String action, String targetType, Object targetId, String detail, OffsetDateTime at) {
        repository.record(actor, action, targetType, targetId, detail, at);
    }
}
