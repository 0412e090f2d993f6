package org.medconnect.desktop.notification;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.notification.v1.WatchNotificationsRequest;
import org.medconnect.proto.notification.v1.WatchNotificationsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one WatchNotifications stream open for the signed-in user, away from the FX thread:
 * every message is handed to {@code onUpdate} through {@code fx} (Platform::runLater in the
 * workstation). A dropped stream is opened again after 1 s, then 2, 4... up to 30 s.
 */
public final class InboxFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboxFeed.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final ServerConnection connection;
    private final Consumer<Runnable> fx;
    private final Consumer<WatchNotificationsResponse> onUpdate;
    private final Consumer<Boolean> onLive;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("medconnect-inbox-feed").factory());
    private volatile boolean closed;
    private volatile ClientCallStreamObserver<WatchNotificationsRequest> call;
    private Duration nextRetry = FIRST_RETRY;

    /** {@code onLive} hears true when a stream delivers its first message, false when it drops. */
    public InboxFeed(ServerConnection connection, Consumer<Runnable> fx, Consumer<WatchNotificationsResponse> onUpdate,
                     Consumer<Boolean> onLive) {
        this.connection = connection;
        this.fx = fx;
        this.onUpdate = onUpdate;
        this.onLive = onLive;
    }

    public void start() {
        retries.execute(this::open);
    }

    private void open() {
        if (closed) {
            return;
        }
        try {
            connection.notificationStream().watchNotifications(WatchNotificationsRequest.getDefaultInstance(), new Observer());
        } catch (RuntimeException e) {
            dropped(Status.fromThrowable(e));
        }
    }

    private final class Observer implements ClientResponseObserver<WatchNotificationsRequest, WatchNotificationsResponse> {
        private boolean first = true;

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchNotificationsRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(WatchNotificationsResponse value) {
            if (first) {
                first = false;
                synchronized (InboxFeed.this) {
                    nextRetry = FIRST_RETRY;
                }
                fx.accept(() -> onLive.accept(true));
            }
            fx.accept(() -> onUpdate.accept(value));
        }

        @Override
        public void onError(Throwable t) {
            dropped(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            dropped(Status.UNAVAILABLE.withDescription("the server ended the stream"));
        }
    }

    private void dropped(Status status) {
        if (closed) {
            return;
        }
        fx.accept(() -> onLive.accept(false));
        Duration wait;
        synchronized (this) {
            wait = nextRetry;
            nextRetry = nextRetry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : nextRetry.multipliedBy(2);
        }
        log.debug("Notification stream dropped ({}); reopening in {} ms", status.getCode(), wait.toMillis());
        try {
            retries.schedule(this::open, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    @Override
    public void close() {
        closed = true;
        ClientCallStreamObserver<WatchNotificationsRequest> c = call;
        if (c != null) {
            c.cancel("signed out", null);
        }
        retries.shutdownNow();
    }
}
