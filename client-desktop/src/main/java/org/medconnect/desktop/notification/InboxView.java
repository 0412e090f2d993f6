package org.medconnect.desktop.notification;

import org.medconnect.desktop.platform.Theme;
import atlantafx.base.theme.Styles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;
import javafx.stage.Popup;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.proto.notification.v1.Notification;
import org.medconnect.proto.notification.v1.NotificationKind;

/**
 * The bell in a workspace's top bar: the unread count on it, and a click opens the inbox
 * (newest first, unread marked) where items are marked read one by one or all at once.
 */
public final class InboxView extends StackPane {

    private static final javafx.css.PseudoClass UNREAD = javafx.css.PseudoClass.getPseudoClass("unread");

    private static final String BELL = "M8 1.5a1 1 0 0 1 1 1v.6c2.3.5 4 2.5 4 4.9v3.2l1.4 2.1a.6.6 0 0 1-.5.9H2.1a.6.6 0 0 1-.5-.9L3 11.2V8"
            + "c0-2.4 1.7-4.4 4-4.9v-.6a1 1 0 0 1 1-1zM6.2 15h3.6a1.8 1.8 0 0 1-3.6 0z";

    private final InboxViewModel model;
    private final Clock clock;
    private final ZoneId zone;
    private final Popup popup = new Popup();

    public InboxView(InboxViewModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
        this.zone = clock.getZone();
        setId("inbox");
        SVGPath bell = new SVGPath();
        bell.setContent(BELL);
        bell.getStyleClass().add("inbox-bell");
        bell.setScaleX(1.25);
        bell.setScaleY(1.25);
        Button button = new Button(null, bell);
        button.setId("inbox-button");
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setAccessibleText("Notifications");
        button.setTooltip(new Tooltip("Notifications"));
        button.setOnAction(e -> toggle(button));

        Label count = new Label();
        count.setId("inbox-badge");
        count.textProperty().bind(model.badgeText());
        count.visibleProperty().bind(model.unreadProperty().greaterThan(0));
        count.setMouseTransparent(true);
        count.setMinWidth(18);
        count.setAlignment(Pos.CENTER);
        count.getStyleClass().add("inbox-count");
        StackPane.setAlignment(count, Pos.TOP_RIGHT);
        StackPane.setMargin(count, new Insets(-2, -4, 0, 0));
        getChildren().addAll(button, count);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);

        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
        popup.getContent().add(panel());
    }

    private VBox panel() {
        Label title = new Label("Notifications");
        title.getStyleClass().add(Styles.TITLE_4);
        Label unread = new Label();
        unread.setId("inbox-unread");
        unread.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        unread.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.unreadProperty().get() == 0 ? "All read" : model.unreadProperty().get() + " unread", model.unreadProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button all = new Button("Mark all read");
        all.setId("inbox-mark-all");
        all.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.ACCENT);
        all.disableProperty().bind(model.unreadProperty().isEqualTo(0).or(model.busyProperty()));
        all.setOnAction(e -> model.markAllRead());
        HBox header = new HBox(8, title, unread, spacer, all);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.setPadding(new Insets(12, 12, 8, 14));

        ListView<Notification> list = new ListView<>(model.items());
        list.setId("inbox-list");
        list.setPrefSize(420, 400);
        list.setCellFactory(v -> new Item());
        list.getStyleClass().add(Styles.DENSE);
        Label empty = new Label("Nothing here yet. New bookings, changes and offers appear here as they happen.");
        empty.setWrapText(true);
        empty.setMaxWidth(320);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        Label message = new Label();
        message.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        VBox box = new VBox(header, list, message);
        box.setId("inbox-panel");
        box.getStyleClass().add("inbox-popup");
        Theme.apply(box); // a popup is its own scene: it does not see the window's stylesheet
        return box;
    }

    private void toggle(Button anchor) {
        if (popup.isShowing()) {
            popup.hide();
            return;
        }
        model.reload();
        Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        popup.show(anchor, b.getMaxX() - 422, b.getMaxY() + 6);
    }

    /** One inbox line: a dot while unread, the title, the details, and when. Clicking it marks it read and opens its appointment. */
    private final class Item extends ListCell<Notification> {
        private final Circle dot = new Circle(4);
        private final Label title = new Label();
        private final Label body = new Label();
        private final Label when = new Label();
        private final VBox text = new VBox(2, title, body, when);
        private final HBox row = new HBox(10, dot, text);

        Item() {
            dot.getStyleClass().add("inbox-unread-dot");
            title.getStyleClass().add("inbox-title");
            body.setWrapText(true);
            body.setPrefWidth(350);
            body.setMaxWidth(350);
            body.setMinHeight(Region.USE_PREF_SIZE);
            title.setMaxWidth(350);
            when.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            row.setAlignment(Pos.TOP_LEFT);
            row.setPadding(new Insets(6, 4, 6, 4));
            HBox.setMargin(dot, new Insets(6, 0, 0, 0));
            setOnMouseClicked(e -> {
                if (getItem() != null) {
                    if (model.opens(getItem())) {
                        popup.hide();
                    }
                    model.open(getItem());
                }
            });
        }

        @Override
        protected void updateItem(Notification n, boolean empty) {
            super.updateItem(n, empty);
            if (empty || n == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            title.setText(n.getTitle());
            title.pseudoClassStateChanged(UNREAD, !n.getRead());
            body.setText(n.getBody());
            when.setText(describe(n));
            dot.setVisible(!n.getRead());
            setAccessibleText((n.getRead() ? "" : "Unread: ") + n.getTitle() + ". " + n.getBody());
            setGraphic(row);
        }
    }

    private String describe(Notification n) {
        String received = ago(ClinicTime.instant(n.getCreatedAt()));
        // The item's own text names the patient and the doctor only; what was asked for stays in the list.
        if (n.getKind() == NotificationKind.NOTIFICATION_KIND_REFILL_REQUEST) {
            return "Refill request · " + received;
        }
        if (n.getKind() == NotificationKind.NOTIFICATION_KIND_REFILL_DECIDED) {
            return "Refill request answered · " + received;
        }
        if (n.getKind() != NotificationKind.NOTIFICATION_KIND_WAITING_LIST_OFFER || !n.hasStartsAt()) {
            return received; // the other kinds name the appointment's time in their text
        }
        var starts = ClinicTime.instant(n.getStartsAt()).atZone(zone);
        return "Slot " + ClinicTime.SHORT_DAY.format(starts) + " " + ClinicTime.TIME.format(starts) + " · " + received;
    }

    private String ago(Instant at) {
        Duration d = Duration.between(at, clock.instant());
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toHours() < 24) {
            return d.toHours() + " h ago";
        }
        var local = at.atZone(zone);
        return ClinicTime.SHORT_DAY.format(local) + " " + ClinicTime.TIME.format(local);
    }
}
