package org.medconnect.desktop.testing;

import org.awaitility.Awaitility;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;

/** The steps every screenshot program takes with a real window: run on the FX thread, wait, let it settle, press. */
public final class ScreenshotSteps {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private ScreenshotSteps() {}

    /** Runs work on the FX thread (at once if already on it) and returns its result. */
    public static <T> T fx(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    public static void waitUntil(String what, Supplier<Boolean> condition) throws Exception {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(condition::get);
    }

    /** Lets layout, CSS and the software pipeline catch up before a picture. */
    public static void settle() throws Exception {
        Thread.sleep(700);
        fx(() -> null);
    }

    /** Waits for the button found by {@code find} to be enabled, fires it, and settles. */
    public static void press(Function<String, Node> find, String query) throws Exception {
        waitUntil(query + " enabled", () -> find.apply(query) instanceof ButtonBase b && !b.isDisabled());
        fx(() -> {
            ((ButtonBase) find.apply(query)).fire();
            return null;
        });
        settle();
    }
}
