package org.medconnect.desktop.patient;

import org.medconnect.desktop.platform.Widgets;
import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.medconnect.proto.patient.v1.Patient;

/** Registering or correcting a patient as a sheet on the Patients screen. */
public final class PatientFormSheet {

    private final VBox card;

    public PatientFormSheet(PatientFormViewModel model, Runnable onCancel, Consumer<Patient> useExisting) {
        PatientFormView fields = new PatientFormView(model, true, useExisting);
        Button cancel = new Button("Cancel");
        cancel.setId("patient-form-cancel");
        cancel.setOnAction(e -> onCancel.run());
        Button save = new Button(model.isCreate() ? "_Register patient" : "_Save changes");
        save.setId("patient-form-save");
        save.setOnAction(e -> model.save());
        save.disableProperty().bind(model.busyProperty());
        String heading = model.isCreate() ? "New patient"
                : "Edit " + model.editing().map(PatientPickerView::name).orElse("patient");
        Label note = new Label(model.isCreate() ? "The MRN is given by the server when the patient is registered."
                : "MRN " + model.editing().map(Patient::getMrn).orElse("") + " stays the same.");
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        card = new VBox(12, Widgets.title(heading, "patient-form-title"), fields.node(), note,
                Widgets.actions(model.busyProperty(), null, cancel, save));
        card.setId("patient-form-sheet");
        card.setPadding(new Insets(22, 24, 20, 24));
        card.setPrefWidth(520);
        Platform.runLater(fields.firstField()::requestFocus);
    }

    public VBox card() {
        return card;
    }
}
