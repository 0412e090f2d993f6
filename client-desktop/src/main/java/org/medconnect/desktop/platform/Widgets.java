package org.medconnect.desktop.platform;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * The workstation's one widget kit: titles, message lines, button rows, bound fields, pickers.
 * Every screen builds these the same way; table columns are in {@link Tables}.
 */
public final class Widgets {

    private Widgets() {}

    public static Label title(String text, String id) {
        Label title = new Label(text);
        title.setId(id);
        title.getStyleClass().add(Styles.TITLE_3);
        return title;
    }

    public static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TEXT_BOLD);
        return label;
    }

    /** A red line that is there only while it has something to say. */
    public static Label problem(ObservableStringValue text, String id) {
        Label message = new Label();
        message.setId(id);
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(text);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }

    /** A green line for what just worked ("Checked in."). */
    public static Label notice(ObservableStringValue text, String id) {
        Label message = problem(text, id);
        message.getStyleClass().setAll("label", Styles.SUCCESS);
        return message;
    }

    /**
     * The notification bar after a one-click status move: what happened, an Undo button and a
     * close button. There while the view model holds an offer (decision 0025).
     */
    public static HBox undoBar(ObjectProperty<UndoOffer> offer, String id) {
        Label text = new Label();
        text.setId(id + "-text");
        text.setWrapText(true);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button undo = new Button("_Undo");
        undo.setId(id + "-undo");
        undo.getStyleClass().add(Styles.SMALL);
        undo.setMinWidth(Region.USE_PREF_SIZE);
        undo.setOnAction(e -> {
            UndoOffer now = offer.get();
            offer.set(null);
            if (now != null) {
                now.undo().run();
            }
        });
        Button dismiss = new Button("✕");
        dismiss.setId(id + "-dismiss");
        dismiss.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        dismiss.setAccessibleText("Close");
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setOnAction(e -> offer.set(null));
        HBox bar = new HBox(10, text, undo, dismiss);
        bar.setId(id);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("undo-bar");
        offer.addListener((obs, old, now) -> text.setText(now == null ? "" : now.text()));
        text.setText(offer.get() == null ? "" : offer.get().text());
        bar.visibleProperty().bind(offer.isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    public static Label muted(ObservableStringValue text, String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.textProperty().bind(text);
        return label;
    }

    public static ProgressIndicator progress(BooleanExpression busy) {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.setMaxSize(20, 20);
        progress.visibleProperty().bind(busy);
        return progress;
    }

    /** Progress on the left, then the buttons right-aligned; the primary one answers Enter, cancel answers Esc. */
    public static HBox actions(BooleanExpression busy, Node left, Button cancel, Button... primary) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8);
        row.getChildren().add(progress(busy));
        if (left != null) {
            row.getChildren().add(left);
            HBox.setHgrow(left, Priority.ALWAYS);
        }
        row.getChildren().add(spacer);
        if (cancel != null) {
            cancel.setCancelButton(true);
            row.getChildren().add(cancel);
        }
        for (int i = 0; i < primary.length; i++) {
            row.getChildren().add(primary[i]);
            if (i == primary.length - 1) {
                primary[i].setDefaultButton(true);
                primary[i].getStyleClass().add(Styles.ACCENT);
            }
        }
        row.setAlignment(Pos.CENTER_RIGHT);
        return row;
    }

    public static <T> ComboBox<T> combo(String id, ObservableList<T> items, ObjectProperty<T> value, Function<T, String> text) {
        ComboBox<T> combo = new ComboBox<>(items);
        combo.setId(id);
        combo.setMaxWidth(Double.MAX_VALUE);
        StringConverter<T> converter = new StringConverter<>() {
            @Override public String toString(T item) { return item == null ? "" : text.apply(item); }
            @Override public T fromString(String s) { return null; }
        };
        combo.setConverter(converter);
        combo.setCellFactory(list -> new ListCell<>() {
            @Override protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        combo.valueProperty().bindBidirectional(value);
        return combo;
    }

    /** The line that tells what the keyboard does on this screen ("Ctrl+N new booking · F5 reload"). */
    public static Label keyHint(String id, String text) {
        Label hint = new Label(text);
        hint.setId(id);
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, "key-hint");
        return hint;
    }

    /** A date field that shows and reads dates the clinic's way ({@link ClinicDates}). */
    public static javafx.scene.control.DatePicker datePicker(String id, ObjectProperty<java.time.LocalDate> value) {
        return ClinicDates.picker(id, value);
    }

    /** A sheet's button row: progress, then cancel and the primary button, which is off while busy. */
    public static HBox formActions(BooleanProperty busy, Button cancel, Button primary) {
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

    /** A text field bound both ways to a view-model property. */
    public static TextField field(String id, StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    /**
     * F5 reloads the screen, and every arrival on screen runs {@code onShown}: workspaces
     * build a screen once and show it many times, and each visit should show what is true now.
     */
    public static void reloadOnF5AndWhenShown(Node screen, Runnable reload, Runnable onShown) {
        screen.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F5) {
                reload.run();
                e.consume();
            }
        });
        screen.parentProperty().addListener((obs, old, now) -> {
            if (now != null) {
                onShown.run();
            }
        });
    }
}
