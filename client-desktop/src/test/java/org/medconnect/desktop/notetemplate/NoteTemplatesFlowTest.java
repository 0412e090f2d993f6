package org.medconnect.desktop.notetemplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.desktop.chart.encounter.EncounterEditorViewModel;
import org.medconnect.desktop.chart.encounter.NoteCrashCopy;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.desktop.testing.StaffedClinic;
import org.medconnect.proto.chart.v1.EncounterKind;
import org.medconnect.proto.chart.v1.EncounterNoteTemplate;
import org.medconnect.proto.chart.v1.OpenEncounterRequest;
import org.medconnect.proto.chart.v1.SaveNoteTemplateRequest;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The admin's Note templates screen against a real server: a template added there is what a doctor's note editor finds by its shortcut. */
@ExtendWith(ApplicationExtension.class)
class NoteTemplatesFlowTest {

    static StaffedClinic clinic;
    static ServerConnection admin;
    NoteTemplatesViewModel model;

    @TempDir
    Path home;

    @BeforeAll
    static void startClinic() {
        clinic = new StaffedClinic();
        admin = clinic.signedIn("clinic.admin");
    }

    @AfterAll
    static void stopClinic() {
        admin.close();
        clinic.close();
    }

    @Start
    void start(Stage stage) {
        model = new NoteTemplatesViewModel(admin, StaffedClinic.calls(admin));
        Scene scene = new Scene(new NoteTemplatesView(model), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        model.reload();
    }

    @SuppressWarnings("unchecked")
    private static TableView<EncounterNoteTemplate> table(FxRobot robot) {
        return robot.lookup("#note-templates-table").queryAs(TableView.class);
    }

    @Test
    void anAdminAddsATemplateThatADoctorThenFindsByItsShortcut(FxRobot robot) throws Exception {
        robot.clickOn("#template-name").write("Sore throat");
        robot.clickOn("#template-shortcut").write("sorethroat");
        robot.clickOn("#template-subjective").write("Sore throat for  days. Fever: . Cough: .");
        robot.clickOn("#template-assessment").write("Pharyngitis, Centor score ");
        robot.clickOn("#template-save");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        assertThat(robot.lookup("#note-templates-notice").queryLabeled().getText()).isEqualTo("Added: Sore throat (shortcut sorethroat).");
        assertThat(table(robot).getItems().getFirst().getClinicWide()).isTrue();

        // Dr Okafor's note editor finds it by the shortcut.
        ServerConnection doctor = clinic.signedIn("a.okafor");
        try {
            String encounter = doctor.encounters().openEncounter(OpenEncounterRequest.newBuilder().setPatientId(clinic.ana.toString())
                    .setKind(EncounterKind.ENCOUNTER_KIND_WALK_IN).setReason("Sore throat").setRequestId(UUID.randomUUID().toString()).build())
                    .getEncounter().getSummary().getId();
            EncounterEditorViewModel editor = new EncounterEditorViewModel(doctor, StaffedClinic.calls(doctor), new NoteCrashCopy(home),
                    action -> { }, Clock.systemUTC(), StaffedClinic.ZONE);
            robot.interact(() -> editor.load(encounter));
            assertThat(editor.applyTemplate("sorethroat")).isTrue();
            assertThat(editor.subjective().get()).contains("Sore throat for  days.");
        } finally {
            doctor.close();
        }
    }

    @Test
    void aRetiredTemplateLeavesTheListAndAStaleEditKeepsTheText(FxRobot robot) throws Exception {
        var saved = admin.encounters().saveNoteTemplate(SaveNoteTemplateRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setName("Hypertension review").setShortcut("htn").setPlan("Home BP diary").build()).getTemplate();
        robot.interact(model::reload);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().stream().anyMatch(t -> t.getId().equals(saved.getId())));
        robot.clickOn("Hypertension review");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#template-plan").write(", review in 4 weeks");
        // Another admin console changes it meanwhile.
        admin.encounters().saveNoteTemplate(SaveNoteTemplateRequest.newBuilder().setTemplateId(saved.getId()).setExpectedVersion(saved.getVersion())
                .setName("Hypertension review").setShortcut("htn").setPlan("Home BP diary, twice daily").build());
        robot.clickOn("#template-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.problemProperty().get().isEmpty());
        assertThat(model.problemProperty().get()).startsWith("Changed by Clinic Admin at ").contains("reload to see it.");
        assertThat(model.planProperty().get()).isEqualTo("Home BP diary, review in 4 weeks");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.editingProperty().get().getVersion() == saved.getVersion() + 1);
        robot.clickOn("#template-retire");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().stream().noneMatch(t -> t.getId().equals(saved.getId())));
        assertThat(robot.lookup("#note-templates-notice").queryLabeled().getText()).isEqualTo("Retired: Hypertension review.");
    }
}
