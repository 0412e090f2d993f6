package org.medconnect.desktop.chart.prescription.editor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Delay} on a clock the test moves by hand: actions run when {@link #advance} passes their time. */
final class ManualDelay implements Delay {

    private final List<Timer> timers = new ArrayList<>();
    private long now;

    private final class Timer implements Pending {
        final long due;
        final Runnable action;
        boolean cancelled;

        Timer(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public Pending after(Duration pause, Runnable action) {
        Timer timer = new Timer(now + pause.toMillis(), action);
        timers.add(timer);
        return timer;
    }

    /** Moves the clock on, running every action that falls due on the way, in order. */
    void advance(Duration by) {
        long until = now + by.toMillis();
        while (true) {
            Timer next = timers.stream().filter(t -> !t.cancelled && t.due <= until).min(Comparator.comparingLong(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            now = next.due;
            next.action.run();
        }
        now = until;
        timers.removeIf(t -> t.cancelled);
    }

    /** Runs everything scheduled (and what that schedules), as if the doctor stopped typing for long. */
    void settle() {
        advance(Duration.ofMinutes(1));
    }

    int waiting() {
        return (int) timers.stream().filter(t -> !t.cancelled).count();
    }
}
