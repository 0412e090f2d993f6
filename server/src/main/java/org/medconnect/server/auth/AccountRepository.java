package org.medconnect.server.auth;

import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.db.tables.records.StaffUserRecord;
import org.medconnect.server.platform.Role;

/** Reads and updates the credential side of staff accounts; staff administration resets passwords through it. */
public final class AccountRepository {

    private final DSLContext dsl;

    public AccountRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Account> findByUsername(String username) {
        return dsl.selectFrom(STAFF_USER).where(STAFF_USER.USERNAME.eq(username)).fetchOptional().map(AccountRepository::toAccount);
    }

    Optional<Account> findById(UUID id) {
        return dsl.selectFrom(STAFF_USER).where(STAFF_USER.ID.eq(id)).fetchOptional().map(AccountRepository::toAccount);
    }

    Optional<String> email(UUID id) {
        return dsl.select(STAFF_USER.EMAIL).from(STAFF_USER).where(STAFF_USER.ID.eq(id)).fetchOptional(STAFF_USER.EMAIL);
    }

    void recordSignIn(UUID id, OffsetDateTime at) {
        dsl.update(STAFF_USER).set(STAFF_USER.LAST_SIGN_IN_AT, at).where(STAFF_USER.ID.eq(id)).execute();
    }

    /** Stores a new hash; {@code mustChange} makes the user choose another at next sign-in. */
    public void changePassword(UUID id, String newHash, boolean mustChange, OffsetDateTime at) {
        dsl.update(STAFF_USER)
                .set(STAFF_USER.PASSWORD_HASH, newHash)
                .set(STAFF_USER.PASSWORD_CHANGE_REQUIRED, mustChange)
                .set(STAFF_USER.PASSWORD_CHANGED_AT, at)
                .set(STAFF_USER.UPDATED_AT, at)
                .where(STAFF_USER.ID.eq(id))
                .execute();
    }

    private static Account toAccount(StaffUserRecord r) {
        return new Account(r.getId(), r.getUsername(), r.getDisplayName(), Role.valueOf(r.getRole()),
                r.getPasswordHash(), r.getActive(), r.getPasswordChangeRequired());
    }
}
