package org.medconnect.desktop.chart.coding;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.medconnect.desktop.platform.Widgets;

/**
 * The code picker's nodes: a search box, the matches (title in bold, code or classes below), the
 * chosen code on a card with "Change", and "Use as typed" where the page allows free text.
 * Keyboard: typing searches after a short pause, Enter searches at once, Down moves into the list,
 * Enter or a click chooses, Escape in the list goes back to the box.
 */
public final class CodePickerView {

    private final VBox node;
    private final TextField search;
    private final ListView<CodeChoice> results;
    private final CodePickerViewModel model;

    public CodePickerView(CodePickerViewModel model, String prompt) {
        this.model = model;
        Label chosenLabel = new Label();
        chosenLabel.setId("chosen-code-label");
        chosenLabel.getStyleClass().add(Styles.TEXT_BOLD);
        chosenLabel.setWrapText(true);
        Label chosenDetail = new Label();
        chosenDetail.setId("chosen-code-detail");
        chosenDetail.getStyleClass().addAll(Styles.TEXT_SMALL, "code-picker-code");
        Button change = new Button("Change");
        change.setId("change-code");
        change.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        change.setMinWidth(Region.USE_PREF_SIZE);
        change.setOnAction(e -> {
            model.clearChoice();
            Platform.runLater(this::focus);
        });
        Region chosenSpacer = new Region();
        HBox.setHgrow(chosenSpacer, Priority.ALWAYS);
        VBox chosenText = new VBox(0, chosenLabel, chosenDetail);
        HBox.setHgrow(chosenText, Priority.SOMETIMES);
        HBox chosen = new HBox(8, chosenText, chosenSpacer, change);
        chosen.setId("chosen-code");
        chosen.setAlignment(Pos.CENTER_LEFT);
        chosen.setPadding(new Insets(6, 10, 6, 10));
        chosen.getStyleClass().addAll("callout-chosen", "code-picker-chosen");
        chosen.visibleProperty().bind(model.selectedProperty().isNotNull());
        chosen.managedProperty().bind(chosen.visibleProperty());
        chosenLabel.textProperty().bind(Bindings.createStringBinding(() ->
                model.selectedProperty().get() == null ? "" : "✓ " + model.selectedProperty().get().label(), model.selectedProperty()));
        chosenDetail.textProperty().bind(Bindings.createStringBinding(() ->
                model.selectedProperty().get() == null ? "" : model.selectedProperty().get().detail(), model.selectedProperty()));

        search = new TextField();
        search.setId("code-search");
        search.setPromptText(prompt);
        search.textProperty().bindBidirectional(model.queryProperty());
        PauseTransition debounce = new PauseTransition(Duration.millis(250));
        debounce.setOnFinished(e -> model.search());
        search.textProperty().addListener((obs, old, now) -> debounce.playFromStart());
        search.setOnAction(e -> {
            e.consume(); // Enter searches now; it must not submit the page's form
            debounce.stop();
            model.search();
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        Button useTyped = new Button("Use as _typed");
        useTyped.setId("use-typed");
        useTyped.setMinWidth(Region.USE_PREF_SIZE);
        useTyped.visibleProperty().bind(model.freeTextAllowedProperty());
        useTyped.managedProperty().bind(useTyped.visibleProperty());
        useTyped.disableProperty().bind(model.queryProperty().isEmpty());
        useTyped.setOnAction(e -> model.useTyped());
        HBox searchRow = new HBox(8, search, Widgets.progress(model.busyProperty()), useTyped);
        searchRow.setAlignment(Pos.CENTER_LEFT);

        results = new ListView<>(model.results());
        results.setId("code-results");
        results.setPrefHeight(260);
        results.getStyleClass().add("code-picker-results");
        results.setCellFactory(list -> new ListCell<>() {
            @Override protected void updateItem(CodeChoice item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : lines(item));
            }
        });
        Label placeholder = new Label();
        placeholder.setId("code-search-message");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setPadding(new Insets(10));
        placeholder.textProperty().bind(Bindings.when(model.messageProperty().isEmpty())
                .then("Type a code or words, e.g. \"J45\" or \"asthma mild\".").otherwise(model.messageProperty()));
        results.setPlaceholder(placeholder);
        results.setOnMouseClicked(e -> {
            CodeChoice item = results.getSelectionModel().getSelectedItem();
            if (item != null) {
                model.choose(item);
            }
        });
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                CodeChoice item = results.getSelectionModel().getSelectedItem();
                if (item != null) {
                    model.choose(item);
                    e.consume();
                }
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.requestFocus();
                e.consume();
            }
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !model.results().isEmpty()) {
                results.requestFocus();
                if (results.getSelectionModel().isEmpty()) {
                    results.getSelectionModel().selectFirst();
                }
                e.consume();
            }
        });
        VBox searching = new VBox(8, searchRow, results);
        VBox.setVgrow(results, Priority.ALWAYS);
        searching.visibleProperty().bind(model.selectedProperty().isNull());
        searching.managedProperty().bind(searching.visibleProperty());

        node = new VBox(8, chosen, searching);
        VBox.setVgrow(searching, Priority.ALWAYS);
        node.setId("code-picker");
        node.getStyleClass().add("code-picker");
    }

    /** Title in bold, then the code (or an ingredient's classes) in small type. */
    static Node lines(CodeChoice choice) {
        Label label = new Label(choice.label());
        label.getStyleClass().add(Styles.TEXT_BOLD);
        label.setWrapText(true);
        Label detail = new Label(choice.detail());
        detail.getStyleClass().addAll(Styles.TEXT_SMALL, "code-picker-code");
        VBox box = new VBox(1, label, detail);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /**
     * For a form with little room (an allergy row under a table): the matches list is this tall
     * and takes no room at all until there is something to show (matches or a message).
     */
    public CodePickerView compact(double resultsHeight) {
        results.setPrefHeight(resultsHeight);
        results.setMinHeight(Region.USE_PREF_SIZE);
        results.visibleProperty().bind(Bindings.isNotEmpty(model.results()).or(model.messageProperty().isNotEmpty()));
        results.managedProperty().bind(results.visibleProperty());
        return this;
    }

    /** Puts the caret in the search box (the page calls this when the picker appears). */
    public void focus() {
        search.requestFocus();
    }

    public VBox node() {
        return node;
    }
}
