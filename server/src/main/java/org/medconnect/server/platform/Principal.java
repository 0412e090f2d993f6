package org.medconnect.server.platform;

import java.util.UUID;

/**
 * The signed-in caller of the current RPC, as the auth interceptor established it. A session with
 * {@code secondFactorPending} has passed the password only: it may call nothing but the second-factor
 * steps ({@link AccessPolicy.SecondFactorStep}).
 */
public record Principal(
        UUID userId,
        String username,
        String displayName,
        Role role,
        boolean passwordChangeRequired,
        byte[] sessionTokenHash,
        boolean secondFactorPending) {

    /** A full session (second factor done or not needed). */
    public Principal(UUID userId, String username, String displayName, Role role, boolean passwordChangeRequired,
                     byte[] sessionTokenHash) {
        this(userId, username, displayName, role, passwordChangeRequired, sessionTokenHash, false);
    }

    @Override
    public String toString() {
        // Never print the token hash.
        return "Principal[" + username + ", " + role + (secondFactorPending ? ", second factor pending" : "") + "]";
    }
}
