package org.medconnect.server.auth;

import static org.medconnect.server.db.Tables.PASSWORD_RESET_CODE;
import static org.medconnect.server.db.Tables.STAFF_RECOVERY_CODE;
import static org.medconnect.server.db.Tables.STAFF_TOTP;
import static org.medconnect.server.db.Tables.USER_SESSION;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Authenticator secrets, recovery codes, password-reset codes and the step-up time of sessions. */
final class SecondFactorRepository {

    /** A user's authenticator: the confirmed secret, one being enrolled, the newest step a code was used for. */
    record Authenticator(Optional<byte[]> sealedSecret, Optional<byte[]> pendingSecret, long lastUsedStep) {
        boolean confirmed() {
            return sealedSecret.isPresent();
        }
    }

    /** An open emailed reset code. */
    record ResetCode(long id, byte[] hash, OffsetDateTime expiresAt, int attempts) {}

    private final DSLContext dsl;

    SecondFactorRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Authenticator> find(UUID userId) {
        return dsl.select(STAFF_TOTP.SECRET_SEALED, STAFF_TOTP.PENDING_SECRET_SEALED, STAFF_TOTP.LAST_USED_STEP)
                .from(STAFF_TOTP).where(STAFF_TOTP.USER_ID.eq(userId))
                .fetchOptional(r -> new Authenticator(Optional.ofNullable(r.get(STAFF_TOTP.SECRET_SEALED)),
                        Optional.ofNullable(r.get(STAFF_TOTP.PENDING_SECRET_SEALED)), r.get(STAFF_TOTP.LAST_USED_STEP)));
    }

    boolean hasConfirmed(UUID userId) {
        return dsl.fetchExists(STAFF_TOTP, STAFF_TOTP.USER_ID.eq(userId).and(STAFF_TOTP.CONFIRMED_AT.isNotNull()));
    }

    /** When the authenticator in force was confirmed; empty when the user has none. */
    Optional<OffsetDateTime> confirmedAt(UUID userId) {
        return dsl.select(STAFF_TOTP.CONFIRMED_AT).from(STAFF_TOTP)
                .where(STAFF_TOTP.USER_ID.eq(userId).and(STAFF_TOTP.SECRET_SEALED.isNotNull()))
                .fetchOptional(STAFF_TOTP.CONFIRMED_AT).filter(java.util.Objects::nonNull);
    }

    /** A secret being enrolled; a confirmed one stays in force until {@link #confirmPending}. */
    void savePending(UUID userId, byte[] sealed, OffsetDateTime now) {
        dsl.insertInto(STAFF_TOTP)
                .set(STAFF_TOTP.USER_ID, userId)
                .set(STAFF_TOTP.PENDING_SECRET_SEALED, sealed)
                .set(STAFF_TOTP.UPDATED_AT, now)
                .onConflict(STAFF_TOTP.USER_ID).doUpdate()
                .set(STAFF_TOTP.PENDING_SECRET_SEALED, sealed)
                .set(STAFF_TOTP.UPDATED_AT, now)
                .execute();
    }

    /** The pending secret becomes the one in force; {@code step} is the step of the code that confirmed it. */
    void confirmPending(UUID userId, long step, OffsetDateTime now) {
        dsl.update(STAFF_TOTP)
                .set(STAFF_TOTP.SECRET_SEALED, STAFF_TOTP.PENDING_SECRET_SEALED)
                .set(STAFF_TOTP.PENDING_SECRET_SEALED, (byte[]) null)
                .set(STAFF_TOTP.CONFIRMED_AT, now)
                .set(STAFF_TOTP.LAST_USED_STEP, step)
                .set(STAFF_TOTP.UPDATED_AT, now)
                .where(STAFF_TOTP.USER_ID.eq(userId).and(STAFF_TOTP.PENDING_SECRET_SEALED.isNotNull()))
                .execute();
    }

    /** Records that a code for {@code step} was used; false when that step (or a newer one) already was: a replay. */
    boolean useStep(UUID userId, long step) {
        return dsl.update(STAFF_TOTP).set(STAFF_TOTP.LAST_USED_STEP, step)
                .where(STAFF_TOTP.USER_ID.eq(userId).and(STAFF_TOTP.LAST_USED_STEP.lt(step)))
                .execute() == 1;
    }

