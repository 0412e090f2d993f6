package org.medconnect.desktop.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.Chart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.beans.property.SimpleStringProperty;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.report.ReportDashboardViewModel.Choice;
import org.medconnect.desktop.report.ReportDashboardViewModel.PanelState;
import org.medconnect.proto.report.v1.Panel;
import org.medconnect.proto.report.v1.ReportRow;
import org.medconnect.proto.report.v1.ReportTable;

/**
 * The dashboard screen: a filter bar, then a card per panel with a chart (or, toggled, the table
 * behind it) and a CSV export. Two cards a row so a 1366 x 768 screen shows four at a glance.
 */
public final class ReportDashboardView extends BorderPane {

    /** How a panel is drawn, and from which value columns (0 = the first after the label). */
    private enum Kind { LINE, BAR, PIE }

    private record Spec(Kind kind, int... columns) {}

    private final ReportDashboardViewModel model;

    public ReportDashboardView(ReportDashboardViewModel model) {
        this.model = model;
        setId("report-dashboard");
        getStyleClass().add("report-dashboard");
        setTop(filterBar());
        GridPane grid = new GridPane();
        grid.getStyleClass().add("report-grid");
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        int i = 0;
        for (Panel p : ReportDashboardViewModel.PANELS) {
            grid.add(card(p), i % 2, i / 2);
            i++;
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("report-scroll");
        setCenter(scroll);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, () -> { });
    }

