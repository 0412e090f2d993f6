package org.medconnect.desktop.platform;

import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.text.Text;

/** Table building blocks every list screen shares: text columns and rows that open on double-click. */
public final class Tables {

    private Tables() {}

    /** A read-only, sortable text column. */
    public static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        return column(title, width, true, value);
    }

    /** A read-only text column; {@code sortable} false where the rows' order means something (a queue). */
    public static <T> TableColumn<T, String> column(String title, double width, boolean sortable, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(sortable);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    /** A table column of text; a cell too narrow for its text shows all of it as a tooltip. */
    public static <S> javafx.scene.control.TableColumn<S, String> tippedColumn(String title, double width, Function<S, String> value) {
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

    /**
     * A text column whose cells wrap onto as many lines as the text needs (full names, what a patient
     * asked for), so nothing is cut at 1366 x 768; the text takes the cell's CSS font and colour.
     */
    public static <S> TableColumn<S, String> wrappedColumn(String title, double width, Function<S, String> value) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            private final Text text = new Text();
            {
                text.getStyleClass().add("wrapped-cell-text");
                text.fontProperty().bind(fontProperty());
                text.fillProperty().bind(textFillProperty());
                text.wrappingWidthProperty().bind(Bindings.createDoubleBinding(
                        () -> Math.max(10, c.getWidth() - snappedLeftInset() - snappedRightInset() - 1),
                        c.widthProperty(), paddingProperty()));
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            }

            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setText(empty ? null : item); // not drawn (graphic only); kept for lookups and screen readers
                setGraphic(empty || item == null ? null : text);
            }
        });
        return column;
    }

    /** A row that opens its item on double-click. */
    public static <T> TableRow<T> doubleClick(Consumer<T> open) {
        TableRow<T> row = new TableRow<>();
        row.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && !row.isEmpty()) {
                open.accept(row.getItem());
            }
        });
        return row;
    }
}
