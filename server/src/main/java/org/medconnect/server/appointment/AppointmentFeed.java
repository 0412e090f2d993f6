package org.medconnect.server.appointment;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.medconnect.server.appointment.AppointmentModel.AppointmentEvent;
import org.medconnect.server.appointment.AppointmentModel.WatchFilter;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans committed appointment events out to this server instance's watchers.
 *
 * <p>The database numbers events without gaps at commit (migration V3) and NOTIFYs; this
 * instance's listener calls {@link #onSignal()}, which reads the new events once and offers
 * them to every live watcher. A watcher that resumes from an older sequence first reads its
 * own catch-up from the table, then turns live at the exact sequence the fan-out has reached,
 * so nothing is skipped or sent twice. Each watcher has a bounded queue and sends only as
 * fast as its connection takes; a watcher that falls {@code bufferSize} events behind is ended
 * with {@link DomainException.TooSlow} and never holds up anyone else.
 */
public final class AppointmentFeed {

    private static final Logger log = LoggerFactory.getLogger(AppointmentFeed.class);
    private static final int PAGE = 500;

    /** Where one watcher's events go: the gRPC stream, or a test's recorder. Called from one thread at a time. */
    public interface Sink {
        /** False while the connection cannot take more; {@link #onReady} says when it can. */
        boolean isReady();

        /** One event; {@code view} is what this watcher's role may see of it (decision 0018). */
        void event(Delivery delivery, AppointmentVisibility.View view);

        void checkpoint(long sequence, boolean live);

        /** Ends the stream with this error. */
        void fail(DomainException error);

        void onReady(Runnable handler);

        void onCancel(Runnable handler);
    }

    /**
     * One event on its way to watchers. Every watcher gets the same object, so a stream adapter
     * can encode it once per view (see {@link #encoded}) instead of once per watcher.
     */
    public static final class Delivery {
        private final AppointmentEvent event;
        private final Object[] views = new Object[AppointmentVisibility.View.values().length];

        Delivery(AppointmentEvent event) {
            this.event = event;
        }

        /** The whole event, for filtering; what leaves the server is {@link #event(AppointmentVisibility.View)}. */
        AppointmentEvent event() {
            return event;
        }

        /** The event as this view may see it. */
        public AppointmentEvent event(AppointmentVisibility.View view) {
            return AppointmentVisibility.as(view, event);
        }

        /** The encoding of the event as this view sees it, made on first use and shared after that. */
        @SuppressWarnings("unchecked")
        public synchronized <T> T encoded(AppointmentVisibility.View view, Function<AppointmentEvent, T> encode) {
            int slot = view.ordinal();
            if (views[slot] == null) {
                views[slot] = encode.apply(event(view));
            }
            return (T) views[slot];
        }
    }

    /** Answers which sessions (by token hash) are still open; streams of the others are ended. */
    @FunctionalInterface
    public interface SessionCheck {
        Set<ByteBuffer> stillOpen(Set<ByteBuffer> tokenHashes);
    }

    /** A watcher's handle: cancel it to stop. */
    public interface Subscription {
        void cancel();
    }

