package org.medconnect.server.platform;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * "Insert once by request id": every create RPC carries a client-made request id with a
 * unique constraint on it, so a retry after a timeout answers the first result instead of
 * creating twice (DESIGN.md). The one way services do it: look the request id up first (the
 * cheap, common retry), then insert in one transaction, and if the request id's constraint
 * stops the insert (a retry racing the first attempt) answer the first attempt's id.
 */
public final class InsertOnce {

    private InsertOnce() {}

    /** The id an earlier attempt with this request id created, if there was one. */
    public static Optional<UUID> earlier(Optional<UUID> requestId, Function<UUID, Optional<UUID>> byRequestId) {
        return requestId.flatMap(byRequestId);
    }

    /**
     * Runs {@code insert} in one transaction and answers the new id; if the unique constraint
     * {@code requestIdConstraint} stops it, answers the id the first attempt created. Any other
     * database failure goes through {@code translate} (constraint names to readable errors).
     */
    public static UUID insert(DSLContext dsl, Optional<UUID> requestId, String requestIdConstraint,
                              Function<UUID, Optional<UUID>> byRequestId, Function<DSLContext, UUID> insert,
                              Function<DataAccessException, RuntimeException> translate) {
        try {
            return dsl.transactionResult(cfg -> insert.apply(cfg.dsl()));
        } catch (DataAccessException e) {
            if (requestId.isPresent() && Constraints.violated(e, Constraints.UNIQUE_VIOLATION)
                    .filter(requestIdConstraint::equals).isPresent()) {
                // Another attempt with the same request id won the race: it is the same request.
                return byRequestId.apply(requestId.get()).orElseThrow();
            }
            throw translate.apply(e);
        }
    }
}
