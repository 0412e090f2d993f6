package org.medconnect.desktop.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.proto.patient.v1.Patient;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Issue 11 item 16: "Book..." from Patients opens with the patient card filled, not empty. */
@ExtendWith(ApplicationExtension.class)
class PatientPickerViewTest {

    @Start
    void start(Stage stage) {
        PatientPickerViewModel model = new PatientPickerViewModel(null, null, () -> null);
        // The patient is chosen before the sheet is built, as ReceptionDesk.newBooking does for Patients' "Book...".
        model.choose(Patient.newBuilder().setPatientId("p1").setGivenName("Maria").setFamilyName("Garcia").setMrn("MC000042")
                .setDateOfBirth("1984-03-07").build());
        stage.setScene(new Scene(new PatientPickerView(model).node(), 600, 400));
        stage.show();
    }

    @Test
    void aPatientChosenBeforeTheSheetOpensIsOnTheCard(FxRobot robot) {
        Label name = robot.lookup("#chosen-patient").queryAs(Label.class);
        assertThat(name.getText()).contains("Maria").contains("Garcia");
        assertThat(name.isVisible()).isTrue();
        assertThat(Optional.ofNullable(robot.lookup("#chosen-patient-facts").queryAs(Label.class)).map(Label::getText).orElse(""))
                .contains("MC000042");
    }
}
