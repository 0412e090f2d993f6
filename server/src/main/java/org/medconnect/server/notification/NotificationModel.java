package org.medconnect.server.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Domain types of inboxes and reminders. */
public final class NotificationModel {

    private NotificationModel() {}

    /** What an inbox item is about. */
    public enum Kind {
        BOOKED, REQUEST_AWAITING_CONFIRMATION, MOVED, CANCELLED, DECLINED, WAITING_LIST_OFFER,
        BREAK_THE_GLASS, REFERRAL, NEW_DOCUMENT, FOLLOW_UP, REFILL_REQUEST, REFILL_DECIDED,
        ADMISSION_UNDONE
    }

    /** One inbox item. Carries no clinical text. */
    public record Notification(long id, Kind kind, String title, String body, Instant createdAt, boolean read,
                               Optional<UUID> appointmentId, Optional<String> appointmentReference, Optional<Instant> startsAt,
                               Optional<UUID> patientId) {}

    /** A page of a list and the caller's unread count. */
    public record Inbox(List<Notification> items, int total, int offset, int unreadCount) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }

    /** Where a reminder is in its life. */
    public enum ReminderState { SCHEDULED, SENDING, RETRYING, SENT, FAILED, CANCELLED, SKIPPED }

    /** One reminder as admins see it. */
    public record Reminder(UUID id, UUID appointmentId, String appointmentReference, String patientName, String doctorName,
                           Instant appointmentStartsAt, Duration lead, Instant dueAt, ReminderState state, int attempts,
                           Instant nextAttemptAt, Optional<String> lastError, Optional<Instant> sentAt, Optional<String> channel) {}

    public record ReminderPage(List<Reminder> items, int total, int offset) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }

    /** What a reminder says and to whom; built when it is sent. No clinical text. */
    public record ReminderMessage(UUID reminderId, String reference, String patientName, Optional<String> email,
                                  String doctorName, String locationName, Instant startsAt, String subject, String body) {}
}
