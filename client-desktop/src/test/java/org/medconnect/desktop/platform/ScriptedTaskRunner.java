package org.medconnect.desktop.platform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Holds each submitted task until the test decides its outcome: lets tests see the busy state and feed
 * the server answers (or failures) they need without a server.
 */
public final class ScriptedTaskRunner implements TaskRunner {

    private final Deque<Pending<?>> pending = new ArrayDeque<>();

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        pending.add(new Pending<>(onSuccess, onFailure));
    }

    public int pendingCount() {
        return pending.size();
    }

    @SuppressWarnings("unchecked")
    public <T> void succeed(T result) {
        ((Pending<T>) pending.removeFirst()).onSuccess.accept(result);
    }

    public void fail(Throwable failure) {
        pending.removeFirst().onFailure.accept(failure);
    }

    private record Pending<T>(Consumer<T> onSuccess, Consumer<Throwable> onFailure) {}
}
