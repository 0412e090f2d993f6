package org.medconnect.desktop.waitinglist;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.ClinicNames;
import org.medconnect.desktop.platform.Directory;
import org.medconnect.desktop.patient.PatientPickerView;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.staff.v1.Department;

/** The "Add to waiting list" sheet: the patient on the left, what they wait for on the right. */
public final class WaitingListFormView {

    private final VBox card;

    public WaitingListFormView(WaitingListFormViewModel model, Runnable onCancel) {
        PatientPickerView picker = new PatientPickerView(model.patient());
        VBox patientSide = new VBox(8, Widgets.section("Patient"), picker.node());
        VBox.setVgrow(picker.node(), Priority.ALWAYS);
        patientSide.setPrefWidth(360);
        patientSide.setMinWidth(340);

        Directory directory = model.directory();
        FormGrid grid = new FormGrid(90, 260);
        ComboBox<AppointmentType> type = Widgets.combo("waiting-type", directory.types(), model.typeProperty(), ClinicNames::type);
        type.setPromptText("Choose the kind of visit");
        grid.add("Type", type, null);
        ComboBox<Department> department = Widgets.combo("waiting-department", directory.departmentChoices(),
                model.departmentProperty(), ClinicNames::anyDepartment);
        directory.departments().addListener((ListChangeListener<Department>) c -> department.getItems().setAll(directory.departmentChoices()));
        grid.add("Department", department, null);
        ComboBox<Doctor> doctor = Widgets.combo("waiting-doctor", model.doctorChoices(), model.doctorProperty(), ClinicNames::doctor);
        grid.add("Doctor", doctor, null);
        ComboBox<Location> location = Widgets.combo("waiting-location", directory.locationChoices(), model.locationProperty(),
                ClinicNames::anyLocation);
        grid.add("Location", location, null);
        DatePicker from = Widgets.datePicker("waiting-from", model.fromProperty());
        DatePicker to = Widgets.datePicker("waiting-to", model.toProperty());
        HBox dates = new HBox(6, from, new Label("to"), to);
        dates.setAlignment(Pos.CENTER_LEFT);
        grid.add("Days", dates, null);
        TextField note = new TextField();
        note.setId("waiting-note");
        note.setPromptText("e.g. mornings only; call on mobile");
        note.textProperty().bindBidirectional(model.noteProperty());
        grid.add("Note", note, null);
        Label explain = new Label("When a matching slot frees up, it is offered to the patients here, first come first served.");
        explain.setWrapText(true);
        explain.getStyleClass().addAll("text-muted", "text-small");
        VBox wantSide = new VBox(8, Widgets.section("Waiting for"), grid.node(), explain);
        HBox.setHgrow(wantSide, Priority.ALWAYS);

        Button cancel = new Button("Cancel");
        cancel.setId("waiting-cancel");
        cancel.setOnAction(e -> onCancel.run());
        Button add = new Button("_Add to waiting list");
        add.setId("waiting-save");
        add.setOnAction(e -> model.save());
        add.disableProperty().bind(model.busyProperty().or(model.patient().selectedProperty().isNull()));
        HBox columns = new HBox(16, patientSide, new Separator(Orientation.VERTICAL), wantSide);
        VBox.setVgrow(columns, Priority.ALWAYS);
        card = new VBox(12, Widgets.title("Add to the waiting list", "waiting-form-title"), columns,
                Widgets.problem(model.messageProperty(), "waiting-form-message"),
                Widgets.actions(model.busyProperty(), null, cancel, add));
        card.setId("waiting-form");
        card.setPadding(new Insets(22, 24, 20, 24));
        card.setPrefSize(860, 520);
        Platform.runLater(picker::focus);
    }

    public VBox card() {
        return card;
    }
}
