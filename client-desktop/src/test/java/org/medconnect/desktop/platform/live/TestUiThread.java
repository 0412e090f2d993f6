package org.medconnect.desktop.platform.live;

import org.awaitility.Awaitility;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A stand-in for the FX thread in feed tests: one thread that owns the feed's state, and ways to wait on it. */
public final class TestUiThread implements UiThread, AutoCloseable {

    private volatile Thread thread;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-ui");
        t.setDaemon(true);
        thread = t;
        return t;
    });

    @Override
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the test is over, as the FX thread drops work after the window closes
        }
    }

    /** Reads something on the UI thread. */
    public <T> T get(Supplier<T> read) {
        try {
            return executor.submit(read::get).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits (up to 5 s) until {@code condition}, evaluated on the UI thread, holds. */
    public void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> get(condition::getAsBoolean));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
