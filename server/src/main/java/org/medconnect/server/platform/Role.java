package org.medconnect.server.platform;

/** A staff role; every account has exactly one. Stored by name in the database. */
public enum Role {
    ADMIN,
    DOCTOR,
    RECEPTIONIST
}
