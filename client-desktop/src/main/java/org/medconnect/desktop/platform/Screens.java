package org.medconnect.desktop.platform;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.input.KeyCode;

/** Small pieces that list screens build the same way. */
public final class Screens {

    private Screens() {}

    /**
     * F5 reloads the screen, and every arrival on screen runs {@code onShown}: workspaces
     * build a screen once and show it many times, and each visit should show what is true now.
     */
    public static void reloadOnF5AndWhenShown(Node screen, Runnable reload, Runnable onShown) {
        screen.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F5) {
                reload.run();
                e.consume();
            }
        });
        screen.parentProperty().addListener((obs, old, now) -> {
            if (now != null) {
                onShown.run();
            }
        });
    }

    /** A read-only text column; {@code sortable} false where the rows' order means something (a queue). */
    public static <T> TableColumn<T, String> textColumn(String title, double width, boolean sortable, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(sortable);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }
}
