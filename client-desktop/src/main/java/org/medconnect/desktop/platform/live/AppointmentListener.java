package org.medconnect.desktop.platform.live;

import org.medconnect.proto.appointment.v1.AppointmentEvent;

/**
 * What a screen hears from the {@link AppointmentFeed}, always on the FX thread: each change once, in
 * sequence order, and a request to load again when the feed cannot vouch for what happened meanwhile.
 * The hook for any screen that shows appointments (day board, my day, queue, waiting-room display).
 */
public interface AppointmentListener {

    /** One change; {@code event.getAppointment()} is the appointment as it is now. */
    void appointmentChanged(AppointmentEvent event);

    /**
     * Changes may have been missed (the server could not replay them, or the screen loaded before the
     * feed's first subscription was in place): load the screen's data again. Events keep coming.
     */
    default void reloadNeeded() {}
}
