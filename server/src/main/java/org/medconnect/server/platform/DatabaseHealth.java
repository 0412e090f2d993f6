package org.medconnect.server.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database can be reached right now, found by a probe on a thread of its own: every
 * {@code upInterval} while it answers, every {@code downInterval} while it does not, and at once
 * when a call reports trouble ({@link #suspect()}). While it is down, calls are refused at once
 * with UNAVAILABLE ({@link DatabaseGate}) instead of each waiting on the pool, gRPC health says
 * NOT_SERVING, and {@code whileDown} runs on every beat (the embedded database restarts itself
 * there). Decision 0019.
 */
public final class DatabaseHealth implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);

    /** Checks the database once; throws when it cannot be reached. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    private final Probe probe;
    private final Duration upInterval;
    private final Duration downInterval;
    private final Runnable whileDown;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final Object beat = new Object();
    /** Guards {@link #up} for {@link #awaitUp()}. */
    private final Object state = new Object();
    private final Thread thread;
    private volatile boolean up = true;
    private volatile boolean running;
    private boolean suspected;
    private long downSinceNanos;

    public DatabaseHealth(Probe probe, Duration upInterval, Duration downInterval, Runnable whileDown) {
        this.probe = probe;
        this.upInterval = upInterval;
        this.downInterval = downInterval;
        this.whileDown = whileDown;
        this.thread = Thread.ofPlatform().daemon().name("medconnect-db-health").unstarted(this::run);
    }

    public synchronized DatabaseHealth start() {
        if (!running) {
            running = true;
            thread.start();
        }
        return this;
    }

    /** True unless the last probe failed. */
    public boolean isUp() {
        return up;
    }

    /**
     * Returns at once while the database is thought up (or this monitor is not running); while it is known
     * down, waits until it is back or the monitor closes. For the pool's new connections ({@link WaitingDataSource}).
     */
    public void awaitUp() throws InterruptedException {
        synchronized (state) {
            while (!up && running) {
                state.wait();
            }
        }
    }

    /** A call failed to reach the database: probe now rather than at the next beat. */
    public void suspect() {
        synchronized (beat) {
            suspected = true;
            beat.notifyAll();
        }
    }

    /** Called with the new state on the health thread each time it flips; remove it when done. */
    public void addListener(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Boolean> listener) {
        listeners.remove(listener);
    }

    private void run() {
        while (running) {
            waitForBeat(up ? upInterval : downInterval);
            if (!running) {
                return;
            }
            Exception failure = check();
            if (failure != null && up) {
                // One failed look may be a connection the database dropped; look again on a new one.
                failure = check();
            }
            if (failure == null && !up) {
                long downMillis = (System.nanoTime() - downSinceNanos) / 1_000_000;
                // Listeners first (the pool drops connections from before the outage), then the gate opens
                // and the pool's waiting connection adder connects.
                notifyListeners(true);
                setUp(true);
                log.warn("The database is reachable again after {} ms; serving calls", downMillis);
            } else if (failure != null && up) {
                setUp(false);
                downSinceNanos = System.nanoTime();
                log.error("The database cannot be reached ({}); calls answer UNAVAILABLE until it is back, checking every {} ms",
                        message(failure), downInterval.toMillis());
                notifyListeners(false);
            }
            if (!up) {
                try {
                    whileDown.run();
                } catch (RuntimeException e) {
                    log.warn("Recovering the database failed: {}", message(e));
                }
            }
        }
    }

    private void setUp(boolean nowUp) {
        synchronized (state) {
            up = nowUp;
            state.notifyAll();
        }
    }

    private Exception check() {
        try {
            probe.check();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private void waitForBeat(Duration interval) {
        synchronized (beat) {
            if (!suspected) {
                try {
                    beat.wait(interval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            suspected = false;
        }
    }

    private void notifyListeners(boolean nowUp) {
        for (var l : listeners) {
            try {
                l.accept(nowUp);
            } catch (RuntimeException e) {
                log.error("Database health listener failed", e);
            }
        }
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse(root.getClass().getSimpleName());
    }

    @Override
    public void close() {
        synchronized (state) {
            running = false;
            state.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
