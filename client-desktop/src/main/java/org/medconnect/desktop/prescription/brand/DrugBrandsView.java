package org.medconnect.desktop.prescription.brand;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.prescription.v1.DrugBrand;
import org.medconnect.proto.prescription.v1.DrugChoice;

/**
 * The admin's Drug brands: the list (retired ones on request) beside the form. Pick a brand to edit
 * it; the ingredient search finds catalogue ingredients (Enter or double-click adds one). Ctrl+N new
 * brand, Ctrl+S save, F5 reload.
 */
public final class DrugBrandsView extends BorderPane {

    private static final javafx.css.PseudoClass RETIRED = javafx.css.PseudoClass.getPseudoClass("retired");

    public DrugBrandsView(DrugBrandsViewModel model) {
        setId("drug-brands-screen");
        getStyleClass().add("drug-brands");

        Label title = Widgets.title("Drug brands", "drug-brands-title");
        CheckBox retired = new CheckBox("Show retired");
        retired.setId("drug-brands-retired");
        retired.selectedProperty().bindBidirectional(model.includeRetiredProperty());
        Button add = new Button("_New brand");
        add.setId("drug-brand-new");
        add.setOnAction(e -> model.newBrand());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, title, Widgets.progress(model.busyProperty()), spacer,
                Widgets.muted(model.summaryProperty(), "drug-brands-summary"), retired, add);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, toolbar, Widgets.keyHint("drug-brands-keys",
                "Local brand names map to catalogue ingredients, so allergy and interaction checks see through them. "
                        + "Ctrl+N new · Ctrl+S save · F5 reload"));
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);

        setCenter(table(model));
        setRight(form(model));

        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN).match(e)) {
                model.newBrand();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                model.save();
                e.consume();
            }
        });
        Widgets.reloadOnF5AndWhenShown(this, model::reload, model::reload);
    }

    private TableView<DrugBrand> table(DrugBrandsViewModel model) {
        TableView<DrugBrand> table = new TableView<>(model.brands());
        table.setId("drug-brands-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.wrappedColumn("Brand", 200, DrugBrand::getName));
        table.getColumns().add(Tables.wrappedColumn("Ingredients", 260, DrugBrandsViewModel::ingredientsOf));
        var state = Tables.<DrugBrand>tippedColumn("Status", 80, b -> b.getActive() ? "In use" : "Retired");
        state.setMinWidth(75);
        state.setMaxWidth(90);
        table.getColumns().add(state);
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(DrugBrand item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(RETIRED, !empty && item != null && !item.getActive());
            }
        });
        Label placeholder = new Label("No local brands yet. Press New brand to map a brand name to its ingredients.");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            model.selectedProperty().set(now);
            if (now != null) {
                model.edit(now);
            }
        });
        model.editingProperty().addListener((obs, old, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            }
        });
        return table;
    }

    private VBox form(DrugBrandsViewModel model) {
        Label heading = new Label();
        heading.setId("drug-brand-form-title");
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.textProperty().bind(model.formTitleProperty());
        TextField name = Widgets.field("drug-brand-name", model.nameProperty(), "Brand name as on the pack, e.g. Augmentin");

        ListView<DrugBrandsViewModel.Ingredient> chosen = new ListView<>(model.ingredients());
        chosen.setId("drug-brand-ingredients");
        chosen.getStyleClass().add(Styles.DENSE);
        chosen.setPrefHeight(110);
        chosen.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(DrugBrandsViewModel.Ingredient item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
            }
        });
        Label none = new Label("No ingredients yet: find them below.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        chosen.setPlaceholder(none);
        Button remove = new Button("Remove");
        remove.setId("drug-brand-remove-ingredient");
        remove.getStyleClass().add(Styles.SMALL);
        remove.disableProperty().bind(chosen.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.removeIngredient(chosen.getSelectionModel().getSelectedItem()));
        chosen.setOnKeyPressed(e -> {
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && chosen.getSelectionModel().getSelectedItem() != null) {
                model.removeIngredient(chosen.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });

        TextField search = Widgets.field("drug-brand-search", model.queryProperty(), "Find an ingredient, e.g. amoxi");
        PauseTransition debounce = new PauseTransition(Duration.millis(300));
        debounce.setOnFinished(e -> model.search());
        search.textProperty().addListener((obs, old, now) -> debounce.playFromStart());
        ListView<DrugChoice> results = new ListView<>(model.results());
        results.setId("drug-brand-results");
        results.getStyleClass().add(Styles.DENSE);
        results.setPrefHeight(150);
        results.setCellFactory(v -> new ListCell<>() {
            {
                setOnMouseClicked(e -> {
                    if (e.getClickCount() == 2 && getItem() != null) {
                        model.addIngredient(getItem());
                    }
                });
            }

            @Override protected void updateItem(DrugChoice item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : DrugBrandsViewModel.describe(item));
            }
        });
        Label searchPlaceholder = new Label();
        searchPlaceholder.setWrapText(true);
        searchPlaceholder.getStyleClass().add(Styles.TEXT_MUTED);
        searchPlaceholder.textProperty().bind(javafx.beans.binding.Bindings.when(model.searchMessageProperty().isEmpty())
                .then("Type part of an ingredient's name.").otherwise(model.searchMessageProperty()));
        results.setPlaceholder(searchPlaceholder);
        search.setOnAction(e -> {
            debounce.stop();
            model.search();
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !model.results().isEmpty()) {
                results.requestFocus();
                results.getSelectionModel().selectFirst();
                e.consume();
            }
        });
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && results.getSelectionModel().getSelectedItem() != null) {
                model.addIngredient(results.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        Button addIngredient = new Button("_Add ingredient");
        addIngredient.setId("drug-brand-add-ingredient");
        addIngredient.getStyleClass().add(Styles.SMALL);
        addIngredient.disableProperty().bind(results.getSelectionModel().selectedItemProperty().isNull());
        addIngredient.setOnAction(e -> model.addIngredient(results.getSelectionModel().getSelectedItem()));

        Button save = new Button("_Save");
        save.setId("drug-brand-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.busyProperty().or(model.editingProperty().isNotNull()
                .and(javafx.beans.binding.Bindings.createBooleanBinding(() -> model.editingProperty().get() != null
                        && !model.editingProperty().get().getActive(), model.editingProperty()))));
        save.setOnAction(e -> model.save());
        Button retire = new Button("Re_tire");
        retire.setId("drug-brand-retire");
        retire.getStyleClass().add(Styles.DANGER);
        retire.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> model.editingProperty().get() == null
                || !model.editingProperty().get().getActive(), model.editingProperty()).or(model.busyProperty()));
        retire.setOnAction(e -> model.retire(model.editingProperty().get()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(8, retire, gap, save);
        actions.setAlignment(Pos.CENTER_LEFT);

        HBox ingredientsHeader = new HBox(8, label("Ingredients"), new Region(), remove);
        HBox.setHgrow(ingredientsHeader.getChildren().get(1), Priority.ALWAYS);
        ingredientsHeader.setAlignment(Pos.CENTER_LEFT);
        HBox findHeader = new HBox(8, label("Find in the drug catalogue"), Widgets.progress(model.searchingProperty()), new Region(), addIngredient);
        HBox.setHgrow(findHeader.getChildren().get(2), Priority.ALWAYS);
        findHeader.setAlignment(Pos.CENTER_LEFT);

        VBox form = new VBox(8, heading, label("Name"), name, ingredientsHeader, chosen, findHeader, search, results, actions,
                Widgets.notice(model.noticeProperty(), "drug-brands-notice"), Widgets.problem(model.messageProperty(), "drug-brands-message"));
        VBox.setVgrow(results, Priority.ALWAYS);
        form.setId("drug-brand-form");
        form.getStyleClass().add("drug-brand-form");
        form.setPrefWidth(400);
        form.setMinWidth(360);
        BorderPane.setMargin(form, new Insets(0, 0, 0, 16));
        return form;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TEXT_SMALL, "drug-brand-field-label");
        return label;
    }
}
