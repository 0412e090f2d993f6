package org.medconnect.desktop.doctor;

import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.PlaceholderPanel;

/** The consulting-room workspace; its screens arrive with scheduling, the navigation is already in place. */
public final class DoctorWorkspace {

    private DoctorWorkspace() {}

    public static NavigationWorkspace create() {
        return new NavigationWorkspace("DOCTOR")
                .add("my-day", "My day", () -> new PlaceholderPanel("My day",
                        "Your appointments today, with the patient's history one click away."))
                .add("queue", "Queue", () -> new PlaceholderPanel("Queue",
                        "Checked-in patients in token order; call the next one in."))
                .add("requests", "Requests", () -> new PlaceholderPanel("Requests",
                        "Appointment requests and reschedules waiting for your decision."))
                .add("week", "Week", () -> new PlaceholderPanel("Week",
                        "Your week at a glance: sessions, leave and bookings."));
    }
}
