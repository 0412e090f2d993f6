package org.medconnect.desktop.platform;

import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.medconnect.proto.auth.v1.StepUpRequest;

/**
 * Answers STEP_UP_REQUIRED: asks for a fresh code from the authenticator app, sends it (AuthService.StepUp)
 * and retries the refused call; Cancel gives the original refusal back to the screen.
 */
public final class StepUpDialog implements ServerCalls.StepUpHandler {

    private final ServerConnection connection;
    private final ServerCalls calls;

    public StepUpDialog(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    @Override
    public void stepUp(CallFailure failure, Runnable retry, Runnable giveUp) {
        Platform.runLater(() -> ask(failure.message()).ifPresentOrElse(code -> calls.call(new SimpleBooleanProperty(),
                () -> connection.auth().stepUp(StepUpRequest.newBuilder().setCode(code).build()),
                confirmed -> retry.run(),
                refused -> stepUp(refused, retry, giveUp)), giveUp));
    }

    private static Optional<String> ask(String why) {
        ButtonType confirm = new ButtonType("Confirm", ButtonBar.ButtonData.OK_DONE);
        Dialog<String> dialog = new Dialog<>();
        dialog.setTitle("Confirm it is you");
        dialog.setHeaderText("Enter a code from your authenticator app");
        TextField code = new TextField();
        code.setId("step-up-code");
        code.setPromptText("123456");
        Label text = new Label(why);
        text.setWrapText(true);
        VBox content = new VBox(8, text, code);
        content.setPrefWidth(420);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(confirm, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == confirm ? code.getText().strip() : null);
        Platform.runLater(code::requestFocus);
        return dialog.showAndWait().filter(c -> !c.isEmpty());
    }
}
