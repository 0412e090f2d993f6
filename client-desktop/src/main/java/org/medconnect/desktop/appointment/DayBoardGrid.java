package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FrontDesk;
import atlantafx.base.theme.Styles;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.medconnect.proto.appointment.v1.Appointment;
/**
 * The day board's scrolling grid: doctors across, time down in quarter hours, each appointment a
 * block in its status colour, with a header row and a time gutter that follow the scrolling.
 * Click a block (or Enter on it) for its details; double-click an empty cell (or Enter on it) to
 * book that doctor at that time. Arrow keys move the cell cursor. {@link DayBoardView} is the page
 * around it (title, toolbar, legend, shortcuts).
 */
final class DayBoardGrid extends GridPane {

    static final double ROW_HEIGHT = 22;
    static final double GUTTER = 58;
    static final double HEADER = 44;
    /** Narrow enough for ten doctors side by side on a 1366-pixel screen; names wrap rather than cut. */
    static final double MIN_COLUMN = 100;
    /** Below this column width a block shows the surname first, so two "Jane S…" never look alike. */
    static final double SURNAME_FIRST_BELOW = 150;

    private final DayBoardViewModel model;
    private final FrontDesk desk;
    private final Runnable bookAnyDoctor;
    private final Pane header = new Pane();
    private final Pane gutter = new Pane();
    private final Pane body = new Pane();
    private final Pane lines = new Pane();
    private final Region cursor = new Region();
    private final Region nowLine = new Region();
    private final ScrollPane scroller = new ScrollPane(body);
    private final Label empty = new Label();
    private final List<Region> blocks = new ArrayList<>();
    private double columnWidth = MIN_COLUMN;
    private int cursorColumn;
    private int cursorRow;
    private String highlight = "";
    private double readerV;
    private double readerH;
    private boolean cursorPlacedByHand;

