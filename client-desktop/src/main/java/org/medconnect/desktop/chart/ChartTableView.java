package org.medconnect.desktop.chart;

import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Widgets;

/** A titled read-only table of one chart page (History, Access): the rows come from the page's view model. */
final class ChartTableView<R> extends VBox {

    private final TableView<R> table = new TableView<>();

    ChartTableView(String title, String id, ObservableList<R> rows, BooleanProperty busy, StringProperty problem) {
        super(8);
        getStyleClass().add("chart-table-page");
        table.setId(id);
        table.setItems(rows);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(Widgets.title(title, id + "-title"), Widgets.muted(problem, id + "-problem"), table);
    }

    ChartTableView<R> column(String name, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        table.getColumns().add(c);
        return this;
    }
}
