package org.medconnect.shared.schedule;

/** What an availability exception does to a doctor's week. */
public enum ExceptionKind {
    /** The doctor is away (leave, a conference, half a day): no slots are offered. */
    TIME_OFF,
    /** An extra session outside the weekly pattern. */
    EXTRA_SESSION
}
