package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.ClinicNames;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FrontDesk;
import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.staff.v1.Department;

/**
 * The day board page: the day's title and summary, the toolbar (day, location, department,
 * cancelled, refresh, new booking), the {@link DayBoardGrid} of doctors and times, the status
 * legend, and the window-wide shortcuts while it is on screen.
 */
public final class DayBoardView extends BorderPane {

    private final DayBoardViewModel model;
    private final FrontDesk desk;
    private final DayBoardGrid grid;

    public DayBoardView(DayBoardViewModel model, FrontDesk desk) {
        this.model = model;
        this.desk = desk;
        setId("day-board");

        Label title = new Label();
        title.setId("board-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.textProperty().bind(Bindings.createStringBinding(() -> ClinicTime.longDay(model.dateProperty().get())
                + (model.dateProperty().get().equals(model.time().today()) ? "  ·  today" : ""), model.dateProperty()));
        Label summary = Widgets.muted(model.summaryProperty(), "board-summary");
        Region titleSpacer = new Region();
        HBox.setHgrow(titleSpacer, Priority.ALWAYS);
        HBox titleRow = new HBox(12, title, titleSpacer, summary);
        titleRow.setAlignment(Pos.CENTER_LEFT);

        Button previous = new Button("‹");
        previous.setId("day-previous");
        previous.setTooltip(new Tooltip("Previous day (Alt+Left)"));
        previous.setOnAction(e -> model.previousDay());
        DatePicker date = Widgets.datePicker("board-date", model.dateProperty());
        Button next = new Button("›");
        next.setId("day-next");
        next.setTooltip(new Tooltip("Next day (Alt+Right)"));
        next.setOnAction(e -> model.nextDay());
        Button today = new Button("_Today");
        today.setId("day-today");
        today.setOnAction(e -> model.today());
        HBox dayNav = new HBox(0, previous, date, next);
        previous.getStyleClass().add(Styles.LEFT_PILL);
        next.getStyleClass().add(Styles.RIGHT_PILL);
        dayNav.setAlignment(Pos.CENTER_LEFT);

        ComboBox<Location> location = Widgets.combo("board-location", desk.directory().locationChoices(),
                model.locationProperty(), ClinicNames::location);
        location.setPrefWidth(170);
        desk.directory().locations().addListener((ListChangeListener<Location>) c ->
                location.getItems().setAll(desk.directory().locationChoices()));
        ComboBox<Department> department = Widgets.combo("board-department", desk.directory().departmentChoices(),
                model.departmentProperty(), ClinicNames::department);
        department.setPrefWidth(170);
        desk.directory().departments().addListener((ListChangeListener<Department>) c ->
                department.getItems().setAll(desk.directory().departmentChoices()));
        CheckBox released = new CheckBox("Show _cancelled");
        released.setId("show-cancelled");
        released.selectedProperty().bindBidirectional(model.showReleasedProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("board-refresh");
        refresh.setTooltip(new Tooltip("Load the day again (F5)"));
        refresh.setOnAction(e -> model.reload());
        Button book = new Button("_New booking");
        book.setId("new-booking");
        book.setTooltip(new Tooltip("Book an appointment (Ctrl+N)"));
        book.getStyleClass().add(Styles.ACCENT);
        book.setOnAction(e -> openBooking(Optional.empty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, dayNav, today, location, department, released, Widgets.progress(model.busyProperty()),
                spacer, refresh, book);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, titleRow, toolbar, Widgets.problem(model.messageProperty(), "board-message"));
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        grid = new DayBoardGrid(model, desk, () -> openBooking(Optional.empty()));
        setCenter(grid);
        setBottom(new VBox(4, legend(), Widgets.keyHint("board-keys",
                "Ctrl+N new booking · F5 reload · Alt+← / Alt+→ previous / next day · Tab into the board, arrows move, Enter opens")));

        sceneProperty().addListener((obs, old, now) -> shortcuts(old, now));
        desk.onChanged(this::follow);
        desk.directory().ensureLoaded(() -> { });
        model.reload();
        Platform.runLater(() -> grid.scrollToMinute(Math.max(0, grid.nowMinute() - 60)));
    }

    private HBox legend() {
        HBox legend = new HBox(14);
        legend.setId("board-legend");
        legend.setPadding(new Insets(8, 0, 0, 0));
        legend.setAlignment(Pos.CENTER_LEFT);
        for (StatusStyle style : List.of(StatusStyle.PENDING, StatusStyle.CONFIRMED, StatusStyle.CHECKED_IN,
                StatusStyle.IN_CONSULTATION, StatusStyle.COMPLETED, StatusStyle.NO_SHOW, StatusStyle.CANCELLED)) {
            Region swatch = new Region();
            swatch.setPrefSize(14, 14);
            swatch.setMinSize(14, 14);
            swatch.getStyleClass().add("board-swatch");
            style.applyTo(swatch);
            Label label = new Label(style.label());
            label.getStyleClass().add(Styles.TEXT_SMALL);
            legend.getChildren().add(new HBox(5, swatch, label));
            ((HBox) legend.getChildren().getLast()).setAlignment(Pos.CENTER_LEFT);
        }
        Label hint = new Label("Double-click a free time to book · Enter opens · arrows move");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        legend.getChildren().addAll(spacer, hint);
        return legend;
    }

    private void openBooking(Optional<Instant> at) {
        desk.openBooking(new FrontDesk.Prefill(Optional.empty(), Optional.empty(), Optional.of(
                model.dateProperty().get().isBefore(model.time().today()) ? model.time().today() : model.dateProperty().get()), at));
    }

    /** After a booking or a move: show the appointment's day and put the cursor on it. */
    private void follow(Appointment changed) {
        grid.highlight(changed.getAppointmentId());
        var day = model.time().dateOf(changed.getStartsAt());
        if (StatusStyle.holdsTime(changed.getStatus()) && !day.equals(model.dateProperty().get())) {
            model.dateProperty().set(day);
        } else {
            model.reload();
        }
    }

    private final KeyCombination newBooking = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private final KeyCombination reload = new KeyCodeCombination(KeyCode.F5);
    private final KeyCombination previousDay = new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN);
    private final KeyCombination nextDay = new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN);

    /** Window-wide keys while the board is on screen and no sheet is over it. */
    private void shortcuts(Scene old, Scene now) {
        if (old != null) {
            old.getAccelerators().remove(newBooking);
            old.getAccelerators().remove(reload);
            old.getAccelerators().remove(previousDay);
            old.getAccelerators().remove(nextDay);
        }
        if (now != null) {
            now.getAccelerators().put(newBooking, () -> whenFree(() -> openBooking(Optional.empty())));
            now.getAccelerators().put(reload, () -> whenFree(model::reload));
            now.getAccelerators().put(previousDay, () -> whenFree(model::previousDay));
            now.getAccelerators().put(nextDay, () -> whenFree(model::nextDay));
        }
    }

    private void whenFree(Runnable action) {
        if (!isDisabled() && getScene() != null) {
            action.run();
        }
    }
}
