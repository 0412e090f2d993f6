package org.medconnect.desktop.availability;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.Tables;
import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.proto.schedule.v1.AvailabilityException;
import org.medconnect.proto.schedule.v1.AvailabilityRule;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ExceptionKind;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.Room;

/** Availability: a doctor's weekly rules, and their time off and extra sessions, with the forms to change them. */
public final class AvailabilityView extends BorderPane {

    private static final String[] DAY_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private final AvailabilityViewModel model;
    private final Dialogs dialogs;
    private final TableView<AvailabilityRule> rules;
    private final TableView<AvailabilityException> exceptions;

    public AvailabilityView(AvailabilityViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        setId("availability-screen");

        Label title = new Label(model.ownOnly() ? "My availability" : "Availability");
        title.getStyleClass().add(Styles.TITLE_2);
        ComboBox<Doctor> doctor = new ComboBox<>(model.doctors());
        doctor.setId("availability-doctor");
        doctor.setPromptText("Choose a doctor");
        doctor.setPrefWidth(280);
        doctor.setConverter(new StringConverter<>() {
            @Override public String toString(Doctor d) {
                return d == null ? "" : d.getDisplayName() + (d.getSpecialization().isEmpty() ? "" : " · " + d.getSpecialization());
            }
            @Override public Doctor fromString(String s) { return null; }
        });
        doctor.valueProperty().bindBidirectional(model.doctorProperty());
        Label doctorLabel = new Label("Doctor");
        doctorLabel.setLabelFor(doctor);
        Label department = new Label();
        department.getStyleClass().add(Styles.TEXT_MUTED);
        department.textProperty().bind(Bindings.createStringBinding(() -> Optional.ofNullable(model.doctorProperty().get())
                .map(Doctor::getDepartmentName).orElse(""), model.doctorProperty()));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Label explain = new Label("Slots are offered from the weekly rules, minus time off and booked time. Times are clinic time.");
        explain.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox toolbar = model.ownOnly() ? new HBox(10, explain, progress) : new HBox(10, doctorLabel, doctor, department, progress);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        BooleanBinding noDoctor = model.doctorProperty().isNull();

        rules = new TableView<>(model.rules());
        rules.setId("rules-table");
        rules.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        rules.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rules.getColumns().addAll(List.of(
                Tables.<AvailabilityRule>column("Location", 160, AvailabilityRule::getLocationName),
                Tables.<AvailabilityRule>column("Days", 130, r -> AvailabilityViewModel.days(r.getWeekdaysList())),
                Tables.<AvailabilityRule>column("Hours", 105, r -> r.getStartTime() + "–" + r.getEndTime()),
                Tables.<AvailabilityRule>column("Slot", 65, r -> r.getSlotMinutes() + " min"),
                Tables.<AvailabilityRule>column("Breaks", 150, r -> AvailabilityViewModel.breaks(r.getBreaksList())),
                Tables.<AvailabilityRule>column("Valid", 200, r -> AvailabilityViewModel.validity(r.getValidFrom(), r.getValidTo()))));
        rules.setPlaceholder(muted("No weekly rules yet: this doctor offers no slots. Add one with \"Add weekly rule\"."));
        rules.setRowFactory(t -> Tables.doubleClick(r -> openRuleForm(Optional.of(r))));
        Button addRule = new Button("Add weekly rule");
        addRule.setId("add-rule");
        addRule.getStyleClass().add(Styles.ACCENT);
        addRule.setOnAction(e -> openRuleForm(Optional.empty()));
        addRule.disableProperty().bind(noDoctor);
        Button editRule = new Button("Edit…");
        editRule.setId("edit-rule");
        editRule.setOnAction(e -> selectedRule().ifPresent(r -> openRuleForm(Optional.of(r))));
        Button deleteRule = new Button("Delete…");
        deleteRule.setId("delete-rule");
        deleteRule.setOnAction(e -> selectedRule().ifPresent(r -> dialogs.confirm("Delete this weekly rule?",
                AvailabilityViewModel.days(r.getWeekdaysList()) + " " + r.getStartTime() + "–" + r.getEndTime() + " at "
                        + r.getLocationName() + " offers no more slots. Appointments already booked in it stay.",
                "Delete rule", true, () -> model.deleteRule(r))));
        BooleanBinding noRule = rules.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty());
        editRule.disableProperty().bind(noRule);
        deleteRule.disableProperty().bind(noRule);
        VBox rulesBox = section("Weekly rules", rules, addRule, editRule, deleteRule);

