package org.medconnect.server.notification;

import org.jooq.DSLContext;
import org.medconnect.server.notification.NotificationModel.ReminderMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default sender: the reminder becomes a row in {@code reminder_outbox} (for a mail merge,
 * an SMS gateway or a person to pick up) and a log line that names only the reference.
 */
public final class OutboxSender implements ReminderSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    @Override
    public String channel() {
        return "outbox";
    }

    @Override
    public void send(ReminderMessage m, DSLContext tx) throws Unreachable {
        if (m.email().isEmpty()) {
            throw new Unreachable("The patient has no email address.");
        }
        new ReminderRepository(tx).outbox(m.reminderId(), m.email(), m.subject(), m.body());
        log.info("Reminder for appointment {} written to the outbox", m.reference());
    }
}
