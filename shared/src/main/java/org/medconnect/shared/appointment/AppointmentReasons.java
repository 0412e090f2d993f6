package org.medconnect.shared.appointment;

/** Machine-readable reasons the appointment service attaches to a refusal, which the workstation tells apart. */
public final class AppointmentReasons {

    /** ABORTED: another booking took the time first (the database refused an overlap). */
    public static final String SLOT_TAKEN = "SLOT_TAKEN";

    private AppointmentReasons() {}
}
