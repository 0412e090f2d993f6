package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.ClinicNames;
import org.medconnect.desktop.platform.Directory;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.staff.v1.Department;
import org.medconnect.proto.schedule.v1.Slot;

/**
 * The criteria (type, department, doctor, location, days) over the free slots, grouped by day as
 * rows of time buttons; the chosen one is highlighted and said in words underneath.
 */
final class SlotFinderView {

    private final VBox node;
    private final ComboBox<AppointmentType> typeBox;
    private final ComboBox<Doctor> doctorBox;
    private final ToggleGroup group = new ToggleGroup();
    private final VBox dayRows = new VBox(10);
    private final ScrollPane scroller;
    private boolean syncing;

    SlotFinderView(SlotFinderViewModel model, boolean typeFixed) {
        Directory directory = model.directory();
        typeBox = Widgets.combo("slot-type", directory.types(), model.typeProperty(), ClinicNames::type);
        typeBox.setPromptText("Choose the kind of visit");
        typeBox.setDisable(typeFixed);
        ComboBox<Department> department = Widgets.combo("slot-department", directory.departmentChoices(),
                model.departmentProperty(), ClinicNames::anyDepartment);
        directory.departments().addListener((ListChangeListener<Department>) c -> department.getItems().setAll(directory.departmentChoices()));
        doctorBox = Widgets.combo("slot-doctor", model.doctorChoices(), model.doctorProperty(), ClinicNames::doctor);
        ComboBox<Location> location = Widgets.combo("slot-location", directory.locationChoices(), model.locationProperty(),
                ClinicNames::anyLocation);
        directory.locations().addListener((ListChangeListener<Location>) c -> location.getItems().setAll(directory.locationChoices()));
        DatePicker from = Widgets.datePicker("slot-from", model.fromProperty());
        DatePicker to = Widgets.datePicker("slot-to", model.toProperty());
        Button find = new Button("_Find slots");
        find.setId("find-slots");
        find.setOnAction(e -> model.search());
        find.disableProperty().bind(model.busyProperty());

        GridPane criteria = new GridPane();
        criteria.setHgap(8);
        criteria.setVgap(6);
        ColumnConstraints labelCol = new ColumnConstraints();
        labelCol.setMinWidth(72);
        ColumnConstraints fieldCol = new ColumnConstraints(150, 220, Double.MAX_VALUE);
        fieldCol.setHgrow(Priority.ALWAYS);
        criteria.getColumnConstraints().addAll(labelCol, fieldCol, labelCol, fieldCol);
        criteria.addRow(0, label("_Type", typeBox), typeBox, label("_Location", location), location);
        criteria.addRow(1, label("D_epartment", department), department, label("_Doctor", doctorBox), doctorBox);
        HBox dates = new HBox(6, from, new Label("to"), to, find);
        dates.setAlignment(Pos.CENTER_LEFT);
        criteria.add(label("Da_ys", from), 0, 2);
        criteria.add(dates, 1, 2, 3, 1);

        Label hint = new Label();
        hint.setId("slot-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.textProperty().bind(model.hintProperty());
        hint.visibleProperty().bind(model.hintProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        dayRows.setId("slot-days");
        dayRows.setPadding(new Insets(4, 8, 4, 4));
        scroller = new ScrollPane(dayRows);
        scroller.setFitToWidth(true);
        scroller.setPrefViewportHeight(190);
        scroller.setId("slot-scroller");
        VBox.setVgrow(scroller, Priority.ALWAYS);

        Label chosen = new Label();
        chosen.setId("chosen-slot");
        chosen.getStyleClass().add(Styles.TEXT_BOLD);
        chosen.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null
                ? "No slot chosen yet." : "Chosen: " + model.describe(model.selectedProperty().get()), model.selectedProperty()));

        model.days().addListener((ListChangeListener<SlotFinderViewModel.SlotDay>) c -> rebuild(model));
        model.selectedProperty().addListener((obs, old, now) -> select(now));
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (syncing) {
                return;
            }
            if (now == null) {
                // a second click on the chosen time keeps it chosen
                if (old != null && model.selectedProperty().get() == old.getUserData()) {
                    syncing = true;
                    old.setSelected(true);
                    syncing = false;
                }
                return;
            }
            model.selectedProperty().set((Slot) now.getUserData());
        });

        node = new VBox(8, criteria, Widgets.problem(model.messageProperty(), "slot-message"), hint, scroller, chosen);
        node.setId("slot-finder");
        rebuild(model);
    }

    private static Label label(String text, javafx.scene.Node field) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        return label;
    }

    private void rebuild(SlotFinderViewModel model) {
        syncing = true;
        group.getToggles().clear();
        dayRows.getChildren().clear();
        for (SlotFinderViewModel.SlotDay day : model.days()) {
            Label heading = new Label(day.label());
            heading.getStyleClass().addAll(Styles.TEXT_BOLD);
            heading.setMinWidth(Region.USE_PREF_SIZE);
            heading.setPrefWidth(100);
            FlowPane times = new FlowPane(6, 6);
            HBox.setHgrow(times, Priority.ALWAYS);
            // Wrap at the width actually there, or the pane reserves rows for a narrow default.
            times.prefWrapLengthProperty().bind(dayRows.widthProperty().subtract(126));
            for (Slot slot : day.slots()) {
                ToggleButton button = new ToggleButton(model.slotLabel(slot));
                button.getStyleClass().addAll("slot-button", Styles.SMALL);
                button.setUserData(slot);
                button.setToggleGroup(group);
                button.setTooltip(new Tooltip(model.describe(slot)));
                button.setId("slot-" + day.date() + "-" + model.slotLabel(slot).substring(0, 5).replace(":", "")
                        + (model.manyDoctors() ? "-" + slot.getDoctorId() : ""));
                times.getChildren().add(button);
            }
            HBox row = new HBox(10, heading, times);
            row.setAlignment(Pos.TOP_LEFT);
            heading.setPadding(new Insets(3, 0, 0, 0));
            dayRows.getChildren().add(row);
        }
        syncing = false;
        select(model.selectedProperty().get());
        scroller.setVvalue(0);
    }

    private void select(Slot slot) {
        syncing = true;
        group.getToggles().forEach(t -> t.setSelected(t.getUserData() == slot
                || (slot != null && t.getUserData() instanceof Slot s && s.equals(slot))));
        syncing = false;
    }

    void focusFirst() {
        (typeBox.isDisabled() ? doctorBox : typeBox).requestFocus();
    }

    VBox node() {
        return node;
    }
}
