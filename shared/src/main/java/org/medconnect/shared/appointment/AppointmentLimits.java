package org.medconnect.shared.appointment;

/**
 * The appointment limits both sides check, in one place with the words a receptionist reads:
 * the workstation checks them before sending, the server checks them again.
 */
public final class AppointmentLimits {

    /** The longest range one ListAppointments call covers, in days. */
    public static final int LIST_MAX_DAYS = 42;
    /** The reason for a visit, as typed at booking. */
    public static final TextLimit VISIT_REASON = new TextLimit("reason", 500);
    /** Why an appointment was cancelled or declined. */
    public static final TextLimit CANCEL_REASON = new TextLimit("reason", 200);
    /** A waiting-list entry's note. */
    public static final TextLimit WAITING_LIST_NOTE = new TextLimit("note", 300);

    private AppointmentLimits() {}

    /** "Ask for at most 42 days at a time." (the server's words for a list request that is too long). */
    public static String listRangeTooLong() {
        return "Ask for at most " + LIST_MAX_DAYS + " days at a time.";
    }
}
