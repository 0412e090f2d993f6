package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.ClinicNames;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FrontDesk;
import org.medconnect.desktop.patient.PatientPickerView;
import atlantafx.base.theme.Styles;
import java.util.Arrays;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.schedule.v1.Location;

/** The Appointments screen: a date range (optionally one patient) as a table that narrows as you type. */
public final class AppointmentsView extends BorderPane {

    public AppointmentsView(AppointmentsViewModel model, FrontDesk desk) {
        setId("appointments-screen");
        Label title = new Label("Appointments");
        title.getStyleClass().add(Styles.TITLE_3);

        DatePicker from = Widgets.datePicker("appointments-from", model.fromProperty());
        DatePicker to = Widgets.datePicker("appointments-to", model.toProperty());
        ComboBox<Location> location = Widgets.combo("appointments-location", desk.directory().locationChoices(),
                model.locationProperty(), ClinicNames::location);
        location.setPrefWidth(160);
        desk.directory().locations().addListener((ListChangeListener<Location>) c ->
                location.getItems().setAll(desk.directory().locationChoices()));
        ComboBox<AppointmentStatus> status = Widgets.combo("appointments-status", FXCollections.observableArrayList(
                Arrays.stream(AppointmentStatus.values()).filter(s -> s != AppointmentStatus.UNRECOGNIZED).toList()),
                model.statusProperty(), s -> s == AppointmentStatus.APPOINTMENT_STATUS_UNSPECIFIED ? "Any status" : StatusStyle.label(s));
        status.setPrefWidth(140);
        Label patient = new Label();
        patient.setId("appointments-patient");
        patient.textProperty().bind(Bindings.createStringBinding(() -> model.patientProperty().get() == null ? "All patients"
                : PatientPickerView.name(model.patientProperty().get()), model.patientProperty()));
        Button pick = new Button("_Patient…");
        pick.setId("appointments-pick-patient");
        pick.setOnAction(e -> desk.pickPatient(model.patientProperty()::set));
        Button clear = new Button("×");
        clear.setId("appointments-clear-patient");
        clear.getStyleClass().addAll(Styles.FLAT);
        clear.visibleProperty().bind(model.patientProperty().isNotNull());
        clear.managedProperty().bind(clear.visibleProperty());
        clear.setOnAction(e -> model.patientProperty().set(null));
        TextField filter = new TextField();
        filter.setId("appointments-filter");
        filter.setPromptText("Filter: name, reference, doctor…");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        Button book = new Button("_New booking");
        book.setId("appointments-new-booking");
        book.getStyleClass().add(Styles.ACCENT);
        book.setOnAction(e -> desk.openBooking(model.patientProperty().get() == null ? FrontDesk.Prefill.empty()
                : FrontDesk.Prefill.forPatient(model.patientProperty().get())));
        HBox range = new HBox(6, from, new Label("to"), to);
        range.setAlignment(Pos.CENTER_LEFT);
        HBox toolbar = new HBox(8, range, location, status, pick, patient, clear);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        HBox second = new HBox(8, filter, Widgets.progress(model.busyProperty()), book);
        second.setAlignment(Pos.CENTER_LEFT);

        TableView<Appointment> table = new TableView<>(model.appointments());
        table.setId("appointments-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ClinicTime time = model.time();
        table.getColumns().add(Tables.tippedColumn("When", 150, a -> time.dayAndTime(a.getStartsAt())));
        table.getColumns().add(Tables.tippedColumn("Ref", 85, Appointment::getReference));
        table.getColumns().add(Tables.tippedColumn("Patient", 160, a -> a.getPatient().getDisplayName()));
        table.getColumns().add(Tables.tippedColumn("MRN", 95, a -> a.getPatient().getMrn()));
        table.getColumns().add(Tables.tippedColumn("Doctor", 165, Appointment::getDoctorName));
        table.getColumns().add(Tables.tippedColumn("Type", 110, Appointment::getTypeName));
        table.getColumns().add(Tables.tippedColumn("Location", 110, Appointment::getLocationName));
        TableColumn<Appointment, Appointment> state = new TableColumn<>("Status");
        state.setPrefWidth(135);
        state.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        state.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(Appointment item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : StatusStyle.badge(item.getStatus()));
            }
        });
        table.getColumns().add(state);
        Label placeholder = new Label("No appointments in these days.");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);
        table.setRowFactory(t -> {
            TableRow<Appointment> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    desk.openDetails(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                e.consume();
                desk.openDetails(table.getSelectionModel().getSelectedItem());
            }
        });
        Button open = new Button("_Open…");
        open.setId("appointments-open");
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> desk.openDetails(table.getSelectionModel().getSelectedItem()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(10, open, Widgets.problem(model.messageProperty(), "appointments-message"), spacer,
                Widgets.muted(model.summaryProperty(), "appointments-summary"));
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(8, 0, 0, 0));

        VBox top = new VBox(8, title, toolbar, second);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(table);
        setBottom(footer);
        desk.onChanged(a -> model.reload());
        desk.directory().ensureLoaded(() -> { });
        model.reload();
    }

}
