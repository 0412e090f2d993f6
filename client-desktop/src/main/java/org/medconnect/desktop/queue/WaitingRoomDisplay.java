package org.medconnect.desktop.queue;

import org.medconnect.desktop.platform.OtherWindows;
import org.medconnect.desktop.platform.Theme;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens the waiting-room board in its own full-screen window; Esc closes it. */
public final class WaitingRoomDisplay {

    private WaitingRoomDisplay() {}

    public static Stage open(Window owner, WaitingRoomBoardViewModel model) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("MedConnect – waiting room – " + model.locationNameProperty().get());
        Scene scene = new Scene(new WaitingRoomBoardView(model), 1366, 768);
        Theme.apply(scene);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
                e.consume();
            }
        });
        stage.setScene(scene);
        // Tokens, doctors and rooms only: a locked workstation leaves it up on the wall, marked as paused.
        OtherWindows.markPublicDisplay(stage, model.pausedProperty()::set);
        // Esc is ours (it closes the display); nobody should need a hint on a wall screen.
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.setFullScreen(true);
        stage.show();
        model.reload();
        return stage;
    }
}
