package org.medconnect.desktop.platform;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Confirmations and notices shown as sheets over the current screen. */
public final class Dialogs {

    private final OverlayHost overlays;

    public Dialogs(OverlayHost overlays) {
        this.overlays = overlays;
    }

    public OverlayHost overlays() {
        return overlays;
    }

    public void confirm(String title, String message, String confirmLabel, boolean dangerous, Runnable onConfirm) {
        Button cancel = new Button("Cancel");
        cancel.setId("confirm-cancel");
        cancel.setCancelButton(true);
        Button ok = new Button(confirmLabel);
        ok.setId("confirm-ok");
        ok.setDefaultButton(true);
        if (dangerous) {
            ok.getStyleClass().add(Styles.DANGER);
        }
        OverlayHost.Sheet sheet = overlays.show(card(title, message, cancel, ok));
        cancel.setOnAction(e -> sheet.close());
        ok.setOnAction(e -> {
            sheet.close();
            onConfirm.run();
        });
        ok.requestFocus();
    }

    public void inform(String title, String message) {
        Button ok = new Button("OK");
        ok.setId("inform-ok");
        ok.setDefaultButton(true);
        OverlayHost.Sheet sheet = overlays.show(card(title, message, ok));
        ok.setOnAction(e -> sheet.close());
    }

    private static VBox card(String title, String message, Button... buttons) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        Label text = new Label(message);
        text.setId("dialog-message");
        text.setWrapText(true);
        text.setMaxWidth(420);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8);
        actions.getChildren().add(spacer);
        actions.getChildren().addAll(buttons);
        actions.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(14, heading, text, actions);
        box.setPadding(new Insets(22));
        box.setPrefWidth(460);
        return box;
    }
}
