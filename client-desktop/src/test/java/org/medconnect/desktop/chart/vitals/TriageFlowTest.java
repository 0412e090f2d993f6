package org.medconnect.desktop.chart.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.platform.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The nurse's triage form on screen against a real server: record vitals, see them in the trend at once. */
@ExtendWith(ApplicationExtension.class)
class TriageFlowTest {

    ChartClinic clinic;
    TriageViewModel model;

    @Start
    void start(Stage stage) {
        clinic = new ChartClinic();
        var connection = clinic.nurse();
        model = new TriageViewModel(connection, ChartClinic.calls(connection), Clock.system(ChartClinic.ZONE), clinic.patient.toString());
        Scene scene = new Scene((javafx.scene.Parent) new TriageView(model, "Ana Souza", ChartClinic.ZONE).build(), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        model.load();
    }

    @Stop
    void stop() {
        clinic.close();
    }

    @Test
    void aNurseRecordsVitalsAndSeesThemInTheTrendWithTheHighPressureFlagged(FxRobot robot) throws Exception {
        robot.clickOn("#vital-systolic").write("162");
        robot.clickOn("#vital-diastolic").write("95");
        robot.clickOn("#vital-heart-rate").write("400");
        assertThat(robot.lookup("#vital-flag-heart-rate").queryAs(Label.class).getText())
                .isEqualTo("A pulse of 400 /min is not possible; check the reading.");
        robot.interact(() -> model.vitals().text(org.medconnect.shared.chart.VitalSigns.Vital.HEART_RATE).set(""));
        robot.clickOn("#vital-heart-rate").write("88");
        robot.clickOn("#vital-body-weight").write("84.5");
        robot.clickOn("#vital-body-height").write("172");
        assertThat(robot.lookup("#vital-flag-systolic").queryAs(Label.class).getText()).isEqualTo("High");
        assertThat(robot.lookup("#vital-bmi").queryAs(Label.class).getText()).startsWith("28.6 kg/m");

        // Enter in any vitals field records the set (keyboard first).
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.vitals().noticeProperty().get().isEmpty()
                || !model.vitals().problemProperty().get().isEmpty());
        assertThat(model.vitals().problemProperty().get()).isEmpty();

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#vitals-table").queryAs(TableView.class).getItems().size() == 1);
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> bp = robot.lookup("#vitals-chart-systolic").queryAs(LineChart.class);
        assertThat(bp.getData()).hasSize(2);
        assertThat(bp.getData().getFirst().getData()).singleElement().satisfies(p -> {
            assertThat(p.getYValue().intValue()).isEqualTo(162);
            assertThat(p.getNode().getStyleClass()).contains("vital-point-abnormal");
        });
        assertThat(robot.lookup("#vitals-notice").queryAs(Label.class).getText()).isEqualTo("Vitals recorded.");
    }

    @Test
    void noKnownAllergiesIsRecordedAndThenTurnedOffByAnAllergy(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "Allergies not asked yet".equals(robot.lookup("#allergy-state").queryAs(Label.class).getText()));
        robot.clickOn("#allergy-nka");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#allergy-state").queryAs(Label.class).getText().startsWith("No known allergies"));

        scrollToAllergies(robot);
        // The substance is picked from the drug catalogue with the keyboard.
        robot.clickOn("#code-search").write("penicillins").type(javafx.scene.input.KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<org.medconnect.desktop.chart.coding.CodeChoice> results =
                robot.lookup("#code-results").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results.getItems().stream().anyMatch(c -> c.key().equals("class:penicillins")));
        robot.type(javafx.scene.input.KeyCode.DOWN);
        while (!results.getSelectionModel().getSelectedItem().key().equals("class:penicillins")) {
            robot.type(javafx.scene.input.KeyCode.DOWN);
        }
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#chosen-code-label").queryAs(Label.class).getText()).contains("Penicillins");
        assertThat(robot.lookup("#allergy-not-coded").query().isVisible()).isFalse();
        robot.clickOn("#allergy-reaction").write("Hives");
        robot.clickOn("#allergy-add");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "1 active allergy".equals(robot.lookup("#allergy-state").queryAs(Label.class).getText()));
        assertThat(robot.lookup("#allergy-table").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(clinic.dsl.resultQuery("select substance_code from allergy where patient_id = ?", clinic.patient)
                .fetchSingle(0, String.class)).isEqualTo("class:penicillins");
    }

    /** The triage form scrolls; the allergy part sits under the vitals. */
    private static void scrollToAllergies(FxRobot robot) {
        robot.interact(() -> robot.lookup(".chart-triage .scroll-pane").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aSubstanceNotInTheCatalogueIsKeptAsTypedAndMarkedNotCoded(FxRobot robot) throws Exception {
        scrollToAllergies(robot);
        robot.clickOn("#code-search").write("Brand X cough syrup").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.allergies().substance().messageProperty().get().isEmpty());
        robot.clickOn("#use-typed");
        WaitForAsyncUtils.waitForFxEvents();
        Label notCoded = robot.lookup("#allergy-not-coded").queryAs(Label.class);
        assertThat(notCoded.isVisible()).isTrue();
        assertThat(notCoded.getText()).isEqualTo("Not coded: prescriptions cannot check it.");
        robot.clickOn("#allergy-add");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#allergy-table").queryAs(TableView.class).getItems().size() == 1);
        assertThat(clinic.dsl.resultQuery("select substance_code from allergy where patient_id = ?", clinic.patient)
                .fetchSingle(0, String.class)).isNull();
    }
}