    private final AppointmentEventRepository events;
    private final SessionCheck sessions;
    private final int bufferSize;
    private final Duration checkpointEvery;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final Object fetchLock = new Object();
    /** Held while the fan-out offers a batch and while a watcher turns live: the hand-over point. */
    private final Object handOver = new Object();
    private final ExecutorService pumps = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("medconnect-watch-", 0).factory());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("medconnect-watch-ticker").factory());
    /** The last sequence offered to live watchers; -1 until started. */
    private volatile long dispatched = -1;

    public AppointmentFeed(DSLContext dsl, SessionCheck sessions, int bufferSize, Duration checkpointEvery) {
        this.events = new AppointmentEventRepository(dsl);
        this.sessions = sessions;
        this.bufferSize = bufferSize;
        this.checkpointEvery = checkpointEvery;
    }

    /** Starts from the newest committed event. Call after the listener LISTENs, so no NOTIFY falls between. */
    public void start() {
        synchronized (fetchLock) {
            dispatched = events.lastSequence();
        }
        ticker.scheduleAtFixedRate(this::tick, checkpointEvery.toMillis(), checkpointEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends every stream (clients reconnect to another instance and resume) and stops the threads. */
    public void stop() {
        ticker.shutdownNow();
        for (Watcher w : watchers) {
            w.end(new DomainException.Unavailable("SERVER_STOPPING", "The server is stopping; reconnect to resume."));
        }
        pumps.shutdown();
        try {
            pumps.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends every stream with {@code why} and keeps running: a restore is replacing the database (decision 0047). */
    public void endStreams(DomainException why) {
        for (Watcher w : watchers) {
            w.end(why);
        }
    }

    /** Follows the newest committed event from now on: the database was replaced by a restore. */
    public void resync() {
        synchronized (fetchLock) {
            if (dispatched >= 0) {
                dispatched = events.lastSequence();
            }
        }
    }

    /** How many streams this instance is serving. */
    public int watcherCount() {
        return watchers.size();
    }

    /** The last sequence handed to live watchers. */
    public long dispatched() {
        return dispatched;
    }

    /**
     * Something may have been committed: read what is new, in order, and offer it. Runs on the
     * listener's thread; also called on idle wake-ups, so a lost NOTIFY only delays delivery.
     */
    public void onSignal() {
        if (dispatched < 0) {
            return;
        }
        synchronized (fetchLock) {
            while (true) {
                List<AppointmentEvent> batch = events.between(dispatched, Long.MAX_VALUE, PAGE);
                batch = contiguous(batch, dispatched);
                if (batch.isEmpty()) {
                    return;
                }
                List<Delivery> deliveries = batch.stream().map(Delivery::new).toList();
                synchronized (handOver) {
                    for (Watcher w : watchers) {
                        w.offer(deliveries);
                    }
                    dispatched = batch.getLast().sequence();
                }
                if (batch.size() < PAGE) {
                    return;
                }
            }
        }
    }

    /**
     * Watches events matching the filter: after {@code after} (replayed from the table), or
     * from now. A doctor only ever watches their own appointments.
     */
    public Subscription watch(Principal actor, WatchFilter requested, OptionalLong after, Sink sink) {
        if (dispatched < 0) {
            throw new IllegalStateException("The appointment feed has not been started");
        }
        WatchFilter filter = actor.role() == Role.DOCTOR
                ? new WatchFilter(requested.locationId(), Set.of(actor.userId()), requested.from(), requested.to())
                : requested;
        long start;
        if (after.isEmpty()) {
            // "Now" is everything committed so far, even if this instance has not fanned it out yet.
            start = events.lastSequence();
        } else {
            start = after.getAsLong();
            if (start < 0) {
                throw DomainException.InvalidInput.of("after_sequence", "The sequence to resume after cannot be negative.");
            }
            long last = events.lastSequence();
            long first = events.firstSequence().orElse(last + 1);
            if (start > last || start + 1 < first) {
                throw new DomainException.OutOfRange("REPLAY_UNAVAILABLE",
                        "Changes after " + start + " cannot be replayed; reload and watch from now.");
            }
        }
        Watcher w = new Watcher(filter, AppointmentVisibility.viewOf(actor.role()), ByteBuffer.wrap(actor.sessionTokenHash()),
                start, sink);
        watchers.add(w);
        sink.onCancel(w::cancel);
        sink.onReady(w::schedule);
        w.schedule();
        return w::cancel;
    }

    /** Every checkpoint period: end streams whose session has ended, and send due checkpoints. */
    private void tick() {
        try {
            Set<ByteBuffer> open = sessions.stillOpen(watchers.stream().map(w -> w.session)
                    .collect(java.util.stream.Collectors.toSet()));
            for (Watcher w : watchers) {
                if (!open.contains(w.session)) {
                    w.end(new DomainException.Unauthenticated("SESSION_EXPIRED", "Your session has ended. Please sign in again."));
                } else {
                    w.checkpointDue();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the sessions of live streams: {}", e.getMessage());
        }
    }

    /** The prefix of batch that follows on from {@code after} with no gap (gaps cannot happen; this guards it). */
    private static List<AppointmentEvent> contiguous(List<AppointmentEvent> batch, long after) {
        long expected = after + 1;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sequence() != expected) {
                log.warn("Appointment events jump from {} to {}; waiting for the gap to fill", expected - 1, batch.get(i).sequence());
                return batch.subList(0, i);
            }
            expected++;
        }
        return batch;
    }

    /** One stream's state. Sends happen only in {@link #pump()}, which never runs twice at once. */
    private final class Watcher {
        private final WatchFilter filter;
        private final AppointmentVisibility.View view;
        private final ByteBuffer session;
        private final Sink sink;
        private final AtomicInteger work = new AtomicInteger();
        // guarded by this
        private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
        /** Last sequence sent, or passed over as not matching. */
        private long cursor;
        /** Last sequence this watcher has looked at (queued or passed over). */
        private long seen;
        private boolean live;
        private boolean announcedLive;
        private boolean checkpointDue;
        private long lastCheckpoint = -1;
        private DomainException ending;
        private boolean closed;

        Watcher(WatchFilter filter, AppointmentVisibility.View view, ByteBuffer session, long start, Sink sink) {
            this.filter = filter;
            this.view = view;
            this.session = session;
            this.sink = sink;
            this.cursor = start;
            this.seen = start;
        }

        /** From the fan-out, under handOver: queue what matches, or end the stream if it is full. */
        void offer(List<Delivery> batch) {
            synchronized (this) {
                if (closed || !live || ending != null) {
                    return;
                }
                for (Delivery d : batch) {
                    long seq = d.event().sequence();
                    if (seq <= seen) {
                        continue;
                    }
                    if (filter.matches(d.event())) {
                        if (queue.size() >= bufferSize) {
                            ending = new DomainException.TooSlow("SUBSCRIBER_TOO_SLOW",
                                    "This screen fell behind the changes; reconnect and resume after " + cursor + ".");
                            queue.clear();
                            break;
                        }
                        queue.add(d);
                    }
                    seen = seq;
                }
            }
            schedule();
        }

        void checkpointDue() {
            synchronized (this) {
                checkpointDue = true;
            }
            schedule();
        }

        void end(DomainException why) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                ending = why;
            }
            schedule();
        }

        void cancel() {
            synchronized (this) {
                closed = true;
                queue.clear();
            }
            watchers.remove(this);
        }

        /** Runs the pump on a virtual thread; a request while it runs makes it go round again. */
        void schedule() {
            if (work.getAndIncrement() == 0) {
                try {
                    pumps.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    work.set(0);
                }
            }
        }

        private void drain() {
            int missed = 1;
            do {
                try {
                    pump();
                } catch (RuntimeException e) {
                    log.error("Appointment stream failed", e);
                    fail(new DomainException.Unavailable("STREAM_FAILED", "The live stream broke; reconnect to resume."));
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }

        private void pump() {
            while (true) {
                DomainException end;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    end = ending;
                }
                if (end != null) {
                    fail(end);
                    return;
                }
                boolean flowing = sendQueued();
                boolean isLive;
                boolean empty;
                synchronized (this) {
                    isLive = live;
                    empty = queue.isEmpty();
                }
                if (isLive) {
                    if (flowing) {
                        sendCheckpointIfDue();
                    }
                    return;
                }
                if (!empty) {
                    return; // replayed events wait for the connection; onReady brings us back
                }
                catchUp();
            }
        }

        /** Sends queued events while the connection takes them; false if it stopped taking them. */
        private boolean sendQueued() {
            while (true) {
                Delivery d;
                synchronized (this) {
                    if (closed || ending != null) {
                        return true;
                    }
                    d = queue.peek();
                    if (d == null) {
                        cursor = seen;
                        return true;
                    }
                    if (!sink.isReady()) {
                        return false;
                    }
                    queue.poll();
                    cursor = d.event().sequence();
                }
                sink.event(d, view);
            }
        }

        /** Queue the next page from the table, or turn live if the fan-out is where we are. */
        private void catchUp() {
            long target = dispatched;
            long from;
            synchronized (this) {
                from = seen;
            }
            if (from >= target) {
                synchronized (handOver) {
                    synchronized (this) {
                        if (seen >= dispatched) {
                            live = true;
                        }
                    }
                }
                return;
            }
            List<AppointmentEvent> page = events.between(from, target, PAGE);
            synchronized (this) {
                for (AppointmentEvent e : page) {
                    if (filter.matches(e)) {
                        queue.add(new Delivery(e));
                    }
                }
                seen = page.isEmpty() ? target : page.getLast().sequence();
            }
        }

        private void sendCheckpointIfDue() {
            long at;
            synchronized (this) {
                boolean due = !announcedLive || (checkpointDue && cursor != lastCheckpoint);
                checkpointDue = false;
                if (!due || closed || !sink.isReady()) {
                    return;
                }
                announcedLive = true;
                lastCheckpoint = cursor;
                at = cursor;
            }
            sink.checkpoint(at, true);
        }

        private void fail(DomainException why) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            cancel();
            sink.fail(why);
        }
    }
}
