package org.medconnect.desktop.signin;

import atlantafx.base.theme.Styles;
import java.io.ByteArrayInputStream;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.print.PrinterJob;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Security sheet any signed-in user opens from the header: the second factor's status and recovery codes
 * left, setting up an authenticator app (QR code, first code), and recovery codes shown once with Copy and Print.
 */
public final class SecurityView {

    private final SecurityViewModel model;
    private final Runnable onClose;
    private final VBox card = new VBox(10);

    public SecurityView(SecurityViewModel model, Runnable onClose) {
        this.model = model;
        this.onClose = onClose;
        card.setId("security-sheet");
        card.getStyleClass().add("security-card");
        card.setPadding(new Insets(22, 26, 22, 26));
        card.setPrefWidth(520);
        card.setMaxWidth(520);
        model.stageProperty().addListener((obs, old, stage) -> build());
        build();
    }

    public VBox card() {
        return card;
    }

    private void build() {
        card.getChildren().clear();
        switch (model.stageProperty().get()) {
            case OVERVIEW -> buildOverview();
            case ENROL -> buildEnrol();
            case RECOVERY_CODES -> buildRecoveryCodes();
        }
    }

    private void buildOverview() {
        Label title = title("Security");
        Label status = new Label();
        status.setId("security-status");
        status.getStyleClass().add(Styles.TEXT_BOLD);
        status.textProperty().bind(model.statusProperty());
        Label codes = new Label();
        codes.setId("security-codes-left");
        codes.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.enrolledProperty().get()
                ? model.recoveryCodesLeftProperty().get() + " of 10" : "None (they come with the app)",
                model.enrolledProperty(), model.recoveryCodesLeftProperty()));
        GridPane facts = new GridPane();
        facts.setHgap(14);
        facts.setVgap(6);
        facts.addRow(0, muted("Second factor"), status);
        facts.addRow(1, muted("Recovery codes left"), codes);
        Label detail = muted("");
        detail.setId("security-detail");
        detail.textProperty().bind(model.detailProperty());
        Label warning = new Label();
        warning.setId("security-low-codes");
        warning.setWrapText(true);
        warning.getStyleClass().addAll("security-warning", Styles.WARNING);
        warning.textProperty().bind(model.warningProperty());
        warning.visibleProperty().bind(model.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());

        Button enrol = new Button();
        enrol.setId("security-enrol");
        enrol.textProperty().bind(javafx.beans.binding.Bindings.when(model.enrolledProperty())
                .then("Replace authenticator app…").otherwise("Set up authenticator app…"));
        enrol.setOnAction(e -> model.beginEnrolment());
        Button regenerate = new Button("New recovery codes…");
        regenerate.setId("security-regenerate");
        regenerate.visibleProperty().bind(model.enrolledProperty());
        regenerate.managedProperty().bind(regenerate.visibleProperty());
        regenerate.setOnAction(e -> model.regenerateRecoveryCodes());
        enrol.disableProperty().bind(model.busyProperty().or(model.loadedProperty().not()));
        regenerate.disableProperty().bind(model.busyProperty());
        if (!model.enrolledProperty().get()) {
            enrol.getStyleClass().add(Styles.ACCENT);
        }
        Button close = new Button("Close");
        close.setId("security-close");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        HBox actions = actions(close, regenerate, enrol);
        card.getChildren().addAll(title, facts, detail, warning, message(), actions);
    }

    private void buildEnrol() {
        Label title = title("Set up your authenticator app");
        Label hint = muted("Scan this QR code with an authenticator app (for example Google Authenticator, Microsoft "
                + "Authenticator or FreeOTP), then enter the 6-digit code it shows.");
        ImageView qr = new ImageView();
        qr.setId("security-qr");
        qr.setFitWidth(200);
        qr.setFitHeight(200);
        qr.setPreserveRatio(true);
        if (model.qrPngProperty().get() != null) {
            qr.setImage(new Image(new ByteArrayInputStream(model.qrPngProperty().get())));
        }
        HBox qrBox = new HBox(qr);
        qrBox.setAlignment(Pos.CENTER);
        Label secretCaption = muted("Cannot scan? Type this key into the app:");
        TextField secret = new TextField();
        secret.setId("security-secret");
        secret.setEditable(false);
        secret.getStyleClass().add("monospace");
        secret.textProperty().bind(model.secretProperty());
        Label codeCaption = new Label("Code from the app");
        TextField code = new TextField();
        code.setId("security-code");
        code.setPromptText("123456");
        code.textProperty().bindBidirectional(model.codeProperty());
        codeCaption.setLabelFor(code);
        Button cancel = new Button("Cancel");
        cancel.setId("security-enrol-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.backToOverview());
        Button confirm = new Button("Confirm");
        confirm.setId("security-confirm");
        confirm.setDefaultButton(true);
        confirm.getStyleClass().add(Styles.ACCENT);
        confirm.disableProperty().bind(model.busyProperty());
        confirm.setOnAction(e -> model.confirmEnrolment());
        card.getChildren().addAll(title, hint, qrBox, secretCaption, secret, codeCaption, code, message(), actions(cancel, confirm));
        Platform.runLater(code::requestFocus);
    }

    private void buildRecoveryCodes() {
        Label title = title("Your recovery codes");
        Label hint = muted("If your phone is lost, each of these codes signs you in once instead of the app. "
                + "Copy or print them now and keep them somewhere safe: they are not shown again, and any older codes "
                + "no longer work.");
        String text = String.join("\n", model.recoveryCodes());
        TextArea codes = new TextArea(text);
        codes.setId("security-recovery-codes");
        codes.setEditable(false);
        codes.setPrefRowCount(10);
        codes.getStyleClass().add("monospace");
        Label copied = muted("");
        copied.setId("security-copied");
        Button copy = new Button("Copy");
        copy.setId("security-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
            copied.setText("Copied to the clipboard.");
        });
        Button print = new Button("Print…");
        print.setId("security-print");
        print.setOnAction(e -> print(codes, copied));
        Button done = new Button("I have kept them");
        done.setId("security-codes-done");
        done.setDefaultButton(true);
        done.getStyleClass().add(Styles.ACCENT);
        done.setOnAction(e -> model.backToOverview());
        card.getChildren().addAll(title, hint, codes, copied, actions(copy, print, done));
    }

    private void print(TextArea codes, Label feedback) {
        PrinterJob job = PrinterJob.createPrinterJob();
        if (job == null) {
            feedback.setText("No printer is set up on this workstation: copy the codes instead.");
            return;
        }
        if (job.showPrintDialog(card.getScene() == null ? null : card.getScene().getWindow()) && job.printPage(codes)) {
            job.endJob();
            feedback.setText("Sent to the printer.");
        }
    }

    private HBox actions(Button first, Button... rest) {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(10, progress, spacer, first);
        actions.getChildren().addAll(rest);
        actions.setAlignment(Pos.CENTER_RIGHT);
        return actions;
    }

    private Label message() {
        Label message = new Label();
        message.setId("security-message");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        return message;
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
}
