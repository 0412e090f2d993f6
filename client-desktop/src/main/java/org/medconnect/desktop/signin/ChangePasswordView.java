package org.medconnect.desktop.signin;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.FormGrid;

/** The change-password sheet shown when the account must choose a new password. */
public final class ChangePasswordView {

    private final VBox card;

    public ChangePasswordView(ChangePasswordViewModel model, String explanation, Runnable onCancel) {
        Label title = new Label("Choose a new password");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("change-password-title");
        Label why = new Label(explanation);
        why.setWrapText(true);
        why.setMaxWidth(440);
        why.getStyleClass().add(Styles.TEXT_MUTED);

        PasswordField current = field("current-password", model.currentPasswordProperty());
        PasswordField fresh = field("new-password", model.newPasswordProperty());
        PasswordField repeat = field("repeat-password", model.repeatPasswordProperty());
        FormGrid form = new FormGrid(170, 260);
        form.add("Current password", current, model.currentErrorProperty());
        form.add("New password", fresh, model.newErrorProperty());
        form.add("Repeat new password", repeat, model.repeatErrorProperty());
        Label hint = new Label("At least 10 characters, not containing your username.");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        Label message = new Label();
        message.setId("change-password-message");
        message.setWrapText(true);
        message.setMaxWidth(440);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.busyProperty());
        Button cancel = new Button("Sign out");
        cancel.setId("change-password-cancel");
        cancel.setOnAction(e -> onCancel.run());
        cancel.disableProperty().bind(model.busyProperty());
        Button save = new Button("Change password");
        save.setId("change-password-save");
        save.setDefaultButton(true);
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.submit());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, progress, spacer, cancel, save);
        actions.setAlignment(Pos.CENTER_RIGHT);

        card = new VBox(12, title, why, form.node(), hint, message, actions);
        card.setId("change-password-sheet");
        card.setPadding(new Insets(24));
        card.setPrefWidth(500);
        Platform.runLater(current::requestFocus);
    }

    private static PasswordField field(String id, javafx.beans.property.StringProperty property) {
        PasswordField field = new PasswordField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    public VBox card() {
        return card;
    }
}
