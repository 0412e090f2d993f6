package org.medconnect.desktop.queue;

import atlantafx.base.theme.Styles;
import java.util.function.BiConsumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.appointment.v1.Appointment;

/** Today's checked-in patients for the nurse: select one and press Enter to open the chart. */
public final class NurseQueueView extends BorderPane {

    public NurseQueueView(NurseQueueViewModel model, BiConsumer<String, String> openChart) {
        setId("nurse-queue");
        getStyleClass().add("nurse-queue");
        Label title = Widgets.title("Checked in today", "nurse-queue-title");
        TableView<Appointment> table = new TableView<>(model.waiting());
        table.setId("nurse-queue-table");
        table.getStyleClass().addAll(Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.column("Token", 70, false, a -> Integer.toString(a.getTokenNumber())));
        table.getColumns().add(Tables.tippedColumn("Patient", 260, a -> a.getPatient().getDisplayName()));
        table.getColumns().add(Tables.tippedColumn("Doctor", 220, Appointment::getDoctorName));
        table.getColumns().add(Tables.tippedColumn("Checked in at", 120, model::checkedInAt));
        table.getColumns().add(Tables.tippedColumn("Waiting", 110, model::waitingTime));
        table.getColumns().add(Tables.tippedColumn("Reason for visit", 240, Appointment::getReason));
        table.setPlaceholder(Widgets.muted(model.summaryProperty(), "nurse-queue-placeholder"));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        Runnable open = () -> {
            Appointment a = model.selectedProperty().get();
            if (a != null) {
                openChart.accept(a.getPatient().getPatientId(), a.getPatient().getDisplayName());
            }
        };
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                open.run();
            } else if (e.getCode() == KeyCode.F5) {
                e.consume();
                model.reload();
            }
        });
        table.setRowFactory(t -> {
            TableRow<Appointment> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open.run();
                }
            });
            return row;
        });
        Button openButton = new Button("_Open chart");
        openButton.setId("nurse-queue-open");
        openButton.getStyleClass().add(Styles.ACCENT);
        openButton.disableProperty().bind(model.selectedProperty().isNull());
        openButton.setOnAction(e -> open.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(8, openButton, Widgets.problem(model.messageProperty(), "nurse-queue-message"), spacer,
                Widgets.keyHint("nurse-queue-keys", "Enter opens the chart · F5 reloads"),
                Widgets.muted(model.summaryProperty(), "nurse-queue-summary"));
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(8, 0, 0, 0));
        VBox top = new VBox(8, title);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(table);
        setBottom(footer);
        // Waiting times grow by themselves; the list's order and members change only by events.
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(30), e -> table.refresh()));
        tick.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((obs, old, now) -> {
            if (now == null) {
                tick.stop();
            } else {
                tick.play();
            }
        });
        Platform.runLater(table::requestFocus);
    }
}
