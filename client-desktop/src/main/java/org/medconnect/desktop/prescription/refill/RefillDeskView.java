package org.medconnect.desktop.prescription.refill;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicNames;
import org.medconnect.desktop.platform.FrontDesk;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;

/**
 * Reception's Refill requests: on the left, record a request (patient, doctor, what they ask for);
 * on the right every request, pending first, with the doctor's answer. Ctrl+P chooses the patient,
 * Ctrl+Enter records, Delete withdraws the selected pending request, F5 reloads.
 */
public final class RefillDeskView extends BorderPane {

    private static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
    private static final PseudoClass DECLINED = PseudoClass.getPseudoClass("declined");

    public RefillDeskView(RefillDeskViewModel model, FrontDesk desk) {
        setId("refill-desk-screen");
        getStyleClass().add("refill-desk");

        Label title = Widgets.title("Refill requests", "refill-desk-title");
        Button refresh = new Button("Refresh");
        refresh.setId("refill-desk-refresh");
        refresh.setOnAction(e -> model.reload());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, title, Widgets.progress(model.busyProperty()), spacer,
                Widgets.muted(model.summaryProperty(), "refill-desk-summary"), refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, toolbar, Widgets.keyHint("refill-desk-keys",
                "Ctrl+P choose patient · Ctrl+Enter record · Delete withdraw the selected request · F5 reload"));
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);

        setLeft(form(model, desk));
        setCenter(table(model));

        Button cancel = new Button("_Withdraw request");
        cancel.setId("refill-desk-cancel");
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> model.selectedProperty().get() == null
                || !model.selectedProperty().get().pending(), model.selectedProperty()).or(model.busyProperty()));
        cancel.setOnAction(e -> model.cancel(model.selectedProperty().get()));
        // The selected request in full: reception reads the doctor's answer to the patient.
        Label detail = new Label();
        detail.setId("refill-desk-detail");
        detail.setWrapText(true);
        detail.setMaxWidth(Double.MAX_VALUE);
        detail.textProperty().bind(Bindings.createStringBinding(() -> {
            RefillRow row = model.selectedProperty().get();
            return row == null ? "" : row.patientName() + " asked for \u201c" + row.note() + "\u201d · " + row.doctorName() + ": " + row.outcome();
        }, model.selectedProperty()));
        detail.visibleProperty().bind(model.selectedProperty().isNotNull());
        detail.managedProperty().bind(detail.visibleProperty());
        HBox actions = new HBox(10, cancel, Widgets.notice(model.noticeProperty(), "refill-desk-notice"),
                Widgets.problem(model.messageProperty(), "refill-desk-message"));
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox footer = new VBox(6, detail, actions);
        footer.setPadding(new Insets(8, 0, 0, 0));
        setBottom(footer);

        Widgets.reloadOnF5AndWhenShown(this, model::reload, () -> {
            model.reload();
            desk.directory().ensureLoaded(() -> { });
        });
    }

    private VBox form(RefillDeskViewModel model, FrontDesk desk) {
        Label heading = Widgets.section("Record a request");
        Label patientName = new Label();
        patientName.setId("refill-patient");
        patientName.setWrapText(true);
        patientName.textProperty().bind(Bindings.createStringBinding(() -> model.patientProperty().get() == null
                ? "No patient chosen" : model.patientProperty().get().getGivenName() + " " + model.patientProperty().get().getFamilyName()
                + " · " + model.patientProperty().get().getMrn(), model.patientProperty()));
        patientName.getStyleClass().add("refill-chosen-patient");
        Button choose = new Button("Choose _patient…");
        choose.setId("refill-choose-patient");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        Runnable pick = () -> desk.pickPatient(model.patientProperty()::set);
        choose.setOnAction(e -> pick.run());

        ComboBox<org.medconnect.proto.schedule.v1.Doctor> doctor = Widgets.combo("refill-doctor", desk.directory().doctors(),
                model.doctorProperty(), ClinicNames::doctor);
        doctor.setPromptText("The doctor who should decide");
        // The closed picker shows the doctor's full name only: name and specialty together were cut in this narrow form.
        doctor.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override protected void updateItem(org.medconnect.proto.schedule.v1.Doctor item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getDisplayName());
            }
        });

        TextArea asked = new TextArea();
        asked.setId("refill-note");
        asked.setPromptText("What the patient asks for, in their words, e.g. \"the blood pressure tablets again\"");
        asked.setWrapText(true);
        asked.setPrefRowCount(5);
        asked.textProperty().bindBidirectional(model.noteProperty());
        Label count = new Label();
        count.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> model.noteProperty().get().strip().length()
                + " / " + RefillDeskViewModel.NOTE_LIMIT, model.noteProperty()));
        Label privacy = new Label("The doctor sees this text and chooses the prescription; reception never sees the medication list.");
        privacy.setWrapText(true);
        privacy.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        Button record = new Button("_Record request");
        record.setId("refill-record");
        record.getStyleClass().add(Styles.ACCENT);
        record.disableProperty().bind(model.busyProperty());
        record.setOnAction(e -> model.record());
        HBox actions = new HBox(8, count, new Region(), record);
        HBox.setHgrow(actions.getChildren().get(1), Priority.ALWAYS);
        actions.setAlignment(Pos.CENTER_LEFT);

        // Tab leaves the request for Record (a TextArea would type a tab); Shift+Tab goes back to the doctor.
        asked.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
                (e.isShiftDown() ? doctor : record).requestFocus();
                e.consume();
            }
        });
        VBox form = new VBox(8, heading, fieldLabel("Patient", null), patientName, choose, fieldLabel("_Doctor", doctor), doctor,
                fieldLabel("What the patient _asks for", asked), asked, actions, privacy);
        form.setId("refill-form");
        form.getStyleClass().add("refill-form");
        form.setPrefWidth(285);
        form.setMinWidth(270);
        form.setMaxWidth(300);
        BorderPane.setMargin(form, new Insets(0, 16, 0, 0));
        form.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)) {
                model.record();
                e.consume();
            }
        });
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN).match(e)) {
                pick.run();
                e.consume();
            }
        });
        Platform.runLater(choose::requestFocus);
        return form;
    }

    private static Label fieldLabel(String text, javafx.scene.Node field) {
        Label label = new Label(text);
        label.setMnemonicParsing(field != null);
        label.setLabelFor(field);
        label.getStyleClass().addAll(Styles.TEXT_SMALL, "refill-field-label");
        return label;
    }

    private TableView<RefillRow> table(RefillDeskViewModel model) {
        TableView<RefillRow> table = new TableView<>(model.requests());
        table.setId("refill-desk-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        var asked = Tables.tippedColumn("Asked", 132, RefillRow::asked);
        asked.setMinWidth(130);
        asked.setMaxWidth(140);
        table.getColumns().add(asked);
        // Names, requests and answers wrap rather than being cut: reception reads them to the patient.
        var patient = Tables.wrappedColumn("Patient", 200, RefillRow::patientName);
        patient.setMinWidth(195); // "Featherstonehaugh-Smythe" in bold on one line
        table.getColumns().add(patient);
        var mrn = Tables.tippedColumn("MRN", 96, RefillRow::mrn);
        mrn.setMinWidth(96);
        mrn.setMaxWidth(110);
        table.getColumns().add(mrn);
        var doctor = Tables.wrappedColumn("Doctor", 120, RefillRow::doctorName);
        doctor.setMinWidth(110);
        table.getColumns().add(doctor);
        table.getColumns().add(Tables.wrappedColumn("Asked for", 140, RefillRow::note));
        table.getColumns().add(Tables.wrappedColumn("Doctor's answer", 180, RefillRow::outcome));
        table.getColumns().forEach(c -> c.setSortable(false)); // pending first is the order that matters
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(RefillRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(PENDING, !empty && item != null && item.pending());
                pseudoClassStateChanged(DECLINED, !empty && item != null && item.declined());
            }
        });
        Label placeholder = new Label("No refill requests yet. Record one on the left when a patient asks for more of a medicine.");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && model.selectedProperty().get() != null && !model.busyProperty().get()) {
                model.cancel(model.selectedProperty().get());
                e.consume();
            }
        });
        return table;
    }
}
