package org.medconnect.desktop.chart.prescription.editor;

import java.time.Duration;
import javafx.animation.PauseTransition;

/** {@link Delay} on the JavaFX animation timer: the action runs on the FX thread. */
final class FxDelay implements Delay {

    static final FxDelay INSTANCE = new FxDelay();

    private FxDelay() {}

    @Override
    public Pending after(Duration pause, Runnable action) {
        PauseTransition timer = new PauseTransition(javafx.util.Duration.millis(pause.toMillis()));
        timer.setOnFinished(e -> action.run());
        timer.play();
        return timer::stop;
    }
}
