package org.medconnect.desktop.notification;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.medconnect.desktop.platform.Backoff;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.Scheduler;
import org.medconnect.desktop.platform.live.UiThread;
import org.medconnect.proto.notification.v1.NotificationServiceGrpc.NotificationServiceStub;
import org.medconnect.proto.notification.v1.WatchNotificationsRequest;
import org.medconnect.proto.notification.v1.WatchNotificationsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one WatchNotifications stream open for the signed-in user, the same way
 * {@link org.medconnect.desktop.platform.live.AppointmentFeed} keeps the appointment stream: its
 * state lives on the UI thread, each attempt is its own observer (a late message from an old
 * attempt is ignored), and a dropped stream is opened again after the shared {@link Backoff}
 * (1 s, then 2, 4... up to 30 s), reset once a stream delivers.
 */
public final class InboxFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboxFeed.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Supplier<NotificationServiceStub> stubs;
    private final Runnable wakeChannel;
    private final UiThread ui;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final Consumer<WatchNotificationsResponse> onUpdate;
    private final Consumer<Boolean> onLive;

    // Touched on the UI thread only.
    private boolean running;
    private Attempt current;
    private Scheduler.Scheduled retry;

    /**
     * {@code stubs} gives the stub for each attempt (the channel may change); {@code wakeChannel} runs
     * before each retry. {@code onLive} hears true when a stream delivers its first message, false when
     * it drops; both it and {@code onUpdate} are called on {@code ui}.
     */
    public InboxFeed(Supplier<NotificationServiceStub> stubs, Runnable wakeChannel, UiThread ui, Scheduler scheduler,
                     Backoff backoff, Consumer<WatchNotificationsResponse> onUpdate, Consumer<Boolean> onLive) {
        this.stubs = stubs;
        this.wakeChannel = wakeChannel;
        this.ui = ui;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.onUpdate = onUpdate;
        this.onLive = onLive;
    }

    /** The workstation's feed: changes reach {@code fx} (Platform::runLater), retries on a daemon timer. */
    public static InboxFeed forSession(ServerConnection connection, Consumer<Runnable> fx,
                                       Consumer<WatchNotificationsResponse> onUpdate, Consumer<Boolean> onLive) {
        UiThread ui = new UiThread() {
            @Override
            public boolean isCurrent() {
                return false; // always hand over: fx decides where the work runs
            }

            @Override
            public void execute(Runnable task) {
                fx.accept(task);
            }
        };
        // No jitter: the waits are exactly 1, 2, 4... 30 s, as they always were for the inbox.
        return new InboxFeed(connection::notificationStream, connection::resetConnectBackoff, ui,
                Scheduler.daemon("medconnect-inbox-feed"), new Backoff(FIRST_RETRY, MAX_RETRY, () -> 1.0), onUpdate, onLive);
    }

    public void start() {
        ui.run(() -> {
            if (running) {
                return;
            }
            running = true;
            connect();
        });
    }

    private void connect() {
        if (!running || current != null) {
            return;
        }
        retry = null;
        Attempt attempt = new Attempt();
        current = attempt;
        try {
            stubs.get().watchNotifications(WatchNotificationsRequest.getDefaultInstance(), attempt);
        } catch (RuntimeException e) {
            ended(attempt, Status.fromThrowable(e));
        }
    }

    /** One stream; callbacks arrive on a gRPC thread and are handed to the UI thread. */
    private final class Attempt implements ClientResponseObserver<WatchNotificationsRequest, WatchNotificationsResponse> {
        private volatile ClientCallStreamObserver<WatchNotificationsRequest> call;
        private boolean live;

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchNotificationsRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(WatchNotificationsResponse value) {
            ui.execute(() -> {
                if (current != this) {
                    return;
                }
                if (!live) {
                    live = true;
                    backoff.reset();
                    onLive.accept(true);
                }
                onUpdate.accept(value);
            });
        }

        @Override
        public void onError(Throwable t) {
            ui.execute(() -> ended(this, Status.fromThrowable(t)));
        }

        @Override
        public void onCompleted() {
            ui.execute(() -> ended(this, Status.UNAVAILABLE.withDescription("the server ended the stream")));
        }

        void cancel() {
            ClientCallStreamObserver<WatchNotificationsRequest> c = call;
            if (c != null) {
                c.cancel("signed out", null);
            }
        }
    }

    private void ended(Attempt attempt, Status status) {
        if (current != attempt) {
            return;
        }
        current = null;
        if (!running) {
            return;
        }
        onLive.accept(false);
        Duration wait = backoff.next();
        log.debug("Notification stream dropped ({}); reopening in {} ms", status.getCode(), wait.toMillis());
        retry = scheduler.schedule(wait, () -> {
            wakeChannel.run();
            ui.execute(this::connect);
        });
    }

    @Override
    public void close() {
        ui.run(() -> {
            running = false;
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
            if (current != null) {
                current.cancel();
                current = null;
            }
        });
        scheduler.shutdown();
    }
}
