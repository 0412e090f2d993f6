package org.medconnect.desktop.platform.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A timer the test turns by hand: it records each delay asked for and runs a task only when told. */
public final class ManualScheduler implements Scheduler {

    private final List<Duration> delays = new ArrayList<>();
    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        delays.add(delay);
        pending.add(task);
        return () -> {
            synchronized (ManualScheduler.this) {
                pending.remove(task);
            }
        };
    }

    /** Runs the earliest task still waiting (as if its delay had passed). */
    public void runNext() {
        Runnable task;
        synchronized (this) {
            if (pending.isEmpty()) {
                throw new AssertionError("nothing scheduled");
            }
            task = pending.removeFirst();
        }
        task.run();
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
