package org.medconnect.desktop.platform;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A calm "coming soon" panel for workspace sections that arrive with scheduling. */
public final class PlaceholderPanel extends VBox {

    public PlaceholderPanel(String title, String explanation) {
        super(10);
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_2);
        heading.setId("placeholder-title");
        Label text = new Label(explanation);
        text.getStyleClass().add(Styles.TEXT_MUTED);
        text.setWrapText(true);
        text.setMaxWidth(520);
        text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Label soon = new Label("This part arrives with scheduling.");
        soon.setId("placeholder-note");
        soon.getStyleClass().addAll(Styles.ACCENT);
        getChildren().addAll(heading, text, soon);
        setAlignment(Pos.CENTER);
    }
}
