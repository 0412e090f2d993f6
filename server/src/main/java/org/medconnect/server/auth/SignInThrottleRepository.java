package org.medconnect.server.auth;

import static org.medconnect.server.db.Tables.SIGN_IN_THROTTLE;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/** Failed sign-in counts per typed username; the row is locked for the length of one attempt. */
public final class SignInThrottleRepository {

    record Throttle(int failedCount, Optional<OffsetDateTime> lockedUntil) {}

    private final DSLContext dsl;

    public SignInThrottleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Reads the counter for update, creating it first, so parallel attempts queue up instead of racing. */
    Throttle lock(String username) {
        dsl.insertInto(SIGN_IN_THROTTLE).set(SIGN_IN_THROTTLE.USERNAME, username).onConflictDoNothing().execute();
        var r = dsl.selectFrom(SIGN_IN_THROTTLE).where(SIGN_IN_THROTTLE.USERNAME.eq(username)).forUpdate().fetchSingle();
        return new Throttle(r.getFailedCount(), Optional.ofNullable(r.getLockedUntil()));
    }

    void save(String username, int failedCount, OffsetDateTime lockedUntil, OffsetDateTime lastFailedAt) {
        dsl.update(SIGN_IN_THROTTLE)
                .set(SIGN_IN_THROTTLE.FAILED_COUNT, failedCount)
                .set(SIGN_IN_THROTTLE.LOCKED_UNTIL, lockedUntil)
                .set(SIGN_IN_THROTTLE.LAST_FAILED_AT, lastFailedAt)
                .where(SIGN_IN_THROTTLE.USERNAME.eq(username))
                .execute();
    }

    public void clear(String username) {
        dsl.deleteFrom(SIGN_IN_THROTTLE).where(SIGN_IN_THROTTLE.USERNAME.eq(username)).execute();
    }
}
