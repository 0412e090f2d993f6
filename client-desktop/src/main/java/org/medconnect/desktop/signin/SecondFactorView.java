package org.medconnect.desktop.signin;

import atlantafx.base.theme.Styles;
import java.io.ByteArrayInputStream;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The second-factor card of the sign-in screen: a code, or enrolling an authenticator app, then recovery codes. */
public final class SecondFactorView {

    private final SecondFactorViewModel model;
    private final Runnable onCancel;
    private final VBox card = new VBox(8);

    public SecondFactorView(SecondFactorViewModel model, Runnable onCancel) {
        this.model = model;
        this.onCancel = onCancel;
        card.setId("second-factor");
        card.setPadding(new Insets(30, 34, 28, 34));
        card.setPrefWidth(420);
        card.setMaxWidth(420);
        model.stageProperty().addListener((obs, old, stage) -> build());
        build();
        if (model.stageProperty().get() == SecondFactorViewModel.Stage.ENROL) {
            model.beginEnrolment();
        }
    }

    private void build() {
        card.getChildren().clear();
        switch (model.stageProperty().get()) {
            case CODE -> buildCode();
            case ENROL -> buildEnrol();
            case RECOVERY_CODES -> buildRecoveryCodes();
        }
    }

    private void buildCode() {
        Label title = title("Second factor");
        Label hint = muted("Enter the 6-digit code your authenticator app shows for MedConnect.");
        CheckBox recovery = new CheckBox("Use a recovery code instead");
        recovery.setId("use-recovery-code");
        recovery.selectedProperty().bindBidirectional(model.useRecoveryCodeProperty());
        TextField code = codeField();
        card.getChildren().addAll(title, hint, code, recovery, message(), actions("Verify"));
        Platform.runLater(code::requestFocus);
    }

    private void buildEnrol() {
        Label title = title("Set up your authenticator app");
        Label hint = muted("Your role signs in with a second factor. Scan this QR code with an authenticator app "
                + "(for example Google Authenticator, Microsoft Authenticator or FreeOTP), then enter the code it shows.");
        ImageView qr = new ImageView();
        qr.setId("totp-qr");
        qr.setFitWidth(220);
        qr.setFitHeight(220);
        qr.setPreserveRatio(true);
        model.qrPngProperty().addListener((obs, old, png) -> qr.setImage(png == null ? null : new Image(new ByteArrayInputStream(png))));
        if (model.qrPngProperty().get() != null) {
            qr.setImage(new Image(new ByteArrayInputStream(model.qrPngProperty().get())));
        }
        HBox qrBox = new HBox(qr);
        qrBox.setAlignment(Pos.CENTER);
        Label secretCaption = muted("Cannot scan? Type this key into the app:");
        TextField secret = new TextField();
        secret.setId("totp-secret");
        secret.setEditable(false);
        secret.textProperty().bind(model.secretProperty());
        TextField code = codeField();
        card.getChildren().addAll(title, hint, qrBox, secretCaption, secret, code, message(), actions("Confirm"));
    }

    private void buildRecoveryCodes() {
        Label title = title("Your recovery codes");
        Label hint = muted("If your phone is lost, each of these codes signs you in once instead of the app. "
                + "Write them down or print them now and keep them somewhere safe: they are not shown again.");
        TextArea codes = new TextArea(String.join("\n", model.recoveryCodes()));
        codes.setId("recovery-codes");
        codes.setEditable(false);
        codes.setPrefRowCount(10);
        codes.getStyleClass().add("monospace");
        Button done = new Button("I have noted them");
        done.setId("recovery-codes-done");
        done.setDefaultButton(true);
        done.getStyleClass().add(Styles.ACCENT);
        done.setOnAction(e -> model.continueAfterRecoveryCodes());
        HBox actions = new HBox(done);
        actions.setAlignment(Pos.CENTER_RIGHT);
        card.getChildren().addAll(title, hint, codes, actions);
    }

    private TextField codeField() {
        TextField code = new TextField();
        code.setId("second-factor-code");
        code.setPromptText("123456");
        code.textProperty().bindBidirectional(model.codeProperty());
        return code;
    }

    private Label message() {
        Label message = new Label();
        message.setId("second-factor-message");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        return message;
    }

    private HBox actions(String submitLabel) {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.busyProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("second-factor-cancel");
        cancel.setOnAction(e -> onCancel.run());
        Button submit = new Button(submitLabel);
        submit.setId("second-factor-submit");
        submit.setDefaultButton(true);
        submit.getStyleClass().add(Styles.ACCENT);
        submit.disableProperty().bind(model.busyProperty());
        submit.setOnAction(e -> model.submit());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(10, progress, spacer, cancel, submit);
        actions.setAlignment(Pos.CENTER_RIGHT);
        return actions;
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TITLE_3);
        return label;
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    /** The card centred on the sign-in background. */
    public StackPane screen() {
        card.getStyleClass().add("sign-in-card");
        card.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane screen = new StackPane(card);
        screen.setId("second-factor-screen");
        screen.setPadding(new Insets(24));
        screen.getStyleClass().add("sign-in-screen");
        return screen;
    }
}
