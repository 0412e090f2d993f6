package org.medconnect.desktop.reception;

import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.PlaceholderPanel;

/** The front-desk workspace; its screens arrive with scheduling, the navigation is already in place. */
public final class ReceptionWorkspace {

    private ReceptionWorkspace() {}

    public static NavigationWorkspace create() {
        return new NavigationWorkspace("RECEPTION")
                .add("day-board", "Day board", () -> new PlaceholderPanel("Day board",
                        "Today's appointments for every doctor, with check-in and the waiting room at a glance."))
                .add("appointments", "Appointments", () -> new PlaceholderPanel("Appointments",
                        "Book, move and cancel appointments, and find free slots across doctors."))
                .add("patients", "Patients", () -> new PlaceholderPanel("Patients",
                        "Register patients, find them by name, phone or date of birth, and keep details current."))
                .add("waiting-list", "Waiting list", () -> new PlaceholderPanel("Waiting list",
                        "Patients waiting for an earlier slot, offered one as soon as it frees up."));
    }
}
