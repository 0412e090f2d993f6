package org.medconnect.server.auth;

import java.util.UUID;
import org.medconnect.server.platform.Role;

/** A staff account as sign-in sees it: who, which role, and the credential. */
record Account(
        UUID id,
        String username,
        String displayName,
        Role role,
        String passwordHash,
        boolean active,
        boolean passwordChangeRequired) {

    @Override
    public String toString() {
        return "Account[" + username + ", " + role + "]";
    }
}
