package org.medconnect.desktop.queue;

import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.medconnect.desktop.platform.Theme;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.medconnect.proto.queue.v1.BoardDoctor;

/**
 * The waiting-room display: dark, high contrast and large, so a patient reads their token from
 * across the room. One panel per doctor: name, room, the token being served, the next ones.
 */
public final class WaitingRoomBoardView extends BorderPane {

    // Text colours: style classes in medconnect.css (.waiting-room .wr-*).
    private static final String WHITE = "wr-white";
    private static final String MUTED = "wr-muted";
    private static final String SERVING = "wr-serving";
    private static final String ROOM = "wr-room";

    private final WaitingRoomBoardViewModel model;
    private final GridPane grid = new GridPane();
    private final Label empty = label("No patients are waiting right now.", 34, MUTED, false);

    public WaitingRoomBoardView(WaitingRoomBoardViewModel model) {
        this.model = model;
        setId("waiting-room-board");
        getStyleClass().add("waiting-room");
        Theme.apply(this); // also when shown in a window of its own
        setPadding(new Insets(22, 30, 24, 30));

        Label place = label("", 34, WHITE, true);
        place.setId("board-location");
        place.textProperty().bind(model.locationNameProperty());
        Label caption = label("Please wait for your token number", 26, MUTED, false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hint = label("", 18, MUTED, false);
        hint.setId("board-message");
        hint.textProperty().bind(model.messageProperty());
        HBox header = new HBox(24, place, caption, spacer, hint);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.setPadding(new Insets(0, 0, 18, 0));
        Label lost = label("", 30, "wr-lost", true);
        lost.setId("board-connection-lost");
        lost.getStyleClass().add("wr-lost-banner");
        lost.setMaxWidth(Double.MAX_VALUE);
        lost.textProperty().bind(model.connectionBannerProperty());
        lost.visibleProperty().bind(model.connectionBannerProperty().isNotEmpty());
        lost.managedProperty().bind(lost.visibleProperty());
        setTop(new VBox(lost, header));

        grid.setHgap(20);
        grid.setVgap(20);
        empty.setId("board-empty");
        setCenter(grid);
        model.doctors().addListener((ListChangeListener<BoardDoctor>) change -> layoutPanels());
        layoutPanels();
    }

    private void layoutPanels() {
        List<BoardDoctor> doctors = List.copyOf(model.doctors());
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        if (doctors.isEmpty()) {
            setCenter(empty);
            return;
        }
        setCenter(grid);
        int columns = doctors.size() <= 3 ? doctors.size() : doctors.size() == 4 ? 2 : 3;
        int rows = (doctors.size() + columns - 1) / columns;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        boolean compact = rows > 1;
        for (int i = 0; i < doctors.size(); i++) {
            grid.add(panel(doctors.get(i), compact), i % columns, i / columns);
        }
    }

    private VBox panel(BoardDoctor d, boolean compact) {
        Label doctor = label(d.getDoctorName(), compact ? 28 : 40, WHITE, true);
        Label room = label(d.getRoomName().isEmpty() ? " " : d.getRoomName(), compact ? 24 : 32, ROOM, true);
        Label servingCaption = label("NOW SERVING", compact ? 18 : 26, MUTED, true);
        Label serving = label(WaitingRoomBoardViewModel.tokenText(d, d.getServingToken()), compact ? 64 : 120, SERVING, true);
        serving.setId("board-serving-" + d.getDoctorId());
        serving.getStyleClass().add("board-serving");
        String next = d.getNextTokensList().isEmpty() ? "–"
                : d.getNextTokensList().stream().map(String::valueOf).collect(Collectors.joining("   "));
        int more = d.getWaitingCount() - d.getNextTokensCount();
        Label nextCaption = label("NEXT" + (more > 0 ? "  ·  and " + more + " more waiting" : ""), compact ? 18 : 26, MUTED, true);
        Label nextTokens = label(next, compact ? 40 : 72, WHITE, true);
        nextTokens.setId("board-next-" + d.getDoctorId());
        VBox box = new VBox(compact ? 1 : 6, doctor, room, servingCaption, serving, nextCaption, nextTokens);
        box.setAlignment(Pos.TOP_LEFT);
        box.setPadding(new Insets(compact ? 12 : 22, 26, compact ? 12 : 22, 26));
        box.getStyleClass().add("waiting-room-panel");
        box.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        return box;
    }

    private static Label label(String text, int size, String colourClass, boolean bold) {
        Label l = new Label(text);
        l.getStyleClass().add(colourClass);
        // Sizes follow the panel count (compact or not), so they are set here, not in the stylesheet.
        l.setFont(Font.font(null, bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
