package org.medconnect.shared.patient;

/** A patient's sex as registered; the names are what the database stores. */
public enum Sex {
    FEMALE,
    MALE,
    OTHER,
    UNKNOWN
}
