package org.medconnect.desktop.platform;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.medconnect.proto.auth.v1.Principal;

/** The bottom line of the window: who is signed in, to which server, and whether the link is up. */
public final class StatusBar extends HBox {

    public StatusBar(SessionState session) {
        super(10);
        Label user = new Label();
        user.setId("status-user");
        user.textProperty().bind(Bindings.createStringBinding(() -> {
            Principal p = session.principalProperty().get();
            return p == null ? "Not signed in" : "Signed in as " + p.getDisplayName() + " (" + p.getUsername() + ")";
        }, session.principalProperty()));
        Label server = new Label();
        server.setId("status-server");
        server.textProperty().bind(Bindings.createStringBinding(() -> {
            String address = session.serverAddressProperty().get();
            return address == null || address.isBlank() ? "No server" : "Server " + address;
        }, session.serverAddressProperty()));
        Label connection = new Label();
        connection.setId("status-connection");
        connection.textProperty().bind(Bindings.createStringBinding(
                () -> "● " + session.connectionProperty().get().label(), session.connectionProperty()));
        session.connectionProperty().addListener((obs, old, now) -> styleConnection(connection, now));
        styleConnection(connection, session.connectionProperty().get());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(user, new Separator(Orientation.VERTICAL), server, spacer, connection);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 12, 4, 12));
        getStyleClass().add(Styles.TEXT_SMALL);
        getStyleClass().add("status-bar");
    }

    private static void styleConnection(Label label, ConnectionState state) {
        label.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING, Styles.TEXT_MUTED);
        label.getStyleClass().add(switch (state) {
            case CONNECTED -> Styles.SUCCESS;
            case LOST, OFFLINE, DATABASE_UNAVAILABLE -> Styles.DANGER;
            case RECONNECTING -> Styles.WARNING;
            default -> Styles.TEXT_MUTED;
        });
    }
}