    void replaceRecoveryCodes(UUID userId, List<byte[]> hashes, OffsetDateTime now) {
        dsl.deleteFrom(STAFF_RECOVERY_CODE).where(STAFF_RECOVERY_CODE.USER_ID.eq(userId)).execute();
        var insert = dsl.insertInto(STAFF_RECOVERY_CODE, STAFF_RECOVERY_CODE.USER_ID, STAFF_RECOVERY_CODE.CODE_HASH,
                STAFF_RECOVERY_CODE.CREATED_AT);
        for (byte[] hash : hashes) {
            insert = insert.values(userId, hash, now);
        }
        insert.execute();
    }

    /** Spends one recovery code; false when there is no such unused code. */
    boolean useRecoveryCode(UUID userId, byte[] hash, OffsetDateTime now) {
        return dsl.update(STAFF_RECOVERY_CODE).set(STAFF_RECOVERY_CODE.USED_AT, now)
                .where(STAFF_RECOVERY_CODE.USER_ID.eq(userId).and(STAFF_RECOVERY_CODE.CODE_HASH.eq(hash))
                        .and(STAFF_RECOVERY_CODE.USED_AT.isNull()))
                .execute() == 1;
    }

    int recoveryCodesLeft(UUID userId) {
        return dsl.fetchCount(STAFF_RECOVERY_CODE, STAFF_RECOVERY_CODE.USER_ID.eq(userId).and(STAFF_RECOVERY_CODE.USED_AT.isNull()));
    }

    /** Marks the session as having passed a second-factor check now (sign-in or step-up). */
    void markSessionVerified(byte[] tokenHash, OffsetDateTime now) {
        dsl.update(USER_SESSION).set(USER_SESSION.SECOND_FACTOR_AT, now).where(USER_SESSION.TOKEN_HASH.eq(tokenHash)).execute();
    }

    Optional<OffsetDateTime> sessionVerifiedAt(byte[] tokenHash) {
        return dsl.select(USER_SESSION.SECOND_FACTOR_AT).from(USER_SESSION).where(USER_SESSION.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(USER_SESSION.SECOND_FACTOR_AT);
    }

    void addResetCode(UUID userId, byte[] hash, OffsetDateTime now, OffsetDateTime expiresAt) {
        dsl.insertInto(PASSWORD_RESET_CODE)
                .set(PASSWORD_RESET_CODE.USER_ID, userId)
                .set(PASSWORD_RESET_CODE.CODE_HASH, hash)
                .set(PASSWORD_RESET_CODE.CREATED_AT, now)
                .set(PASSWORD_RESET_CODE.EXPIRES_AT, expiresAt)
                .execute();
    }

    int resetCodesSince(UUID userId, OffsetDateTime since) {
        return dsl.fetchCount(PASSWORD_RESET_CODE, PASSWORD_RESET_CODE.USER_ID.eq(userId).and(PASSWORD_RESET_CODE.CREATED_AT.ge(since)));
    }

    /** The newest unused, unexpired code, locked for this transaction. */
    Optional<ResetCode> openResetCode(UUID userId, OffsetDateTime now) {
        return dsl.select(PASSWORD_RESET_CODE.ID, PASSWORD_RESET_CODE.CODE_HASH, PASSWORD_RESET_CODE.EXPIRES_AT, PASSWORD_RESET_CODE.ATTEMPTS)
                .from(PASSWORD_RESET_CODE)
                .where(PASSWORD_RESET_CODE.USER_ID.eq(userId).and(PASSWORD_RESET_CODE.USED_AT.isNull())
                        .and(PASSWORD_RESET_CODE.EXPIRES_AT.gt(now)))
                .orderBy(PASSWORD_RESET_CODE.CREATED_AT.desc()).limit(1).forUpdate()
                .fetchOptional(r -> new ResetCode(r.get(PASSWORD_RESET_CODE.ID), r.get(PASSWORD_RESET_CODE.CODE_HASH),
                        r.get(PASSWORD_RESET_CODE.EXPIRES_AT), r.get(PASSWORD_RESET_CODE.ATTEMPTS)));
    }

    void countResetAttempt(long id) {
        dsl.update(PASSWORD_RESET_CODE).set(PASSWORD_RESET_CODE.ATTEMPTS, PASSWORD_RESET_CODE.ATTEMPTS.plus(1))
                .where(PASSWORD_RESET_CODE.ID.eq(id)).execute();
    }

    /** Spends this code and every other open code of the user. */
    void useResetCodes(UUID userId, OffsetDateTime now) {
        dsl.update(PASSWORD_RESET_CODE).set(PASSWORD_RESET_CODE.USED_AT, now)
                .where(PASSWORD_RESET_CODE.USER_ID.eq(userId).and(PASSWORD_RESET_CODE.USED_AT.isNull())).execute();
    }
}
