package org.medconnect.desktop.patient;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.ClinicTime;
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
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.medconnect.proto.patient.v1.Patient;

/**
 * Find-or-register: a search box with results (name, birth date, MRN, phone), the chosen patient
 * shown above, and the quick registration in place of the results when "New patient" is pressed.
 */
public final class PatientPickerView {

    private final VBox node;
    private final TextField search;

    public PatientPickerView(PatientPickerViewModel model) {
        Label chosenName = new Label();
        chosenName.setId("chosen-patient");
        chosenName.getStyleClass().add(Styles.TEXT_BOLD);
        Label chosenDetail = new Label();
        chosenDetail.setId("chosen-patient-facts");
        chosenDetail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Button change = new Button("Change");
        change.setId("change-patient");
        change.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        change.setOnAction(e -> {
            model.clearChoice();
            Platform.runLater(this::focus);
        });
        Region chosenSpacer = new Region();
        HBox.setHgrow(chosenSpacer, Priority.ALWAYS);
        HBox chosen = new HBox(8, new VBox(0, chosenName, chosenDetail), chosenSpacer, change);
        chosen.setAlignment(Pos.CENTER_LEFT);
        chosen.setPadding(new Insets(6, 10, 6, 10));
        chosen.getStyleClass().add("callout-chosen");
        chosen.visibleProperty().bind(model.selectedProperty().isNotNull()
                .and(model.modeProperty().isEqualTo(PatientPickerViewModel.Mode.SEARCH)));
        chosen.managedProperty().bind(chosen.visibleProperty());
        // Bound, not only listened to: a patient chosen before the sheet is built ("Book..." from
        // Patients) must be on the card from the start.
        chosenName.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                model.selectedProperty().get() == null ? "" : "✓ " + name(model.selectedProperty().get()), model.selectedProperty()));
        chosenDetail.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                model.selectedProperty().get() == null ? "" : facts(model.selectedProperty().get()), model.selectedProperty()));

        search = new TextField();
        search.setId("patient-search");
        search.setPromptText("Name, phone, date of birth or MRN");
        search.textProperty().bindBidirectional(model.queryProperty());
        PauseTransition debounce = new PauseTransition(Duration.millis(350));
        debounce.setOnFinished(e -> model.search());
        search.textProperty().addListener((obs, old, now) -> debounce.playFromStart());
        search.setOnAction(e -> {
            e.consume(); // Enter searches now; it must not book
            debounce.stop();
            model.search();
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        Button register = new Button("New _patient…");
        register.setId("new-patient");
        register.setOnAction(e -> model.startRegistering());
        register.setMinWidth(Region.USE_PREF_SIZE);
        HBox searchRow = new HBox(8, search, register);
        searchRow.setAlignment(Pos.CENTER_LEFT);

        ListView<Patient> results = new ListView<>(model.results());
        results.setId("patient-results");
        results.setPrefHeight(240);
        results.setCellFactory(list -> new ListCell<>() {
            @Override protected void updateItem(Patient item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : patientLines(item, ""));
            }
        });
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.textProperty().bind(Bindings.when(model.messageProperty().isEmpty())
                .then("Type a name, phone number, date of birth or MRN.").otherwise(model.messageProperty()));
        placeholder.setId("patient-search-message");
        placeholder.setPadding(new Insets(10));
        results.setPlaceholder(placeholder);
        results.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.choose(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                results.getSelectionModel().clearSelection();
            } else if (results.getSelectionModel().getSelectedItem() != now) {
                results.getSelectionModel().select(now);
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

        StackPane registering = new StackPane();
        registering.setId("quick-register");
        model.formProperty().addListener((obs, old, form) -> {
            if (form == null) {
                registering.getChildren().clear();
                return;
            }
            PatientFormView fields = new PatientFormView(form, false, model::choose);
            Button back = new Button("Back to search");
            back.setId("back-to-search");
            back.setOnAction(e -> {
                model.cancelRegistering();
                Platform.runLater(this::focus);
            });
            Button save = new Button("_Register patient");
            save.setId("register-patient");
            save.getStyleClass().add(Styles.SUCCESS);
            save.disableProperty().bind(form.busyProperty());
            // With likely duplicates on screen, the choice is theirs: use one, or "Register anyway".
            save.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(form.duplicates()));
            save.managedProperty().bind(save.visibleProperty());
            save.setOnAction(e -> form.save());
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox buttons = new HBox(8, Widgets.progress(form.busyProperty()), spacer, back, save);
            buttons.setAlignment(Pos.CENTER_RIGHT);
            Label heading = Widgets.section("New patient");
            registering.getChildren().setAll(new VBox(8, heading, fields.node(), buttons));
            Platform.runLater(fields.firstField()::requestFocus);
        });
        searching.visibleProperty().bind(model.modeProperty().isEqualTo(PatientPickerViewModel.Mode.SEARCH));
        searching.managedProperty().bind(searching.visibleProperty());
        registering.visibleProperty().bind(searching.visibleProperty().not());
        registering.managedProperty().bind(registering.visibleProperty());

        node = new VBox(8, chosen, searching, registering);
        VBox.setVgrow(searching, Priority.ALWAYS);
        node.setId("patient-picker");
    }

    /** Name in bold, then "7 Mar 1984 · MC1000014 · +1 555 0142" (and why it matched, for duplicates). */
    static Node patientLines(Patient patient, String why) {
        Label name = new Label(name(patient));
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label facts = new Label(facts(patient));
        facts.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox box = new VBox(1, name, facts);
        if (why != null && !why.isBlank()) {
            Label reason = new Label(why);
            reason.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
            box.getChildren().add(reason);
        }
        return box;
    }

    public static String name(Patient p) {
        return p.getGivenName() + " " + p.getFamilyName();
    }

    static String facts(Patient p) {
        StringBuilder text = new StringBuilder("Born ").append(ClinicTime.isoDate(p.getDateOfBirth()))
                .append(" · ").append(p.getMrn());
        if (!p.getPhone().isBlank()) {
            text.append(" · ").append(p.getPhone());
        }
        return text.toString();
    }

    public void focus() {
        search.requestFocus();
    }

    public VBox node() {
        return node;
    }
}
