package org.medconnect.desktop.notification;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.notification.v1.ListNotificationsRequest;
import org.medconnect.proto.notification.v1.MarkNotificationsReadRequest;
import org.medconnect.proto.notification.v1.Notification;
import org.medconnect.proto.notification.v1.WatchNotificationsResponse;

/**
 * The signed-in user's inbox: the unread count the badge shows, the newest items, and
 * mark-as-read. Live through {@link InboxFeed}; every change happens on the FX thread.
 */
public final class InboxViewModel implements AutoCloseable {

    static final int PAGE = 50;

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final InboxFeed feed;
    private final ObservableList<Notification> items = FXCollections.observableArrayList();
    private final IntegerProperty unread = new SimpleIntegerProperty();
    private final BooleanProperty live = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private java.util.Optional<Consumer<org.medconnect.proto.appointment.v1.Appointment>> opener = java.util.Optional.empty();
    private java.util.function.Function<Notification, java.util.Optional<Runnable>> screens = n -> java.util.Optional.empty();
    private Consumer<Notification> arrivals = n -> { };

    /** {@code fx} runs a change on the FX thread: Platform::runLater, or Runnable::run in tests. */
    public InboxViewModel(ServerConnection connection, ServerCalls calls, Consumer<Runnable> fx) {
        this.connection = connection;
        this.calls = calls;
        this.feed = InboxFeed.forSession(connection, fx, this::apply, live::set);
    }

    /** Opens the live stream. */
    public void start() {
        feed.start();
    }

    /** A stream message: the count as it is now, and items not seen before (newest first). */
    void apply(WatchNotificationsResponse update) {
        unread.set(update.getUnreadCount());
        List<Notification> fresh = update.getNotificationsList();
        for (int i = fresh.size() - 1; i >= 0; i--) {
            Notification n = fresh.get(i);
            if (indexOf(n.getNotificationId()) < 0) {
                items.addFirst(n);
                arrivals.accept(n);
            }
        }
        if (update.getUnreadCount() == 0) {
            // Read elsewhere (another workstation of the same user): show them read here too.
            items.replaceAll(n -> n.getRead() ? n : n.toBuilder().setRead(true).build());
        }
        while (items.size() > PAGE) {
            items.removeLast();
        }
    }

    /** Loads the newest page, read and unread. */
    public void reload() {
        calls.call(busy, () -> connection.notifications().listNotifications(ListNotificationsRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPageSize(PAGE)).build()), response -> {
            items.setAll(response.getNotificationsList());
            unread.set(response.getUnreadCount());
            message.set("");
        }, failure -> message.set(failure.message()));
    }

    public void markRead(Notification n) {
        if (n.getRead()) {
            return;
        }
        markRead(MarkNotificationsReadRequest.newBuilder().addNotificationIds(n.getNotificationId()).build(),
                () -> replace(n.toBuilder().setRead(true).build()));
    }

    /** Where a clicked notification's appointment opens (the front desk's details sheet); without one, clicks only mark read. */
    public void opensAppointmentsWith(Consumer<org.medconnect.proto.appointment.v1.Appointment> opener) {
        this.opener = java.util.Optional.of(opener);
    }

    /**
     * Where a clicked item that names no appointment goes (e.g. a refill request to the Refill requests
     * screen); the workspace answers per item, empty where it shows nothing for it.
     */
    public void opensScreensWith(java.util.function.Function<Notification, java.util.Optional<Runnable>> screens) {
        this.screens = screens;
    }

    /** Hears each item that arrives live, once, so a screen that follows its kind can refresh. */
    public void onArrival(Consumer<Notification> listener) {
        this.arrivals = listener;
    }

    /** Whether clicking {@code n} opens something: an appointment this workspace can show, or a screen that follows its kind. */
    public boolean opens(Notification n) {
        return (opener.isPresent() && !n.getAppointmentId().isBlank()) || screens.apply(n).isPresent();
    }

    /** A click on an item: marks it read and opens its appointment as it is now (read from the server). */
    public void open(Notification n) {
        markRead(n);
        java.util.Optional<Runnable> screen = n.getAppointmentId().isBlank() ? screens.apply(n) : java.util.Optional.empty();
        if (screen.isPresent()) {
            screen.get().run();
            return;
        }
        if (opener.isEmpty() || n.getAppointmentId().isBlank()) {
            return;
        }
        var request = org.medconnect.proto.appointment.v1.GetAppointmentRequest.newBuilder().setAppointmentId(n.getAppointmentId()).build();
        calls.call(busy, () -> connection.appointments().getAppointment(request).getAppointment(), appointment -> {
            message.set("");
            opener.get().accept(appointment);
        }, failure -> message.set(failure.message()));
    }

    public void markAllRead() {
        markRead(MarkNotificationsReadRequest.newBuilder().setAll(true).build(),
                () -> items.replaceAll(n -> n.toBuilder().setRead(true).build()));
    }

    private void markRead(MarkNotificationsReadRequest request, Runnable then) {
        calls.call(busy, () -> connection.notifications().markNotificationsRead(request), response -> {
            unread.set(response.getUnreadCount());
            then.run();
            message.set("");
        }, failure -> message.set(failure.message()));
    }

    private void replace(Notification n) {
        int i = indexOf(n.getNotificationId());
        if (i >= 0) {
            items.set(i, n);
        }
    }

    private int indexOf(long id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).getNotificationId() == id) {
                return i;
            }
        }
        return -1;
    }

    /** "3", "99+", or "" when nothing is unread. */
    public StringBinding badgeText() {
        return Bindings.createStringBinding(() -> unread.get() == 0 ? "" : unread.get() > 99 ? "99+" : Integer.toString(unread.get()),
                unread);
    }

    public ObservableList<Notification> items() { return items; }
    public IntegerProperty unreadProperty() { return unread; }
    public BooleanProperty liveProperty() { return live; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty messageProperty() { return message; }

    @Override
    public void close() {
        feed.close();
    }
}
