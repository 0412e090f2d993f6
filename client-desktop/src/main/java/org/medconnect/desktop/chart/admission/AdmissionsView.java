package org.medconnect.desktop.chart.admission;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.proto.chart.v1.Admission;

/** The chart's Admissions page: status, place, since, admitting doctor, reason and discharge of each stay. */
public final class AdmissionsView extends BorderPane {

    public AdmissionsView(AdmissionsViewModel model) {
        setId("chart-admissions");
        getStyleClass().add("chart-admissions");
        Label title = new Label("Admissions");
        title.getStyleClass().add(Styles.TITLE_3);
        Label summary = new Label();
        summary.setId("chart-admissions-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(model.summaryProperty());
        Label message = new Label();
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        HBox header = new HBox(12, title, summary, message);
        header.setAlignment(Pos.BASELINE_LEFT);

        TableView<Admission> table = new TableView<>(model.admissions());
        table.setId("chart-admissions-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        TableColumn<Admission, String> status = Tables.column("Status", 110, a -> AdmissionsViewModel.status(a.getStatus()));
        TableColumn<Admission, String> place = Tables.column("Ward and bed", 185, AdmissionsViewModel::place);
        TableColumn<Admission, String> since = Tables.column("Admitted", 130, a -> model.when(a.getAdmittedAt()));
        TableColumn<Admission, String> doctor = Tables.column("Admitting doctor", 160, Admission::getAdmittingDoctorName);
        TableColumn<Admission, String> reason = Tables.column("Reason", 210, Admission::getReason);
        TableColumn<Admission, String> discharged = Tables.column("Discharged", 130, a -> model.when(a.getDischargedAt()));
        TableColumn<Admission, String> outcome = Tables.column("Discharge summary", 260,
                a -> a.getErrorReason().isEmpty() ? a.getDischargeSummary() : "Entered in error: " + a.getErrorReason());
        // Long text: the whole of it in a tooltip.
        reason.setCellFactory(c -> new TippedCell());
        outcome.setCellFactory(c -> new TippedCell());
        table.getColumns().addAll(List.of(status, place, since, doctor, reason, discharged, outcome));
        Label empty = new Label("No admissions.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);

        VBox top = new VBox(4, header);
        top.getStyleClass().add("chart-admissions-header");
        setTop(top);
        setCenter(table);
    }

    private static final class TippedCell extends TableCell<Admission, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
        }
    }
}
