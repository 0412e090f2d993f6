package org.medconnect.desktop.admission;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.patient.PatientPickerView;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.Admission;

/**
 * Reception's Admissions screen: "In hospital now" and "Discharged" on the left (names, MRN,
 * ward and bed, admitting doctor, times; no clinical text), "Admit a patient" on the right.
 * Keyboard: the patient search takes Enter and Down like everywhere; Ctrl+Enter in the reason admits.
 */
public final class ReceptionAdmissionsView extends BorderPane {

    public ReceptionAdmissionsView(ReceptionAdmissionsViewModel model) {
        setId("reception-admissions");
        getStyleClass().add("admissions-screen");

        TableView<Admission> in = new TableView<>(model.inpatients());
        in.setId("admissions-inpatients");
        in.getColumns().add(Tables.tippedColumn("Patient", 170, Admission::getPatientName));
        in.getColumns().add(Tables.column("MRN", 105, Admission::getPatientMrn));
        in.getColumns().add(Tables.column("Ward and bed", 140, ReceptionAdmissionsViewModel::place));
        in.getColumns().add(Tables.tippedColumn("Admitting doctor", 150, Admission::getAdmittingDoctorName));
        in.getColumns().add(Tables.column("Admitted", 130, a -> model.when(a.getAdmittedAt())));
        in.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        in.setPlaceholder(new Label("Nobody is in hospital."));

        TableView<Admission> out = new TableView<>(model.discharges());
        out.setId("admissions-discharges");
        out.getColumns().add(Tables.tippedColumn("Patient", 170, Admission::getPatientName));
        out.getColumns().add(Tables.column("MRN", 105, Admission::getPatientMrn));
        out.getColumns().add(Tables.column("Was on", 120, ReceptionAdmissionsViewModel::place));
        out.getColumns().add(Tables.column("Admitted", 130, a -> model.when(a.getAdmittedAt())));
        out.getColumns().add(Tables.column("Discharged", 130, a -> model.when(a.getDischargedAt())));
        out.getColumns().add(Tables.tippedColumn("By", 140, Admission::getDischargedByName));
        out.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        out.setPlaceholder(new Label("No discharges yet."));

        model.selectedProperty().bind(in.getSelectionModel().selectedItemProperty());
        TextField undoReason = Widgets.field("admission-undo-reason", model.undoReasonProperty(),
                "Why it was a mistake, e.g. wrong patient or wrong bed");
        undoReason.setOnAction(e -> model.undoSelected());
        HBox.setHgrow(undoReason, Priority.ALWAYS);
        Button undo = new Button("Undo admission");
        undo.setId("admission-undo");
        undo.getStyleClass().add(Styles.DANGER);
        undo.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        undo.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()));
        undo.setOnAction(e -> model.undoSelected());
        HBox undoRow = new HBox(8, undoReason, undo);
        undoRow.setAlignment(Pos.CENTER_LEFT);
        Label undoHint = new Label("Registered the wrong patient or bed? Select the row and undo it within 24 hours; "
                + "the admitting doctor is told.");
        undoHint.setWrapText(true);
        undoHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox undoBox = new VBox(4, undoHint, undoRow, Widgets.problem(model.undoProblemProperty(), "admission-undo-problem"));
        undoBox.getStyleClass().add("admissions-undo");
        VBox inTab = new VBox(8, in, undoBox);
        VBox.setVgrow(in, Priority.ALWAYS);

        TabPane lists = new TabPane(new Tab("In hospital now", inTab), new Tab("Discharged", out));
        lists.setId("admissions-tabs");
        lists.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        // ---- the admit form ----
        PatientPickerView patient = new PatientPickerView(model.patient());
        var doctor = Widgets.combo("admit-doctor", model.doctors(), model.doctorProperty(), d -> d.getDisplayName());
        doctor.setMaxWidth(Double.MAX_VALUE);
        doctor.setPromptText("Admitting doctor");
        TextField ward = Widgets.field("admit-ward", model.wardProperty(), "Ward (optional), e.g. Ward 3");
        TextField bed = Widgets.field("admit-bed", model.bedProperty(), "Bed (optional)");
        bed.setPrefColumnCount(9);
        bed.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(ward, Priority.ALWAYS);
        HBox place = new HBox(8, ward, bed);
        TextArea reason = new TextArea();
        reason.setId("admit-reason");
        reason.setPromptText("Reason for admission, as the doctor gave it");
        reason.setWrapText(true);
        reason.setPrefRowCount(3);
        reason.textProperty().bindBidirectional(model.reasonProperty());
        reason.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && e.isShortcutDown()) {
                model.admit();
                e.consume();
            }
        });
        Label private_ = new Label("The reason goes to the doctors' chart; it is not shown at the front desk afterwards.");
        private_.setWrapText(true);
        private_.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Button admit = new Button("Admit");
        admit.setId("admit");
        admit.getStyleClass().add(Styles.ACCENT);
        admit.setDefaultButton(false);
        admit.disableProperty().bind(model.busyProperty());
        admit.setOnAction(e -> model.admit());
        HBox actions = new HBox(8, Widgets.progress(model.busyProperty()), admit);
        actions.setAlignment(Pos.CENTER_RIGHT);
        Label patientLabel = new Label("Patient");
        Label doctorLabel = new Label("Admitting doctor");
        doctorLabel.setLabelFor(doctor);
        VBox form = new VBox(6, Widgets.section("Admit a patient"), patientLabel, patient.node(), doctorLabel, doctor, place,
                new Label("Reason"), reason, private_, Widgets.problem(model.problemProperty(), "admit-problem"), actions);
        VBox.setVgrow(patient.node(), Priority.SOMETIMES);
        form.setId("admit-form");
        form.getStyleClass().add("admissions-form");
        form.setPrefWidth(440);
        form.setMinWidth(400);

        Label title = Widgets.title("Admissions", "admissions-title");
        HBox header = new HBox(12, title, Widgets.progress(model.loadingProperty()), Widgets.muted(model.summaryProperty(), "admissions-summary"),
                Widgets.notice(model.noticeProperty(), "admissions-notice"));
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("admissions-header");

        setTop(header);
        setCenter(lists);
        setRight(form);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, () -> { });
    }
}
