package org.medconnect.desktop.patient;

import org.medconnect.desktop.platform.Widgets;
import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.proto.patient.v1.LikelyDuplicate;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.patient.v1.Sex;

/**
 * The patient details fields (the few for a quick registration, or all of them), with the
 * likely-duplicate panel under them: the matches, "Use this patient" and "Register anyway".
 */
final class PatientFormView {

    private final VBox node;
    private final TextField first;

    PatientFormView(PatientFormViewModel model, boolean full, Consumer<Patient> useExisting) {
        FormGrid grid = new FormGrid(full ? 110 : 96, full ? 300 : 220);
        first = field("patient-given-name", model.givenNameProperty(), "e.g. Maria", model);
        grid.add("_Given name", first, model.error(PatientFormViewModel.GIVEN_NAME));
        grid.add("_Family name", field("patient-family-name", model.familyNameProperty(), "e.g. Garcia", model),
                model.error(PatientFormViewModel.FAMILY_NAME));
        grid.add("_Date of birth", field("patient-dob", model.dateOfBirthProperty(), "e.g. " + org.medconnect.desktop.platform.ClinicDates.format(java.time.LocalDate.of(1984, 3, 7)), model),
                model.error(PatientFormViewModel.DATE_OF_BIRTH));
        ComboBox<Sex> sex = Widgets.combo("patient-sex", FXCollections.observableArrayList(
                Sex.SEX_FEMALE, Sex.SEX_MALE, Sex.SEX_OTHER, Sex.SEX_UNKNOWN), model.sexProperty(), PatientFormViewModel::label);
        sex.setPromptText("Choose");
        grid.add("_Sex", sex, model.error(PatientFormViewModel.SEX));
        grid.add("_Phone", field("patient-phone", model.phoneProperty(), "optional", model), model.error(PatientFormViewModel.PHONE));
        if (full) {
            grid.add("_Email", field("patient-email", model.emailProperty(), "optional", model), model.error(PatientFormViewModel.EMAIL));
            grid.add("_Address", field("patient-address", model.addressProperty(), "optional", model),
                    model.error(PatientFormViewModel.ADDRESS));
        }
        for (var child : grid.node().getChildren()) {
            if (child instanceof Label label && label.getText() != null && label.getText().startsWith("_")) {
                label.setMnemonicParsing(true);
            }
        }

        ListView<LikelyDuplicate> matches = new ListView<>(model.duplicates());
        matches.setId("duplicate-list");
        matches.setPrefHeight(120);
        matches.setMinHeight(64);
        matches.setCellFactory(list -> new ListCell<>() {
            @Override protected void updateItem(LikelyDuplicate item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                setText(null);
                setGraphic(PatientPickerView.patientLines(item.getPatient(), item.getWhy()));
            }
        });
        Label heading = new Label("Already registered? Use the right person, or register anyway if this is someone else.");
        heading.setWrapText(true);
        heading.setMinHeight(Region.USE_PREF_SIZE);
        heading.setMaxWidth(Double.MAX_VALUE);
        heading.getStyleClass().add(Styles.WARNING);
        Button use = new Button("_Use this patient");
        use.setId("use-duplicate");
        use.getStyleClass().add(Styles.ACCENT);
        use.disableProperty().bind(matches.getSelectionModel().selectedItemProperty().isNull());
        use.setOnAction(e -> useExisting.accept(matches.getSelectionModel().getSelectedItem().getPatient()));
        matches.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && matches.getSelectionModel().getSelectedItem() != null) {
                use.fire();
            }
        });
        Button anyway = new Button("Register _anyway");
        anyway.setId("register-anyway");
        anyway.disableProperty().bind(model.busyProperty());
        anyway.setOnAction(e -> model.registerAnyway());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox duplicateActions = new HBox(8, spacer, anyway, use);
        VBox duplicates = new VBox(8, heading, matches, duplicateActions);
        duplicates.setId("duplicates");
        duplicates.getStyleClass().add("callout-warning");
        duplicates.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.duplicates()));
        duplicates.managedProperty().bind(duplicates.visibleProperty());
        model.duplicates().addListener((javafx.collections.ListChangeListener<LikelyDuplicate>) c -> {
            if (!model.duplicates().isEmpty()) {
                matches.getSelectionModel().selectFirst();
                javafx.application.Platform.runLater(matches::requestFocus);
            }
        });

        node = new VBox(8, grid.node(), duplicates, Widgets.problem(model.messageProperty(), "patient-form-message"));
        node.setId("patient-form");
    }

    /** Enter in a field registers (the sheet's Book button must not fire from here). */
    private static TextField field(String id, javafx.beans.property.StringProperty property, String prompt,
                                   PatientFormViewModel model) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        field.setOnAction(e -> {
            e.consume();
            model.save();
        });
        return field;
    }

    VBox node() {
        return node;
    }

    TextField firstField() {
        return first;
    }
}
