package org.medconnect.desktop.staff;

import org.medconnect.desktop.platform.Widgets;
import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.FormGrid;

/** The reset-password sheet: a temporary password (typed or generated) the user must change. */
final class ResetPasswordView {

    private final VBox card;

    ResetPasswordView(ResetPasswordViewModel model, Runnable onCancel) {
        Label explanation = new Label(model.user().getDisplayName() + " (" + model.user().getUsername()
                + ") will sign in with this temporary password and must choose a new one. Their open sessions end"
                + " and a lock from failed sign-ins is lifted.");
        explanation.setWrapText(true);
        explanation.setMaxWidth(460);
        explanation.getStyleClass().add(Styles.TEXT_MUTED);
        TextField password = new TextField();
        password.setId("temporary-password");
        password.textProperty().bindBidirectional(model.temporaryPasswordProperty());
        Button generate = new Button("Generate");
        generate.setId("generate-password");
        generate.setOnAction(e -> model.generate());
        HBox.setHgrow(password, Priority.ALWAYS);
        HBox field = new HBox(6, password, generate);
        field.setId("temporary-password-row");
        FormGrid form = new FormGrid(150, 300);
        Label error = form.add("Temporary password", field, model.errorProperty());
        error.setId("temporary-password-error");
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> onCancel.run());
        Button save = new Button("Reset password");
        save.setId("reset-password-save");
        save.setOnAction(e -> model.submit());
        card = new VBox(12, Widgets.title("Reset password", "reset-password-title"), explanation, form.node(),
                Widgets.problem(model.messageProperty(), "reset-password-message"), Widgets.formActions(model.busyProperty(), cancel, save));
        card.setPadding(new Insets(24));
        card.setPrefWidth(520);
    }

    VBox card() {
        return card;
    }
}
