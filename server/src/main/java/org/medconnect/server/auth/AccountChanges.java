package org.medconnect.server.auth;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.auth.SessionRepository.EndReason;

/**
 * What staff administration changes in the sign-in feature, inside the caller's transaction:
 * the staff feature goes through this service, never through auth's repositories.
 */
public final class AccountChanges {

    private final DSLContext tx;

    private AccountChanges(DSLContext tx) {
        this.tx = tx;
    }

    public static AccountChanges in(DSLContext tx) {
        return new AccountChanges(tx);
    }

    /** A deactivated account's sessions end at once; answers how many were open. */
    public int deactivated(UUID userId, OffsetDateTime now) {
        return new SessionRepository(tx).endAllOf(userId, EndReason.DEACTIVATED, now, null);
    }

    /** A temporary password, to be changed at next sign-in: every session ends and a sign-in lock lifts. */
    public void passwordReset(UUID userId, String username, String hash, OffsetDateTime now) {
        new AccountRepository(tx).changePassword(userId, hash, true, now);
        new SessionRepository(tx).endAllOf(userId, EndReason.PASSWORD_RESET, now, null);
        new SignInThrottleRepository(tx).clear(username);
    }
}
