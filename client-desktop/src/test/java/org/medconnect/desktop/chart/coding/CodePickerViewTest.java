package org.medconnect.desktop.chart.coding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The picker in a window, driven from the keyboard as a doctor codes a problem. */
@ExtendWith(ApplicationExtension.class)
class CodePickerViewTest {

    CodePickerViewModel model;

    @Start
    void start(Stage stage) {
        ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "test", ZoneOffset.UTC), new SessionState());
        model = new CodePickerViewModel(calls, (q, limit) -> q.toLowerCase().startsWith("asth") ? List.of(
                new CodeChoice("J45.20", "Mild intermittent asthma, uncomplicated", "J45.20", false),
                new CodeChoice("J45.909", "Unspecified asthma, uncomplicated", "J45.909", false)) : List.of(), "diagnosis", true);
        CodePickerView view = new CodePickerView(model, "Code or words, e.g. J45 or asthma");
        stage.setScene(new Scene(view.node(), 640, 420));
        stage.show();
        view.focus();
    }

    void waitForResults(FxRobot robot, int count) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#code-results").queryListView().getItems().size() == count);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void typingSearchesAndTheKeyboardChoosesACode(FxRobot robot) throws Exception {
        robot.clickOn("#code-search").write("asth");
        waitForResults(robot, 2);
        robot.type(KeyCode.DOWN).type(KeyCode.DOWN).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.chosen()).map(CodeChoice::key).contains("J45.909");
        Label chosen = robot.lookup("#chosen-code-label").queryAs(Label.class);
        assertThat(chosen.getText()).contains("Unspecified asthma, uncomplicated");
        assertThat(robot.lookup("#chosen-code-detail").queryAs(Label.class).getText()).isEqualTo("J45.909");
        assertThat(robot.lookup("#chosen-code").query().isVisible()).isTrue();
        assertThat(robot.lookup("#code-results").query().getParent().isVisible()).as("the search is put away").isFalse();
    }

    @Test
    void changeGoesBackToTheSearchWithTheTextKept(FxRobot robot) throws Exception {
        robot.clickOn("#code-search").write("asthma");
        waitForResults(robot, 2);
        robot.clickOn("Mild intermittent asthma, uncomplicated");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.chosen()).isPresent();
        robot.clickOn("#change-code");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.chosen()).isEmpty();
        assertThat(robot.lookup("#code-search").queryTextInputControl().getText()).isEqualTo("asthma");
        assertThat(robot.lookup("#chosen-code").query().isVisible()).isFalse();
        assertThat(robot.lookup("#code-results").query().getParent().isVisible()).isTrue();
    }

    @Test
    void noMatchOffersTheTypedTextAsFreeText(FxRobot robot) throws Exception {
        robot.clickOn("#code-search").write("post-viral cough").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !model.messageProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#code-search-message").queryAs(Label.class).getText()).contains("use it as typed");
        Button useTyped = robot.lookup("#use-typed").queryButton();
        assertThat(useTyped.isDisabled()).isFalse();
        robot.clickOn(useTyped);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.chosen()).hasValueSatisfying(c -> assertThat(c.freeText()).isTrue());
        assertThat(robot.lookup("#chosen-code-detail").queryAs(Label.class).getText()).isEqualTo("Free text, not coded");
    }
}
