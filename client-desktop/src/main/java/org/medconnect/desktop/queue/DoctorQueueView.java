package org.medconnect.desktop.queue;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.Tables;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.proto.appointment.v1.Appointment;

/** The doctor's queue: the patient being seen, "Call next" and "Complete", and who waits in token order. */
public final class DoctorQueueView extends BorderPane {

    public DoctorQueueView(DoctorQueueViewModel model, java.time.ZoneId zone) {
        this(model, zone, (patientId, name) -> { });
    }

    /** {@code openChart} opens a patient's chart (id, full name): the button, or Enter on a waiting patient. */
    public DoctorQueueView(DoctorQueueViewModel model, java.time.ZoneId zone,
                           java.util.function.BiConsumer<String, String> openChart) {
        setId("doctor-queue-screen");
        Label title = new Label("Queue");
        title.getStyleClass().add(Styles.TITLE_2);
        Label summary = new Label();
        summary.setId("queue-summary");
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(model.summaryProperty());
        HBox heading = new HBox(14, title, summary);
        heading.setAlignment(Pos.BASELINE_LEFT);

        // The patient being seen, in type large enough to read from the desk.
        Label servingCaption = new Label("NOW SEEING");
        servingCaption.getStyleClass().addAll(Styles.TEXT_CAPTION, Styles.TEXT_MUTED);
        Label token = new Label();
        token.setId("queue-serving-token");
        token.getStyleClass().add("queue-token");
        token.setMinWidth(Region.USE_PREF_SIZE);
        token.textProperty().bind(Bindings.createStringBinding(() -> model.servingProperty().get()
                .map(a -> String.valueOf(a.getTokenNumber())).orElse("–"), model.servingProperty()));
        Label who = new Label();
        who.setId("queue-serving-patient");
        who.getStyleClass().add(Styles.TITLE_3);
        who.textProperty().bind(Bindings.createStringBinding(() -> model.servingProperty().get()
                .map(a -> a.getPatient().getDisplayName()).orElse("Nobody in consultation"), model.servingProperty()));
        Label detail = new Label();
        detail.getStyleClass().add(Styles.TEXT_MUTED);
        detail.textProperty().bind(Bindings.createStringBinding(() -> model.servingProperty().get()
                .map(a -> details(a, zone)).orElse("Call the next patient when you are ready."), model.servingProperty()));
        Label announcement = new Label();
        announcement.setId("queue-announcement");
        announcement.getStyleClass().addAll(Styles.TITLE_4, Styles.ACCENT);
        announcement.textProperty().bind(model.announcementProperty());
        VBox servingText = new VBox(2, who, detail, announcement);
        servingText.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(servingText, Priority.ALWAYS);

        Button callNext = new Button("_Call next");
        callNext.setId("queue-call-next");
        callNext.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        callNext.setDefaultButton(true);
        callNext.setTooltip(new javafx.scene.control.Tooltip("Call the next patient in the queue (Enter)"));
        callNext.disableProperty().bind(Bindings.createBooleanBinding(() -> model.busyProperty().get() || !model.canCallNext(),
                model.busyProperty(), model.servingProperty(), model.waiting()));
        callNext.setOnAction(e -> model.callNext());
        Button complete = new Button("C_omplete");
        complete.setId("queue-complete");
        complete.getStyleClass().addAll(Styles.SUCCESS, Styles.LARGE);
        complete.disableProperty().bind(Bindings.createBooleanBinding(() -> model.busyProperty().get()
                || model.servingProperty().get().isEmpty(), model.busyProperty(), model.servingProperty()));
        complete.setOnAction(e -> model.complete());
        Button refresh = new Button("_Refresh");
        refresh.setId("queue-refresh");
        refresh.setOnAction(e -> model.reload());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Button chart = new Button("Open c_hart");
        chart.setId("queue-open-chart");
        chart.setTooltip(new javafx.scene.control.Tooltip("Open the chart of the patient being seen (Enter on a waiting patient opens theirs)"));
        chart.disableProperty().bind(Bindings.createBooleanBinding(() -> model.servingProperty().get().isEmpty(),
                model.servingProperty()));
        chart.setOnAction(e -> model.servingProperty().get().ifPresent(a ->
                openChart.accept(a.getPatient().getPatientId(), a.getPatient().getDisplayName())));
        for (Button b : new Button[] {callNext, complete, refresh, chart}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox actions = new HBox(10, progress, refresh, chart, complete, callNext);
        actions.setAlignment(Pos.CENTER_RIGHT);

        VBox tokenBox = new VBox(0, servingCaption, token);
        tokenBox.setAlignment(Pos.CENTER_LEFT);
        tokenBox.setMinWidth(110);
        HBox card = new HBox(18, tokenBox, servingText, actions);
        card.setId("queue-serving-card");
        card.setAlignment(Pos.CENTER_LEFT);
        card.setPadding(new Insets(14, 18, 14, 18));
        card.getStyleClass().add("queue-card");

        Label message = new Label();
        message.setId("queue-message");
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        TableView<Appointment> table = new TableView<>(model.waiting());
        table.setId("queue-table");
        table.getStyleClass().add(Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(38);
        table.getColumns().add(Tables.column("Place", 60, false, a -> String.valueOf(model.waiting().indexOf(a) + 1)));
        table.getColumns().add(Tables.column("Token", 70, false, a -> String.valueOf(a.getTokenNumber())));
        table.getColumns().add(Tables.column("Patient", 200, false, a -> a.getPatient().getDisplayName()));
        table.getColumns().add(Tables.column("Booked for", 100, false, a -> ClinicTime.time(a.getStartsAt(), zone)));
        table.getColumns().add(Tables.column("Checked in", 100, false, a -> a.hasCheckedInAt() ? ClinicTime.time(a.getCheckedInAt(), zone) : ""));
        table.getColumns().add(Tables.column("Type", 130, false, Appointment::getTypeName));
        table.getColumns().add(Tables.column("Reason for visit", 240, false, Appointment::getReason));
        Label empty = new Label("Nobody is waiting. Checked-in patients appear here in token order.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Appointment selected = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && selected != null) {
                e.consume();
                openChart.accept(selected.getPatient().getPatientId(), selected.getPatient().getDisplayName());
            }
        });
        Label waitingTitle = new Label("Waiting, in the order they will be called: by arrival (token), not appointment time");
        waitingTitle.getStyleClass().add(Styles.TITLE_4);

        VBox top = new VBox(12, heading, card, Widgets.undoBar(model.undoOfferProperty(), "queue-undo-bar"), message, waitingTitle);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);
        setCenter(table);

        Widgets.reloadOnF5AndWhenShown(this, model::reload, model::reload);
    }

    private static String details(Appointment a, java.time.ZoneId zone) {
        StringBuilder b = new StringBuilder("Booked for ").append(ClinicTime.time(a.getStartsAt(), zone));
        if (a.hasCalledAt()) {
            b.append(" · called in at ").append(ClinicTime.time(a.getCalledAt(), zone));
        }
        if (!a.getRoomName().isEmpty()) {
            b.append(" · ").append(a.getRoomName());
        }
        return b.toString();
    }
}
