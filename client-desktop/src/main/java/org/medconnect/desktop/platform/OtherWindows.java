package org.medconnect.desktop.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The workstation's windows besides the main one (charts, PDF viewers, the waiting-room display) while the
 * session is locked or over. A private window is covered, keeping what was typed in it; a public display
 * (tokens, doctors and rooms only, on a wall screen patients watch) keeps showing and is told it is paused.
 */
public final class OtherWindows {

    private static final String PUBLIC_DISPLAY = "medconnect.public-display";

    private OtherWindows() {}

    /**
     * Marks {@code stage} as a public display: the lock does not cover it, it calls {@code paused} with
     * {@code true} when the session locks and {@code false} when the same user carries on.
     */
    public static void markPublicDisplay(Stage stage, Consumer<Boolean> paused) {
        stage.getProperties().put(PUBLIC_DISPLAY, paused);
    }

    /**
     * Covers every other shown window at once (pop-ups, which may list patients, are closed) and tells public
     * displays they are paused. Running the returned action uncovers them all as they were.
     */
    @SuppressWarnings("unchecked")
    public static Runnable lock(Window main) {
        List<Runnable> undo = new ArrayList<>();
        if (main == null) {
            return () -> { };
        }
        for (Window window : List.copyOf(Window.getWindows())) {
            if (window == main || !window.isShowing()) {
                continue;
            }
            if (window instanceof PopupWindow popup) {
                popup.hide();
                continue;
            }
            Object display = window.getProperties().get(PUBLIC_DISPLAY);
            if (display instanceof Consumer<?> paused) {
                ((Consumer<Boolean>) paused).accept(true);
                undo.add(() -> ((Consumer<Boolean>) paused).accept(false));
                continue;
            }
            Scene scene = window.getScene();
            if (scene != null && !(scene.getRoot() instanceof Cover)) {
                undo.add(cover(scene));
            }
        }
        return () -> undo.forEach(Runnable::run);
    }

    /** Closes every other window, e.g. at sign-out: what they show belongs to the session that ended. */
    public static void closeAll(Window main) {
        if (main == null) {
            return; // not shown yet: nothing else can be open
        }
        for (Window window : List.copyOf(Window.getWindows())) {
            if (window != main && window.isShowing()) {
                window.hide();
            }
        }
    }

    private static Runnable cover(Scene scene) {
        Parent content = scene.getRoot();
        Label why = new Label("Locked — sign in again in the main MedConnect window to see this again.");
        why.setId("window-lock-message");
        why.setWrapText(true);
        Cover cover = new Cover();
        cover.getStyleClass().add("window-lock");
        // The scene needs a root of its own before the old one can move into the cover.
        scene.setRoot(cover);
        content.setVisible(false);
        cover.getChildren().addAll(content, why);
        StackPane.setAlignment(why, Pos.CENTER);
        return () -> {
            cover.getChildren().remove(content);
            content.setVisible(true);
            scene.setRoot(content);
        };
    }

    /** The root a covered window shows. */
    private static final class Cover extends StackPane {
        Cover() {
            setId("window-lock");
        }
    }
}
