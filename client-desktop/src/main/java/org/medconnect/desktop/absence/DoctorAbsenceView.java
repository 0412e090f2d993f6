package org.medconnect.desktop.absence;

import org.medconnect.desktop.platform.Tables;
import atlantafx.base.theme.Styles;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DateCell;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.util.StringConverter;
import org.medconnect.desktop.absence.DoctorAbsenceViewModel.Action;
import org.medconnect.desktop.absence.DoctorAbsenceViewModel.Phase;
import org.medconnect.desktop.absence.DoctorAbsenceViewModel.Row;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.shared.appointment.AbsenceRules;

/**
 * The Doctor absence screen: who is away and when, move or cancel, a reason; Preview shows what
 * would happen, Apply does it after a confirmation, and the table then shows whom to call.
 */
public final class DoctorAbsenceView extends BorderPane {


    private final DoctorAbsenceViewModel model;
    private final Dialogs dialogs;

    public DoctorAbsenceView(DoctorAbsenceViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        setId("doctor-absence-screen");

        Label title = new Label("Doctor absence");
        title.getStyleClass().add(Styles.TITLE_3);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.busyProperty().or(model.doctorsBusyProperty()));
        Label intro = new Label("Move or cancel the appointments of a doctor who is away. "
                + "Preview first: nothing changes until you apply.");
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        HBox heading = new HBox(10, title, progress);
        heading.setAlignment(Pos.CENTER_LEFT);

        // Left column: who and when.
        ComboBox<Doctor> doctor = new ComboBox<>(model.doctors());
        doctor.setId("absence-doctor");
        doctor.setPromptText("Choose the doctor");
        doctor.setMaxWidth(Double.MAX_VALUE);
        doctor.setConverter(new StringConverter<>() {
            @Override public String toString(Doctor d) { return DoctorAbsenceViewModel.label(d); }
            @Override public Doctor fromString(String text) { return null; }
        });
        doctor.valueProperty().bindBidirectional(model.doctorProperty());
        doctor.setOnKeyTyped(e -> jumpToDoctor(doctor, e.getCharacter()));
        Label colleagues = new Label();
        colleagues.setId("absence-colleagues");
        colleagues.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        colleagues.setWrapText(true);
        colleagues.textProperty().bind(model.colleaguesProperty());
        colleagues.managedProperty().bind(colleagues.textProperty().isNotEmpty());
        VBox doctorField = new VBox(3, doctor, colleagues);

        DatePicker first = datePicker("absence-first-day", model.firstDayProperty());
        DatePicker last = datePicker("absence-last-day", model.lastDayProperty());
        last.setDayCellFactory(p -> new DateCell() {
            @Override public void updateItem(LocalDate day, boolean empty) {
                super.updateItem(day, empty);
                LocalDate from = model.firstDayProperty().get();
                setDisable(empty || from != null && (day.isBefore(from) || !day.isBefore(from.plusDays(AbsenceRules.MAX_DAYS))));
            }
        });
        Label to = new Label("to");
        to.setMinWidth(Region.USE_PREF_SIZE);
        Label span = new Label();
        span.setId("absence-span");
        span.getStyleClass().add(Styles.TEXT_MUTED);
        span.textProperty().bind(model.spanProperty());
        span.setMinWidth(Region.USE_PREF_SIZE);
        HBox days = new HBox(8, first, to, last, span);
        days.setAlignment(Pos.CENTER_LEFT);

        FormGrid who = new FormGrid(70, 360);
        who.add("Doctor", doctorField, model.doctorErrorProperty()).setId("absence-doctor-error");
        who.add("Days", days, model.daysErrorProperty()).setId("absence-days-error");

