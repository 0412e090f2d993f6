package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Widgets;
import atlantafx.base.theme.Styles;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.proto.appointment.v1.Appointment;

/** Requests: bookings waiting for the doctor to accept or decline. */
public final class RequestsView extends BorderPane {

    private final RequestsViewModel model;
    private final Dialogs dialogs;
    private final TableView<Appointment> table;

    public RequestsView(RequestsViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        setId("requests-screen");

        Label title = new Label("Requests");
        title.getStyleClass().add(Styles.TITLE_2);
        Label explain = new Label();
        explain.setId("requests-count");
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        explain.textProperty().bind(Bindings.createStringBinding(() -> switch (model.countProperty().get()) {
            case 0 -> "Nothing waiting for you in the next " + RequestsViewModel.DAYS_AHEAD + " days.";
            case 1 -> "1 booking in the next " + RequestsViewModel.DAYS_AHEAD + " days waits for you to accept or decline it.";
            default -> model.countProperty().get() + " bookings in the next " + RequestsViewModel.DAYS_AHEAD
                    + " days wait for you to accept or decline them.";
        }, model.countProperty()));
        Button refresh = new Button("_Refresh");
        refresh.setId("requests-refresh");
        refresh.setOnAction(e -> model.reload());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, explain, spacer, progress, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        table = new TableView<>(model.requests());
        table.setId("requests-table");
        table.getStyleClass().addAll(Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(36);
        table.getColumns().add(MyDayView.text("Day", 105, a -> ClinicTime.SHORT_DAY.format(
                ClinicTime.instant(a.getStartsAt()).atZone(model.zone()))));
        table.getColumns().add(MyDayView.text("Time", 112, a -> ClinicTime.time(a.getStartsAt(), model.zone())
                + "–" + ClinicTime.time(a.getEndsAt(), model.zone())));
        table.getColumns().add(MyDayView.text("Patient", 170, a -> a.getPatient().getDisplayName()));
        table.getColumns().add(MyDayView.text("Type", 120, Appointment::getTypeName));
        table.getColumns().add(MyDayView.text("Location", 175, Appointment::getLocationName));
        table.getColumns().add(visitColumn());
        table.getColumns().add(MyDayView.text("Reason for visit", 220, Appointment::getReason));
        Label empty = new Label("No requests waiting. Bookings that need your confirmation show up here.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);

        Button accept = new Button("_Accept");
        accept.setId("accept-request");
        accept.getStyleClass().add(Styles.SUCCESS);
        accept.setOnAction(e -> selected().ifPresent(model::accept));
        Button decline = new Button("_Decline…");
        decline.setId("decline-request");
        decline.getStyleClass().add(Styles.DANGER);
        decline.setOnAction(e -> selected().ifPresent(this::openDecline));
        for (Button b : new Button[] {accept, decline}) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        }
        ContextMenu menu = new ContextMenu();
        MenuItem acceptItem = new MenuItem("Accept");
        acceptItem.setOnAction(e -> accept.fire());
        MenuItem declineItem = new MenuItem("Decline…");
        declineItem.setOnAction(e -> decline.fire());
        menu.getItems().addAll(acceptItem, declineItem);
        table.setContextMenu(menu);
        Label notice = new Label();
        notice.setId("requests-notice");
        notice.getStyleClass().add(Styles.SUCCESS);
        notice.textProperty().bind(model.noticeProperty());
        Label message = new Label();
        message.setId("requests-message");
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox footer = new HBox(10, accept, decline, notice, message);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(10, 0, 0, 0));

        VBox header = new VBox(8, title, toolbar);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);
        setCenter(table);
        setBottom(footer);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, model::reload);
    }

    private Optional<Appointment> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    /** A small coloured tag saying whether the request is for a video visit, so the doctor sees it at a glance. */
    private TableColumn<Appointment, Appointment> visitColumn() {
        TableColumn<Appointment, Appointment> column = new TableColumn<>("Visit");
        column.setPrefWidth(80);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(Appointment appointment, boolean empty) {
                super.updateItem(appointment, empty);
                setText(empty || appointment == null ? null : appointment.getVideoLink().isEmpty() ? "In person" : "Video");
            }
        });
        return column;
    }

    private void openDecline(Appointment appointment) {
        DeclineViewModel form = model.decline(appointment);
        TextField reason = new TextField();
        reason.setId("decline-reason");
        reason.setPromptText("e.g. Please book with Dr Adeyemi, who treats this");
        reason.textProperty().bindBidirectional(form.reasonProperty());
        FormGrid grid = new FormGrid(80, 340);
        grid.add("Reason", reason, form.reasonErrorProperty());
        Label who = new Label(model.describe(appointment) + (appointment.getTypeName().isEmpty() ? "" : " · " + appointment.getTypeName()));
        who.setWrapText(true);
        Label note = new Label("The time is freed for other patients. Reception sees the reason and tells the patient.");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Button cancel = new Button("Cancel");
        cancel.setId("decline-cancel");
        Button save = new Button("Decline request");
        save.setId("decline-save");
        save.setOnAction(e -> form.decline());
        HBox actions = Widgets.formActions(form.busyProperty(), cancel, save);
        save.getStyleClass().remove(Styles.ACCENT);
        save.getStyleClass().add(Styles.DANGER);
        VBox card = new VBox(12, Widgets.title("Decline this request?", "decline-title"), who, grid.node(), note,
                Widgets.problem(form.messageProperty(), "decline-message"), actions);
        card.setId("decline-sheet");
        card.setPadding(new Insets(24));
        card.setPrefWidth(500);
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        cancel.setOnAction(e -> sheet.close());
        form.onDeclined(declined -> {
            sheet.close();
            model.declined(declined);
        });
        Platform.runLater(reason::requestFocus);
    }
}
