package org.medconnect.desktop.chart.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.desktop.testing.StaffedClinic;
import org.medconnect.proto.chart.v1.AddProblemRequest;
import org.medconnect.proto.chart.v1.Problem;
import org.medconnect.proto.chart.v1.ProblemStatus;
import org.medconnect.proto.chart.v1.UpdateProblemRequest;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A doctor corrects the problem list on screen against a real server: entered in error with a reason, and a stale edit. */
@ExtendWith(ApplicationExtension.class)
class ProblemCorrectionFlowTest {

    static StaffedClinic clinic;
    static ServerConnection doctor;
    static int patients;
    ProblemsViewModel model;
    UUID patient;

    @BeforeAll
    static void startClinic() {
        clinic = new StaffedClinic();
        doctor = clinic.signedIn("a.okafor");
    }

    @AfterAll
    static void stopClinic() {
        doctor.close();
        clinic.close();
    }

    @Start
    void start(Stage stage) {
        patient = clinic.checkedIn("Problem", "Patient" + (++patients));
        add("J45.909", "");
        add("", "Chronic low back pain");
        model = new ProblemsViewModel(doctor, StaffedClinic.calls(doctor), Clock.systemUTC(), patient.toString());
        Scene scene = new Scene(new ProblemsView(model), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        model.load();
    }

    private Problem add(String code, String title) {
        return doctor.problems().addProblem(AddProblemRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patient.toString()).setIcd10Code(code).setTitle(title).build()).getProblem();
    }

    @SuppressWarnings("unchecked")
    private static TableView<ProblemsViewModel.Row> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    @Test
    void aDoctorMarksAProblemEnteredInErrorWithAReasonAndItLeavesTheList(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot, "#problems-active").getItems().size() == 2);
        robot.clickOn("Chronic low back pain");
        robot.clickOn("#problem-entered-in-error");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#problem-error-reason-error").queryLabeled().getText()).isEqualTo("Say why this was entered in error.");

        robot.clickOn("#problem-error-reason").write("Charted for the wrong patient");
        robot.clickOn("#problem-entered-in-error");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot, "#problems-active").getItems().size() == 1);
        assertThat(table(robot, "#problems-active").getItems()).extracting(ProblemsViewModel.Row::code).containsExactly("J45.909");
        assertThat(robot.lookup("#problems-notice").queryLabeled().getText()).isEqualTo("Entered in error: Chronic low back pain");

        robot.clickOn("#problems-show-in-error");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot, "#problems-resolved").getItems().size() == 1);
        assertThat(table(robot, "#problems-resolved").getItems().getFirst().problem().getStatus())
                .isEqualTo(ProblemStatus.PROBLEM_STATUS_ENTERED_IN_ERROR);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#problems-resolved .table-row-cell.entered-in-error").tryQuery()).as("struck through").isPresent();
    }

    @Test
    void aStaleEditSaysWhoChangedItAndKeepsTheCorrection(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot, "#problems-active").getItems().size() == 2);
        robot.clickOn("Chronic low back pain");
        robot.clickOn("#problem-edit");
        WaitForAsyncUtils.waitForFxEvents();
        var title = robot.lookup("#problem-edit-title").queryTextInputControl();
        robot.interact(title::clear);
        robot.clickOn("#problem-edit-title").write("Chronic low back pain, mechanical");
        // Meanwhile the same problem is changed on another workstation.
        Problem current = model.selectedProperty().get().problem();
        doctor.problems().updateProblem(UpdateProblemRequest.newBuilder().setProblemId(current.getId()).setExpectedVersion(current.getVersion())
                .setTitle("Low back pain").setNote("Physiotherapy started").build());

        robot.clickOn("#problem-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#problem-edit-error").queryLabeled().getText().isEmpty());
        assertThat(robot.lookup("#problem-edit-error").queryLabeled().getText()).startsWith("Changed by Dr Amara Okafor at ")
                .contains("reload to see it.");
        assertThat(title.getText()).isEqualTo("Chronic low back pain, mechanical");

        robot.clickOn("#problem-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot, "#problems-active").getItems().stream()
                .anyMatch(r -> r.title().equals("Chronic low back pain, mechanical")));
        assertThat(robot.lookup("#problem-edit-form").query().isVisible()).isFalse();
    }
}
