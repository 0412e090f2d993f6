package org.medconnect.server.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.medconnect.server.platform.Background;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.platform.events.PgListener;

/**
 * The notification feature's parts, wired once: the projector (events to inboxes and
 * reminders), the inbox watchers (live push), the reminder worker and its sender.
 */
public record Notifications(NotificationService service, NotificationProjector projector, InboxWatchers watchers,
                            ReminderWorker reminders) {

    /** How often the reminder worker looks for due reminders, and how long a claim holds. */
    static final Duration POLL = Duration.ofSeconds(20);
    static final Duration LEASE = Duration.ofMinutes(5);

    /** Builds the parts, registers their channels on the listener and their workers in {@code background}. */
    public static Notifications wire(ServerConfig config, DSLContext dsl, Clock clock, PgListener listener,
                                     List<Background> background) {
        NotificationService service = new NotificationService(dsl, clock);
        NotificationProjector projector = new NotificationProjector(dsl, clock, config.clinicZone(), config.reminders().leadTimes());
        InboxWatchers watchers = new InboxWatchers(service);
        var r = config.reminders();
        ReminderSender sender = r.smtp().<ReminderSender>map(SmtpSender::new).orElseGet(OutboxSender::new);
        ReminderWorker worker = new ReminderWorker(dsl, clock, config.clinicZone(), sender,
                new ReminderWorker.Settings(POLL, LEASE, r.maxAttempts(), r.firstRetry()));
        listener.on("appointment_event", payload -> projector.wake());
        listener.on(NotificationRepository.CHANNEL, watchers::changed);
        background.add(watchers);
        background.add(projector);
        background.add(worker);
        return new Notifications(service, projector, watchers, worker);
    }
}