        exceptions = new TableView<>(model.exceptions());
        exceptions.setId("exceptions-table");
        exceptions.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        exceptions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        exceptions.getColumns().addAll(List.of(
                Tables.<AvailabilityException>column("Kind", 110, AvailabilityViewModel::kind),
                Tables.<AvailabilityException>column("When", 320, AvailabilityViewModel::when),
                Tables.<AvailabilityException>column("Where", 200, model::where),
                Tables.<AvailabilityException>column("Reason", 200, AvailabilityException::getReason)));
        exceptions.setPlaceholder(muted("No time off or extra sessions from today on."));
        Button timeOff = new Button("Add time off");
        timeOff.setId("add-time-off");
        timeOff.setOnAction(e -> openExceptionForm(ExceptionKind.EXCEPTION_KIND_TIME_OFF));
        Button extra = new Button("Add extra session");
        extra.setId("add-extra-session");
        extra.setOnAction(e -> openExceptionForm(ExceptionKind.EXCEPTION_KIND_EXTRA_SESSION));
        timeOff.disableProperty().bind(noDoctor);
        extra.disableProperty().bind(noDoctor);
        Button remove = new Button("Remove…");
        remove.setId("remove-exception");
        remove.disableProperty().bind(exceptions.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        remove.setOnAction(e -> Optional.ofNullable(exceptions.getSelectionModel().getSelectedItem()).ifPresent(x ->
                dialogs.confirm("Remove this " + AvailabilityViewModel.kind(x).toLowerCase(java.util.Locale.ROOT) + "?",
                        AvailabilityViewModel.kind(x) + " " + AvailabilityViewModel.when(x) + " is removed"
                                + (x.getKind() == ExceptionKind.EXCEPTION_KIND_TIME_OFF ? "; the weekly rules offer slots again then."
                                : "; appointments already booked in it stay."), "Remove", true, () -> model.removeException(x))));
        VBox exceptionsBox = section("Time off and extra sessions", exceptions, timeOff, extra, remove);

        Label notice = new Label();
        notice.setId("availability-notice");
        notice.getStyleClass().add(Styles.SUCCESS);
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty());
        Label message = new Label();
        message.setId("availability-message");
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox footer = new HBox(12, notice, message);
        footer.setPadding(new Insets(8, 0, 0, 0));

