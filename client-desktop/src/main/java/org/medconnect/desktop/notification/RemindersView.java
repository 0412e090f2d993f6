package org.medconnect.desktop.notification;

import org.medconnect.desktop.platform.Tables;
import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.proto.notification.v1.Reminder;
import org.medconnect.proto.notification.v1.ReminderState;

/** The Reminders screen: every appointment reminder with its state, due time, attempts and last error. */
public final class RemindersView extends BorderPane {

    /** "24 Nov 09:30": short enough for the narrow time columns. */
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm",
            java.util.Locale.ENGLISH);

    private final ZoneId zone;

    public RemindersView(RemindersViewModel model, ZoneId zone) {
        this.zone = zone;
        setId("reminders-screen");
        Label title = new Label("Reminders");
        title.getStyleClass().add(Styles.TITLE_2);
        Label intro = new Label("Reminders go to patients before their appointments. Failed sends are tried again, waiting longer each time.");
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        ComboBox<RemindersViewModel.Filter> filter = new ComboBox<>();
        filter.setId("reminders-filter");
        filter.getItems().setAll(RemindersViewModel.FILTERS);
        filter.valueProperty().bindBidirectional(model.filterProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Label summary = new Label();
        summary.setId("reminders-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(model.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("reminders-refresh");
        refresh.setOnAction(e -> model.reload());
        Button more = new Button("Show _more");
        more.setId("reminders-more");
        more.visibleProperty().bind(model.moreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.disableProperty().bind(model.busyProperty());
        more.setOnAction(e -> model.loadMore());
        HBox toolbar = new HBox(10, filter, progress, summary, more, spacer, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<Reminder> table = new TableView<>(model.reminders());
        table.setId("reminders-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        TableColumn<Reminder, String> due = Tables.column("Due", 105, r -> when(r.getDueAt()));
        TableColumn<Reminder, String> appointment = Tables.column("Appointment", 108, r -> when(r.getAppointmentStartsAt()));
        TableColumn<Reminder, String> patient = Tables.column("Patient", 125, Reminder::getPatientDisplayName);
        TableColumn<Reminder, String> doctor = Tables.column("Doctor", 135, Reminder::getDoctorDisplayName);
        TableColumn<Reminder, String> reference = Tables.column("Ref.", 78, Reminder::getAppointmentReference);
        TableColumn<Reminder, String> state = Tables.column("State", 82, r -> RemindersViewModel.label(r.getState()));
        state.setCellFactory(c -> new StateCell());
        TableColumn<Reminder, String> attempts = Tables.column("Tries", 52, r -> r.getAttempts() == 0 ? "" : Integer.toString(r.getAttempts()));
        TableColumn<Reminder, String> detail = Tables.column("Last error / next try", 260, this::detail);
        detail.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        table.getColumns().addAll(List.of(due, appointment, patient, doctor, reference, state, attempts, detail));
        Label empty = new Label("No reminders in this state.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);

        Label message = new Label();
        message.setId("reminders-message");
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        VBox header = new VBox(8, title, intro, toolbar);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);
        setCenter(table);
        setBottom(message);
        model.reload();
    }

    private String when(com.google.protobuf.Timestamp t) {
        return WHEN.format(ClinicTime.instant(t).atZone(zone));
    }

    private String detail(Reminder r) {
        String next = r.hasNextAttemptAt() && r.getState() == ReminderState.REMINDER_STATE_RETRYING ? "Next try " + when(r.getNextAttemptAt()) : "";
        String sent = r.hasSentAt() ? RemindersViewModel.delivery(r.getChannel(), when(r.getSentAt())) : "";
        String error = r.getLastError();
        return String.join(" · ", java.util.stream.Stream.of(sent, next, error).filter(s -> !s.isEmpty()).toList());
    }

    /** The state as a coloured word: failures red, retries amber, sent green. */
    private static final class StateCell extends TableCell<Reminder, String> {
        private static final java.util.List<String> STATE_CLASSES =
                java.util.List.of("text-danger-bold", "text-warning-bold", "text-success", "text-muted-fg");

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            if (empty || text == null) {
                setText(null);
                getStyleClass().removeAll(STATE_CLASSES);
                return;
            }
            setText(text);
            getStyleClass().removeAll(STATE_CLASSES);
            String style = switch (text) {
                case "Failed" -> "text-danger-bold";
                case "Retrying" -> "text-warning-bold";
                case "Sent" -> "text-success";
                case "Cancelled", "Skipped" -> "text-muted-fg";
                default -> "";
            };
            if (!style.isEmpty()) {
                getStyleClass().add(style);
            }
        }
    }
}
