package org.medconnect.desktop.chart.encounter;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.EncounterSummary;

/** The chart's timeline: encounters newest first; Enter or a double click opens one, "More" pages on. */
public final class TimelineView {

    private TimelineView() {}

    public static Node build(TimelineViewModel model, Consumer<EncounterSummary> open) {
        ListView<EncounterSummary> list = new ListView<>(model.encounters());
        list.setId("encounter-timeline");
        list.getStyleClass().add("encounter-timeline");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(EncounterSummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : model.line(item));
                getStyleClass().removeAll("encounter-signed", "encounter-open", "encounter-error");
                if (!empty && item != null) {
                    getStyleClass().add(switch (item.getStatus()) {
                        case ENCOUNTER_STATUS_SIGNED -> "encounter-signed";
                        case ENCOUNTER_STATUS_ENTERED_IN_ERROR -> "encounter-error";
                        default -> "encounter-open";
                    });
                }
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setPlaceholder(new javafx.scene.control.Label("No encounters yet."));
        Button more = new Button("_More");
        more.setId("encounter-timeline-more");
        more.visibleProperty().bind(model.more());
        more.managedProperty().bind(model.more());
        more.setOnAction(e -> model.loadMore());
        VBox box = new VBox(8, Widgets.title("Timeline", "encounter-timeline-title"), Widgets.problem(model.error(), "encounter-timeline-error"),
                list, more);
        box.getStyleClass().add("encounter-page");
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }
}
