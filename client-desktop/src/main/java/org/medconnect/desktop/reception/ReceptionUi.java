package org.medconnect.desktop.reception;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.staff.v1.Department;

/** Small building blocks the reception screens share: titled sheets, message lines, pickers with "any". */
final class ReceptionUi {

    private ReceptionUi() {}

    static Label title(String text, String id) {
        Label title = new Label(text);
        title.setId(id);
        title.getStyleClass().add(Styles.TITLE_3);
        return title;
    }

    static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TEXT_BOLD);
        return label;
    }

    /** A red line that is there only while it has something to say. */
    static Label problem(ObservableStringValue text, String id) {
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
    static Label notice(ObservableStringValue text, String id) {
        Label message = problem(text, id);
        message.getStyleClass().setAll("label", Styles.SUCCESS);
        return message;
    }

    static Label muted(ObservableStringValue text, String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.textProperty().bind(text);
        return label;
    }

    static ProgressIndicator progress(BooleanExpression busy) {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.setMaxSize(20, 20);
        progress.visibleProperty().bind(busy);
        return progress;
    }

    /** Progress on the left, then the buttons right-aligned; the primary one answers Enter, cancel answers Esc. */
    static HBox actions(BooleanExpression busy, Node left, Button cancel, Button... primary) {
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

    /** A table column of text; a cell too narrow for its text shows all of it as a tooltip. */
    static <S> javafx.scene.control.TableColumn<S, String> textColumn(String title, double width, Function<S, String> value) {
        javafx.scene.control.TableColumn<S, String> column = new javafx.scene.control.TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                tip.setText(item);
                setTooltip(empty || item == null || item.isBlank() ? null : tip);
            }
        });
        return column;
    }

    static <T> ComboBox<T> combo(String id, ObservableList<T> items, ObjectProperty<T> value, Function<T, String> text) {
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

    /** A date field that shows "24 Nov 2026" and takes typed dates the same way. */
    static javafx.scene.control.DatePicker datePicker(String id, ObjectProperty<java.time.LocalDate> value) {
        javafx.scene.control.DatePicker picker = new javafx.scene.control.DatePicker();
        picker.setId(id);
        picker.setPrefWidth(150);
        picker.setMinWidth(140);
        picker.setConverter(new javafx.util.converter.LocalDateStringConverter(
                java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH), null));
        picker.valueProperty().bindBidirectional(value);
        return picker;
    }

    static String location(Location l) {
        return l.getLocationId().isEmpty() ? "All locations" : l.getName();
    }

    static String anyLocation(Location l) {
        return l.getLocationId().isEmpty() ? "Any location" : l.getName();
    }

    static String department(Department d) {
        return d.getDepartmentId().isEmpty() ? "All departments" : d.getName();
    }

    static String anyDepartment(Department d) {
        return d.getDepartmentId().isEmpty() ? "Any department" : d.getName();
    }

    static String doctor(Doctor d) {
        if (d.getDoctorId().isEmpty()) {
            return "Any doctor";
        }
        return d.getSpecialization().isBlank() ? d.getDisplayName() : d.getDisplayName() + " · " + d.getSpecialization();
    }

    static String type(AppointmentType t) {
        return t.getName() + " · " + t.getDurationMinutes() + " min" + (t.getVideo() ? " · video" : "");
    }

    /** A coloured status word, as on the board. */
    static Label badge(AppointmentStatus status) {
        Label badge = new Label();
        setBadge(badge, status);
        return badge;
    }

    static void setBadge(Label badge, AppointmentStatus status) {
        StatusStyle style = StatusStyle.of(status);
        badge.setText(style.label());
        badge.setStyle(style.css() + " -fx-border-radius: 10; -fx-background-radius: 10; -fx-padding: 0 8 0 8;"
                + " -fx-font-weight: bold; -fx-font-size: 0.9em;");
        badge.setMinWidth(Region.USE_PREF_SIZE);
    }

}
