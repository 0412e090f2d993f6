package org.medconnect.desktop.platform;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work away from the FX thread and hands the outcome back on it; tests swap in a same-thread runner. */
public interface TaskRunner {

    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
