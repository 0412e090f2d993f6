package org.medconnect.desktop.chart;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.ChartGlassGrant;

/** The admin console's "Break the glass" screen: who opened whose chart without a care relation, and why. */
public final class BreakGlassReviewView extends VBox {

    public BreakGlassReviewView(BreakGlassReviewViewModel model) {
        super(10);
        setId("break-glass-review");
        getStyleClass().add("chart-glass-review");
        setPadding(new Insets(16));

        Label summary = Widgets.muted(model.summaryProperty(), "break-glass-summary");
        CheckBox unreviewed = new CheckBox("Only those not yet reviewed");
        unreviewed.setId("break-glass-unreviewed");
        unreviewed.selectedProperty().bindBidirectional(model.unreviewedOnlyProperty());
        HBox heading = new HBox(16, Widgets.title("Break the glass", "break-glass-review-title"), summary, unreviewed);
        heading.setAlignment(Pos.BASELINE_LEFT);

        TableView<ChartGlassGrant> table = new TableView<>(model.grants());
        table.setId("break-glass-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("When", 125, model::when));
        table.getColumns().add(column("Doctor", 150, ChartGlassGrant::getDoctorName));
        table.getColumns().add(column("Patient", 200, g -> g.getPatientName() + " (" + g.getPatientMrn() + ")"));
        table.getColumns().add(column("Reason given", 450, ChartGlassGrant::getReason));
        table.getColumns().add(column("Reviewed", 200, model::reviewed));
        table.setPlaceholder(new Label("No break of the glass to show."));
        model.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        VBox.setVgrow(table, Priority.ALWAYS);

        TextField note = new TextField();
        note.setId("break-glass-note");
        note.setPromptText("Review note (optional), e.g. confirmed with the ward");
        note.textProperty().bindBidirectional(model.noteProperty());
        HBox.setHgrow(note, Priority.ALWAYS);
        Button review = new Button("_Mark reviewed");
        review.setId("break-glass-mark-reviewed");
        review.disableProperty().bind(model.busyProperty().or(table.getSelectionModel().selectedItemProperty().isNull()));
        review.setOnAction(e -> model.markReviewed());
        note.setOnAction(e -> model.markReviewed());
        Button refresh = new Button("_Refresh");
        refresh.setOnAction(e -> model.reload());
        HBox actions = new HBox(10, note, refresh, review);
        actions.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(heading, table, Widgets.problem(model.problemProperty(), "break-glass-review-problem"), actions);
        model.reload();
    }

    private static TableColumn<ChartGlassGrant, String> column(String name, double width,
                                                               java.util.function.Function<ChartGlassGrant, String> value) {
        TableColumn<ChartGlassGrant, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
