package org.medconnect.desktop.platform;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/** The production {@link TaskRunner}: a small daemon pool, results posted with {@code Platform.runLater}. */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private final ExecutorService executor;

    public FxTaskRunner() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(3, r -> {
            Thread thread = new Thread(r, "medconnect-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        executor.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable t) {
                Platform.runLater(() -> onFailure.accept(t));
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
