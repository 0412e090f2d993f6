package org.medconnect.desktop.queue;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.Tables;
import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.queue.v1.QueueReorder;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Location;

/** Reception's queue screen: one doctor's queue today, moving an urgent patient up, no-shows, and the waiting-room display. */
public final class ReceptionQueueView extends BorderPane {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final ReceptionQueueViewModel model;
    private final TableView<Appointment> table;

    public ReceptionQueueView(ReceptionQueueViewModel model, ZoneId zone) {
        this.model = model;
        setId("reception-queue-screen");
        Label title = new Label("Queue");
        title.getStyleClass().add(Styles.TITLE_2);
        Label summary = new Label();
        summary.setId("reception-queue-summary");
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(model.summaryProperty());
        Label order = new Label(ReceptionQueueViewModel.ORDER_NOTE);
        order.setId("reception-queue-order");
        order.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        order.setWrapText(true);
        HBox heading = new HBox(14, title, summary);
        heading.setAlignment(Pos.BASELINE_LEFT);

        ComboBox<Doctor> doctor = new ComboBox<>(model.doctors());
        doctor.setId("reception-queue-doctor");
        doctor.setPrefWidth(240);
        doctor.setCellFactory(l -> doctorCell());
        doctor.setButtonCell(doctorCell());
        doctor.valueProperty().bindBidirectional(model.doctorProperty());
        Button refresh = new Button("_Refresh");
        refresh.setId("reception-queue-refresh");
        refresh.setOnAction(e -> model.reload());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        ComboBox<Location> location = new ComboBox<>(model.locations());
        location.setId("display-location");
        location.setPrefWidth(210);
        location.setCellFactory(l -> locationCell());
        location.setButtonCell(locationCell());
        location.valueProperty().bindBidirectional(model.locationProperty());
        Button display = new Button("Waiting-room _display");
        display.setId("open-waiting-room-display");
        display.getStyleClass().add(Styles.BUTTON_OUTLINED);
        display.setOnAction(e -> model.openBoard().ifPresent(board -> {
            var stage = WaitingRoomDisplay.open(getScene() == null ? null : getScene().getWindow(), board);
            stage.setOnHidden(h -> model.closed(board));
        }));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label doctorLabel = new Label("Doctor");
        Label displayLabel = new Label("Display for");
        HBox toolbar = new HBox(8, doctorLabel, doctor, refresh, progress, spacer, displayLabel, location, display);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        for (Button b : new Button[] {refresh, display}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }

        Label serving = new Label();
        serving.setId("reception-queue-serving");
        serving.getStyleClass().add(Styles.TITLE_4);
        serving.textProperty().bind(Bindings.createStringBinding(() -> model.servingProperty().get()
                .map(a -> "In consultation: token " + a.getTokenNumber() + " · " + a.getPatient().getDisplayName()
                        + (a.getRoomName().isEmpty() ? "" : " · " + a.getRoomName()))
                .orElse("Nobody in consultation"), model.servingProperty()));

        table = new TableView<>(model.waiting());
        table.setId("reception-queue-table");
        table.getStyleClass().add(Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(36);
        table.getColumns().add(Tables.column("Place", 60, false, a -> String.valueOf(model.waiting().indexOf(a) + 1)));
        table.getColumns().add(Tables.column("Token", 70, false, a -> String.valueOf(a.getTokenNumber())));
        table.getColumns().add(Tables.column("Patient", 200, false, a -> a.getPatient().getDisplayName()));
        table.getColumns().add(Tables.column("MRN", 110, false, a -> a.getPatient().getMrn()));
        table.getColumns().add(Tables.column("Booked for", 95, false, a -> ClinicTime.time(a.getStartsAt(), zone)));
        table.getColumns().add(Tables.column("Checked in", 95, false, a -> a.hasCheckedInAt() ? ClinicTime.time(a.getCheckedInAt(), zone) : ""));
        table.getColumns().add(Tables.column("Type", 140, false, Appointment::getTypeName));
        Label empty = new Label("Nobody is waiting for this doctor. Check patients in on the day board.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);

        // Moving a patient: the place and a reason, for the selected row.
        Label selection = new Label();
        selection.setId("reception-queue-selection");
        selection.setMinWidth(Region.USE_PREF_SIZE);
        selection.textProperty().bind(Bindings.createStringBinding(() -> selected()
                .map(a -> "Token " + a.getTokenNumber() + ":").orElse("Select a patient:"), table.getSelectionModel().selectedItemProperty()));
        Spinner<Integer> place = new Spinner<>(1, 99, 1);
        place.setId("reorder-place");
        place.setPrefWidth(80);
        place.setEditable(true);
        place.getValueFactory().valueProperty().addListener((obs, old, now) -> model.toPlaceProperty().set(now == null ? 1 : now));
        model.toPlaceProperty().addListener((obs, old, now) -> place.getValueFactory().setValue(now.intValue()));
        TextField reason = new TextField();
        reason.setId("reorder-reason");
        reason.setPromptText("Reason, e.g. chest pain: urgent");
        reason.textProperty().bindBidirectional(model.reasonProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button move = new Button("_Move");
        move.setId("reorder-move");
        move.getStyleClass().add(Styles.ACCENT);
        move.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        move.setOnAction(e -> selected().ifPresent(model::reorder));
        Button noShow = new Button("Mark _no-show");
        noShow.setId("queue-no-show");
        noShow.getStyleClass().add(Styles.DANGER);
        noShow.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        noShow.setOnAction(e -> selected().ifPresent(model::markNoShow));
        for (Button b : new Button[] {move, noShow}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label toPlace = new Label("move to place");
        toPlace.setMinWidth(Region.USE_PREF_SIZE);
        Label because = new Label("because");
        because.setMinWidth(Region.USE_PREF_SIZE);
        because.setLabelFor(reason);
        HBox reorder = new HBox(8, selection, toPlace, place, because, reason, move, noShow);
        reorder.setAlignment(Pos.CENTER_LEFT);

        Label notice = new Label();
        notice.setId("reception-queue-notice");
        notice.getStyleClass().add(Styles.SUCCESS);
        notice.textProperty().bind(model.noticeProperty());
        Label message = new Label();
        message.setId("reception-queue-message");
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        TableView<QueueReorder> log = new TableView<>(model.reorders());
        log.setId("reorder-log");
        log.setPrefHeight(130);
        log.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        log.getColumns().add(logColumn("When", 70, r -> AT.format(ClinicTime.instant(r.getOccurredAt()).atZone(zone))));
        log.getColumns().add(logColumn("Who", 150, QueueReorder::getActorName));
        log.getColumns().add(logColumn("Token", 70, r -> String.valueOf(r.getTokenNumber())));
        log.getColumns().add(logColumn("Place", 90, r -> r.getFromPlace() + " → " + r.getToPlace()));
        log.getColumns().add(logColumn("Reason", 300, QueueReorder::getReason));
        Label noLog = new Label("No reorders today.");
        noLog.getStyleClass().add(Styles.TEXT_MUTED);
        log.setPlaceholder(noLog);
        Label logTitle = new Label("Reorders today");
        logTitle.getStyleClass().add(Styles.TITLE_4);

        // A reload (after an action, or a live change) replaces the rows; the selection stays on the same patient.
        String[] selectedId = {null};
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                selectedId[0] = now.getAppointmentId();
            }
        });
        model.waiting().addListener((javafx.collections.ListChangeListener<Appointment>) change -> {
            if (selectedId[0] != null && table.getSelectionModel().getSelectedItem() == null) {
                model.waiting().stream().filter(a -> a.getAppointmentId().equals(selectedId[0])).findFirst()
                        .ifPresent(a -> table.getSelectionModel().select(a));
            }
        });

        VBox top = new VBox(10, heading, order, toolbar, serving);
        top.setPadding(new Insets(0, 0, 10, 0));
        VBox bottom = new VBox(8, reorder, Widgets.undoBar(model.undoOfferProperty(), "reception-queue-undo-bar"),
                new HBox(10, notice, message), logTitle, log);
        bottom.setPadding(new Insets(10, 0, 0, 0));
        setTop(top);
        setCenter(table);
        setBottom(bottom);

        Widgets.reloadOnF5AndWhenShown(this, model::reload, model::open);
    }

    private Optional<Appointment> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private static ListCell<Doctor> doctorCell() {
        return new ListCell<>() {
            @Override protected void updateItem(Doctor d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.getDisplayName());
            }
        };
    }

    private static ListCell<Location> locationCell() {
        return new ListCell<>() {
            @Override protected void updateItem(Location l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : l.getName());
            }
        };
    }

    private static TableColumn<QueueReorder, String> logColumn(String title, double width, Function<QueueReorder, String> value) {
        TableColumn<QueueReorder, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }
}
