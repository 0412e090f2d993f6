package org.medconnect.desktop.admin;

import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Small building blocks shared by the admin sheets: title, message line, button row with progress. */
public final class Sheets {

    private Sheets() {}

    public static Label title(String text, String id) {
        Label title = new Label(text);
        title.setId(id);
        title.getStyleClass().add(Styles.TITLE_3);
        return title;
    }

    public static Label message(StringProperty text, String id) {
        Label message = new Label();
        message.setId(id);
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(text);
        message.visibleProperty().bind(text.isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }

    public static HBox actions(BooleanProperty busy, Button cancel, Button primary) {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(busy);
        primary.setDefaultButton(true);
        primary.getStyleClass().add(Styles.ACCENT);
        primary.disableProperty().bind(busy);
        cancel.setCancelButton(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8, progress, spacer, cancel, primary);
        row.setAlignment(Pos.CENTER_RIGHT);
        return row;
    }
}
