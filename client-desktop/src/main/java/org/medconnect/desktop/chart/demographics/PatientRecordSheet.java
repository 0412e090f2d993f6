package org.medconnect.desktop.chart.demographics;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Widgets;

/** The patient page as a sheet over the Patients screen: the record's tabs and a Close button (Esc). */
public final class PatientRecordSheet {

    private final VBox card;

    public PatientRecordSheet(PatientRecordViewModel model, Runnable onClose) {
        PatientRecordView record = new PatientRecordView(model);
        VBox.setVgrow(record, Priority.ALWAYS);
        Button close = new Button("Close");
        close.setId("patient-record-close");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        card = new VBox(10, Widgets.title(model.patientName(), "patient-record-title"), record,
                Widgets.actions(model.busyProperty(), null, close));
        card.setId("patient-record-sheet");
        card.getStyleClass().add("patient-record-sheet");
        card.setPadding(new Insets(18, 22, 16, 22));
        card.setPrefSize(1180, 660);
        card.setMaxSize(1180, 660);
        model.load();
        Platform.runLater(record::requestFocus);
    }

    public VBox card() {
        return card;
    }
}
