package org.medconnect.desktop.platform;

import atlantafx.base.theme.Styles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** A workspace with a left navigation; each entry builds its screen once, on first visit. */
public final class NavigationWorkspace extends BorderPane {

    private final VBox nav = new VBox(4);
    private final StackPane content = new StackPane();
    private final ToggleGroup group = new ToggleGroup();
    private final Map<String, Supplier<Node>> factories = new LinkedHashMap<>();
    private final Map<String, Node> built = new LinkedHashMap<>();
    private final Map<String, ToggleButton> buttons = new LinkedHashMap<>();
    private java.util.Optional<java.util.function.Consumer<org.medconnect.proto.appointment.v1.Appointment>> appointmentOpener =
            java.util.Optional.empty();
    /** Screens that follow inbox items of a kind: the item's arrival refreshes them, a click on it shows them. */
    private final Map<org.medconnect.proto.notification.v1.NotificationKind, Follower> followers = new LinkedHashMap<>();

    private record Follower(String screenId, Runnable onArrival) {}

    public NavigationWorkspace(String title) {
        Label heading = new Label(title);
        heading.getStyleClass().addAll(Styles.TEXT_CAPTION, Styles.TEXT_MUTED);
        heading.setPadding(new Insets(0, 0, 6, 8));
        nav.getChildren().add(heading);
        nav.setPadding(new Insets(16, 10, 16, 10));
        nav.setPrefWidth(200);
        nav.getStyleClass().add("nav-rail");
        content.setPadding(new Insets(18, 22, 14, 22));
        setLeft(nav);
        setCenter(content);
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true); // one section is always shown
            } else if (now != null) {
                show((String) now.getUserData());
            }
        });
    }

    public NavigationWorkspace add(String id, String title, Supplier<Node> factory) {
        ToggleButton button = new ToggleButton(title);
        button.setId("nav-" + id);
        button.setUserData(id);
        button.setToggleGroup(group);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        button.getStyleClass().add(Styles.FLAT);
        nav.getChildren().add(button);
        buttons.put(id, button);
        factories.put(id, factory);
        if (group.getSelectedToggle() == null) {
            button.setSelected(true);
        }
        return this;
    }

    /** The text of an entry's navigation button, e.g. to bind a count into it. */
    /** How this workspace shows one appointment (e.g. when a notification is clicked); absent where it shows none. */
    public NavigationWorkspace opensAppointments(java.util.function.Consumer<org.medconnect.proto.appointment.v1.Appointment> opener) {
        appointmentOpener = java.util.Optional.of(opener);
        return this;
    }

    public java.util.Optional<java.util.function.Consumer<org.medconnect.proto.appointment.v1.Appointment>> appointmentOpener() {
        return appointmentOpener;
    }

    /**
     * The screen {@code screenId} follows inbox items of {@code kind}: each arrival runs {@code onArrival}
     * (e.g. a reload), and clicking such an item in the inbox shows the screen.
     */
    public NavigationWorkspace follows(org.medconnect.proto.notification.v1.NotificationKind kind, String screenId, Runnable onArrival) {
        followers.put(kind, new Follower(screenId, onArrival));
        return this;
    }

    /** An inbox item arrived (the inbox calls this for each new item). */
    public void notified(org.medconnect.proto.notification.v1.Notification notification) {
        Follower follower = followers.get(notification.getKind());
        if (follower != null) {
            follower.onArrival().run();
        }
    }

    /** What clicking this inbox item does here: show the screen that follows its kind; empty when none does. */
    public java.util.Optional<Runnable> screenFor(org.medconnect.proto.notification.v1.Notification notification) {
        return java.util.Optional.ofNullable(followers.get(notification.getKind()))
                .filter(f -> buttons.containsKey(f.screenId()))
                .map(f -> () -> select(f.screenId()));
    }

    /** Shows the screen {@code id}, as a click on its navigation button does. */
    public void select(String id) {
        ToggleButton button = buttons.get(id);
        if (button != null) {
            button.setSelected(true);
        }
    }

    public java.util.Optional<javafx.beans.property.StringProperty> title(String id) {
        return java.util.Optional.ofNullable(buttons.get(id)).map(ToggleButton::textProperty);
    }

    private void show(String id) {
        Node node = built.computeIfAbsent(id, key -> factories.get(key).get());
        content.getChildren().setAll(node);
    }
}
