package org.medconnect.server.auth;

import static org.medconnect.server.db.Tables.STAFF_USER;
import static org.medconnect.server.db.Tables.USER_SESSION;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;

/** Sessions by token hash. Other features use it to end a user's sessions (deactivation, reset). */
public final class SessionRepository {

    /** Why a session ended, as stored. */
    public enum EndReason { SIGNED_OUT, IDLE, EXPIRED, DEACTIVATED, PASSWORD_CHANGED, PASSWORD_RESET, SECOND_FACTOR_PASSED }

    /** An open session with its user, as the authenticator needs it. */
    record OpenSession(Principal principal, boolean userActive, OffsetDateTime lastSeenAt, OffsetDateTime expiresAt) {}

    private final DSLContext dsl;

    public SessionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void create(byte[] tokenHash, UUID userId, OffsetDateTime now, OffsetDateTime expiresAt, String address, String workstation) {
        create(tokenHash, userId, now, expiresAt, address, workstation, false, null);
    }

    /**
     * A session; {@code secondFactorPending} makes it the short-lived half of a sign-in that still owes its
     * second factor, {@code secondFactorAt} is when one was verified (null: never on this session).
     */
    void create(byte[] tokenHash, UUID userId, OffsetDateTime now, OffsetDateTime expiresAt, String address, String workstation,
                boolean secondFactorPending, OffsetDateTime secondFactorAt) {
        dsl.insertInto(USER_SESSION)
                .set(USER_SESSION.SECOND_FACTOR_PENDING, secondFactorPending)
                .set(USER_SESSION.SECOND_FACTOR_AT, secondFactorAt)
                .set(USER_SESSION.TOKEN_HASH, tokenHash)
                .set(USER_SESSION.USER_ID, userId)
                .set(USER_SESSION.CREATED_AT, now)
                .set(USER_SESSION.LAST_SEEN_AT, now)
                .set(USER_SESSION.EXPIRES_AT, expiresAt)
                .set(USER_SESSION.CLIENT_ADDRESS, address)
                .set(USER_SESSION.WORKSTATION, workstation)
                .execute();
    }

    Optional<OpenSession> findOpen(byte[] tokenHash) {
        return dsl.select(USER_SESSION.LAST_SEEN_AT, USER_SESSION.EXPIRES_AT, STAFF_USER.ID, STAFF_USER.USERNAME,
                        STAFF_USER.DISPLAY_NAME, STAFF_USER.ROLE, STAFF_USER.ACTIVE, STAFF_USER.PASSWORD_CHANGE_REQUIRED,
                        USER_SESSION.SECOND_FACTOR_PENDING)
                .from(USER_SESSION).join(STAFF_USER).on(STAFF_USER.ID.eq(USER_SESSION.USER_ID))
                .where(USER_SESSION.TOKEN_HASH.eq(tokenHash).and(USER_SESSION.ENDED_AT.isNull()))
                .fetchOptional(r -> new OpenSession(
                        new Principal(r.get(STAFF_USER.ID), r.get(STAFF_USER.USERNAME), r.get(STAFF_USER.DISPLAY_NAME),
                                Role.valueOf(r.get(STAFF_USER.ROLE)), r.get(STAFF_USER.PASSWORD_CHANGE_REQUIRED), tokenHash,
                                r.get(USER_SESSION.SECOND_FACTOR_PENDING)),
                        r.get(STAFF_USER.ACTIVE), r.get(USER_SESSION.LAST_SEEN_AT), r.get(USER_SESSION.EXPIRES_AT)));
    }

    /** The open sessions among these token hashes (one query, for checking long-lived streams). */
    java.util.List<OpenSession> findOpen(java.util.Collection<byte[]> tokenHashes) {
        return dsl.select(USER_SESSION.TOKEN_HASH, USER_SESSION.LAST_SEEN_AT, USER_SESSION.EXPIRES_AT, STAFF_USER.ID,
                        STAFF_USER.USERNAME, STAFF_USER.DISPLAY_NAME, STAFF_USER.ROLE, STAFF_USER.ACTIVE,
                        STAFF_USER.PASSWORD_CHANGE_REQUIRED, USER_SESSION.SECOND_FACTOR_PENDING)
                .from(USER_SESSION).join(STAFF_USER).on(STAFF_USER.ID.eq(USER_SESSION.USER_ID))
                .where(USER_SESSION.TOKEN_HASH.in(tokenHashes).and(USER_SESSION.ENDED_AT.isNull()))
                .fetch(r -> new OpenSession(
                        new Principal(r.get(STAFF_USER.ID), r.get(STAFF_USER.USERNAME), r.get(STAFF_USER.DISPLAY_NAME),
                                Role.valueOf(r.get(STAFF_USER.ROLE)), r.get(STAFF_USER.PASSWORD_CHANGE_REQUIRED),
                                r.get(USER_SESSION.TOKEN_HASH), r.get(USER_SESSION.SECOND_FACTOR_PENDING)),
                        r.get(STAFF_USER.ACTIVE), r.get(USER_SESSION.LAST_SEEN_AT), r.get(USER_SESSION.EXPIRES_AT)));
    }

    void touch(byte[] tokenHash, OffsetDateTime now) {
        dsl.update(USER_SESSION).set(USER_SESSION.LAST_SEEN_AT, now)
                .where(USER_SESSION.TOKEN_HASH.eq(tokenHash).and(USER_SESSION.ENDED_AT.isNull()))
                .execute();
    }

    /** Ends one session; true when it was still open. */
    boolean end(byte[] tokenHash, EndReason reason, OffsetDateTime now) {
        return dsl.update(USER_SESSION)
                .set(USER_SESSION.ENDED_AT, now)
                .set(USER_SESSION.END_REASON, reason.name())
                .where(USER_SESSION.TOKEN_HASH.eq(tokenHash).and(USER_SESSION.ENDED_AT.isNull()))
                .execute() == 1;
    }

    /** Ends every open session of a user but {@code keep} (may be null); returns how many ended. */
    public int endAllOf(UUID userId, EndReason reason, OffsetDateTime now, byte[] keep) {
        var condition = USER_SESSION.USER_ID.eq(userId).and(USER_SESSION.ENDED_AT.isNull());
        if (keep != null) {
            condition = condition.and(USER_SESSION.TOKEN_HASH.ne(keep));
        }
        return dsl.update(USER_SESSION)
                .set(USER_SESSION.ENDED_AT, now)
                .set(USER_SESSION.END_REASON, reason.name())
                .where(condition)
                .execute();
    }
}
