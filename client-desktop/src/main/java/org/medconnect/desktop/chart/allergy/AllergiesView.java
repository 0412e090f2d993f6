package org.medconnect.desktop.chart.allergy;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import atlantafx.base.theme.Styles;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.Region;
import org.medconnect.desktop.chart.coding.CodePickerView;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.Allergy;
import org.medconnect.proto.chart.v1.AllergySeverity;
import org.medconnect.proto.chart.v1.AllergyStatus;

/** The allergy list, the "no known allergies" state and the add form; compact for the triage form. */
public final class AllergiesView {

    private final AllergiesViewModel model;
    private final boolean compact;

    public AllergiesView(AllergiesViewModel model, boolean compact) {
        this.model = model;
        this.compact = compact;
    }

    public Node build() {
        Label state = new Label();
        state.setId("allergy-state");
        state.textProperty().bind(model.stateProperty());
        state.getStyleClass().add("allergy-state");
        model.reviewStateProperty().addListener((o, was, now) -> {
            state.getStyleClass().removeAll("allergy-state-none", "allergy-state-unasked", "allergy-state-present");
            state.getStyleClass().add(switch (now) {
                case ALLERGY_REVIEW_STATE_NO_KNOWN_ALLERGIES -> "allergy-state-none";
                case ALLERGY_REVIEW_STATE_HAS_ALLERGIES -> "allergy-state-present";
                default -> "allergy-state-unasked";
            });
        });
        Button nka = new Button("No known allergies");
        nka.setId("allergy-nka");
        nka.setOnAction(e -> model.recordNoKnownAllergies());
        nka.disableProperty().bind(model.busyProperty().or(Bindings.createBooleanBinding(
                () -> model.allergies().stream().anyMatch(a -> a.getStatus() == AllergyStatus.ALLERGY_STATUS_ACTIVE), model.allergies())));
        CheckBox showInError = new CheckBox("Show entered in error");
        showInError.setId("allergy-show-in-error");
        showInError.selectedProperty().bindBidirectional(model.showEnteredInErrorProperty());
        Region headerGap = new Region();
        HBox.setHgrow(headerGap, Priority.ALWAYS);
        HBox header = new HBox(12, state, nka, headerGap, showInError);
        header.setAlignment(Pos.CENTER_LEFT);

        TableView<Allergy> table = new TableView<>(model.allergies());
        table.setId("allergy-table");
        table.setPlaceholder(new Label("No allergies recorded."));
        table.getColumns().add(column("Substance", 190, AllergiesViewModel::substanceText));
        if (!compact) {
            table.getColumns().add(column("Category", 110, a -> AllergiesViewModel.categoryText(a.getCategory())));
        }
        table.getColumns().add(column("Reaction", 200, Allergy::getReaction));
        table.getColumns().add(column("Severity", 120, a -> AllergiesViewModel.severityText(a.getSeverity())));
        table.getColumns().add(column("Status", 100, a -> AllergiesViewModel.statusText(a.getStatus())));
        if (!compact) {
            table.getColumns().add(column("Recorded", 260, a -> ClinicDates.format(java.time.Instant.ofEpochSecond(a.getRecordedAt().getSeconds())
                    .atZone(java.time.ZoneId.systemDefault()).toLocalDate()) + " by " + a.getRecordedByName()));
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Allergy a, boolean empty) {
                super.updateItem(a, empty);
                getStyleClass().removeAll("allergy-severe", "entered-in-error");
                if (!empty && a != null && a.getStatus() == AllergyStatus.ALLERGY_STATUS_ENTERED_IN_ERROR) {
                    getStyleClass().add("entered-in-error");
                }
                if (!empty && a != null && a.getSeverity() == AllergySeverity.ALLERGY_SEVERITY_SEVERE
                        && a.getStatus() == AllergyStatus.ALLERGY_STATUS_ACTIVE) {
                    getStyleClass().add("allergy-severe");
                }
            }
        });
        table.setPrefHeight(compact ? 130 : 260);
        table.setMinHeight(compact ? 110 : 150);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        CodePickerView picker = new CodePickerView(model.substance(), "Substance: a drug or drug class, e.g. penicillin").compact(compact ? 120 : 170);
        Label notCoded = new Label("Not coded: prescriptions cannot check it.");
        notCoded.setId("allergy-not-coded");
        notCoded.getStyleClass().add("allergy-not-coded");
        notCoded.setWrapText(true);
        notCoded.visibleProperty().bind(model.notCodedProperty());
        notCoded.managedProperty().bind(notCoded.visibleProperty());
        TextField reaction = Widgets.field("allergy-reaction", model.reactionProperty(), "Reaction, e.g. Hives");
        var category = Widgets.combo("allergy-category", FXCollections.observableArrayList(AllergiesViewModel.CATEGORIES),
                model.categoryProperty(), AllergiesViewModel::categoryText);
        var severity = Widgets.combo("allergy-severity", FXCollections.observableArrayList(AllergiesViewModel.SEVERITIES),
                model.severityProperty(), AllergiesViewModel::severityText);
        category.setPrefWidth(130);
        severity.setPrefWidth(170);
        Button add = new Button("Add allergy");
        add.setId("allergy-add");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setOnAction(e -> model.add());
        add.disableProperty().bind(model.busyProperty());
        reaction.setOnAction(e -> model.add());
        HBox.setHgrow(reaction, Priority.ALWAYS);
        HBox details = new HBox(8, category, reaction, severity, add);
        details.setAlignment(Pos.CENTER_LEFT);
        VBox form = compact ? new VBox(6, picker.node(), notCoded, details)
                : new VBox(6, Widgets.section("Record an allergy"), picker.node(), notCoded, details);
        form.getStyleClass().add("allergy-form");

        VBox box = new VBox(8, header, table, correction(), form, Widgets.problem(model.problemProperty(), "allergy-problem"),
                Widgets.notice(model.noticeProperty(), "allergy-notice"));
        box.getStyleClass().add("chart-allergies");
        return box;
    }

    /** Under the list while a row is selected: correct its reaction, severity, status or category, or mark it entered in error. */
    private Node correction() {
        var category = Widgets.combo("allergy-edit-category", FXCollections.observableArrayList(AllergiesViewModel.CATEGORIES),
                model.editCategoryProperty(), AllergiesViewModel::categoryText);
        var severity = Widgets.combo("allergy-edit-severity", FXCollections.observableArrayList(AllergiesViewModel.SEVERITIES),
                model.editSeverityProperty(), AllergiesViewModel::severityText);
        var status = Widgets.combo("allergy-edit-status", FXCollections.observableArrayList(AllergiesViewModel.EDIT_STATUSES),
                model.editStatusProperty(), AllergiesViewModel::statusText);
        category.setPrefWidth(130);
        severity.setPrefWidth(170);
        status.setPrefWidth(110);
        TextField reaction = Widgets.field("allergy-edit-reaction", model.editReactionProperty(), "Reaction");
        reaction.setOnAction(e -> model.save());
        HBox.setHgrow(reaction, Priority.ALWAYS);
        Button save = new Button("Save changes");
        save.setId("allergy-save");
        save.setMinWidth(Region.USE_PREF_SIZE);
        save.disableProperty().bind(model.canCorrectProperty().not());
        save.setOnAction(e -> model.save());
        Label substance = new Label();
        substance.getStyleClass().add(Styles.TEXT_BOLD);
        substance.setMinWidth(Region.USE_PREF_SIZE);
        substance.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null ? ""
                : model.selectedProperty().get().getSubstance(), model.selectedProperty()));
        HBox edit = new HBox(8, substance, category, reaction, severity, status, save);
        edit.setAlignment(Pos.CENTER_LEFT);

        TextField reason = Widgets.field("allergy-error-reason", model.errorReasonProperty(), "Why it was entered in error (required)");
        reason.setOnAction(e -> model.markEnteredInError());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button inError = new Button("Entered in error");
        inError.setId("allergy-entered-in-error");
        inError.getStyleClass().add(Styles.DANGER);
        inError.setMinWidth(Region.USE_PREF_SIZE);
        inError.disableProperty().bind(model.canCorrectProperty().not());
        inError.setOnAction(e -> model.markEnteredInError());
        HBox error = new HBox(8, reason, inError);
        error.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(6, edit, error, Widgets.problem(model.editProblemProperty(), "allergy-edit-problem"));
        box.setId("allergy-correction");
        box.getStyleClass().add("chart-correction");
        box.visibleProperty().bind(model.canCorrectProperty().or(model.editProblemProperty().isNotEmpty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static TableColumn<Allergy, String> column(String title, double width, java.util.function.Function<Allergy, String> text) {
        TableColumn<Allergy, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(d.getValue())));
        return c;
    }
}
