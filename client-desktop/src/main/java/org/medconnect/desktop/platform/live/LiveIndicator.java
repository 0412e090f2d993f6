package org.medconnect.desktop.platform.live;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * The small "● Live / Reconnecting… / Offline" in a workspace header, with a tooltip saying since when
 * it is live or why not. A click while not live tries again at once. Its colours follow the state
 * class (live, reconnecting, offline) in medconnect.css.
 */
public final class LiveIndicator extends HBox {

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
        getStyleClass().add("live-indicator");
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
        setCursor(state == LiveState.LIVE ? Cursor.DEFAULT : Cursor.HAND);
        getStyleClass().removeAll("live", "reconnecting", "offline");
        getStyleClass().add(state.name().toLowerCase(java.util.Locale.ROOT));
    }
}