        VBox header = new VBox(12, title, toolbar);
        header.setPadding(new Insets(0, 0, 10, 0));
        VBox center = new VBox(14, rulesBox, exceptionsBox);
        VBox.setVgrow(rulesBox, Priority.ALWAYS);
        VBox.setVgrow(exceptionsBox, Priority.ALWAYS);
        setTop(header);
        setCenter(center);
        setBottom(footer);
        model.start();
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    private static VBox section(String title, TableView<?> table, Button... actions) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8);
        bar.getChildren().addAll(heading, spacer);
        bar.getChildren().addAll(actions);
        bar.setAlignment(Pos.CENTER_LEFT);
        table.setPrefHeight(180);
        VBox box = new VBox(6, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private Optional<AvailabilityRule> selectedRule() {
        return Optional.ofNullable(rules.getSelectionModel().getSelectedItem());
    }

    private void openRuleForm(Optional<AvailabilityRule> rule) {
        if (model.doctorProperty().get() == null) {
            return;
        }
        AvailabilityRuleFormViewModel form = model.ruleForm(rule);
        FormGrid grid = new FormGrid(100, 500);
        ComboBox<Location> location = locationCombo("rule-location", form.locations(), form.locationProperty());
        grid.add("Location", location, form.error(AvailabilityRuleFormViewModel.LOCATION));
        ComboBox<Room> room = roomCombo("rule-room", form.rooms(), form.roomProperty());
        grid.add("Room", room, form.error(AvailabilityRuleFormViewModel.ROOM));

        HBox days = new HBox(8);
        days.setAlignment(Pos.CENTER_LEFT);
        for (int day = 1; day <= 7; day++) {
            CheckBox box = new CheckBox(DAY_NAMES[day - 1]);
            box.setId("rule-day-" + day);
            box.selectedProperty().bindBidirectional(form.weekdayProperty(day));
            box.setMinWidth(Region.USE_PREF_SIZE);
            days.getChildren().add(box);
        }
        Button weekdays = new Button("Mon–Fri");
        weekdays.setId("rule-weekdays-only");
        weekdays.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        weekdays.setOnAction(e -> form.weekdaysOnly());
        weekdays.setMinWidth(Region.USE_PREF_SIZE);
        days.getChildren().add(weekdays);
        days.setId("rule-days");
        grid.add("Days", days, form.error(AvailabilityRuleFormViewModel.WEEKDAYS));

        TextField start = time("rule-start", form.startProperty());
        TextField end = time("rule-end", form.endProperty());
        HBox hours = new HBox(8, start, new Label("to"), end, hint("HH:MM, clinic time"));
        hours.setAlignment(Pos.CENTER_LEFT);
        hours.setId("rule-hours");
        grid.add("Hours", hours, either(form.error(AvailabilityRuleFormViewModel.START), form.error(AvailabilityRuleFormViewModel.END)));

        TextField slot = Widgets.field("rule-slot", form.slotProperty(), "15");
        slot.setPrefColumnCount(4);
        HBox slotRow = new HBox(8, slot, new Label("minutes per appointment slot"));
        slotRow.setAlignment(Pos.CENTER_LEFT);
        slotRow.setId("rule-slot-row");
        grid.add("Slot length", slotRow, form.error(AvailabilityRuleFormViewModel.SLOT));

        VBox breakRows = new VBox(4);
        Button addBreak = new Button("Add break");
        addBreak.setId("rule-add-break");
        addBreak.getStyleClass().add(Styles.SMALL);
        addBreak.setOnAction(e -> form.addBreak());
        Runnable drawBreaks = () -> {
            breakRows.getChildren().clear();
            int i = 0;
            for (AvailabilityRuleFormViewModel.Break b : form.breaks()) {
                TextField from = time("rule-break-start-" + i, b.startProperty());
                TextField to = time("rule-break-end-" + i, b.endProperty());
                Button removeBreak = new Button("Remove");
                removeBreak.setId("rule-break-remove-" + i);
                removeBreak.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.DANGER);
                removeBreak.setOnAction(e -> form.removeBreak(b));
                HBox row = new HBox(8, from, new Label("to"), to, removeBreak);
                row.setAlignment(Pos.CENTER_LEFT);
                breakRows.getChildren().add(row);
                i++;
            }
            breakRows.getChildren().add(addBreak);
        };
        form.breaks().addListener((ListChangeListener<AvailabilityRuleFormViewModel.Break>) c -> drawBreaks.run());
        drawBreaks.run();
        breakRows.setId("rule-breaks");
        grid.add("Breaks", breakRows, form.error(AvailabilityRuleFormViewModel.BREAKS));

        DatePicker from = date("rule-valid-from", form.validFromProperty());
        DatePicker to = date("rule-valid-to", form.validToProperty());
        to.setPromptText("open-ended");
        Button clearTo = new Button("No end");
        clearTo.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        clearTo.setOnAction(e -> form.validToProperty().set(null));
        HBox validity = new HBox(8, from, new Label("to"), to, clearTo);
        validity.setAlignment(Pos.CENTER_LEFT);
        validity.setId("rule-validity");
        grid.add("Valid", validity, either(form.error(AvailabilityRuleFormViewModel.VALID_FROM), form.error(AvailabilityRuleFormViewModel.VALID_TO)));

        Button cancel = new Button("Cancel");
        cancel.setId("rule-cancel");
        Button save = new Button(form.isCreate() ? "Add rule" : "Save rule");
        save.setId("rule-save");
        save.setOnAction(e -> form.save());
        String heading = (form.isCreate() ? "New weekly rule for " : "Weekly rule of ") + form.doctor().getDisplayName();
        VBox card = new VBox(12, Widgets.title(heading, "rule-form-title"), grid.node(),
                Widgets.problem(form.messageProperty(), "rule-form-message"), Widgets.formActions(form.busyProperty(), cancel, save));
        card.setId("rule-form");
        card.setPadding(new Insets(22));
        card.setPrefWidth(680);
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        cancel.setOnAction(e -> sheet.close());
        form.onSaved(saved -> {
            sheet.close();
            model.ruleSaved(saved);
            if (model.mayMoveOutsideHours()) {
                dialogs.confirm("Appointments outside the new hours", model.noticeProperty().get() + "\n\n" + model.outsideHoursList()
                        + "\n\nMove them to colleagues free at the same times? Those that cannot move stay booked and are named.",
                        "Move to colleagues", false, model::moveOutsideHours);
            } else if (!model.outsideHours().isEmpty()) {
                dialogs.inform("Appointments outside the new hours", model.noticeProperty().get() + "\n\n" + model.outsideHoursList()
                        + "\n\nThey are not moved or cancelled automatically: reception will move them.");
            }
        });
        Platform.runLater(location::requestFocus);
    }

    private void openExceptionForm(ExceptionKind kind) {
        if (model.doctorProperty().get() == null) {
            return;
        }
        AvailabilityExceptionFormViewModel form = model.exceptionForm(kind);
        boolean extra = form.isExtraSession();
        FormGrid grid = new FormGrid(110, 380);
        DatePicker startDate = date("exception-start-date", form.startDateProperty());
        TextField startTime = time("exception-start-time", form.startTimeProperty());
        DatePicker endDate = date("exception-end-date", form.endDateProperty());
        TextField endTime = time("exception-end-time", form.endTimeProperty());
        for (Node n : new Node[] {startTime, endTime}) {
            n.visibleProperty().bind(form.wholeDaysProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }
        if (extra) {
            grid.add("Day", startDate, form.error(AvailabilityExceptionFormViewModel.START_DATE));
            HBox hours = new HBox(8, startTime, new Label("to"), endTime, hint("HH:MM"));
            hours.setAlignment(Pos.CENTER_LEFT);
            grid.add("Hours", hours, either(form.error(AvailabilityExceptionFormViewModel.START_TIME),
                    form.error(AvailabilityExceptionFormViewModel.END_TIME)));
            ComboBox<Location> location = locationCombo("exception-location", form.locations(), form.locationProperty());
            grid.add("Location", location, form.error(AvailabilityExceptionFormViewModel.LOCATION));
            grid.add("Room", roomCombo("exception-room", form.rooms(), form.roomProperty()), form.error(AvailabilityExceptionFormViewModel.ROOM));
            TextField slot = Widgets.field("exception-slot", form.slotProperty(), "15");
            slot.setPrefColumnCount(4);
            HBox slotRow = new HBox(8, slot, new Label("minutes per slot"));
            slotRow.setAlignment(Pos.CENTER_LEFT);
            grid.add("Slot length", slotRow, form.error(AvailabilityExceptionFormViewModel.SLOT));
        } else {
            CheckBox wholeDays = new CheckBox("Whole days");
            wholeDays.setId("exception-whole-days");
            wholeDays.selectedProperty().bindBidirectional(form.wholeDaysProperty());
            grid.add("", wholeDays, null);
            HBox first = new HBox(8, startDate, startTime);
            first.setAlignment(Pos.CENTER_LEFT);
            grid.add("From", first, either(form.error(AvailabilityExceptionFormViewModel.START_DATE),
                    form.error(AvailabilityExceptionFormViewModel.START_TIME)));
            HBox last = new HBox(8, endDate, endTime);
            last.setAlignment(Pos.CENTER_LEFT);
            grid.add("Until", last, either(form.error(AvailabilityExceptionFormViewModel.END_DATE),
                    form.error(AvailabilityExceptionFormViewModel.END_TIME)));
        }
        TextField reason = Widgets.field("exception-reason", form.reasonProperty(),
                extra ? "optional, e.g. Flu clinic" : "optional, e.g. Annual leave");
        grid.add("Reason", reason, form.error(AvailabilityExceptionFormViewModel.REASON));
        Label note = new Label(extra ? "Offers extra slots on that day, on top of the weekly rules."
                : "No slots are offered in this time. Appointments already booked stay; you are told how many fall in it.");
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.setWrapText(true);
        Button cancel = new Button("Cancel");
        cancel.setId("exception-cancel");
        Button save = new Button(extra ? "Add session" : "Add time off");
        save.setId("exception-save");
        // A date that looks wrong for time off (in the past, a year away) is questioned, not silently stored.
        save.setOnAction(e -> {
            if (form.validate()) {
                form.doubtfulDate().ifPresentOrElse(question -> dialogs.confirm(
                        extra ? "Check the day" : "Check the dates", question, "Save anyway", false, form::save), form::save);
            }
        });
        String heading = (extra ? "Extra session for " : "Time off for ") + form.doctor().getDisplayName();
        VBox card = new VBox(12, Widgets.title(heading, "exception-form-title"), grid.node(), note,
                Widgets.problem(form.messageProperty(), "exception-form-message"), Widgets.formActions(form.busyProperty(), cancel, save));
        card.setId("exception-form");
        card.setPadding(new Insets(22));
        card.setPrefWidth(580);
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        cancel.setOnAction(e -> sheet.close());
        form.onSaved(response -> {
            sheet.close();
            model.exceptionAdded(response);
            if (response.getAffectedAppointmentIdsCount() > 0) {
                dialogs.inform("Appointments in this time off", AvailabilityViewModel.addedNotice(response)
                        + " They are not cancelled automatically.");
            }
        });
        Platform.runLater(startDate::requestFocus);
    }

    private static ObservableStringValue either(ObservableStringValue a, ObservableStringValue b) {
        return Bindings.createStringBinding(() -> a.get().isEmpty() ? b.get() : a.get(), a, b);
    }

    private static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return hint;
    }

    private static TextField time(String id, javafx.beans.property.StringProperty property) {
        TextField field = Widgets.field(id, property, "HH:MM");
        field.setPrefColumnCount(5);
        field.setMaxWidth(80);
        return field;
    }

    private static DatePicker date(String id, javafx.beans.property.ObjectProperty<java.time.LocalDate> property) {
        return ClinicDates.picker(id, property);
    }

    private static ComboBox<Location> locationCombo(String id, javafx.collections.ObservableList<Location> items,
                                                    javafx.beans.property.ObjectProperty<Location> value) {
        ComboBox<Location> combo = new ComboBox<>(items);
        combo.setId(id);
        combo.setPromptText("Choose a location");
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.setConverter(new StringConverter<>() {
            @Override public String toString(Location l) { return l == null ? "" : l.getName(); }
            @Override public Location fromString(String s) { return null; }
        });
        combo.valueProperty().bindBidirectional(value);
        return combo;
    }

    private static ComboBox<Room> roomCombo(String id, javafx.collections.ObservableList<Room> items,
                                            javafx.beans.property.ObjectProperty<Room> value) {
        ComboBox<Room> combo = new ComboBox<>(items);
        combo.setId(id);
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.setConverter(new StringConverter<>() {
            @Override public String toString(Room r) { return r == null ? "" : r.getName(); }
            @Override public Room fromString(String s) { return null; }
        });
        combo.valueProperty().bindBidirectional(value);
        return combo;
    }
}
