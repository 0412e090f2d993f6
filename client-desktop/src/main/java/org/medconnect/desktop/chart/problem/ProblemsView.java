package org.medconnect.desktop.chart.problem;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.CodingDiagnosis;

/**
 * The "Problems" chart page: the active and resolved lists on the left, with resolve and
 * entered-in-error for the selected problem under them; the add form on the right, whose
 * code search answers as you type. Keyboard: type in the search, Down or Enter picks a
 * match, Enter in the title adds.
 */
public final class ProblemsView extends BorderPane {

    public ProblemsView(ProblemsViewModel model) {
        getStyleClass().add("chart-problems");
        setId("chart-problems");

        // ---- the lists ----
        TableView<ProblemsViewModel.Row> active = new TableView<>(model.active());
        active.setId("problems-active");
        active.getColumns().add(Tables.column("Code", 90, ProblemsViewModel.Row::code));
        active.getColumns().add(Tables.tippedColumn("Problem", 330, ProblemsViewModel.Row::title));
        active.getColumns().add(Tables.column("Onset", 95, ProblemsViewModel.Row::onset));
        active.getColumns().add(Tables.tippedColumn("Recorded by", 150, ProblemsViewModel.Row::recordedBy));
        active.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        active.setPlaceholder(new Label("No active problems."));

        TableView<ProblemsViewModel.Row> resolved = new TableView<>(model.resolved());
        resolved.setId("problems-resolved");
        resolved.getColumns().add(Tables.column("Code", 90, ProblemsViewModel.Row::code));
        resolved.getColumns().add(Tables.tippedColumn("Problem", 330, ProblemsViewModel.Row::title));
        resolved.getColumns().add(Tables.column("Onset", 95, ProblemsViewModel.Row::onset));
        resolved.getColumns().add(Tables.column("Resolved", 95, ProblemsViewModel.Row::resolved));
        resolved.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        resolved.setPlaceholder(new Label("No resolved problems."));
        resolved.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(ProblemsViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("entered-in-error");
                if (!empty && row != null && row.problem().getStatus() == org.medconnect.proto.chart.v1.ProblemStatus.PROBLEM_STATUS_ENTERED_IN_ERROR) {
                    getStyleClass().add("entered-in-error");
                }
            }
        });

        // One selection across both lists.
        active.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                resolved.getSelectionModel().clearSelection();
                model.selectedProperty().set(now);
            }
        });
        resolved.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                active.getSelectionModel().clearSelection();
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                active.getSelectionModel().clearSelection();
                resolved.getSelectionModel().clearSelection();
            }
        });

        Button resolve = new Button("Resolve");
        resolve.setId("problem-resolve");
        resolve.disableProperty().bind(model.canResolveProperty().not());
        resolve.setOnAction(e -> model.resolve());
        var resolvedOn = ClinicDates.picker("problem-resolved-on", model.resolvedOnProperty());
        Label resolvedOnLabel = new Label("Resolved on");
        resolvedOnLabel.setLabelFor(resolvedOn);

        TextField reason = Widgets.field("problem-error-reason", model.errorReasonProperty(), "Why it was entered in error");
        reason.setPrefColumnCount(22);
        reason.setOnAction(e -> model.markEnteredInError());
        Button inError = new Button("Entered in error");
        inError.setId("problem-entered-in-error");
        inError.getStyleClass().add(Styles.DANGER);
        inError.disableProperty().bind(model.canMarkInErrorProperty().not());
        inError.setOnAction(e -> model.markEnteredInError());

        // Two rows, so neither the buttons nor the reason field is ever cut short at 1366 x 768.
        Button edit = new Button("Edit\u2026");
        edit.setId("problem-edit");
        edit.disableProperty().bind(model.canMarkInErrorProperty().not());
        edit.setOnAction(e -> model.edit());
        edit.setMinWidth(Region.USE_PREF_SIZE);
        Region rowGap = new Region();
        HBox.setHgrow(rowGap, Priority.ALWAYS);
        HBox resolveRow = new HBox(8, resolvedOnLabel, resolvedOn, resolve, rowGap, edit);
        resolveRow.setAlignment(Pos.CENTER_LEFT);
        HBox errorRow = new HBox(8, reason, inError);
        errorRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(reason, Priority.ALWAYS);
        for (var n : new javafx.scene.control.Control[] {resolvedOnLabel, resolve, inError}) {
            n.setMinWidth(Region.USE_PREF_SIZE);
        }
        VBox rowActions = new VBox(6, resolveRow, errorRow);
        rowActions.getStyleClass().add("chart-problems-row-actions");
        Label reasonError = Widgets.problem(model.errorReasonErrorProperty(), "problem-error-reason-error");

        VBox lists = new VBox(6, Widgets.section("Active"), active, Widgets.section("Resolved"), resolved, rowActions, reasonError);
        VBox.setVgrow(active, Priority.ALWAYS);
        VBox.setVgrow(resolved, Priority.SOMETIMES);
        resolved.setPrefHeight(130);
        lists.getStyleClass().add("chart-problems-lists");

        // ---- the add form ----
        TextField search = Widgets.field("problem-code-search", model.codeQueryProperty(), "Code or words, e.g. J45 or asthma");
        ListView<CodingDiagnosis> matches = new ListView<>(model.matches());
        matches.setId("problem-code-matches");
        matches.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CodingDiagnosis item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : ProblemsViewModel.label(item));
            }
        });
        matches.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.matches()));
        matches.managedProperty().bind(matches.visibleProperty());
        matches.setPrefHeight(190);
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
                search.home();
            }
        });
        matches.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.choose(matches.getSelectionModel().getSelectedItem());
                search.requestFocus();
                search.home();
                e.consume();
            }
        });
        matches.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.choose(matches.getSelectionModel().getSelectedItem());
            }
        });
        Label codeError = Widgets.problem(model.codeErrorProperty(), "problem-code-search-error");
        Label codeHint = new Label("No code fits? Leave the search empty and write the problem below.");
        codeHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        codeHint.setWrapText(true);

        TextField title = Widgets.field("problem-title", model.titleProperty(), "The problem as the chart shows it");
        title.setOnAction(e -> model.add());
        Label titleLabel = new Label("Problem");
        titleLabel.setLabelFor(title);
        var onset = ClinicDates.picker("problem-onset", model.onsetProperty());
        Label onsetLabel = new Label("Onset (optional)");
        onsetLabel.setLabelFor(onset);
        TextArea note = new TextArea();
        note.setId("problem-note");
        note.setPromptText("Note (optional)");
        note.setWrapText(true);
        note.setPrefRowCount(3);
        note.textProperty().bindBidirectional(model.noteProperty());

        Button add = new Button("Add problem");
        add.setId("problem-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(model.busyProperty());
        add.setOnAction(e -> model.add());

        Label searchLabel = new Label("ICD-10-CM code");
        searchLabel.setLabelFor(search);
        VBox form = new VBox(4,
                Widgets.section("Add a problem"),
                searchLabel, search, matches, codeError, codeHint,
                titleLabel, title, Widgets.problem(model.titleErrorProperty(), "problem-title-error"),
                onsetLabel, onset, Widgets.problem(model.onsetErrorProperty(), "problem-onset-error"),
                note, Widgets.problem(model.noteErrorProperty(), "problem-note-error"),
                new HBox(8, Widgets.progress(model.busyProperty()), add));
        ((HBox) form.getChildren().getLast()).setAlignment(Pos.CENTER_RIGHT);
        form.getStyleClass().add("chart-problems-form");
        form.visibleProperty().bind(model.editingProperty().isNull());
        form.managedProperty().bind(form.visibleProperty());

        // ---- the correction form (replaces the add form while a problem is being edited) ----
        Label editing = new Label();
        editing.setWrapText(true);
        editing.getStyleClass().add(Styles.TEXT_MUTED);
        editing.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.editingProperty().get() == null ? ""
                : (model.editingProperty().get().problem().getIcd10Code().isEmpty() ? "Free text" : model.editingProperty().get().problem().getIcd10Code())
                + " \u00b7 version " + model.editingProperty().get().problem().getVersion()
                + " by " + model.editingProperty().get().problem().getUpdatedByName(), model.editingProperty()));
        TextField editTitle = Widgets.field("problem-edit-title", model.editTitleProperty(), "The problem as the chart shows it");
        editTitle.setOnAction(e -> model.saveEdit());
        var editOnset = ClinicDates.picker("problem-edit-onset", model.editOnsetProperty());
        TextArea editNote = new TextArea();
        editNote.setId("problem-edit-note");
        editNote.setPromptText("Note (optional)");
        editNote.setWrapText(true);
        editNote.setPrefRowCount(4);
        editNote.textProperty().bindBidirectional(model.editNoteProperty());
        Button save = new Button("Save changes");
        save.setId("problem-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.saveEdit());
        Button cancel = new Button("Cancel");
        cancel.setId("problem-edit-cancel");
        cancel.setOnAction(e -> model.cancelEdit());
        HBox editActions = new HBox(8, Widgets.progress(model.busyProperty()), cancel, save);
        editActions.setAlignment(Pos.CENTER_RIGHT);
        VBox editForm = new VBox(4, Widgets.section("Correct a problem"), editing, new Label("Problem"), editTitle,
                new Label("Onset (optional)"), editOnset, editNote, Widgets.problem(model.editErrorProperty(), "problem-edit-error"), editActions);
        editForm.setId("problem-edit-form");
        editForm.getStyleClass().add("chart-problems-form");
        editForm.visibleProperty().bind(model.editingProperty().isNotNull());
        editForm.managedProperty().bind(editForm.visibleProperty());
        VBox right = new VBox(form, editForm);

        // ---- header ----
        Label heading = Widgets.title("Problems", "problems-title");
        javafx.scene.control.CheckBox showInError = new javafx.scene.control.CheckBox("Show entered in error");
        showInError.setId("problems-show-in-error");
        showInError.setMinWidth(Region.USE_PREF_SIZE);
        showInError.selectedProperty().bindBidirectional(model.showEnteredInErrorProperty());
        Region headerGap = new Region();
        HBox.setHgrow(headerGap, Priority.ALWAYS);
        HBox header = new HBox(12, heading, Widgets.progress(model.loadingProperty()),
                Widgets.notice(model.noticeProperty(), "problems-notice"), Widgets.problem(model.messageProperty(), "problems-message"),
                headerGap, showInError);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chart-problems-header");

        setTop(header);
        setCenter(lists);
        setRight(right);
        Widgets.reloadOnF5AndWhenShown(this, model::load, () -> { });
    }
}
