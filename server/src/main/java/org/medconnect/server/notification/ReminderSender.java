package org.medconnect.server.notification;

import org.jooq.DSLContext;
import org.medconnect.server.notification.NotificationModel.ReminderMessage;

/**
 * Delivers one appointment reminder. Called inside the transaction that marks the reminder
 * sent, so a sender that writes to the database (the outbox) sends exactly once; one that talks
 * to another system (SMTP) may, after a crash between its send and the commit, send again.
 */
public interface ReminderSender {

    /** Short name shown to admins, e.g. "outbox" or "smtp". */
    String channel();

    /**
     * Sends it, or throws: {@link Unreachable} when the patient cannot be reached this way
     * (recorded as skipped, no retry); anything else is retried with backoff.
     */
    void send(ReminderMessage message, DSLContext tx) throws Exception;

    /** The patient has no address this sender can use. */
    final class Unreachable extends Exception {
        public Unreachable(String message) {
            super(message, null, false, false);
        }
    }
}
