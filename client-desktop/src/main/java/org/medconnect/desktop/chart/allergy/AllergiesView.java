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
        HBox header = new HBox(12, state, nka);
        header.setAlignment(Pos.CENTER_LEFT);

        TableView<Allergy> table = new TableView<>(model.allergies());
        table.setId("allergy-table");
        table.setPlaceholder(new Label("No allergies recorded."));
        table.getColumns().add(column("Substance", 190, Allergy::getSubstance));
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
                getStyleClass().remove("allergy-severe");
                if (!empty && a != null && a.getSeverity() == AllergySeverity.ALLERGY_SEVERITY_SEVERE
                        && a.getStatus() == AllergyStatus.ALLERGY_STATUS_ACTIVE) {
                    getStyleClass().add("allergy-severe");
                }
            }
        });
        table.setPrefHeight(compact ? 130 : 320);
        VBox.setVgrow(table, Priority.ALWAYS);

        TextField substance = Widgets.field("allergy-substance", model.substanceProperty(), "Substance, e.g. Penicillins");
        TextField reaction = Widgets.field("allergy-reaction", model.reactionProperty(), "Reaction, e.g. Hives");
        var category = Widgets.combo("allergy-category", FXCollections.observableArrayList(AllergiesViewModel.CATEGORIES),
                model.categoryProperty(), AllergiesViewModel::categoryText);
        var severity = Widgets.combo("allergy-severity", FXCollections.observableArrayList(AllergiesViewModel.SEVERITIES),
                model.severityProperty(), AllergiesViewModel::severityText);
        category.setPrefWidth(130);
        severity.setPrefWidth(150);
        Button add = new Button("Add allergy");
        add.setId("allergy-add");
        add.setOnAction(e -> model.add());
        add.disableProperty().bind(model.busyProperty());
        substance.setOnAction(e -> model.add());
        HBox.setHgrow(substance, Priority.ALWAYS);
        HBox.setHgrow(reaction, Priority.ALWAYS);
        HBox form = new HBox(8, substance, category, reaction, severity, add);
        form.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(8, header, table, form, Widgets.problem(model.problemProperty(), "allergy-problem"),
                Widgets.notice(model.noticeProperty(), "allergy-notice"));
        box.getStyleClass().add("chart-allergies");
        return box;
    }

    private static TableColumn<Allergy, String> column(String title, double width, java.util.function.Function<Allergy, String> text) {
        TableColumn<Allergy, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(d.getValue())));
        return c;
    }
}
