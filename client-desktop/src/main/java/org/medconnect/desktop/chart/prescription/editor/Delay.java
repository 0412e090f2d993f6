package org.medconnect.desktop.chart.prescription.editor;

import java.time.Duration;

/** Runs an action once after a pause, on the FX thread; the returned handle cancels it. Tests use a manual clock. */
public interface Delay {

    /** A scheduled action that has not run yet. */
    interface Pending {
        void cancel();
    }

    Pending after(Duration pause, Runnable action);
}
