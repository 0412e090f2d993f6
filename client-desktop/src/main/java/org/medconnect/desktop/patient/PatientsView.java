package org.medconnect.desktop.patient;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FrontDesk;
import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
import javafx.util.Duration;
import org.medconnect.proto.patient.v1.Patient;

/** The Patients screen: search the register, register a new patient, correct one, book or wait-list them. */
public final class PatientsView extends BorderPane {

    public PatientsView(PatientsViewModel model, FrontDesk desk) {
        this(model, desk, patient -> { });
    }

    /** {@code openRecord} shows the patient page (details, contacts, insurance, consents). */
    public PatientsView(PatientsViewModel model, FrontDesk desk, java.util.function.Consumer<Patient> openRecord) {
        setId("patients-screen");
        Label title = new Label("Patients");
        title.getStyleClass().add(Styles.TITLE_3);
        TextField search = new TextField();
        search.setId("patients-search");
        search.setPromptText("Search by name, phone, date of birth or MRN");
        search.textProperty().bindBidirectional(model.queryProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        PauseTransition debounce = new PauseTransition(Duration.millis(300));
        debounce.setOnFinished(e -> model.search());
        search.textProperty().addListener((obs, old, now) -> debounce.playFromStart());
        search.setOnAction(e -> {
            debounce.stop();
            model.search();
        });
        Button register = new Button("_New patient…");
        register.setId("patients-new");
        register.getStyleClass().add(Styles.ACCENT);
        register.setOnAction(e -> desk.openPatientForm(Optional.empty(), model::saved));
        HBox toolbar = new HBox(8, search, Widgets.progress(model.busyProperty()), register);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<Patient> table = new TableView<>(model.patients());
        table.setId("patients-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.tippedColumn("Name", 200, PatientPickerView::name));
        table.getColumns().add(Tables.tippedColumn("Born", 110, p -> ClinicTime.isoDate(p.getDateOfBirth())));
        table.getColumns().add(Tables.tippedColumn("Sex", 70, p -> PatientFormViewModel.label(p.getSex())));
        table.getColumns().add(Tables.tippedColumn("MRN", 100, Patient::getMrn));
        table.getColumns().add(Tables.tippedColumn("Phone", 140, Patient::getPhone));
        table.getColumns().add(Tables.tippedColumn("Email", 200, Patient::getEmail));
        table.getColumns().add(Tables.tippedColumn("Address", 200, Patient::getAddress));
        Label placeholder = Widgets.muted(model.summaryProperty(), "patients-placeholder");
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        table.setRowFactory(t -> {
            TableRow<Patient> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    desk.openPatientForm(Optional.of(row.getItem()), model::saved);
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && model.selectedProperty().get() != null) {
                e.consume();
                desk.openPatientForm(Optional.of(model.selectedProperty().get()), model::saved);
            }
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !model.patients().isEmpty()) {
                table.requestFocus();
                table.getSelectionModel().selectFirst();
                e.consume();
            }
        });

        Button edit = new Button("_Edit…");
        edit.setId("patients-edit");
        edit.setOnAction(e -> desk.openPatientForm(Optional.of(model.selectedProperty().get()), model::saved));
        Button record = new Button("_Record…");
        record.setId("patients-record");
        record.setOnAction(e -> openRecord.accept(model.selectedProperty().get()));
        Button book = new Button("_Book…");
        book.setId("patients-book");
        book.setOnAction(e -> desk.openBooking(FrontDesk.Prefill.forPatient(model.selectedProperty().get())));
        Button wait = new Button("_Waiting list…");
        wait.setId("patients-waiting-list");
        wait.setOnAction(e -> desk.openWaitingListForm(Optional.of(model.selectedProperty().get()), () -> { }));
        for (Button b : new Button[] {edit, record, book, wait}) {
            b.disableProperty().bind(model.selectedProperty().isNull());
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        javafx.scene.control.Label balance = new javafx.scene.control.Label();
        balance.setId("patients-balance");
        balance.getStyleClass().add("balance-line");
        balance.textProperty().bind(model.balanceProperty());
        HBox footer = new HBox(8, edit, record, book, wait, balance, Widgets.problem(model.messageProperty(), "patients-message"), spacer,
                Widgets.muted(model.summaryProperty(), "patients-summary"));
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(8, 0, 0, 0));
        VBox top = new VBox(8, title, toolbar);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(table);
        setBottom(footer);
        Platform.runLater(search::requestFocus);
    }

}
