package org.medconnect.shared.queue;

import org.medconnect.shared.appointment.TextLimit;

/** The check-in queue's limits both sides check, with the words the person at the desk reads. */
public final class QueueLimits {

    /** Why a patient was moved up the queue (recorded with the move). */
    public static final TextLimit REORDER_REASON = new TextLimit("reason", 200);

    private QueueLimits() {}
}
