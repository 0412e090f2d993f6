package org.medconnect.server.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.medconnect.server.notification.NotificationModel.Notification;
import org.medconnect.server.platform.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's open WatchNotifications streams, grouped by user. A NOTIFY on channel
 * "notification" (payload: the user) refreshes that user's watchers; the listener's idle
 * wake-ups refresh all, so a NOTIFY lost while the connection was down is caught within seconds.
 * Database reads run on one thread of their own, never on the listener's.
 */
public final class InboxWatchers implements Background {

    private static final Logger log = LoggerFactory.getLogger(InboxWatchers.class);
    static final int NEWEST = 20;

    /**
     * Where one stream's updates go: the gRPC stream, or a test's recorder. As with the
     * appointment stream ({@code AppointmentFeed.Sink}), nothing is sent while the connection
     * cannot take more; the stream's on-ready handler calls {@link Watch#ready()}.
     */
    public interface Sink {
        /** False while the connection cannot take more. */
        boolean isReady();

        void send(Update update);
    }

    /** An open stream's handle. */
    public interface Watch {
        /** The connection takes more again: send what waited. */
        void ready();

        /** The stream is gone: forget it. */
        void stop();
    }

    /**
     * One stream: what it has been sent, and the update waiting for the connection. The buffer
     * is bounded by coalescing: a waiting update is replaced by a newer one carrying the latest
     * count and the newest {@link #NEWEST} unsent items (an update is a snapshot, so nothing a
     * screen shows is lost; the inbox list has the rest).
     */
    static final class Watcher {
        final UUID userId;
        final Sink sink;
        final Runnable end;
        final Set<Long> sent = new LinkedHashSet<>();
        int lastCount = -1;
        // guarded by this
        Update waiting;

        Watcher(UUID userId, Sink sink, Runnable end) {
            this.userId = userId;
            this.sink = sink;
            this.end = end;
        }

        /** Queues an update, folding it into one still waiting, and sends if the connection takes it. */
        synchronized void offer(Update update) {
            if (waiting == null) {
                waiting = update;
            } else {
                List<Notification> merged = new java.util.ArrayList<>(update.fresh());
                waiting.fresh().stream().filter(n -> merged.stream().noneMatch(m -> m.id() == n.id())).forEach(merged::add);
                waiting = new Update(update.unreadCount(), List.copyOf(merged.subList(0, Math.min(NEWEST, merged.size()))));
            }
            flush();
        }

        synchronized void flush() {
            if (waiting == null || !sink.isReady()) {
                return;
            }
            Update u = waiting;
            waiting = null;
            try {
                sink.send(u);
            } catch (RuntimeException e) {
                log.debug("A notification stream went away: {}", e.toString());
            }
        }
    }

    /** What a stream sends: the unread count and items it has not sent before, newest first. */
    public record Update(int unreadCount, List<Notification> fresh) {}

    private final NotificationService notifications;
    private final Map<UUID, Set<Watcher>> byUser = new ConcurrentHashMap<>();
    private final Set<UUID> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean allDirty = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile ExecutorService executor;

    public InboxWatchers(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** The PgListener handler: a user id, or empty for "look at everyone". */
    public void changed(Optional<String> userId) {
        if (userId.isPresent()) {
            try {
                dirty.add(UUID.fromString(userId.get()));
            } catch (IllegalArgumentException e) {
                return;
            }
        } else {
            if (byUser.isEmpty()) {
                return;
            }
            allDirty.set(true);
        }
        schedule();
    }

    /** Starts a stream to a sink that always takes more. Returns a handle to stop it. */
    public Runnable watch(UUID userId, Consumer<Update> sink) {
        Watch w = open(userId, new Sink() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void send(Update update) {
                sink.accept(update);
            }
        }, () -> {});
        return w::stop;
    }

    /**
     * Starts a stream: the first update goes out at once (on the watcher thread), later ones as
     * the inbox changes and the connection takes them. {@code end} closes the stream when this
     * instance stops.
     */
    public Watch open(UUID userId, Sink sink, Runnable end) {
        Watcher w = new Watcher(userId, sink, end);
        byUser.computeIfAbsent(userId, u -> new CopyOnWriteArraySet<>()).add(w);
        ExecutorService e = executor;
        if (e == null) {
            refresh(userId, Set.of(w)); // not started (tests without background work): at least the first update
        } else {
            e.execute(() -> refresh(userId, Set.of(w)));
        }
        return new Watch() {
            @Override
            public void ready() {
                w.flush();
            }

            @Override
            public void stop() {
                byUser.computeIfPresent(userId, (u, set) -> {
                    set.remove(w);
                    return set.isEmpty() ? null : set;
                });
            }
        };
    }

    private void schedule() {
        ExecutorService e = executor;
        if (e != null && pending.compareAndSet(false, true)) {
            e.execute(this::drain);
        }
    }

    private void drain() {
        pending.set(false);
        Set<UUID> users;
        if (allDirty.getAndSet(false)) {
            dirty.clear();
            users = Set.copyOf(byUser.keySet());
        } else {
            users = Set.copyOf(dirty);
            dirty.removeAll(users);
        }
        for (UUID u : users) {
            Set<Watcher> ws = byUser.get(u);
            if (ws != null && !ws.isEmpty()) {
                refresh(u, ws);
            }
        }
    }

    private void refresh(UUID userId, Set<Watcher> watchers) {
        NotificationService.Snapshot s;
        try {
            s = notifications.snapshot(userId, NEWEST);
        } catch (RuntimeException e) {
            log.warn("Could not read an inbox for its watchers; trying again on the next wake-up: {}", e.toString());
            return;
        }
        for (Watcher w : watchers) {
            synchronized (w) {
                List<Notification> fresh = s.newestUnread().stream().filter(n -> !w.sent.contains(n.id())).toList();
                if (fresh.isEmpty() && s.unreadCount() == w.lastCount) {
                    continue;
                }
                fresh.forEach(n -> w.sent.add(n.id()));
                while (w.sent.size() > 4 * NEWEST) {
                    w.sent.remove(w.sent.iterator().next());
                }
                w.lastCount = s.unreadCount();
                w.offer(new Update(s.unreadCount(), fresh));
            }
        }
    }

    /** How many streams are open here (for tests and diagnostics). */
    public int size() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("medconnect-inbox-watchers").factory());
    }

    @Override
    public void stop() {
        ExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdownNow();
            try {
                e.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        // Open streams end so workstations reconnect (to another instance) instead of holding up the stop.
        for (Set<Watcher> ws : byUser.values()) {
            for (Watcher w : ws) {
                synchronized (w) {
                    try {
                        w.end.run();
                    } catch (RuntimeException ex) {
                        log.debug("A notification stream was already gone: {}", ex.toString());
                    }
                }
            }
        }
        byUser.clear();
    }
}
