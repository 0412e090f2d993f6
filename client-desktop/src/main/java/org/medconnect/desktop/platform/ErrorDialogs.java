package org.medconnect.desktop.platform;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shows unexpected errors as a readable dialog (message first, stack trace under "details"). */
public final class ErrorDialogs implements Thread.UncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorDialogs.class);
    private boolean showing;

    public void install() {
        Thread.setDefaultUncaughtExceptionHandler(this);
        Thread.currentThread().setUncaughtExceptionHandler(this);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        log.error("Uncaught error on {}", thread.getName(), error);
        if (Platform.isFxApplicationThread()) {
            show(error);
        } else {
            Platform.runLater(() -> show(error));
        }
    }

    private void show(Throwable error) {
        if (showing) {
            return; // a cascade of the same failure should not stack dialogs
        }
        showing = true;
        try {
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.setTitle("MedConnect");
            alert.setHeaderText("Something went wrong on this workstation");
            String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            alert.setContentText(message + "\n\nYour work on other screens is unaffected. If this keeps happening, "
                    + "restart MedConnect and tell your administrator.");
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            TextArea details = new TextArea(trace.toString());
            details.setEditable(false);
            details.setPrefRowCount(14);
            alert.getDialogPane().setExpandableContent(details);
            alert.showAndWait();
        } finally {
            showing = false;
        }
    }
}
