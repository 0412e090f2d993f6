package org.medconnect.desktop.chart.medication;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.CodingSubstance;

/**
 * The "Medications" chart page: current and past medications with who started or stopped
 * each and why; stop the selected one under the lists; add one on the right, searching the
 * drug catalogue as you type (Down or Enter picks a match).
 */
public final class MedicationsView extends BorderPane {

    public MedicationsView(MedicationsViewModel model) {
        getStyleClass().add("chart-medications");
        setId("chart-medications");

        TableView<MedicationsViewModel.Row> current = new TableView<>(model.current());
        current.setId("medications-current");
        current.getColumns().add(Tables.tippedColumn("Drug", 190, MedicationsViewModel.Row::drug));
        current.getColumns().add(Tables.tippedColumn("Dosage", 170, MedicationsViewModel.Row::dosage));
        current.getColumns().add(Tables.column("Started", 95, MedicationsViewModel.Row::startedOn));
        current.getColumns().add(Tables.tippedColumn("Started by", 145, MedicationsViewModel.Row::startedBy));
        current.getColumns().add(Tables.tippedColumn("Why", 150, MedicationsViewModel.Row::startReason));
        current.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        current.setPlaceholder(new Label("No current medications."));

        TableView<MedicationsViewModel.Row> past = new TableView<>(model.past());
        past.setId("medications-past");
        past.getColumns().add(Tables.tippedColumn("Drug", 180, MedicationsViewModel.Row::drug));
        past.getColumns().add(Tables.column("Started", 95, MedicationsViewModel.Row::startedOn));
        past.getColumns().add(Tables.column("Stopped", 95, MedicationsViewModel.Row::stoppedOn));
        past.getColumns().add(Tables.tippedColumn("Stopped by", 145, MedicationsViewModel.Row::stoppedBy));
        past.getColumns().add(Tables.tippedColumn("Why stopped", 180, MedicationsViewModel.Row::stopReason));
        past.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        past.setPlaceholder(new Label("No past medications."));
        past.setPrefHeight(150);

        current.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                current.getSelectionModel().clearSelection();
            }
        });

        var stoppedOn = ClinicDates.picker("medication-stopped-on", model.stoppedOnProperty());
        Label stoppedOnLabel = new Label("Stopped on");
        stoppedOnLabel.setLabelFor(stoppedOn);
        TextField stopReason = Widgets.field("medication-stop-reason", model.stopReasonProperty(), "Why it is stopped");
        HBox.setHgrow(stopReason, Priority.ALWAYS);
        stopReason.setOnAction(e -> model.stop());
        Button stop = new Button("Stop medication");
        stop.setId("medication-stop");
        stop.getStyleClass().add(Styles.DANGER);
        stop.disableProperty().bind(model.canStopProperty().not());
        stop.setOnAction(e -> model.stop());
        stoppedOnLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        stop.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox stopRow = new HBox(8, stoppedOnLabel, stoppedOn, stopReason, stop);
        stopRow.setAlignment(Pos.CENTER_LEFT);
        stopRow.getStyleClass().add("chart-medications-row-actions");

        VBox lists = new VBox(6, Widgets.section("Current"), current, stopRow,
                Widgets.problem(model.stopErrorProperty(), "medication-stop-reason-error"), Widgets.section("Past"), past);
        VBox.setVgrow(current, Priority.ALWAYS);
        lists.getStyleClass().add("chart-medications-lists");

        // ---- the add form ----
        TextField search = Widgets.field("medication-drug-search", model.drugQueryProperty(), "Drug name, e.g. amoxicillin");
        ListView<CodingSubstance> matches = new ListView<>(model.matches());
        matches.setId("medication-drug-matches");
        matches.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CodingSubstance item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getName());
            }
        });
        matches.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.matches()));
        matches.managedProperty().bind(matches.visibleProperty());
        matches.setPrefHeight(150);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !model.matches().isEmpty()) {
                matches.requestFocus();
                matches.getSelectionModel().selectFirst();
                e.consume();
            }
        });
        search.setOnAction(e -> {
            if (!model.matches().isEmpty()) {
                model.choose(model.matches().getFirst());
            }
        });
        matches.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.choose(matches.getSelectionModel().getSelectedItem());
                search.requestFocus();
                e.consume();
            }
        });
        matches.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.choose(matches.getSelectionModel().getSelectedItem());
            }
        });
        Label hint = Widgets.muted(model.checkedHintProperty(), "medication-checked-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_SMALL);

        GridPane details = new GridPane();
        details.setHgap(8);
        details.setVgap(4);
        TextField strength = Widgets.field("medication-strength", model.strengthProperty(), "500 mg");
        TextField form = Widgets.field("medication-form", model.formProperty(), "capsule");
        TextField dosage = Widgets.field("medication-dosage", model.dosageProperty(), "1 capsule three times a day");
        var startedOn = ClinicDates.picker("medication-started-on", model.startedOnProperty());
        TextField reason = Widgets.field("medication-start-reason", model.startReasonProperty(), "Why it was started");
        reason.setOnAction(e -> model.add());
        details.addRow(0, label("Strength", strength), strength);
        details.addRow(1, label("Form", form), form);
        details.addRow(2, label("Dosage", dosage), dosage);
        details.addRow(3, label("Started on", startedOn), startedOn);
        details.addRow(4, label("Why", reason), reason);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints(80);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        details.getColumnConstraints().addAll(labels, fields);

        Button add = new Button("Add medication");
        add.setId("medication-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(model.busyProperty());
        add.setOnAction(e -> model.add());
        HBox addRow = new HBox(8, Widgets.progress(model.busyProperty()), add);
        addRow.setAlignment(Pos.CENTER_RIGHT);

        Label searchLabel = new Label("Drug");
        searchLabel.setLabelFor(search);
        VBox formBox = new VBox(4, Widgets.section("Add a medication"), searchLabel, search, matches,
                Widgets.problem(model.drugErrorProperty(), "medication-drug-search-error"), hint, details,
                Widgets.problem(model.addErrorProperty(), "medication-add-error"), addRow);
        formBox.getStyleClass().add("chart-medications-form");

        Label heading = Widgets.title("Medications", "medications-title");
        HBox header = new HBox(12, heading, Widgets.progress(model.loadingProperty()),
                Widgets.notice(model.noticeProperty(), "medications-notice"), Widgets.problem(model.messageProperty(), "medications-message"));
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chart-medications-header");

        setTop(header);
        setCenter(lists);
        setRight(formBox);
        Widgets.reloadOnF5AndWhenShown(this, model::load, () -> { });
    }

    private static Label label(String text, javafx.scene.Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        return label;
    }
}
