package org.medconnect.desktop.chart;

import java.time.ZoneId;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.ChartAllergyState;
import org.medconnect.proto.chart.v1.ChartSummary;

/**
 * The chart shell: the summary header on top of every page (allergy banner, problems,
 * medications, vitals with a small trend, next appointment), the pages on the left, the
 * page area. Keyboard-first: Ctrl+1..9 picks a page, Escape or Ctrl+W closes.
 */
public final class ChartView extends BorderPane {

    private final ChartViewModel model;
    private final ListView<ChartPage> pages = new ListView<>();
    private final StackPane pageArea = new StackPane();
    private final Map<ChartPage, Node> built = new HashMap<>();
    private final Label allergyBanner = new Label();
    private final ZoneId zone;

    public ChartView(ChartViewModel model, List<ChartPage> allPages, ZoneId zone, Runnable close) {
        this.model = model;
        this.zone = zone;
        getStyleClass().add("chart-shell");
        setId("chart-shell");
        setTop(header());

        pages.setId("chart-pages");
        pages.getStyleClass().add("chart-page-list");
        pages.getItems().setAll(allPages.stream()
                .filter(p -> model.caller().getRolesList().stream().anyMatch(p::visibleTo)).toList());
        pages.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ChartPage page, boolean empty) {
                super.updateItem(page, empty);
                int index = getIndex();
                setText(empty || page == null ? null : (index < 9 ? (index + 1) + "  " : "   ") + page.title());
            }
        });
        pages.setPrefWidth(190);
        setLeft(pages);
        pageArea.getStyleClass().add("chart-page-area");
        pageArea.setPadding(new Insets(12));
        setCenter(pageArea);

        pages.getSelectionModel().selectedItemProperty().addListener((o, was, page) -> showPage(page));
        model.stageProperty().addListener((o, was, stage) -> showStage());
        model.summaryProperty().addListener((o, was, now) -> showStage());
        model.requestedPageProperty().addListener((o, was, title) -> pages.getItems().stream()
                .filter(p -> p.title().equals(title)).findFirst().ifPresent(p -> pages.getSelectionModel().select(p)));
        showStage();

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE || new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN).match(e)) {
                e.consume();
                model.close();
                close.run();
            } else if (e.isShortcutDown() && e.getCode().isDigitKey()) {
                int n = e.getCode().getCode() - KeyCode.DIGIT1.getCode();
                if (n >= 0 && n < pages.getItems().size()) {
                    e.consume();
                    pages.getSelectionModel().select(n);
                    pages.requestFocus();
                }
            }
        });
    }

    /** Stops the chart's live subscription (the window closed). */
    public void closeChart() {
        model.close();
    }

    private Node header() {
        Label name = new Label();
        name.setId("chart-patient-name");
        name.getStyleClass().add("chart-patient-name");
        name.textProperty().bind(Bindings.createStringBinding(model::patientName, model.summaryProperty()));
        Label line = new Label();
        line.setId("chart-patient-line");
        line.getStyleClass().add("chart-patient-line");
        line.textProperty().bind(Bindings.createStringBinding(() -> model.summaryProperty().get() != null
                ? ChartViewModel.patientLine(model.summaryProperty().get())
                : model.stageProperty().get() == ChartViewModel.Stage.LOADING ? "Opening the chart…" : "Chart not open",
                model.summaryProperty(), model.stageProperty()));
        Label flags = new Label();
        flags.setId("chart-flags");
        flags.getStyleClass().add("chart-flags");
        flags.textProperty().bind(Bindings.createStringBinding(() -> flags(model.summaryProperty().get()), model.summaryProperty()));
        HBox top = new HBox(16, name, line, flags);
        top.getStyleClass().add("chart-header-top");

        allergyBanner.setId("chart-allergy-banner");
        allergyBanner.getStyleClass().add("chart-allergy-banner");
        allergyBanner.setMaxWidth(Double.MAX_VALUE);
        allergyBanner.setWrapText(true);

        GridPane facts = new GridPane();
        facts.getStyleClass().add("chart-summary-grid");
        facts.setHgap(12);
        facts.setVgap(4);
        row(facts, 0, "Problems", "chart-problems", () -> ChartViewModel.problemsLine(model.summaryProperty().get()));
        row(facts, 1, "Medications", "chart-medications", () -> ChartViewModel.medicationsLine(model.summaryProperty().get()));
        row(facts, 2, "Last vitals", "chart-vitals", () -> ChartViewModel.vitalsLine(model.summaryProperty().get(), zone));
        row(facts, 3, "Trend", "chart-trend", this::trend);
        row(facts, 4, "Next visit", "chart-next-appointment", model::nextAppointmentLine);
        VBox header = new VBox(6, top, allergyBanner, facts);
        header.getStyleClass().add("chart-header");
        header.setPadding(new Insets(10, 14, 10, 14));
        return header;
    }

    private void row(GridPane grid, int row, String label, String id, java.util.function.Supplier<String> text) {
        Label key = new Label(label);
        key.getStyleClass().add("chart-summary-key");
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("chart-summary-value");
        value.setWrapText(true);
        value.textProperty().bind(Bindings.createStringBinding(() -> model.summaryProperty().get() == null ? "…" : text.get(),
                model.summaryProperty()));
        GridPane.setHgrow(value, Priority.ALWAYS);
        grid.addRow(row, key, value);
    }

    private String trend() {
        var v = model.summaryProperty().get().getLastVitals();
        StringBuilder b = new StringBuilder();
        if (v.getBloodPressureTrendCount() > 1) {
            b.append("BP ").append(ChartViewModel.sparkline(v.getBloodPressureTrendList())).append("   ");
        }
        if (v.getPulseTrendCount() > 1) {
            b.append("Pulse ").append(ChartViewModel.sparkline(v.getPulseTrendList())).append("   ");
        }
        if (v.getWeightTrendCount() > 1) {
            b.append("Weight ").append(ChartViewModel.sparkline(v.getWeightTrendList())).append("   ");
        }
        if (v.getTemperatureTrendCount() > 1) {
            b.append("Temp ").append(ChartViewModel.sparkline(v.getTemperatureTrendList()));
        }
        return b.isEmpty() ? "Not enough measurements for a trend" : b.toString().strip();
    }

    private static String flags(ChartSummary s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (s.hasAdmission()) {
            b.append("Admitted").append(s.getAdmission().getWard().isEmpty() ? "" : " · " + s.getAdmission().getWard()).append("   ");
        }
        if (s.hasOpenEncounter()) {
            b.append("Consultation open with ").append(s.getOpenEncounter().getDoctorName()).append("   ");
        }
        if ("BREAK_GLASS".equals(s.getAccessBasis())) {
            b.append("Break the glass: access is recorded");
        }
        return b.toString().strip();
    }

    private void showStage() {
        ChartSummary s = model.summaryProperty().get();
        allergyBanner.getStyleClass().removeAll("chart-allergy-allergic", "chart-allergy-none", "chart-allergy-unknown");
        if (s == null) {
            allergyBanner.setText(model.stageProperty().get() == ChartViewModel.Stage.LOADING ? "Allergies: loading…"
                    : "Allergies are shown once the chart is open");
            allergyBanner.getStyleClass().add("chart-allergy-unknown");
        } else {
            allergyBanner.setText(ChartViewModel.allergyBanner(s));
            allergyBanner.getStyleClass().add(s.getAllergyState() == ChartAllergyState.CHART_ALLERGY_STATE_ALLERGIC
                    ? "chart-allergy-allergic" : s.getAllergyState() == ChartAllergyState.CHART_ALLERGY_STATE_NONE_KNOWN
                    ? "chart-allergy-none" : "chart-allergy-unknown");
        }
        switch (model.stageProperty().get()) {
            case LOADING -> pageArea.getChildren().setAll(Widgets.progress(model.busyProperty()));
            case BREAK_GLASS -> pageArea.getChildren().setAll(breakGlassPanel());
            case REFUSED -> {
                Label refused = new Label();
                refused.setId("chart-refused");
                refused.textProperty().bind(model.problemProperty());
                pageArea.getChildren().setAll(refused);
            }
            case OPEN -> {
                if (pages.getSelectionModel().isEmpty() && !pages.getItems().isEmpty()) {
                    pages.getSelectionModel().select(0);
                } else {
                    showPage(pages.getSelectionModel().getSelectedItem());
                }
            }
        }
    }

    private void showPage(ChartPage page) {
        if (page == null || model.stageProperty().get() != ChartViewModel.Stage.OPEN) {
            return;
        }
        pageArea.getChildren().setAll(built.computeIfAbsent(page, p -> p.create(model)));
    }

    /** The break-the-glass step: a typed reason, then the chart opens. */
    private Node breakGlassPanel() {
        Label title = Widgets.title("Break the glass", "break-glass-title");
        Label explain = new Label("You have not cared for " + model.patientName() + ". To open the chart anyway, say why. "
                + "Access lasts 4 hours, is recorded in the audit trail, and every admin is told at once.");
        explain.setWrapText(true);
        TextArea reason = new TextArea();
        reason.setId("break-glass-reason");
        reason.setPromptText("Reason, e.g. on call for Dr Okafor, patient in the emergency room");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        reason.textProperty().bindBidirectional(model.glassReasonProperty());
        Label problem = Widgets.problem(model.problemProperty(), "break-glass-problem");
        Button confirm = new Button("Break the glass and open");
        confirm.setId("break-glass-confirm");
        confirm.getStyleClass().add("danger");
        confirm.disableProperty().bind(model.busyProperty());
        confirm.setOnAction(e -> model.breakTheGlass());
        VBox box = new VBox(10, title, explain, reason, problem, confirm);
        box.getStyleClass().add("chart-break-glass");
        box.setMaxWidth(560);
        box.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        StackPane.setAlignment(box, javafx.geometry.Pos.TOP_CENTER);
        box.setPadding(new Insets(16));
        javafx.application.Platform.runLater(reason::requestFocus);
        return box;
    }
}
