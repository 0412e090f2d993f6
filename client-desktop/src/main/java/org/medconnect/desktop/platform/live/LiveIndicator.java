package org.medconnect.desktop.platform.live;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * The small "● Live / Reconnecting… / Offline" in a workspace header, with a tooltip saying since when
 * it is live or why not. A click while not live tries again at once.
 */
public final class LiveIndicator extends HBox {

    static final Color LIVE = Color.web("#1a7f37");
    static final Color RECONNECTING = Color.web("#bf8700");
    static final Color OFFLINE = Color.web("#8c959f");

    private final Circle dot = new Circle(5);
    private final Label label = new Label();

    public LiveIndicator(AppointmentFeed feed) {
        super(6);
        setId("live-indicator");
        label.setId("live-state");
        label.getStyleClass().add(Styles.TEXT_SMALL);
        label.setMinWidth(USE_PREF_SIZE);
        dot.setId("live-dot");
        getChildren().addAll(dot, label);
        setAlignment(Pos.CENTER_LEFT);
        setStyle("-fx-padding: 3 10 3 8; -fx-background-radius: 12; -fx-border-radius: 12; -fx-border-width: 1;");
        Tooltip tooltip = new Tooltip();
        tooltip.setId("live-tooltip");
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        tooltip.setShowDelay(Duration.millis(300));
        tooltip.setShowDuration(Duration.seconds(20));
        tooltip.textProperty().bind(feed.detailProperty());
        Tooltip.install(this, tooltip);
        setAccessibleRole(AccessibleRole.TEXT);
        accessibleTextProperty().bind(Bindings.concat("Live updates: ", label.textProperty(), ". ", feed.detailProperty()));
        feed.stateProperty().addListener((obs, old, now) -> show(now, feed.everLive()));
        show(feed.stateProperty().get(), feed.everLive());
        setOnMouseClicked(e -> feed.reconnectNow());
    }

    private void show(LiveState state, boolean everLive) {
        label.setText(state == LiveState.RECONNECTING && !everLive ? "Connecting…" : state.label());
        Color color = switch (state) {
            case LIVE -> LIVE;
            case RECONNECTING -> RECONNECTING;
            case OFFLINE -> OFFLINE;
        };
        dot.setFill(color);
        label.setTextFill(state == LiveState.OFFLINE ? Color.web("#57606a") : color.darker());
        String background = switch (state) {
            case LIVE -> "#dafbe1";
            case RECONNECTING -> "#fff8c5";
            case OFFLINE -> "#f6f8fa";
        };
        setStyle("-fx-padding: 3 10 3 8; -fx-background-radius: 12; -fx-border-radius: 12; -fx-border-width: 1;"
                + " -fx-background-color: " + background + "; -fx-border-color: " + toWeb(color) + "55;");
        setCursor(state == LiveState.LIVE ? Cursor.DEFAULT : Cursor.HAND);
        getStyleClass().removeAll("live", "reconnecting", "offline");
        getStyleClass().add(state.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String toWeb(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
