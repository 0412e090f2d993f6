package org.medconnect.desktop.patient;

import org.medconnect.desktop.platform.Widgets;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import org.medconnect.proto.patient.v1.Patient;

/** "Which patient?": the patient finder alone in a sheet, with Choose. */
public final class PatientPickSheet {

    private final VBox card;

    public PatientPickSheet(PatientPickerViewModel model, Runnable onCancel, Consumer<Patient> onPicked) {
        PatientPickerView picker = new PatientPickerView(model);
        Button cancel = new Button("Cancel");
        cancel.setId("pick-patient-cancel");
        cancel.setOnAction(e -> onCancel.run());
        Button choose = new Button("_Choose");
        choose.setId("pick-patient-choose");
        choose.disableProperty().bind(model.selectedProperty().isNull());
        choose.setOnAction(e -> onPicked.accept(model.selectedProperty().get()));
        card = new VBox(12, Widgets.title("Choose a patient", "pick-patient-title"), picker.node(),
                Widgets.actions(model.busyProperty(), null, cancel, choose));
        card.setId("pick-patient-sheet");
        card.setPadding(new Insets(22, 24, 20, 24));
        card.setPrefSize(460, 460);
        Platform.runLater(picker::focus);
    }

    public VBox card() {
        return card;
    }
}
