package org.medconnect.server.notification;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.notification.NotificationModel.Inbox;
import org.medconnect.server.notification.NotificationModel.Notification;
import org.medconnect.server.notification.NotificationModel.ReminderPage;
import org.medconnect.server.notification.NotificationModel.ReminderState;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;

/** A staff member's own inbox, and the reminder list for admins. */
public final class NotificationService {

    private final DSLContext dsl;
    private final Clock clock;

    public NotificationService(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** The caller's notifications, newest first; always their own. */
    public Inbox inbox(Principal caller, boolean unreadOnly, int limit, int offset) {
        NotificationRepository repo = new NotificationRepository(dsl);
        return new Inbox(repo.page(caller.userId(), unreadOnly, limit, offset), repo.count(caller.userId(), unreadOnly), offset,
                repo.count(caller.userId(), true));
    }

    /** Marks the given (or all) of the caller's notifications read; returns the unread count left. */
    public int markRead(Principal caller, Optional<Collection<Long>> ids) {
        return dsl.transactionResult(cfg -> {
            NotificationRepository repo = new NotificationRepository(cfg.dsl());
            if (repo.markRead(caller.userId(), ids, clock.instant()) > 0) {
                repo.notifyChanged(caller.userId()); // the same user's other workstations update their badge
            }
            return repo.count(caller.userId(), true);
        });
    }

    /** What a watcher shows: the unread count and the newest unread items. */
    record Snapshot(int unreadCount, List<Notification> newestUnread) {}

    Snapshot snapshot(UUID userId, int newest) {
        NotificationRepository repo = new NotificationRepository(dsl);
        return new Snapshot(repo.count(userId, true), repo.page(userId, true, newest, 0));
    }

    /** Reminders for the admin screen. */
    public ReminderPage reminders(Principal caller, Set<ReminderState> states, int limit, int offset) {
        if (caller.role() != Role.ADMIN) {
            throw new DomainException.PermissionDenied("Only administrators see reminders.");
        }
        ReminderRepository repo = new ReminderRepository(dsl);
        return new ReminderPage(repo.page(states, limit, offset), repo.count(states), offset);
    }
}
