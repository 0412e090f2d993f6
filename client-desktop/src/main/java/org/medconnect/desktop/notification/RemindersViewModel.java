package org.medconnect.desktop.notification;

import org.medconnect.desktop.platform.Plural;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.notification.v1.ListRemindersRequest;
import org.medconnect.proto.notification.v1.Reminder;
import org.medconnect.proto.notification.v1.ReminderState;

/** The reminders list for admins: what is due, what went out, what failed and why. */
public final class RemindersViewModel {

    static final int PAGE = 200;

    /** A choice of the state filter; empty state means every state. */
    public record Filter(String label, Optional<ReminderState> state) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static final List<Filter> FILTERS = List.of(
            new Filter("All states", Optional.empty()),
            new Filter("Scheduled", Optional.of(ReminderState.REMINDER_STATE_SCHEDULED)),
            new Filter("Retrying", Optional.of(ReminderState.REMINDER_STATE_RETRYING)),
            new Filter("Failed", Optional.of(ReminderState.REMINDER_STATE_FAILED)),
            new Filter("Sent", Optional.of(ReminderState.REMINDER_STATE_SENT)),
            new Filter("Skipped", Optional.of(ReminderState.REMINDER_STATE_SKIPPED)),
            new Filter("Cancelled", Optional.of(ReminderState.REMINDER_STATE_CANCELLED)));

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<Reminder> reminders = FXCollections.observableArrayList();
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(FILTERS.getFirst());
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty more = new SimpleBooleanProperty();
    private String nextPage = "";
    private int total;

    public RemindersViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        filter.addListener((obs, old, now) -> reload());
    }

    public void reload() {
        load("", true);
    }

    /** The next page of up to 200 after those shown (the list is no longer stuck at 200). */
    public void loadMore() {
        if (!nextPage.isEmpty() && !busy.get()) {
            load(nextPage, false);
        }
    }

    private void load(String pageToken, boolean fresh) {
        var request = ListRemindersRequest.newBuilder().setPage(PageRequest.newBuilder().setPageSize(PAGE).setPageToken(pageToken));
        Optional.ofNullable(filter.get()).flatMap(Filter::state).ifPresent(request::addStates);
        calls.call(busy, () -> connection.notifications().listReminders(request.build()), response -> {
            if (fresh) {
                reminders.setAll(response.getRemindersList());
            } else {
                reminders.addAll(response.getRemindersList());
            }
            nextPage = response.getPage().getNextPageToken();
            more.set(!nextPage.isEmpty());
            total = response.getPage().getTotalCount();
            summary.set(total == 0 ? "" : total > reminders.size() ? "Showing " + reminders.size() + " of " + total
                    : Plural.of(total, "reminder", "reminders"));
            message.set("");
        }, failure -> message.set(failure.message()));
    }

    /**
     * How a sent reminder left: by mail, or (the outbox channel, no mail server configured) not
     * at all, said plainly so no one believes the patient was told.
     */
    public static String delivery(String channel, String when) {
        return "outbox".equals(channel) ? "Kept in outbox " + when + ": no mail server configured"
                : "Sent " + when + (channel.isEmpty() ? "" : " by " + channel);
    }

    /** "Sent", "Retrying", ... for a state. */
    public static String label(ReminderState state) {
        return switch (state) {
            case REMINDER_STATE_SCHEDULED -> "Scheduled";
            case REMINDER_STATE_SENDING -> "Sending";
            case REMINDER_STATE_RETRYING -> "Retrying";
            case REMINDER_STATE_SENT -> "Sent";
            case REMINDER_STATE_FAILED -> "Failed";
            case REMINDER_STATE_CANCELLED -> "Cancelled";
            case REMINDER_STATE_SKIPPED -> "Skipped";
            default -> "Unknown";
        };
    }

    public ObservableList<Reminder> reminders() { return reminders; }
    public ObjectProperty<Filter> filterProperty() { return filter; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    /** True while the server has more reminders than are shown. */
    public BooleanProperty moreProperty() { return more; }
}
