package org.medconnect.server.auth;

import static org.medconnect.server.db.Tables.AUTH_EVENT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/** The append-only record of sign-ins, failures, locks and sign-outs. */
public final class AuthEventRepository {

    /** Kinds of record, as stored. */
    public enum Kind {
        SIGNED_IN, WRONG_PASSWORD, LOCKED, REFUSED_LOCKED, REFUSED_INACTIVE, SIGNED_OUT, SESSION_ENDED, PASSWORD_CHANGED,
        SECOND_FACTOR_NEEDED, SECOND_FACTOR_PASSED, WRONG_SECOND_FACTOR, RECOVERY_CODE_USED, TOTP_ENROLLED, STEP_UP,
        PASSWORD_RESET_CODE_SENT, PASSWORD_RESET_BY_CODE
    }

    /** One stored record. */
    public record AuthEvent(OffsetDateTime at, Kind kind, String username, UUID userId, String clientAddress, String detail) {}

    private final DSLContext dsl;

    public AuthEventRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void record(Kind kind, String username, UUID userId, String address, String workstation, String detail, OffsetDateTime at) {
        dsl.insertInto(AUTH_EVENT)
                .set(AUTH_EVENT.OCCURRED_AT, at)
                .set(AUTH_EVENT.KIND, kind.name())
                .set(AUTH_EVENT.USERNAME, username)
                .set(AUTH_EVENT.USER_ID, userId)
                .set(AUTH_EVENT.CLIENT_ADDRESS, address)
                .set(AUTH_EVENT.WORKSTATION, workstation)
                .set(AUTH_EVENT.DETAIL, detail)
                .execute();
    }

    /** Newest first. */
    public List<AuthEvent> latestFor(String username, int limit) {
        return dsl.selectFrom(AUTH_EVENT).where(AUTH_EVENT.USERNAME.eq(username))
                .orderBy(AUTH_EVENT.ID.desc()).limit(limit)
                .fetch(r -> new AuthEvent(r.getOccurredAt(), Kind.valueOf(r.getKind()), r.getUsername(), r.getUserId(),
                        r.getClientAddress(), r.getDetail()));
    }
}