    private Node filterBar() {
        DatePicker from = Widgets.datePicker("report-from", model.fromProperty());
        DatePicker to = Widgets.datePicker("report-to", model.toProperty());
        from.setPrefWidth(130);
        to.setPrefWidth(130);
        Button show = new Button("Show");
        show.setId("report-show");
        show.setDefaultButton(true);
        show.setOnAction(e -> model.reload());
        HBox bar = new HBox(new Label("From"), from, new Label("to"), to);
        bar.getStyleClass().add("report-filter-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        if (!model.ownFiguresOnly()) {
            bar.getChildren().addAll(new Label("Location"), combo("report-location", model.locations(), model.locationProperty()),
                    new Label("Department"), combo("report-department", model.departments(), model.departmentProperty()),
                    new Label("Doctor"), combo("report-doctor", model.doctors(), model.doctorProperty()));
        } else {
            bar.getChildren().add(Widgets.muted(new SimpleStringProperty("Your own figures"), "report-own"));
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        bar.getChildren().addAll(grow, show);
        Label problem = Widgets.problem(model.problemProperty(), "report-problem");
        return new VBox(bar, problem);
    }

    private static ComboBox<Choice> combo(String id, javafx.collections.ObservableList<Choice> items,
                                          javafx.beans.property.ObjectProperty<Choice> value) {
        ComboBox<Choice> box = Widgets.combo(id, items, value, Choice::name);
        box.setPrefWidth(140);
        return box;
    }

    private Node card(Panel panel) {
        PanelState state = model.panel(panel);
        Label title = new Label(title(panel));
        title.getStyleClass().add("report-card-title");
        ToggleButton asTable = new ToggleButton("Table");
        asTable.setId("report-table-toggle-" + slug(panel));
        Button csv = new Button("CSV");
        csv.setId("report-csv-" + slug(panel));
        csv.setOnAction(e -> model.exportCsv(panel, export -> save(export.getFileName(), export.getCsv())));
        ProgressIndicator busy = Widgets.progress(state.busyProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(title, grow, busy, asTable, csv);
        head.getStyleClass().add("report-card-head");
        head.setAlignment(Pos.CENTER_LEFT);
        StackPane body = new StackPane();
        body.getStyleClass().add("report-card-body");
        Label problem = Widgets.problem(state.problemProperty(), "report-problem-" + slug(panel));
        Runnable draw = () -> body.getChildren().setAll(state.tableProperty().get() == null ? new Label("Loading…")
                : asTable.isSelected() ? table(state.tableProperty().get()) : chart(panel, state.tableProperty().get()));
        state.tableProperty().addListener((o, was, now) -> draw.run());
        asTable.selectedProperty().addListener((o, was, now) -> draw.run());
        draw.run();
        VBox card = new VBox(head, problem, body);
        card.setId("report-card-" + slug(panel));
        card.getStyleClass().add("report-card");
        VBox.setVgrow(body, Priority.ALWAYS);
        GridPane.setMargin(card, new Insets(0));
        return card;
    }

    private static String title(Panel p) {
        return switch (p) {
            case PANEL_APPOINTMENTS_PER_DAY -> "Appointments per day";
            case PANEL_APPOINTMENTS_PER_WEEK -> "Appointments per week";
            case PANEL_ATTENDANCE -> "No-shows and cancellations";
            case PANEL_UTILISATION -> "Utilisation per doctor";
            case PANEL_VISIT_TIMES -> "Waiting and consultation (minutes)";
            case PANEL_NEW_VS_RETURNING -> "New and returning patients";
            case PANEL_REVENUE_BY_DAY -> "Revenue per day";
            case PANEL_REVENUE_BY_DOCTOR -> "Revenue by doctor";
            case PANEL_REVENUE_BY_DEPARTMENT -> "Revenue by department";
            case PANEL_REVENUE_BY_METHOD -> "Revenue by payment method";
            case PANEL_OUTSTANDING_AGEING -> "Outstanding balances";
            case PANEL_SIGN_INS -> "Sign-ins and active users";
            default -> p.name();
        };
    }

    static String slug(Panel p) {
        return p.name().substring("PANEL_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Spec spec(Panel p) {
        return switch (p) {
            case PANEL_APPOINTMENTS_PER_DAY -> new Spec(Kind.LINE, 0, 1, 3);
            case PANEL_APPOINTMENTS_PER_WEEK -> new Spec(Kind.BAR, 0, 1, 2, 3);
            case PANEL_ATTENDANCE -> new Spec(Kind.BAR, 2);
            case PANEL_UTILISATION -> new Spec(Kind.BAR, 2);
            case PANEL_VISIT_TIMES -> new Spec(Kind.BAR, 1, 2);
            case PANEL_NEW_VS_RETURNING -> new Spec(Kind.PIE, 0);
            case PANEL_REVENUE_BY_DAY -> new Spec(Kind.LINE, 2);
            case PANEL_REVENUE_BY_METHOD, PANEL_REVENUE_BY_DEPARTMENT -> new Spec(Kind.PIE, 2);
            case PANEL_REVENUE_BY_DOCTOR -> new Spec(Kind.BAR, 2);
            case PANEL_OUTSTANDING_AGEING -> new Spec(Kind.BAR, 1);
            case PANEL_SIGN_INS -> new Spec(Kind.LINE, 0, 1);
            default -> new Spec(Kind.BAR, 0);
        };
    }

    private static Node chart(Panel panel, ReportTable t) {
        if (t.getRowsCount() == 0) {
            Label none = new Label("Nothing in this period.");
            none.getStyleClass().add("report-empty");
            return none;
        }
        Spec spec = spec(panel);
        Chart chart;
        if (spec.kind() == Kind.PIE) {
            PieChart pie = new PieChart();
            for (ReportRow r : t.getRowsList()) {
                double v = r.getValues(spec.columns()[0]);
                if (v > 0) {
                    pie.getData().add(new PieChart.Data(r.getLabel() + " " + format(v), v));
                }
            }
            pie.setLabelsVisible(true);
            pie.setLegendVisible(false);
            chart = pie;
        } else {
            CategoryAxis x = new CategoryAxis();
            NumberAxis y = new NumberAxis();
            y.setForceZeroInRange(true);
            XYChart<String, Number> xy = spec.kind() == Kind.LINE ? new LineChart<>(x, y) : new BarChart<>(x, y);
            for (int column : spec.columns()) {
                XYChart.Series<String, Number> series = new XYChart.Series<>();
                series.setName(t.getColumns(column + 1));
                for (ReportRow r : t.getRowsList()) {
                    double v = r.getValues(column);
                    series.getData().add(new XYChart.Data<>(shortLabel(r.getLabel()), Double.isNaN(v) ? 0 : v));
                }
                xy.getData().add(series);
            }
            xy.setAnimated(false);
            xy.setLegendVisible(spec.columns().length > 1);
            if (spec.columns().length == 1) {
                // One series: the axis says what is measured ("Rate (%)", "Net") instead of a legend.
                y.setLabel(t.getColumns(spec.columns()[0] + 1) + (t.getCurrency().isEmpty() ? "" : " (" + t.getCurrency() + ")"));
            }
            if (xy instanceof LineChart<String, Number> line) {
                line.setCreateSymbols(t.getRowsCount() <= 31);
            }
            chart = xy;
        }
        chart.setAnimated(false);
        chart.getStyleClass().add("report-chart");
        return chart;
    }

    /** "2026-11-02" reads as "11-02" under a chart; other labels stay. */
    private static String shortLabel(String label) {
        return label.matches("\\d{4}-\\d{2}-\\d{2}") ? label.substring(5) : label;
    }

    private static Node table(ReportTable t) {
        TableView<ReportRow> table = new TableView<>();
        table.getStyleClass().add("report-table");
        TableColumn<ReportRow, String> label = new TableColumn<>(t.getColumns(0));
        label.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().getLabel()));
        List<TableColumn<ReportRow, String>> columns = new ArrayList<>(List.of(label));
        for (int i = 1; i < t.getColumnsCount(); i++) {
            int index = i - 1;
            TableColumn<ReportRow, String> column = new TableColumn<>(t.getColumns(i));
            column.setCellValueFactory(c -> new SimpleStringProperty(format(c.getValue().getValues(index))));
            column.getStyleClass().add("report-number");
            columns.add(column);
        }
        table.getColumns().setAll(columns);
        table.getItems().setAll(t.getRowsList());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.2f", v);
    }

    private void save(String name, String csv) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export CSV");
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        var file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file.toPath(), csv, StandardCharsets.UTF_8);
            model.problemProperty().set("");
        } catch (IOException e) {
            model.problemProperty().set("Could not save " + file.getName() + ": " + e.getMessage());
        }
    }
}
