package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Widgets;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.proto.appointment.v1.Appointment;

/** Week: seven day columns with each day's appointments and how many there are. */
public final class WeekView extends BorderPane {

    private final WeekViewModel model;
    private final GridPane grid = new GridPane();

    public WeekView(WeekViewModel model) {
        this.model = model;
        setId("week-screen");
        Label title = new Label("Week");
        title.getStyleClass().add(Styles.TITLE_2);
        Label range = new Label();
        range.setId("week-range");
        range.getStyleClass().add(Styles.TITLE_4);
        range.textProperty().bind(Bindings.createStringBinding(() -> ClinicTime.SHORT_DAY.format(model.firstDayProperty().get())
                + " – " + ClinicTime.SHORT_DAY.format(model.firstDayProperty().get().plusDays(WeekViewModel.DAYS - 1)),
                model.firstDayProperty()));
        HBox heading = new HBox(14, title, range);
        heading.setAlignment(Pos.BASELINE_LEFT);

        Button previous = new Button("◀ _Previous 7 days");
        previous.setId("previous-week");
        previous.setOnAction(e -> model.previousWeek());
        Button today = new Button("From _today");
        today.setId("this-week");
        today.setOnAction(e -> model.thisWeek());
        Button next = new Button("_Next 7 days ▶");
        next.setId("next-week");
        next.setOnAction(e -> model.nextWeek());
        Button refresh = new Button("_Refresh");
        refresh.setOnAction(e -> model.reload());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Label summary = new Label();
        summary.setId("week-summary");
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(model.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, previous, today, next, refresh, progress, spacer, summary);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        grid.setId("week-grid");
        grid.setHgap(6);
        for (int i = 0; i < WeekViewModel.DAYS; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / WeekViewModel.DAYS);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
        }
        RowConstraints row = new RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        grid.getRowConstraints().add(row);
        model.days().addListener((javafx.collections.ListChangeListener<WeekViewModel.Day>) c -> fill());
        fill();

        Label message = new Label();
        message.setId("week-message");
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());

        VBox header = new VBox(10, heading, toolbar);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);
        setCenter(grid);
        setBottom(message);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, model::reload);
    }

    private void fill() {
        grid.getChildren().clear();
        // As many equal columns as days shown (empty weekend days are left out).
        int columns = Math.max(1, model.days().size());
        grid.getColumnConstraints().clear();
        for (int c = 0; c < columns; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / columns);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
        }
        int i = 0;
        for (WeekViewModel.Day day : model.days()) {
            grid.add(column(day), i++, 0);
        }
    }

    private VBox column(WeekViewModel.Day day) {
        boolean today = model.isToday(day.date());
        Label name = new Label(ClinicTime.SHORT_DAY.format(day.date()));
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label count = new Label((today ? "Today · " : "") + (day.count() == 0 ? "nothing booked" : day.count() + " booked"));
        count.setId("week-count-" + day.date());
        count.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox head = new VBox(0, name, count);
        head.setPadding(new Insets(6, 8, 6, 8));
        head.getStyleClass().add("week-day-head");
        if (today) {
            head.getStyleClass().add("today");
        }
        VBox cards = new VBox(4);
        cards.setPadding(new Insets(6));
        for (Appointment appointment : day.appointments()) {
            cards.getChildren().add(card(appointment));
        }
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("week-day-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox column = new VBox(head, scroll);
        column.setId("week-day-" + day.date());
        column.getStyleClass().add("week-day");
        if (today) {
            column.getStyleClass().add("today");
        }
        return column;
    }

    private VBox card(Appointment appointment) {
        Label time = new Label(ClinicTime.time(appointment.getStartsAt(), model.zone()));
        time.getStyleClass().add(Styles.TEXT_BOLD);
        Label patient = new Label(appointment.getPatient().getDisplayName());
        patient.setWrapText(true);
        String typeName = appointment.getTypeName();
        boolean saysVideo = typeName.toLowerCase(java.util.Locale.ROOT).contains("video");
        Label type = new Label(typeName + (appointment.getVideoLink().isEmpty() || saysVideo ? "" : " · video"));
        type.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        type.setWrapText(true);
        VBox card = new VBox(1, time, patient, type);
        // Confirmed is the usual case; only the others get a badge, the coloured edge tells the rest.
        if (appointment.getStatus() != org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED) {
            card.getChildren().add(StatusStyle.badge(appointment.getStatus()));
        }
        card.setPadding(new Insets(4, 6, 4, 6));
        card.getStyleClass().add("week-card");
        StatusStyle.of(appointment.getStatus()).applyTo(card);
        return card;
    }
}
