package org.medconnect.desktop.prescription.editor;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Dialogs;

/** The prescription editor's nodes. */
public final class PrescriptionEditorView extends VBox {

    public PrescriptionEditorView(PrescriptionEditorViewModel model, Dialogs dialogs, String patientName, Runnable onClosed) {
        Label title = new Label("Prescription for " + patientName);
        Label message = new Label();
        message.textProperty().bind(model.message());
        getChildren().addAll(title, message);
    }
}
