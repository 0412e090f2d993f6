package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Widgets;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;

/** My day: the doctor's appointments for one day, with start / complete and the video link to copy. */
public final class MyDayView extends BorderPane {

    private final MyDayViewModel model;
    private final TableView<Appointment> table;
    private String selectedId;

    public MyDayView(MyDayViewModel model) {
        this(model, (patientId, fullName) -> { });
    }

    /** {@code openChart} opens a patient's chart (id, full name): the "Open chart" button, or Enter on a row. */
    public MyDayView(MyDayViewModel model, java.util.function.BiConsumer<String, String> openChart) {
        this.model = model;
        setId("my-day-screen");

        Label title = new Label("My day");
        title.getStyleClass().add(Styles.TITLE_2);
        Label day = new Label();
        day.setId("my-day-date");
        day.getStyleClass().add(Styles.TITLE_4);
        day.textProperty().bind(Bindings.createStringBinding(() -> ClinicTime.LONG_DAY.format(model.dateProperty().get())
                + (model.showingToday() ? " (today)" : ""), model.dateProperty()));
        HBox heading = new HBox(14, title, day);
        heading.setAlignment(Pos.BASELINE_LEFT);

        Button previous = new Button("◀ _Previous");
        previous.setId("previous-day");
        previous.setOnAction(e -> model.previousDay());
        Button today = new Button("_Today");
        today.setId("today");
        today.setOnAction(e -> model.today());
        Button next = new Button("_Next ▶");
        next.setId("next-day");
        next.setOnAction(e -> model.nextDay());
        DatePicker picker = org.medconnect.desktop.platform.ClinicDates.picker("my-day-picker", model.dateProperty());
        Button refresh = new Button("_Refresh");
        refresh.setId("my-day-refresh");
        refresh.setOnAction(e -> model.reload());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Label summary = new Label();
        summary.setId("my-day-summary");
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(model.summaryProperty());
        HBox toolbar = new HBox(8, previous, today, next, picker, refresh, progress);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        for (Button b : new Button[] {previous, today, next, refresh}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        previous.setTooltip(new javafx.scene.control.Tooltip("Previous day (Alt+Page Up)"));
        next.setTooltip(new javafx.scene.control.Tooltip("Next day (Alt+Page Down)"));
        refresh.setTooltip(new javafx.scene.control.Tooltip("Refresh (F5)"));

        table = new TableView<>(model.appointments());
        table.setId("my-day-table");
        table.getStyleClass().addAll(Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(40);
        table.getColumns().add(text("Time", 112, a -> ClinicTime.time(a.getStartsAt(), model.zone())
                + "–" + ClinicTime.time(a.getEndsAt(), model.zone())));
        table.getColumns().add(text("Patient", 175, a -> a.getPatient().getDisplayName()));
        table.getColumns().add(text("Type", 115, Appointment::getTypeName));
        table.getColumns().add(statusColumn());
        table.getColumns().add(actionColumn());
        table.getColumns().add(videoColumn());
        table.getColumns().add(text("Reason for visit", 240, Appointment::getReason));
        Label empty = new Label("No appointments on this day.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);

        Button act = new Button();
        act.setId("my-day-act");
        act.getStyleClass().add(Styles.ACCENT);
        act.textProperty().bind(Bindings.createStringBinding(() -> selected()
                .map(a -> MyDayViewModel.actionFor(a.getStatus()).label()).orElse(""), table.getSelectionModel().selectedItemProperty(),
                model.appointments()));
        act.visibleProperty().bind(act.textProperty().isNotEmpty());
        act.disableProperty().bind(model.busyProperty());
        act.setOnAction(e -> selected().ifPresent(model::act));
        Button copy = new Button("Copy video link");
        copy.setId("my-day-copy-link");
        copy.visibleProperty().bind(Bindings.createBooleanBinding(() -> selected().map(a -> !a.getVideoLink().isEmpty()).orElse(false),
                table.getSelectionModel().selectedItemProperty()));
        copy.setOnAction(e -> selected().ifPresent(this::copyLink));
        Button chart = new Button("Open _chart");
        chart.setId("my-day-open-chart");
        chart.visibleProperty().bind(table.getSelectionModel().selectedItemProperty().isNotNull());
        chart.setOnAction(e -> selected().ifPresent(a -> openChart.accept(a.getPatient().getPatientId(), a.getPatient().getDisplayName())));
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && selected().isPresent()) {
                e.consume();
                selected().ifPresent(a -> openChart.accept(a.getPatient().getPatientId(), a.getPatient().getDisplayName()));
            }
        });
        Label selection = new Label();
        selection.getStyleClass().add(Styles.TEXT_MUTED);
        selection.textProperty().bind(Bindings.createStringBinding(() -> selected()
                .map(a -> ClinicTime.time(a.getStartsAt(), model.zone()) + " " + a.getPatient().getDisplayName()
                        + (a.getReference().isEmpty() ? "" : " · " + a.getReference()))
                .orElse("Select an appointment (↑ ↓) to act on it."), table.getSelectionModel().selectedItemProperty(), model.appointments()));
        Label notice = new Label();
        notice.setId("my-day-notice");
        notice.getStyleClass().add(Styles.SUCCESS);
        notice.textProperty().bind(model.noticeProperty());
        Label message = new Label();
        message.setId("my-day-message");
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox footer = new HBox(10, selection, act, chart, copy, notice, message);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(10, 0, 0, 0));
        HBox undoBar = Widgets.undoBar(model.undoOfferProperty(), "my-day-undo-bar");

