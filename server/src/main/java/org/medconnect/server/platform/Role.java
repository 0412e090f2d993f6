package org.medconnect.server.platform;

/** A staff role; every account has exactly one. Stored by name in the database. */
public enum Role {
    ADMIN,
    DOCTOR,
    RECEPTIONIST,
    /** Triage: today's checked-in patients, their vitals and allergies; never notes (issue 12). */
    NURSE
}