    DayBoardGrid(DayBoardViewModel model, FrontDesk desk, Runnable bookAnyDoctor) {
        this.model = model;
        this.desk = desk;
        this.bookAnyDoctor = bookAnyDoctor;
        Region corner = new Region();
        corner.getStyleClass().addAll("board-frame", "board-corner");
        header.setId("board-header");
        Pane headerClip = clipped(header);
        headerClip.setMinHeight(HEADER);
        headerClip.setPrefHeight(HEADER);
        headerClip.getStyleClass().addAll("board-frame", "board-header-strip");
        Pane gutterClip = clipped(gutter);
        gutterClip.getStyleClass().addAll("board-frame", "board-gutter");

        body.setId("board-body");
        body.getStyleClass().add("board-body");
        lines.setMouseTransparent(true);
        body.setFocusTraversable(true);
        body.setAccessibleRole(AccessibleRole.TABLE_VIEW);
        body.setAccessibleText("Day board. Arrow keys move between doctors and times; Enter opens or books.");
        cursor.setId("board-cursor");
        cursor.setMouseTransparent(true);
        cursor.setManaged(false); // placed by hand; the Pane must not resize it to its (empty) preferred size
        cursor.getStyleClass().add("board-cursor");
        cursor.visibleProperty().bind(body.focusedProperty());
        nowLine.setMouseTransparent(true);
        nowLine.setManaged(false);
        nowLine.getStyleClass().add("board-now-line");
        nowLine.setPrefHeight(2);
        body.getChildren().addAll(lines, cursor, nowLine);
        body.setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY || e.getTarget() != body && e.getTarget() != lines) {
                return;
            }
            cursorPlacedByHand = true;
            body.requestFocus();
            int column = (int) Math.floor(e.getX() / columnWidth);
            Optional<Integer> row = model.layoutProperty().get().rowAt(e.getY() / ROW_HEIGHT * DayBoardLayout.ROW_MINUTES);
            if (column < 0 || column >= model.layoutProperty().get().columns().size() || row.isEmpty()) {
                return;
            }
            moveCursor(column, row.get());
            if (e.getClickCount() == 2) {
                bookAtCursor();
            }
        });
        body.setOnKeyPressed(e -> {
            DayBoardLayout layout = model.layoutProperty().get();
            switch (e.getCode()) {
                case UP -> moveCursor(cursorColumn, cursorRow - 1);
                case DOWN -> moveCursor(cursorColumn, cursorRow + 1);
                case LEFT -> moveCursor(cursorColumn - 1, cursorRow);
                case RIGHT -> moveCursor(cursorColumn + 1, cursorRow);
                case PAGE_UP -> moveCursor(cursorColumn, cursorRow - 8);
                case PAGE_DOWN -> moveCursor(cursorColumn, cursorRow + 8);
                case HOME -> moveCursor(cursorColumn, 0);
                case END -> moveCursor(cursorColumn, layout.rows() - 1);
                case ENTER, SPACE -> blockAtCursor().ifPresentOrElse(desk::openDetails, this::bookAtCursor);
                default -> {
                    return;
                }
            }
            e.consume();
        });
        scroller.setId("board-scroller");
        scroller.setFocusTraversable(false);
        scroller.getStyleClass().add("board-scroller");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setId("board-empty");
        empty.setWrapText(true);
        empty.setMouseTransparent(true);
        StackPane center = new StackPane(scroller, empty);

        ColumnConstraints gutterColumn = new ColumnConstraints(GUTTER, GUTTER, GUTTER);
        ColumnConstraints main = new ColumnConstraints();
        main.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(gutterColumn, main);
        RowConstraints headerRow = new RowConstraints(HEADER, HEADER, HEADER);
        RowConstraints mainRow = new RowConstraints();
        mainRow.setVgrow(Priority.ALWAYS);
        getRowConstraints().addAll(headerRow, mainRow);
        add(corner, 0, 0);
        add(headerClip, 1, 0);
        add(gutterClip, 0, 1);
        add(center, 1, 1);

        model.layoutProperty().addListener((obs, old, now) -> {
            rebuild();
            highlight = ""; // a fresh load has shown (or not) what it was looking for
        });
        scroller.viewportBoundsProperty().addListener((obs, old, now) -> {
            if (old == null || old.getWidth() != now.getWidth()) {
                rebuild();
            }
        });
        scroller.hvalueProperty().addListener(o -> syncHeaders());
        scroller.vvalueProperty().addListener(o -> syncHeaders());
        // Tabbing into the board must not jump: the scroll pane would scroll the focused (whole-day) body into
        // view. Keep where the reader was, and start the cursor at the first row they can see.
        scroller.vvalueProperty().addListener((obs, old, now) -> {
            if (!body.isFocused()) {
                readerV = now.doubleValue();
            }
        });
        scroller.hvalueProperty().addListener((obs, old, now) -> {
            if (!body.isFocused()) {
                readerH = now.doubleValue();
            }
        });
        body.focusedProperty().addListener((obs, was, now) -> {
            if (now && !cursorPlacedByHand) {
                double v = readerV;
                double h = readerH;
                Runnable restore = () -> {
                    scroller.setVvalue(v);
                    scroller.setHvalue(h);
                    moveCursor(cursorColumn, firstVisibleRow());
                };
                restore.run();
                Platform.runLater(restore);
            }
            cursorPlacedByHand = false;
        });
    }


    private static Pane clipped(Pane inner) {
        Pane outer = new Pane(inner);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(outer.widthProperty());
        clip.heightProperty().bind(outer.heightProperty());
        outer.setClip(clip);
        outer.setMinSize(0, 0);
        return outer;
    }

    /** After a booking or a move: put the cursor on this appointment once the board shows it. */
    void highlight(String appointmentId) {
        highlight = appointmentId;
    }

    private void rebuild() {
        DayBoardLayout layout = model.layoutProperty().get();
        int columns = layout.columns().size();
        Bounds viewport = scroller.getViewportBounds();
        double available = viewport == null || viewport.getWidth() <= 0 ? 900 : viewport.getWidth();
        columnWidth = columns == 0 ? available : Math.max(MIN_COLUMN, Math.floor(available / columns));
        double width = Math.max(available, columns * columnWidth);
        double height = layout.rows() * ROW_HEIGHT;
        body.setPrefSize(columns * columnWidth, height);
        body.setMinSize(columns * columnWidth, height);
        body.setMaxSize(columns * columnWidth, height);
        drawLines(layout, columns, height);

        header.getChildren().clear();
        for (int c = 0; c < columns; c++) {
            DayBoardLayout.Column column = layout.columns().get(c);
            // Ten doctors at 1366 leave about 100 pixels a column: the name then goes surname first on up to two
            // lines (the specialty moves to the tooltip), so "Dr Samuel Adeyemi" is never "Dr Samu…".
            boolean narrow = columnWidth < SURNAME_FIRST_BELOW;
            Label name = new Label(narrow ? headerName(column.name()) : column.name());
            name.getStyleClass().addAll(Styles.TEXT_BOLD, "board-column-name");
            name.setWrapText(narrow);
            if (narrow) {
                // The header pane sizes the cell to its one-line preferred height: give the name its two lines.
                name.getStyleClass().add("board-column-name-narrow");
                name.setMinHeight(HEADER - 4);
                name.setPrefHeight(HEADER - 4);
                name.setMaxHeight(HEADER - 4);
                name.setAlignment(Pos.CENTER_LEFT);
            }
            Label detail = new Label(column.detail());
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            VBox cell = narrow ? new VBox(0, name) : new VBox(0, name, detail);
            cell.getStyleClass().add("board-column-header");
            cell.setAlignment(Pos.CENTER_LEFT);
            cell.setPadding(narrow ? new Insets(1, 6, 1, 6) : new Insets(2, 8, 2, 8));
            cell.setLayoutX(c * columnWidth);
            cell.setPrefSize(columnWidth, HEADER - 2);
            cell.resize(columnWidth, HEADER - 2);
            name.setMaxWidth(columnWidth - (narrow ? 12 : 16));
            detail.setMaxWidth(columnWidth - 16);
            Tooltip.install(cell, new Tooltip(column.name() + (column.detail().isBlank() ? "" : "\n" + column.detail())));
            header.getChildren().add(cell);
        }
        header.setPrefWidth(width);

        gutter.getChildren().clear();
        for (int row = 0; row < layout.rows(); row++) {
            LocalTime at = layout.timeOfRow(row);
            if (at.getMinute() % 30 != 0) {
                continue;
            }
            Label time = new Label(ClinicTime.hhmm(at));
            time.getStyleClass().add(at.getMinute() == 0 ? Styles.TEXT_BOLD : Styles.TEXT_MUTED);
            time.getStyleClass().add(Styles.TEXT_SMALL);
            time.setLayoutX(8);
            time.setLayoutY(row * ROW_HEIGHT + 1);
            gutter.getChildren().add(time);
        }
        gutter.setPrefHeight(height);

        body.getChildren().removeAll(blocks);
        blocks.clear();
        for (DayBoardLayout.Block block : layout.blocks()) {
            Region node = blockNode(block);
            blocks.add(node);
        }
        body.getChildren().addAll(blocks);
        cursor.toFront();
        nowLine.toFront();

        int nowMinute = nowMinute() - layout.firstMinute();
        boolean showNow = model.dateProperty().get().equals(model.time().today()) && nowMinute >= 0
                && nowMinute <= layout.lastMinute() - layout.firstMinute() && columns > 0;
        nowLine.setVisible(showNow);
        nowLine.resizeRelocate(0, nowMinute / (double) DayBoardLayout.ROW_MINUTES * ROW_HEIGHT - 1, columns * columnWidth, 2);

        empty.setText(columns == 0 ? (model.busyProperty().get() ? "" : "No doctors match these filters.") : "");
        empty.setVisible(columns == 0);
        if (!highlight.isEmpty()) {
            String wanted = highlight;
            layout.blocks().stream().filter(b -> b.appointment().getAppointmentId().equals(wanted)).findFirst().ifPresent(b -> {
                cursorColumn = b.column();
                cursorRow = b.startMinute() / DayBoardLayout.ROW_MINUTES;
                Platform.runLater(() -> {
                    moveCursor(b.column(), b.startMinute() / DayBoardLayout.ROW_MINUTES);
                    whenEnabled(() -> {
                        moveCursor(b.column(), b.startMinute() / DayBoardLayout.ROW_MINUTES);
                        cursorPlacedByHand = !body.isFocused();
                        body.requestFocus();
                    });
                });
            });
        }
        cursorColumn = Math.min(cursorColumn, Math.max(0, columns - 1));
        cursorRow = Math.min(cursorRow, Math.max(0, layout.rows() - 1));
        placeCursor();
        syncHeaders();
    }

    /** A doctor's name for a narrow column header: surname first, without the title every column shares. */
    static String headerName(String doctorName) {
        String name = doctorName.strip().replaceFirst("^(?i)dr\\.?\\s+", "");
        return DayBoardLayout.surnameFirst(name);
    }

    /** Column stripes and the quarter-hour, hour and column rules under the blocks; colours in medconnect.css. */
    private void drawLines(DayBoardLayout layout, int columns, double height) {
        double width = columns * columnWidth;
        lines.getChildren().clear();
        lines.resize(Math.max(1, width), Math.max(1, height));
        for (int c = 0; c < columns; c++) {
            if (c % 2 == 1) {
                lines.getChildren().add(rule("board-column-stripe", c * columnWidth, 0, columnWidth, height));
            }
        }
        for (int row = 0; row <= layout.rows(); row++) {
            LocalTime at = row == layout.rows() ? LocalTime.MIDNIGHT : layout.timeOfRow(row);
            double y = Math.floor(row * ROW_HEIGHT);
            lines.getChildren().add(rule(at.getMinute() == 0 ? "board-line-hour" : "board-line-quarter", 0, y, width, 1));
        }
        for (int c = 1; c < columns; c++) {
            double x = Math.floor(c * columnWidth);
            lines.getChildren().add(rule("board-line-column", x, 0, 1, height));
        }
    }

    private static Region rule(String styleClass, double x, double y, double w, double h) {
        Region rule = new Region();
        rule.getStyleClass().add(styleClass);
        rule.setManaged(false);
        rule.resizeRelocate(x, y, w, h);
        return rule;
    }

    private Region blockNode(DayBoardLayout.Block block) {
        Appointment a = block.appointment();
        StatusStyle style = block.style();
        ClinicTime time = model.time();
        double laneWidth = (columnWidth - 6) / block.lanes();
        double x = block.column() * columnWidth + 3 + block.lane() * laneWidth;
        double y = block.startMinute() / (double) DayBoardLayout.ROW_MINUTES * ROW_HEIGHT + 1;
        double h = Math.max(ROW_HEIGHT - 2, block.minutes() / (double) DayBoardLayout.ROW_MINUTES * ROW_HEIGHT - 2);
        double w = laneWidth - (block.lanes() > 1 ? 2 : 0);

        Label name = new Label();
        name.getStyleClass().add("board-block-name");
        Label line = new Label(time.timeRange(a.getStartsAt(), a.getEndsAt()) + " · " + a.getTypeName());
        line.getStyleClass().add("board-block-detail");
        line.getStyleClass().add(Styles.TEXT_SMALL);
        VBox box = new VBox(0);
        String patient = w < SURNAME_FIRST_BELOW ? DayBoardLayout.surnameFirst(a.getPatient().getDisplayName())
                : a.getPatient().getDisplayName();
        if (h < ROW_HEIGHT * 1.5) {
            // One line in a narrow column: surname and initial, so the surname is never the part that is cut.
            name.setText(w < SURNAME_FIRST_BELOW ? DayBoardLayout.surnameAndInitial(a.getPatient().getDisplayName())
                    : time.time(a.getStartsAt()) + "  " + patient);
            box.getChildren().add(name);
            box.setAlignment(Pos.CENTER_LEFT);
        } else if (h < ROW_HEIGHT * 2.5) {
            // Two lines of name beat one line of name and one of detail: the detail is in the tooltip.
            name.setText(patient);
            name.setWrapText(true);
            box.getChildren().add(name);
        } else {
            name.setText(patient);
            name.setWrapText(true);
            box.getChildren().addAll(name, line);
            if (h >= ROW_HEIGHT * 3 - 2) {
                Label status = new Label(style.label());
                status.getStyleClass().add(Styles.TEXT_SMALL);
                status.getStyleClass().add("board-block-detail");
                box.getChildren().add(status);
            }
        }
        for (var child : box.getChildren()) {
            ((Label) child).setMaxWidth(w - 10);
            ((Label) child).setMinWidth(0);
        }
        box.setPadding(new Insets(1, 4, 1, 6));
        box.getStyleClass().add("board-block");
        box.setUserData(a);
        style.applyTo(box);
        box.setId("block-" + a.getAppointmentId());
        box.setAccessibleRole(AccessibleRole.BUTTON);
        String words = a.getPatient().getDisplayName() + ", " + time.timeRange(a.getStartsAt(), a.getEndsAt()) + ", "
                + a.getTypeName() + ", " + a.getDoctorName() + ", " + style.label();
        box.setAccessibleText(words);
        Tooltip tip = new Tooltip(a.getPatient().getDisplayName() + "\n" + time.timeRange(a.getStartsAt(), a.getEndsAt())
                + " · " + a.getTypeName() + "\n" + a.getDoctorName() + (a.getLocationName().isBlank() ? "" : " · " + a.getLocationName())
                + "\n" + style.label() + (a.getReference().isBlank() ? "" : " · " + a.getReference()));
        tip.setShowDelay(javafx.util.Duration.millis(400));
        Tooltip.install(box, tip);
        box.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                e.consume();
                moveCursor(block.column(), block.startMinute() / DayBoardLayout.ROW_MINUTES);
                cursorPlacedByHand = true;
                body.requestFocus();
                desk.openDetails(a);
            }
        });
        box.resizeRelocate(x, y, w, h);
        box.setPrefSize(w, h);
        box.setMinSize(w, h);
        box.setMaxSize(w, h);
        box.setLayoutX(x);
        box.setLayoutY(y);
        return box;
    }

    private void moveCursor(int column, int row) {
        DayBoardLayout layout = model.layoutProperty().get();
        if (layout.columns().isEmpty()) {
            return;
        }
        cursorColumn = Math.max(0, Math.min(layout.columns().size() - 1, column));
        cursorRow = Math.max(0, Math.min(layout.rows() - 1, row));
        placeCursor();
        scrollIntoView(cursorColumn * columnWidth, cursorRow * ROW_HEIGHT, columnWidth, ROW_HEIGHT);
    }

    private void placeCursor() {
        cursor.resizeRelocate(cursorColumn * columnWidth + 1, cursorRow * ROW_HEIGHT, columnWidth - 2, ROW_HEIGHT);
        blockAtCursor().ifPresent(a -> { });
    }

    /** The appointment (not a cancelled one, when another holds the time) under the cell cursor. */
    private Optional<Appointment> blockAtCursor() {
        DayBoardLayout layout = model.layoutProperty().get();
        int minute = cursorRow * DayBoardLayout.ROW_MINUTES;
        return layout.blocksOf(cursorColumn).stream()
                .filter(b -> b.startMinute() <= minute && minute < b.startMinute() + Math.max(b.minutes(), DayBoardLayout.ROW_MINUTES))
                .sorted((p, q) -> Boolean.compare(p.style().faded(), q.style().faded()))
                .map(DayBoardLayout.Block::appointment).findFirst();
    }

    private void bookAtCursor() {
        DayBoardLayout layout = model.layoutProperty().get();
        if (layout.columns().isEmpty()) {
            bookAnyDoctor.run();
            return;
        }
        DayBoardLayout.Column column = layout.columns().get(cursorColumn);
        LocalTime at = layout.timeOfRow(cursorRow);
        ZonedDateTime start = model.dateProperty().get().atTime(at).atZone(model.time().zone());
        desk.openBooking(new FrontDesk.Prefill(Optional.empty(), Optional.of(column.doctorId()),
                Optional.of(model.dateProperty().get()), Optional.of(start.toInstant())));
    }

    /**
     * Runs {@code focus} now, or once the sheet over the board (the booking's reference, the moved appointment)
     * is closed: the keyboard user then finds the cursor, and the focus, on what they just booked or moved.
     */
    private void whenEnabled(Runnable focus) {
        if (!isDisabled()) {
            focus.run();
            return;
        }
        javafx.beans.value.ChangeListener<Boolean> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (!now) {
                    disabledProperty().removeListener(this);
                    Platform.runLater(focus); // after the sheet has gone and taken its focus with it
                }
            }
        };
        disabledProperty().addListener(once);
    }

    /** The first quarter-hour row the reader sees at the top of the board. */
    int firstVisibleRow() {
        Bounds viewport = scroller.getViewportBounds();
        double contentH = body.getPrefHeight();
        double top = viewport == null ? 0 : scroller.getVvalue() * Math.max(0, contentH - viewport.getHeight());
        return (int) Math.ceil(top / ROW_HEIGHT);
    }

    /** The focused cell, for tests: column and row. */
    int[] cursorCell() {
        return new int[] {cursorColumn, cursorRow};
    }

    int nowMinute() {
        ZonedDateTime now = model.time().local(model.time().now());
        return now.getHour() * 60 + now.getMinute();
    }

    void scrollToMinute(int minuteOfDay) {
        DayBoardLayout layout = model.layoutProperty().get();
        double y = (minuteOfDay - layout.firstMinute()) / (double) DayBoardLayout.ROW_MINUTES * ROW_HEIGHT;
        double content = body.getHeight() > 0 ? body.getHeight() : layout.rows() * ROW_HEIGHT;
        double viewport = scroller.getViewportBounds().getHeight();
        if (content > viewport && y > 0) {
            scroller.setVvalue(Math.min(1, y / (content - viewport)));
        }
    }

    private void scrollIntoView(double x, double y, double w, double h) {
        Bounds viewport = scroller.getViewportBounds();
        double contentW = body.getPrefWidth();
        double contentH = body.getPrefHeight();
        double left = scroller.getHvalue() * Math.max(0, contentW - viewport.getWidth());
        double top = scroller.getVvalue() * Math.max(0, contentH - viewport.getHeight());
        if (contentH > viewport.getHeight()) {
            if (y < top) {
                scroller.setVvalue(y / (contentH - viewport.getHeight()));
            } else if (y + h > top + viewport.getHeight()) {
                scroller.setVvalue(Math.min(1, (y + h - viewport.getHeight()) / (contentH - viewport.getHeight())));
            }
        }
        if (contentW > viewport.getWidth()) {
            if (x < left) {
                scroller.setHvalue(x / (contentW - viewport.getWidth()));
            } else if (x + w > left + viewport.getWidth()) {
                scroller.setHvalue(Math.min(1, (x + w - viewport.getWidth()) / (contentW - viewport.getWidth())));
            }
        }
    }

    private void syncHeaders() {
        Bounds viewport = scroller.getViewportBounds();
        if (viewport == null) {
            return;
        }
        double contentW = body.getPrefWidth();
        double contentH = body.getPrefHeight();
        header.setTranslateX(-scroller.getHvalue() * Math.max(0, contentW - viewport.getWidth()));
        gutter.setTranslateY(-scroller.getVvalue() * Math.max(0, contentH - viewport.getHeight()));
    }
}
