package org.medconnect.desktop.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;

/** What a user cannot read in a table: cells whose text is cut with "…" or runs past the cell's edges. */
public final class TableCells {

    private TableCells() {}

    /** Each cut cell as "column: shown text"; empty when every shown cell can be read in full. Call on the FX thread. */
    public static List<String> cut(TableView<?> table) {
        List<String> cut = new ArrayList<>();
        for (Node n : table.lookupAll(".table-cell")) {
            if (!(n instanceof TableCell<?, ?> cell) || cell.isEmpty() || !cell.isVisible() || cell.getTableColumn() == null) {
                continue;
            }
            Bounds edge = cell.localToScene(cell.getBoundsInLocal());
            for (Node inside : cell.lookupAll("*")) {
                if (!inside.isVisible() || inside == cell) {
                    continue;
                }
                String shown = inside instanceof Text t ? t.getText() : inside instanceof Labeled l ? l.getText() : null;
                if (shown == null || shown.isBlank()) {
                    continue;
                }
                Bounds b = inside.localToScene(inside.getBoundsInLocal());
                boolean elided = inside instanceof Text && (shown.endsWith("…") || shown.endsWith("..."));
                boolean outside = b.getMaxX() > edge.getMaxX() + 1 || b.getMaxY() > edge.getMaxY() + 1 || b.getMinX() < edge.getMinX() - 1;
                if (elided || outside) {
                    cut.add(cell.getTableColumn().getText() + ": " + shown);
                }
            }
        }
        return cut;
    }
}
