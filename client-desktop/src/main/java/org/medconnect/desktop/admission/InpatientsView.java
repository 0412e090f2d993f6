package org.medconnect.desktop.admission;

import java.util.function.BiConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.Admission;

/**
 * The doctor's Inpatients screen: who is in hospital now, and "My discharges". Enter or a
 * double click on a row opens that patient's chart (the chart asks to break the glass when
 * the doctor has no relation to the patient).
 */
public final class InpatientsView extends VBox {

    public InpatientsView(InpatientsViewModel model, BiConsumer<String, String> openChart) {
        setId("doctor-inpatients");
        getStyleClass().add("admissions-screen");
        setSpacing(8);

        TableView<Admission> in = new TableView<>(model.inpatients());
        in.setId("inpatients-table");
        in.getColumns().add(Tables.tippedColumn("Patient", 180, Admission::getPatientName));
        in.getColumns().add(Tables.column("MRN", 105, Admission::getPatientMrn));
        in.getColumns().add(Tables.column("Ward and bed", 140, ReceptionAdmissionsViewModel::place));
        in.getColumns().add(Tables.tippedColumn("Admitting doctor", 160, Admission::getAdmittingDoctorName));
        in.getColumns().add(Tables.column("Admitted", 130, a -> model.when(a.getAdmittedAt())));
        in.getColumns().add(Tables.tippedColumn("Reason", 260, a -> a.getReason().replace('\n', ' ')));
        in.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        in.setPlaceholder(new Label("Nobody is in hospital."));
        opensChart(in, openChart);

        TableView<Admission> mine = new TableView<>(model.discharges());
        mine.setId("my-discharges-table");
        mine.getColumns().add(Tables.tippedColumn("Patient", 180, Admission::getPatientName));
        mine.getColumns().add(Tables.column("MRN", 105, Admission::getPatientMrn));
        mine.getColumns().add(Tables.column("Was on", 130, ReceptionAdmissionsViewModel::place));
        mine.getColumns().add(Tables.column("Admitted", 130, a -> model.when(a.getAdmittedAt())));
        mine.getColumns().add(Tables.column("Discharged", 130, a -> model.when(a.getDischargedAt())));
        mine.getColumns().add(Tables.tippedColumn("Summary", 260, a -> a.getDischargeSummary().replace('\n', ' ')));
        mine.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        mine.setPlaceholder(new Label("No discharges of yours yet."));
        mine.setPrefHeight(220);
        opensChart(mine, openChart);

        Label title = Widgets.title("Inpatients", "inpatients-title");
        HBox header = new HBox(12, title, Widgets.progress(model.loadingProperty()), Widgets.muted(model.summaryProperty(), "inpatients-summary"),
                Widgets.problem(model.problemProperty(), "inpatients-problem"));
        header.setAlignment(Pos.CENTER_LEFT);
        Label hint = Widgets.keyHint("inpatients-hint", "Enter or a double click opens the chart.");
        VBox.setVgrow(in, Priority.ALWAYS);
        getChildren().addAll(header, in, Widgets.section("My discharges"), mine, hint);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, () -> in.requestFocus());
    }

    private static void opensChart(TableView<Admission> table, BiConsumer<String, String> openChart) {
        table.setOnKeyPressed(e -> {
            Admission a = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && a != null) {
                openChart.accept(a.getPatientId(), a.getPatientName());
                e.consume();
            }
        });
        table.setRowFactory(t -> {
            TableRow<Admission> row = Tables.doubleClick(a -> openChart.accept(a.getPatientId(), a.getPatientName()));
            return row;
        });
    }
}
