package org.medconnect.desktop.platform.live;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/** The one thread the live feed's state lives on: the JavaFX application thread, or a stand-in in tests. */
public interface UiThread extends Executor {

    boolean isCurrent();

    /** Runs {@code task} now when already on the thread, else queues it there. */
    default void run(Runnable task) {
        if (isCurrent()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** The JavaFX application thread; work queued after the toolkit has gone is dropped. */
    static UiThread javafx() {
        return new UiThread() {
            @Override
            public boolean isCurrent() {
                return Platform.isFxApplicationThread();
            }

            @Override
            public void execute(Runnable task) {
                try {
                    Platform.runLater(task);
                } catch (IllegalStateException toolkitGone) {
                    // The window has closed; nobody is left to tell.
                }
            }
        };
    }
}
