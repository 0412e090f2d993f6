package org.medconnect.server.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The audit's domain values, shared by its service, its adapter and its repository. */
public final class AuditModel {

    private AuditModel() {}

    /** One entry as the chain stores it, for the verifier and the admin browser. */
    public record ChainRow(long id, long chainSeq, Instant at, UUID actor, String actorUsername, String action,
                           String targetType, String targetId, String detail, byte[] prevHash, byte[] hash) {}

    /** Filters for browsing; empty means "any". Times are inclusive-exclusive. */
    public record Filter(Optional<UUID> actor, Optional<String> actionPrefix, Optional<Instant> from, Optional<Instant> to,
                         Optional<String> targetType, Optional<String> targetId) {
        public static Filter none() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }
}
