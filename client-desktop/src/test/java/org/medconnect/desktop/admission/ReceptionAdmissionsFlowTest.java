package org.medconnect.desktop.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.patient.PatientFormViewModel;
import org.medconnect.desktop.patient.PatientPickerViewModel;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.desktop.testing.StaffedClinic;
import org.medconnect.proto.chart.v1.Admission;
import org.medconnect.proto.chart.v1.AdmitRequest;
import org.medconnect.proto.schedule.v1.Doctor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Reception's Admissions screen against a real server: admit a patient for a doctor, see them in the list, never the reason. */
@ExtendWith(ApplicationExtension.class)
class ReceptionAdmissionsFlowTest {

    static StaffedClinic clinic;
    static ServerConnection desk;
    ReceptionAdmissionsViewModel model;

    @BeforeAll
    static void startClinic() {
        clinic = new StaffedClinic();
        desk = clinic.signedIn("r.gomes");
    }

    @AfterAll
    static void stopClinic() {
        desk.close();
        clinic.close();
    }

    @Start
    void start(Stage stage) {
        ServerCalls calls = StaffedClinic.calls(desk);
        PatientPickerViewModel picker = new PatientPickerViewModel(desk, calls,
                () -> new PatientFormViewModel(desk, calls, new ClinicTime(Clock.system(ZoneOffset.UTC)), Optional.empty()));
        model = new ReceptionAdmissionsViewModel(desk, calls, StaffedClinic.ZONE, picker);
        Scene scene = new Scene(new ReceptionAdmissionsView(model), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        model.loadDoctors();
        model.reload();
    }

    @SuppressWarnings("unchecked")
    private static TableView<Admission> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    @Test
    void receptionAdmitsAPatientForADoctorAndSeesThemInTheInpatientsListWithoutTheReason(FxRobot robot) throws Exception {
        robot.clickOn("#admit");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#admit-problem").queryLabeled().getText()).isEqualTo("Choose the patient to admit.");

        robot.clickOn("#patient-search").write("Lima").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#patient-results").queryListView().getItems().size() == 1);
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.patient().chosen()).isPresent();
        @SuppressWarnings("unchecked")
        ComboBox<Doctor> doctor = robot.lookup("#admit-doctor").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> doctor.getItems().size() == 2);
        robot.interact(() -> doctor.getSelectionModel().select(doctor.getItems().stream()
                .filter(d -> d.getDisplayName().equals("Dr Ivan Novak")).findFirst().orElseThrow()));
        robot.clickOn("#admit-ward").write("Ward 3");
        robot.clickOn("#admit-bed").write("12");
        robot.clickOn("#admit-reason").write("Chest pain for observation");
        robot.clickOn("#admit");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot, "#admissions-inpatients").getItems().size() == 1);
        Admission row = table(robot, "#admissions-inpatients").getItems().getFirst();
        assertThat(row.getPatientName()).isEqualTo("Bruno Lima");
        assertThat(row.getAdmittingDoctorName()).isEqualTo("Dr Ivan Novak");
        assertThat(ReceptionAdmissionsViewModel.place(row)).isEqualTo("Ward 3, bed 12");
        assertThat(row.getReason()).as("reception never reads the reason back").isEmpty();
        assertThat(robot.lookup("#admissions-notice").queryLabeled().getText()).isEqualTo("Bruno Lima admitted to Ward 3, bed 12.");
        assertThat(robot.lookup("#admissions-summary").queryLabeled().getText()).isEqualTo("1 patient in hospital.");
        assertThat(model.reasonProperty().get()).as("the form is empty for the next one").isEmpty();
        assertThat(clinic.dsl.resultQuery("select reason from admission where patient_id = ?", clinic.bruno).fetchSingle(0, String.class))
                .isEqualTo("Chest pain for observation");
    }

    @Test
    void receptionUndoesAMistakenAdmissionAndTheBedIsFreeAgain(FxRobot robot) throws Exception {
        UUID carla = clinic.fixture.patient("Carla", "Mendes");
        String id = desk.admissions().admit(AdmitRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(carla.toString()).setAdmittingDoctorId(clinic.novak.toString()).setWard("Ward 5").setBed("7")
                .setReason("Observation").build()).getAdmission().getId();
        robot.interact(model::reload);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot, "#admissions-inpatients").getItems().stream()
                .anyMatch(a -> a.getId().equals(id)));
        robot.interact(() -> {
            var t = table(robot, "#admissions-inpatients");
            t.getSelectionModel().select(t.getItems().stream().filter(a -> a.getId().equals(id)).findFirst().orElseThrow());
        });

        robot.clickOn("#admission-undo");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#admission-undo-problem").queryLabeled().getText())
                .isEqualTo("Say why the admission of Carla Mendes was a mistake.");

        robot.clickOn("#admission-undo-reason").write("Wrong patient").type(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot, "#admissions-inpatients").getItems().stream()
                .noneMatch(a -> a.getId().equals(id)));
        assertThat(robot.lookup("#admissions-notice").queryLabeled().getText())
                .isEqualTo("Admission of Carla Mendes undone; Dr Ivan Novak has been told.");
        assertThat(clinic.dsl.resultQuery("select status from admission where id = ?::uuid", id).fetchSingle(0, String.class))
                .isEqualTo("ENTERED_IN_ERROR");
    }
}
