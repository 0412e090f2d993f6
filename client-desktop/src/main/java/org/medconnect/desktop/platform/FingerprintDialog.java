package org.medconnect.desktop.platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The first-connection question: shows the server's certificate fingerprint so the user can compare it
 * with the one the server printed at start, then Trust or Cancel. Called from a background task; waits
 * for the answer on the FX thread.
 */
public final class FingerprintDialog implements ServerTrust.FirstContact {

    @Override
    public boolean trust(String address, String fingerprint) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Runnable ask = () -> {
            try {
                answer.complete(show(address, fingerprint));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        };
        if (Platform.isFxApplicationThread()) {
            ask.run();
        } else {
            Platform.runLater(ask);
        }
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private static boolean show(String address, String fingerprint) {
        ButtonType trust = new ButtonType("Trust", ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", trust, cancel);
        alert.setTitle("New MedConnect server");
        alert.setHeaderText("First connection to " + address);
        TextField value = new TextField(fingerprint);
        value.setEditable(false);
        value.setId("server-fingerprint");
        value.setPrefColumnCount(48);
        VBox content = new VBox(8,
                new Label("Compare this SHA-256 fingerprint with the one the MedConnect server printed when it started"
                        + " (ask the clinic's administrator). Trust it only if they are the same."),
                value,
                new Label("This workstation will remember it and refuse a server that presents another certificate."));
        content.getChildren().forEach(n -> { if (n instanceof Label l) { l.setWrapText(true); } });
        content.setPrefWidth(560);
        alert.getDialogPane().setContent(content);
        return alert.showAndWait().filter(trust::equals).isPresent();
    }
}
