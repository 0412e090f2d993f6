package org.medconnect.desktop.prescription.refill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.TableCells;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The refill lists at 1366 x 768 in their workspaces, with the names a clinic has (Bartholomew
 * Featherstonehaugh-Smythe, Zoë Ångström-Dvořák): every name, request and answer reads in full.
 */
@ExtendWith(ApplicationExtension.class)
class RefillListsAt1366Test {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theDoctorReadsEveryPatientsFullNameAndWhatTheyAskedFor(FxRobot robot) {
        assertThat(cutCells(robot, RefillScreenshot::doctorScene, "#refill-inbox-table")).isEmpty();
    }

    @Test
    void receptionReadsEveryNameRequestAndAnswerInFull(FxRobot robot) {
        assertThat(cutCells(robot, RefillScreenshot::receptionScene, "#refill-desk-table")).isEmpty();
    }

    private List<String> cutCells(FxRobot robot, java.util.function.Supplier<Scene> screen, String table) {
        robot.interact(() -> {
            stage.setScene(screen.get());
            stage.show();
        });
        robot.interact(() -> { });
        AtomicReference<List<String>> cut = new AtomicReference<>();
        robot.interact(() -> {
            TableView<?> view = (TableView<?>) stage.getScene().lookup(table);
            assertThat(view.getItems()).isNotEmpty();
            cut.set(TableCells.cut(view));
        });
        return cut.get();
    }
}
