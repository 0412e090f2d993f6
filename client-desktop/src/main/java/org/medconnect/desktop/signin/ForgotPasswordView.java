package org.medconnect.desktop.signin;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.FormGrid;

/** The "Forgot password?" form inside the sign-in card: username, then the emailed code and a new password. */
public final class ForgotPasswordView {

    private final VBox pane;

    public ForgotPasswordView(ForgotPasswordViewModel model, Runnable back) {
        Label title = new Label("Forgot your password?");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("forgot-title");

        Label intro = new Label("Enter your username. If the server can send email, a one-time code goes to the "
                + "address on your account; otherwise an administrator resets your password.");
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        TextField username = new TextField();
        username.setId("forgot-username");
        username.setPromptText("e.g. j.smith");
        username.textProperty().bindBidirectional(model.usernameProperty());
        Button send = new Button("Send code");
        send.setId("forgot-send");
        send.getStyleClass().add(Styles.ACCENT);
        send.disableProperty().bind(model.busyProperty());
        send.setOnAction(e -> model.requestCode());
        VBox request = new VBox(6, intro, caption("Username"), username);

        Label info = new Label();
        info.setId("forgot-info");
        info.setWrapText(true);
        info.textProperty().bind(model.infoProperty());
        info.visibleProperty().bind(info.textProperty().isNotEmpty());
        info.managedProperty().bind(info.visibleProperty());
        info.getStyleClass().add("callout-info");

        TextField code = new TextField();
        code.setId("forgot-code");
        code.setPromptText("From the email");
        code.textProperty().bindBidirectional(model.codeProperty());
        PasswordField fresh = new PasswordField();
        fresh.setId("forgot-new-password");
        fresh.textProperty().bindBidirectional(model.newPasswordProperty());
        PasswordField repeat = new PasswordField();
        repeat.setId("forgot-repeat-password");
        repeat.textProperty().bindBidirectional(model.repeatPasswordProperty());
        FormGrid form = new FormGrid(130, 190);
        form.add("Code", code, model.codeErrorProperty());
        form.add("New password", fresh, model.newErrorProperty());
        form.add("Repeat", repeat, model.repeatErrorProperty());
        Label hint = new Label("At least 10 characters, not containing your username.");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Button reset = new Button("Set new password");
        reset.setId("forgot-reset");
        reset.getStyleClass().add(Styles.ACCENT);
        reset.disableProperty().bind(model.busyProperty());
        reset.setOnAction(e -> model.reset());
        VBox codeForm = new VBox(8, form.node(), hint);

        Label message = new Label();
        message.setId("forgot-message");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.busyProperty());
        Button cancel = new Button("Back to sign-in");
        cancel.setId("forgot-back");
        cancel.getStyleClass().add(Styles.FLAT);
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> back.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, progress, spacer, cancel, send, reset);
        actions.setAlignment(Pos.CENTER_RIGHT);

        Runnable showStage = () -> {
            ForgotPasswordViewModel.Stage now = model.stageProperty().get();
            show(request, now == ForgotPasswordViewModel.Stage.REQUEST);
            show(send, now == ForgotPasswordViewModel.Stage.REQUEST);
            send.setDefaultButton(now == ForgotPasswordViewModel.Stage.REQUEST);
            show(codeForm, now == ForgotPasswordViewModel.Stage.CODE);
            show(reset, now == ForgotPasswordViewModel.Stage.CODE);
            reset.setDefaultButton(now == ForgotPasswordViewModel.Stage.CODE);
            if (now == ForgotPasswordViewModel.Stage.CODE) {
                code.requestFocus();
            }
        };
        model.stageProperty().addListener((obs, old, now) -> showStage.run());
        showStage.run();

        pane = new VBox(10, title, request, info, codeForm, message, actions);
        pane.setId("forgot-password");
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_SMALL);
        return label;
    }

    public VBox pane() {
        return pane;
    }
}