        // Right column: what to do and why.
        ToggleGroup actions = new ToggleGroup();
        RadioButton move = new RadioButton("Move to a free colleague, same specialty first (same time)");
        move.setId("absence-move");
        move.setUserData(Action.MOVE_TO_COLLEAGUES);
        move.setToggleGroup(actions);
        RadioButton cancel = new RadioButton("Cancel them");
        cancel.setId("absence-cancel");
        cancel.setUserData(Action.CANCEL);
        cancel.setToggleGroup(actions);
        actions.selectToggle(model.actionProperty().get() == Action.CANCEL ? cancel : move);
        actions.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one choice is always made
            } else {
                model.actionProperty().set((Action) now.getUserData());
            }
        });
        model.actionProperty().addListener((obs, old, now) -> actions.selectToggle(now == Action.CANCEL ? cancel : move));
        VBox whatField = new VBox(6, move, cancel);
        whatField.setPadding(new Insets(6, 0, 0, 0));

        TextField reason = new TextField();
        reason.setId("absence-reason");
        reason.setPromptText("e.g. Dr Okafor is on leave");
        reason.textProperty().bindBidirectional(model.reasonProperty());

        FormGrid what = new FormGrid(90, 400);
        what.add("What to do", whatField, model.actionErrorProperty()).setId("absence-action-error");
        what.add("Reason", reason, model.reasonErrorProperty());

        HBox form = new HBox(28, who.node(), what.node());
        HBox.setHgrow(who.node(), Priority.ALWAYS);
        HBox.setHgrow(what.node(), Priority.ALWAYS);
        form.disableProperty().bind(model.busyProperty());

        Button preview = new Button("_Preview");
        preview.setId("absence-preview");
        preview.setMnemonicParsing(true);
        preview.setTooltip(new Tooltip("Shows what would happen to each appointment; changes nothing."));
        preview.disableProperty().bind(model.busyProperty());
        preview.setOnAction(e -> model.preview());
        Button apply = new Button("_Apply…");
        apply.setId("absence-apply");
        apply.setMnemonicParsing(true);
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setTooltip(new Tooltip("Does what the preview shows, after you confirm."));
        apply.disableProperty().bind(model.canApplyProperty().not());
        apply.setOnAction(e -> confirmApply());
        // Enter previews while filling in, and offers to apply once a preview is shown.
        preview.defaultButtonProperty().bind(model.canApplyProperty().not());
        apply.defaultButtonProperty().bind(model.canApplyProperty());
        Label message = new Label();
        message.setId("absence-message");
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox buttons = new HBox(10, preview, apply, message);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(4, 0, 0, 0));

        Label phase = new Label();
        phase.setId("absence-phase");
        phase.textProperty().bind(Bindings.createStringBinding(() -> switch (model.phaseProperty().get()) {
            case EDITING -> "";
            case PREVIEWED -> "PREVIEW";
            case APPLIED -> "DONE";
        }, model.phaseProperty()));
        phase.visibleProperty().bind(phase.textProperty().isNotEmpty());
        phase.managedProperty().bind(phase.visibleProperty());
        model.phaseProperty().addListener((obs, old, now) -> stylePhase(phase, now));
        Label summary = new Label();
        summary.setId("absence-summary");
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(model.summaryProperty());
        Label note = new Label();
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(Bindings.createStringBinding(() -> model.phaseProperty().get() == Phase.PREVIEWED
                ? "Nothing has changed yet." : "", model.phaseProperty()));
        HBox summaryLine = new HBox(10, phase, summary, note);
        summaryLine.setAlignment(Pos.CENTER_LEFT);
        summaryLine.setPadding(new Insets(10, 0, 6, 0));

        VBox top = new VBox(6, heading, intro, form, buttons, summaryLine);
        top.setPadding(new Insets(0, 0, 4, 0));
        setTop(top);
        setCenter(table());

        model.loadDoctors();
        sceneProperty().addListener((obs, old, now) -> {
            if (now != null) {
                Platform.runLater(doctor::requestFocus);
            }
        });
    }

    private TableView<Row> table() {
        TableView<Row> table = new TableView<>(model.rows());
        table.setId("absence-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.column("Time", 135, true, Row::when));
        table.getColumns().add(Tables.column("Patient", 160, true, Row::patient));
        TableColumn<Row, String> phone = Tables.column("Phone", 120, true, Row::phone);
        phone.setMinWidth(115); // a cut phone number is no use to someone about to call
        table.getColumns().add(phone);
        table.getColumns().add(Tables.column("Type", 115, true, Row::type));
        TableColumn<Row, Row> result = new TableColumn<>("Result");
        result.setPrefWidth(380);
        result.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        result.setCellFactory(c -> new TableCell<>() {
            // The reason a move failed is what reception reads out on the phone: wrap it, never cut it.
            private final Text text = new Text();
            {
                text.getStyleClass().add("absence-result");
                text.wrappingWidthProperty().bind(result.widthProperty().subtract(16));
                setPrefHeight(Region.USE_COMPUTED_SIZE);
            }

            @Override protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                text.setText(row.result());
                text.getStyleClass().removeAll("absence-done", "absence-not-done", "absence-cancels");
                text.getStyleClass().add(row.resultStyle());
                setGraphic(text);
            }
        });
        table.getColumns().add(result);
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                boolean notMoved = !empty && row != null && !row.done();
                // Reception calls these patients: they must stand out at a glance.
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("not-moved"), notMoved);
            }
        });
        Label placeholder = new Label();
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> model.phaseProperty().get() == Phase.EDITING
                ? "Choose the doctor, the days and a reason, then Preview to see what would happen to each appointment."
                : "No appointments to handle.", model.phaseProperty()));
        table.setPlaceholder(placeholder);
        return table;
    }

    private void confirmApply() {
        if (!model.canApplyProperty().get()) {
            return;
        }
        boolean cancel = model.previewIsCancel();
        dialogs.confirm(model.applyQuestion(), model.previewedScope() + ". The appointments change now, all together; "
                        + "the table then shows what was done.",
                cancel ? "Cancel them" : "Move them", cancel, model::apply);
    }

    private static void stylePhase(Label phase, Phase now) {
        phase.getStyleClass().removeAll(Styles.ACCENT, Styles.SUCCESS);
        phase.getStyleClass().add(now == Phase.APPLIED ? Styles.SUCCESS : Styles.ACCENT);
        if (!phase.getStyleClass().contains("absence-phase")) {
            phase.getStyleClass().add("absence-phase");
        }
        phase.getStyleClass().remove("applied");
        if (now == Phase.APPLIED) {
            phase.getStyleClass().add("applied");
        }
    }

    /** Typing a letter in the closed list picks the next doctor whose name (after "Dr") starts with it. */
    private static void jumpToDoctor(ComboBox<Doctor> box, String typed) {
        if (typed == null || typed.isBlank() || box.getItems().isEmpty()) {
            return;
        }
        String letter = typed.strip().toLowerCase(Locale.ROOT);
        int start = box.getItems().indexOf(box.getValue());
        int n = box.getItems().size();
        for (int i = 1; i <= n; i++) {
            Doctor d = box.getItems().get(Math.floorMod(start + i, n));
            String name = d.getDisplayName().toLowerCase(Locale.ROOT).replaceFirst("^dr\\.?\\s+", "");
            if (name.startsWith(letter)) {
                box.setValue(d);
                return;
            }
        }
    }

    private static DatePicker datePicker(String id, javafx.beans.property.ObjectProperty<LocalDate> value) {
        DatePicker picker = org.medconnect.desktop.platform.ClinicDates.picker(id, value);
        picker.setMinWidth(150);
        picker.setShowWeekNumbers(false);
        return picker;
    }
}
