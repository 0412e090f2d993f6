package org.medconnect.server.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run loop every projector of appointment events shares: wake-ups gathered for a moment
 * into one run, batches projected until none is full, one daemon thread, a failure logged and
 * retried on the next wake-up. The projector supplies one batch ({@code projectOnce}, returning
 * how many events it read); its cursor and its transaction stay its own.
 */
public final class ProjectionLoop {

    private static final Logger log = LoggerFactory.getLogger(ProjectionLoop.class);

    private final String threadName;
    private final String what;
    private final Duration gather;
    private final int batch;
    private final IntSupplier projectOnce;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    /** @param what what a run does, for the log ("drafting invoices of completed visits") */
    public ProjectionLoop(String threadName, String what, Duration gather, int batch, IntSupplier projectOnce) {
        this.threadName = threadName;
        this.what = what;
        this.gather = gather;
        this.batch = batch;
        this.projectOnce = projectOnce;
    }

    /** Asks for a run soon; wake-ups while one is pending make one run. */
    public void wake() {
        ScheduledExecutorService e = executor;
        if (e != null && wakePending.compareAndSet(false, true)) {
            e.schedule(() -> {
                wakePending.set(false);
                try {
                    projectAll();
                } catch (RuntimeException ex) {
                    log.warn("{} failed; retrying on the next wake-up", what, ex);
                }
            }, gather.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
        wake();
    }

    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdown();
            try {
                e.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Projects until no batch is full; returns how many events it read here (0 if another instance holds the cursor). */
    public int projectAll() {
        int total = 0;
        int n;
        do {
            n = projectOnce.getAsInt();
            total += n;
        } while (n == batch);
        return total;
    }
}
