package org.medconnect.desktop.platform;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work right away on the calling thread: view-model tests need no FX toolkit and no waiting. */
public final class SameThreadTaskRunner implements TaskRunner {

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Throwable t) {
            onFailure.accept(t);
            return;
        }
        onSuccess.accept(result);
    }
}
