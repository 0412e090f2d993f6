package org.medconnect.desktop.prescription.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.TableCells;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The admin's Drug brands at 1366 x 768: a long pack name and a five-ingredient pack read in full. */
@ExtendWith(ApplicationExtension.class)
class DrugBrandsAt1366Test {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void everyBrandNameAndItsIngredientsReadInFull(FxRobot robot) {
        robot.interact(() -> {
            stage.setScene(DrugBrandsScreenshot.scene());
            stage.show();
        });
        robot.interact(() -> { });
        AtomicReference<List<String>> cut = new AtomicReference<>();
        robot.interact(() -> {
            TableView<?> table = (TableView<?>) stage.getScene().lookup("#drug-brands-table");
            assertThat(table.getItems()).hasSizeGreaterThan(6);
            cut.set(TableCells.cut(table));
        });
        assertThat(cut.get()).isEmpty();
    }
}
