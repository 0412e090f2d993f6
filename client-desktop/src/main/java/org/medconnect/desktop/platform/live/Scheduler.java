package org.medconnect.desktop.platform.live;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay: a daemon timer in the workstation, a hand-cranked one in tests. */
public interface Scheduler {

    /** Something scheduled that may be called off. */
    interface Scheduled {
        void cancel();
    }

    Scheduled schedule(Duration delay, Runnable task);

    /** Stops the timer thread, if it has one. */
    default void shutdown() {}

    /** One daemon thread; tasks should hand their work to the FX thread at once. */
    static Scheduler daemon(String name) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        return new Scheduler() {
            @Override
            public Scheduled schedule(Duration delay, Runnable task) {
                try {
                    ScheduledFuture<?> future = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                    return () -> future.cancel(false);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    return () -> { }; // shut down: the feed has stopped
                }
            }

            @Override
            public void shutdown() {
                executor.shutdownNow();
            }
        };
    }
}