        // A changed appointment replaces its row; the doctor's selection stays on it, so Start is followed by Complete.
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                selectedId = now.getAppointmentId();
            }
        });
        model.appointments().addListener((javafx.collections.ListChangeListener<Appointment>) change -> {
            if (selectedId != null) {
                model.find(selectedId).filter(a -> a != table.getSelectionModel().getSelectedItem())
                        .ifPresent(a -> table.getSelectionModel().select(a));
            }
        });

        VBox header = new VBox(8, heading, summary, toolbar);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);
        setCenter(table);
        setBottom(new javafx.scene.layout.VBox(6, footer, undoBar));

        setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.ALT_DOWN).match(e)) {
                model.previousDay();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.ALT_DOWN).match(e)) {
                model.nextDay();
                e.consume();
            } else if (e.getCode() == KeyCode.F5) {
                model.reload();
                e.consume();
            }
        });
        // Built once, shown many times: each visit shows the day as it is now.
        parentProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.reload();
            }
        });
    }

    private Optional<Appointment> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void copyLink(Appointment appointment) {
        ClipboardContent content = new ClipboardContent();
        content.putString(appointment.getVideoLink());
        Clipboard.getSystemClipboard().setContent(content);
        model.noticeProperty().set("Video link for " + appointment.getPatient().getDisplayName() + " copied.");
    }

    private TableColumn<Appointment, AppointmentStatus> statusColumn() {
        TableColumn<Appointment, AppointmentStatus> column = new TableColumn<>("Status");
        column.setPrefWidth(140);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getStatus()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(AppointmentStatus status, boolean empty) {
                super.updateItem(status, empty);
                setText(null);
                setGraphic(empty || status == null ? null : StatusStyle.badge(status));
            }
        });
        return column;
    }

    private TableColumn<Appointment, Appointment> actionColumn() {
        TableColumn<Appointment, Appointment> column = new TableColumn<>("Next step");
        column.setPrefWidth(150);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button();
            {
                button.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
                button.setFocusTraversable(false); // the keyboard uses the button under the table
                button.disableProperty().bind(model.busyProperty());
                button.setOnAction(e -> {
                    if (getItem() != null) {
                        model.act(getItem());
                    }
                });
            }
            @Override protected void updateItem(Appointment appointment, boolean empty) {
                super.updateItem(appointment, empty);
                MyDayViewModel.Action action = empty || appointment == null ? MyDayViewModel.Action.NONE
                        : MyDayViewModel.actionFor(appointment.getStatus());
                if (action == MyDayViewModel.Action.NONE) {
                    setGraphic(null);
                } else {
                    button.setText(action.label());
                    button.setId("act-" + appointment.getAppointmentId());
                    setGraphic(button);
                }
            }
        });
        return column;
    }

    private TableColumn<Appointment, Appointment> videoColumn() {
        TableColumn<Appointment, Appointment> column = new TableColumn<>("Video visit");
        column.setPrefWidth(175);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Label link = new Label();
            private final Button copy = new Button("Copy");
            private final HBox box = new HBox(6, link, copy);
            {
                link.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.ACCENT);
                link.setMaxWidth(105);
                link.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
                copy.getStyleClass().addAll(Styles.SMALL, Styles.BUTTON_OUTLINED);
                copy.setFocusTraversable(false);
                copy.setMinWidth(Region.USE_PREF_SIZE);
                copy.setOnAction(e -> {
                    if (getItem() != null) {
                        copyLink(getItem());
                    }
                });
                box.setAlignment(Pos.CENTER_LEFT);
            }
            @Override protected void updateItem(Appointment appointment, boolean empty) {
                super.updateItem(appointment, empty);
                if (empty || appointment == null || appointment.getVideoLink().isEmpty()) {
                    setGraphic(null);
                } else {
                    link.setText(appointment.getVideoLink());
                    link.setTooltip(new javafx.scene.control.Tooltip(appointment.getVideoLink()));
                    setGraphic(box);
                }
            }
        });
        return column;
    }

    /** A text column whose cells show their whole text as a tooltip when it is cut short. */
    static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.length() < 24 ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        return column;
    }
}
