package org.medconnect.server.auth;

/** What a sign-in still owes after a right password. */
public enum SecondFactorStep {
    /** Nothing: a full session. */
    NONE,
    /** A code from the user's authenticator (or a recovery code). */
    VERIFY,
    /** The role requires an authenticator and the user has none: enrol first. */
    ENROL
}
