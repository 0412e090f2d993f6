package org.medconnect.desktop.platform;

import org.medconnect.proto.common.v1.Role;

/** Role names as staff say them. */
public final class Roles {

    private Roles() {}

    public static String label(Role role) {
        return switch (role) {
            case ROLE_ADMIN -> "Administrator";
            case ROLE_DOCTOR -> "Doctor";
            case ROLE_RECEPTIONIST -> "Receptionist";
            case ROLE_NURSE -> "Nurse";
            default -> "Unknown role";
        };
    }
}
