package org.medconnect.desktop.chart.vitals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.VitalFlag;
import org.medconnect.proto.chart.v1.VitalKind;
import org.medconnect.proto.chart.v1.VitalObservation;
import org.medconnect.proto.chart.v1.VitalSeries;
import org.medconnect.proto.chart.v1.VitalSet;

/**
 * The Vitals page's body: trend charts (blood pressure, pulse, temperature, SpO2, weight and
 * BMI, respiratory rate) over a date axis in the clinic's format with abnormal points marked,
 * and the table of the newest sets with abnormal values marked.
 */
public final class VitalsTrendView {

    /** Below this many points every point gets a symbol; above, only abnormal ones (dense series stay readable). */
    static final int ALL_SYMBOLS_UP_TO = 60;

    private final VitalsTrendViewModel model;
    private final ZoneId zone;

    public VitalsTrendView(VitalsTrendViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
    }

    public Node build() {
        var range = Widgets.combo("vitals-range", FXCollections.observableArrayList(VitalsTrendViewModel.Range.values()),
                model.rangeProperty(), VitalsTrendViewModel.Range::label);
        range.setPrefWidth(130);
        range.setMaxWidth(130);
        Label summary = Widgets.muted(model.summaryProperty(), "vitals-summary");
        javafx.scene.control.CheckBox showInError = new javafx.scene.control.CheckBox("Show entered in error");
        showInError.setId("vitals-show-in-error");
        showInError.setMinWidth(Region.USE_PREF_SIZE);
        showInError.selectedProperty().bindBidirectional(model.showEnteredInErrorProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(10, new Label("Range"), range, summary, Widgets.notice(model.noticeProperty(), "vitals-correction-notice"), gap, showInError);
        bar.setAlignment(Pos.CENTER_LEFT);

        List<ChartSpec> specs = List.of(
                new ChartSpec("Blood pressure (mmHg)", List.of(VitalKind.VITAL_KIND_SYSTOLIC, VitalKind.VITAL_KIND_DIASTOLIC), List.of("Systolic", "Diastolic")),
                new ChartSpec("Pulse (/min)", List.of(VitalKind.VITAL_KIND_HEART_RATE), List.of("Pulse")),
                new ChartSpec("Temperature (\u00b0C)", List.of(VitalKind.VITAL_KIND_TEMPERATURE), List.of("Temperature")),
                new ChartSpec("SpO2 (%)", List.of(VitalKind.VITAL_KIND_OXYGEN_SATURATION), List.of("SpO2")),
                new ChartSpec("Weight (kg) and BMI (kg/m\u00b2)", List.of(VitalKind.VITAL_KIND_BODY_WEIGHT, VitalKind.VITAL_KIND_BMI), List.of("Weight", "BMI")),
                new ChartSpec("Respiratory rate (/min)", List.of(VitalKind.VITAL_KIND_RESPIRATORY_RATE), List.of("Resp. rate")));
        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.setVgap(8);
        charts.setId("vitals-charts");
        for (int i = 0; i < specs.size(); i++) {
            LineChart<Number, Number> chart = chart(specs.get(i));
            GridPane.setHgrow(chart, Priority.ALWAYS);
            GridPane.setVgrow(chart, Priority.ALWAYS);
            charts.add(chart, i % 3, i / 3);
        }
        model.seriesProperty().addListener((o, was, now) -> {
            for (int i = 0; i < specs.size(); i++) {
                @SuppressWarnings("unchecked")
                LineChart<Number, Number> chart = (LineChart<Number, Number>) charts.getChildren().get(i);
                fill(chart, specs.get(i));
            }
        });

        TabPane tabs = new TabPane(new Tab("Trends", charts), new Tab("Table", tableWithCorrection()));
        tabs.setId("vitals-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox box = new VBox(8, bar, Widgets.problem(model.problemProperty(), "vitals-load-problem"), tabs);
        box.getStyleClass().add("chart-vitals");
        return box;
    }

    private record ChartSpec(String title, List<VitalKind> kinds, List<String> names) {}

    private LineChart<Number, Number> chart(ChartSpec spec) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number day) {
                return ClinicDates.format(LocalDate.ofEpochDay(Math.round(day.doubleValue())));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(spec.title());
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(spec.kinds().size() > 1);
        chart.setMinSize(200, 180);
        chart.setPrefSize(360, 230);
        chart.getStyleClass().add("vitals-chart");
        chart.setId("vitals-chart-" + spec.kinds().getFirst().name().toLowerCase().replace("vital_kind_", "").replace('_', '-'));
        return chart;
    }

    private void fill(LineChart<Number, Number> chart, ChartSpec spec) {
        chart.getData().clear();
        for (int k = 0; k < spec.kinds().size(); k++) {
            Optional<VitalSeries> s = model.series(spec.kinds().get(k));
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(spec.names().get(k));
            if (s.isPresent()) {
                VitalSeries series = s.get();
                boolean all = series.getValuesCount() <= ALL_SYMBOLS_UP_TO;
                for (int i = 0; i < series.getValuesCount(); i++) {
                    double day = series.getEpochSeconds(i) / 86_400.0;
                    XYChart.Data<Number, Number> point = new XYChart.Data<>(day, series.getValues(i));
                    VitalFlag flag = series.getFlags(i);
                    if (all || abnormal(flag)) {
                        point.setNode(marker(flag));
                    }
                    line.getData().add(point);
                }
            }
            chart.getData().add(line);
        }
        // No readings in the range: say so, rather than draw an axis from 1970.
        boolean empty = chart.getData().stream().allMatch(d -> d.getData().isEmpty());
        chart.getXAxis().setTickLabelsVisible(!empty);
        chart.getYAxis().setTickLabelsVisible(!empty);
        chart.setTitle(empty ? spec.title() + ": none recorded" : spec.title());
    }

    private static Region marker(VitalFlag flag) {
        Region dot = new Region();
        String mark = critical(flag) ? "vital-point-critical" : abnormal(flag) ? "vital-point-abnormal" : "vital-point";
        dot.getStyleClass().add(mark);
        // LineChart resets a symbol's style classes when it adopts it; keep the flag's mark.
        dot.getStyleClass().addListener((javafx.collections.ListChangeListener<String>) change -> {
            if (!dot.getStyleClass().contains(mark)) {
                dot.getStyleClass().add(mark);
            }
        });
        return dot;
    }

    static boolean abnormal(VitalFlag f) {
        return f != VitalFlag.VITAL_FLAG_NORMAL && f != VitalFlag.VITAL_FLAG_UNSPECIFIED;
    }

    static boolean critical(VitalFlag f) {
        return f == VitalFlag.VITAL_FLAG_CRITICAL_LOW || f == VitalFlag.VITAL_FLAG_CRITICAL_HIGH;
    }

    /** The table and, under it, "entered in error" with a required reason for the selected set. */
    private Node tableWithCorrection() {
        TableView<VitalSet> table = table();
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(VitalSet set, boolean empty) {
                super.updateItem(set, empty);
                getStyleClass().remove("entered-in-error");
                if (!empty && set != null && set.getStatus() == org.medconnect.proto.chart.v1.VitalStatus.VITAL_STATUS_ENTERED_IN_ERROR) {
                    getStyleClass().add("entered-in-error");
                }
            }
        });
        javafx.scene.control.TextField reason = Widgets.field("vitals-error-reason", model.errorReasonProperty(),
                "Why the selected set was entered in error (required)");
        reason.setOnAction(e -> model.markEnteredInError());
        HBox.setHgrow(reason, Priority.ALWAYS);
        javafx.scene.control.Button inError = new javafx.scene.control.Button("Entered in error");
        inError.setId("vitals-entered-in-error");
        inError.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        inError.setMinWidth(Region.USE_PREF_SIZE);
        inError.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !model.canMarkInError() || model.busyProperty().get(),
                model.selectedProperty(), model.busyProperty()));
        inError.setOnAction(e -> model.markEnteredInError());
        HBox row = new HBox(8, reason, inError);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox correction = new VBox(6, row, Widgets.problem(model.correctionProblemProperty(), "vitals-correction-problem"));
        correction.getStyleClass().add("chart-correction");
        correction.setId("vitals-correction");
        correction.visibleProperty().bind(model.selectedProperty().isNotNull());
        correction.managedProperty().bind(correction.visibleProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(8, table, correction);
    }

    private TableView<VitalSet> table() {
        TableView<VitalSet> table = new TableView<>(model.rows());
        table.setId("vitals-table");
        table.setPlaceholder(new Label("No vitals in this range."));
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm");
        TableColumn<VitalSet, Cell> when = column("Measured", 150, s -> {
            var at = Instant.ofEpochSecond(s.getMeasuredAt().getSeconds()).atZone(zone);
            return new Cell(ClinicDates.format(at.toLocalDate()) + " " + time.format(at), VitalFlag.VITAL_FLAG_NORMAL);
        });
        table.getColumns().add(when);
        table.getColumns().add(column("BP (mmHg)", 100, s -> {
            var sys = observation(s, VitalKind.VITAL_KIND_SYSTOLIC);
            var dia = observation(s, VitalKind.VITAL_KIND_DIASTOLIC);
            if (sys.isEmpty() || dia.isEmpty()) {
                return new Cell("", VitalFlag.VITAL_FLAG_NORMAL);
            }
            return new Cell(number(sys.get()) + "/" + number(dia.get()), worse(sys.get().getFlag(), dia.get().getFlag()));
        }));
        table.getColumns().add(value("Pulse", VitalKind.VITAL_KIND_HEART_RATE));
        table.getColumns().add(value("Temp (\u00b0C)", VitalKind.VITAL_KIND_TEMPERATURE));
        table.getColumns().add(value("Resp.", VitalKind.VITAL_KIND_RESPIRATORY_RATE));
        table.getColumns().add(value("SpO2 (%)", VitalKind.VITAL_KIND_OXYGEN_SATURATION));
        table.getColumns().add(value("Weight (kg)", VitalKind.VITAL_KIND_BODY_WEIGHT));
        table.getColumns().add(value("Height (cm)", VitalKind.VITAL_KIND_BODY_HEIGHT));
        table.getColumns().add(value("BMI", VitalKind.VITAL_KIND_BMI));
        table.getColumns().add(column("Recorded by", 170, s -> new Cell(s.getRecordedByName(), VitalFlag.VITAL_FLAG_NORMAL)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    private TableColumn<VitalSet, Cell> value(String title, VitalKind kind) {
        return column(title, 85, s -> observation(s, kind).map(o -> new Cell(number(o), o.getFlag()))
                .orElse(new Cell("", VitalFlag.VITAL_FLAG_NORMAL)));
    }

    private static VitalFlag worse(VitalFlag a, VitalFlag b) {
        return critical(a) ? a : critical(b) ? b : abnormal(a) ? a : b;
    }

    private static Optional<VitalObservation> observation(VitalSet s, VitalKind kind) {
        return s.getObservationsList().stream().filter(o -> o.getKind() == kind).findFirst();
    }

    private static String number(VitalObservation o) {
        double v = o.getValue();
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** What a table cell shows: the value, and an arrow and a style when it is abnormal. */
    record Cell(String text, VitalFlag flag) {
        String shown() {
            return switch (flag) {
                case VITAL_FLAG_HIGH -> text + " \u2191";
                case VITAL_FLAG_LOW -> text + " \u2193";
                case VITAL_FLAG_CRITICAL_HIGH -> text + " \u2191\u2191";
                case VITAL_FLAG_CRITICAL_LOW -> text + " \u2193\u2193";
                default -> text;
            };
        }
    }

    private static TableColumn<VitalSet, Cell> column(String title, double width, Function<VitalSet, Cell> value) {
        TableColumn<VitalSet, Cell> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Cell cell, boolean empty) {
                super.updateItem(cell, empty);
                getStyleClass().removeAll("vital-abnormal", "vital-critical");
                if (empty || cell == null) {
                    setText(null);
                    return;
                }
                setText(cell.shown());
                if (critical(cell.flag())) {
                    getStyleClass().add("vital-critical");
                } else if (abnormal(cell.flag())) {
                    getStyleClass().add("vital-abnormal");
                }
            }
        });
        return c;
    }
}
