package org.medconnect.server.platform;

import java.util.UUID;

/** The signed-in caller of the current RPC, as the auth interceptor established it. */
public record Principal(
        UUID userId,
        String username,
        String displayName,
        Role role,
        boolean passwordChangeRequired,
        byte[] sessionTokenHash) {

    @Override
    public String toString() {
        // Never print the token hash.
        return "Principal[" + username + ", " + role + "]";
    }
}
