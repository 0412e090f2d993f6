package org.medconnect.desktop.chart.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.server.db.Tables.ENCOUNTER;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.chart.medication.MedicationsViewModel;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.server.chart.medication.MedicationModel.Filter;
import org.medconnect.server.chart.medication.MedicationModel.NewMedication;
import org.medconnect.server.chart.problem.ProblemModel;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Dr Okafor, in Ana Souza's chart on a real server: types "asthma", picks the code from the
 * list and adds the problem; then stops the amoxicillin that gave Ana a rash. Writes the two
 * pages' pictures to docs/screenshots when -Dchart.screenshots names that folder.
 */
@ExtendWith(ApplicationExtension.class)
class ProblemsAndMedicationsFlowTest {

    private static TestClinic clinic;
    private static Principal okafor;
    private static UUID ana;
    private ChartListsWindow window;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(ZoneOffset.UTC));
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Family medicine", "General practice");
        Principal lindqvist = fixture.doctor("lindqvist", "Dr Lena Lindqvist", "Family medicine", "General practice");
        ana = fixture.patient("Ana", "Souza");
        var at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(10);
        for (Principal doctor : new Principal[] {okafor, lindqvist}) {
            clinic.database().dsl().insertInto(ENCOUNTER).set(ENCOUNTER.PATIENT_ID, ana).set(ENCOUNTER.DOCTOR_ID, doctor.userId())
                    .set(ENCOUNTER.KIND, "WALK_IN").set(ENCOUNTER.STARTED_AT, at).set(ENCOUNTER.UPDATED_BY, doctor.userId())
                    .set(ENCOUNTER.UPDATED_AT, at).execute();
        }
        var today = java.time.LocalDate.now(ZoneOffset.UTC);
        var problems = clinic.services().problemList();
        problems.add(lindqvist, new ProblemModel.NewProblem(Optional.empty(), ana, Optional.of("I10"), "",
                Optional.of(today.minusYears(6)), "", Optional.empty()));
        problems.add(okafor, new ProblemModel.NewProblem(Optional.empty(), ana, Optional.of("E11.9"), "",
                Optional.of(today.minusYears(3)), "", Optional.empty()));
        var meds = clinic.services().medications();
        meds.add(okafor, new NewMedication(Optional.empty(), ana, Optional.of("amoxicillin"), "", "500 mg", "capsule",
                "1 capsule three times a day", Optional.of(today.minusDays(4)), "Acute otitis media"));
        meds.add(lindqvist, new NewMedication(Optional.empty(), ana, Optional.of("lisinopril"), "", "10 mg", "tablet",
                "1 tablet every morning", Optional.of(today.minusYears(5)), "Hypertension"));
        meds.add(okafor, new NewMedication(Optional.empty(), ana, Optional.of("metformin"), "", "500 mg", "tablet",
                "1 tablet twice a day with meals", Optional.of(today.minusYears(3)), "Type 2 diabetes"));
        meds.add(okafor, new NewMedication(Optional.empty(), ana, Optional.empty(), "Chamomile tea", "", "",
                "1 cup at night", Optional.empty(), "Patient's own, for sleep"));
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) {
        window = ChartListsWindow.show(stage, clinic.address(), "okafor", "doctor-pass-2026", ana.toString(), "Ana Souza",
                Clock.systemUTC());
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void aDoctorAddsAProblemByTypingAsthmaAndPickingTheCodeThenStopsAMedication(FxRobot robot) throws Exception {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.waitFor(() -> ui.tableContains("#problems-active", "Essential (primary) hypertension"), () -> "the problem list");

        ui.click("#problem-code-search").typeKeys("#problem-code-search", "asthma");
        ListView<?> matches = robot.lookup("#problem-code-matches").queryAs(ListView.class);
        ui.waitFor(() -> !matches.getItems().isEmpty(), () -> "asthma codes to be offered");
        // Down into the list, on to the first asthma code itself (J45.x), and Enter picks it.
        int asthma = 0;
        while (!matches.getItems().get(asthma).toString().contains("J45")) {
            asthma++;
        }
        robot.type(KeyCode.DOWN);
        for (int i = 0; i < asthma; i++) {
            robot.type(KeyCode.DOWN);
        }
        robot.type(KeyCode.ENTER);
        String picked = ui.text("#problem-title");
        assertThat(picked).containsIgnoringCase("asthma");
        shot("chart-problems-search", robot, matches);
        ui.click("#problem-add");
        ui.waitFor(() -> ui.tableContains("#problems-active", picked), () -> "the new problem in the active list");
        assertThat(clinic.services().problemList().list(okafor, ana, ProblemModel.Filter.ACTIVE))
                .anyMatch(p -> p.title().equals(picked) && p.icd10Code().orElse("").startsWith("J45"));
        shot("chart-problems", robot, null);

        ui.click("#nav-medications");
        TableView<MedicationsViewModel.Row> current = robot.lookup("#medications-current").queryTableView();
        ui.waitFor(() -> current.getItems().size() == 4, () -> "four current medications");
        robot.interact(() -> current.getSelectionModel().select(current.getItems().stream()
                .filter(r -> r.medication().getName().equals("amoxicillin")).findFirst().orElseThrow()));
        ui.click("#medication-stop-reason").typeKeys("#medication-stop-reason", "Rash on day 3");
        ui.click("#medication-stop");
        ui.waitFor(() -> ui.tableContains("#medications-past", "Rash on day 3"), () -> "amoxicillin in the past list");
        assertThat(clinic.services().medications().list(okafor, ana, Filter.PAST))
                .singleElement().satisfies(m -> {
                    assertThat(m.stoppedByName()).contains("Dr Amara Okafor");
                    assertThat(m.stopReason()).contains("Rash on day 3");
                });
        shot("chart-medications", robot, null);
    }

    private void shot(String name, FxRobot robot, Object unused) throws Exception {
        String folder = System.getProperty("chart.screenshots", "");
        if (!folder.isEmpty()) {
            robot.interact(() -> {
                try {
                    window.snapshot(Path.of(folder, name + ".png"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
