package org.medconnect.desktop.chart.demographics;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.patient.v1.ConsentRecord;
import org.medconnect.proto.patient.v1.EmergencyContact;
import org.medconnect.proto.patient.v1.InsurancePolicy;
import org.medconnect.shared.patient.DemographicsRules;

/**
 * A patient's record page: Details, Contacts, Insurance and Consents as tabs (Ctrl+Tab moves
 * between them). Reception gets the forms; the chart shows the same tables read-only.
 */
public final class PatientRecordView extends BorderPane {

    public PatientRecordView(PatientRecordViewModel model) {
        setId("patient-record");
        getStyleClass().add("patient-record");
        TabPane tabs = new TabPane(tab("Details", "patient-record-details", details(model)),
                tab("Contacts", "patient-record-contacts", contacts(model)),
                tab("Insurance", "patient-record-insurance", insurance(model)),
                tab("Consents", "patient-record-consents", consents(model)));
        tabs.setId("patient-record-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        HBox status = new HBox(8, Widgets.progress(model.busyProperty()), Widgets.problem(model.messageProperty(), "patient-record-message"),
                Widgets.notice(model.noticeProperty(), "patient-record-notice"));
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(6, 0, 0, 0));
        setCenter(tabs);
        setBottom(status);
    }

    private static Tab tab(String title, String id, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    // ---- details ----

    private static Node details(PatientRecordViewModel model) {
        GridPane grid = grid();
        var groups = FXCollections.observableArrayList("");
        groups.addAll(DemographicsRules.BLOOD_GROUPS);
        ComboBox<String> blood = Widgets.combo("patient-record-blood-group", groups, model.bloodGroupProperty(),
                g -> g.isEmpty() ? "Not known" : g);
        TextField language = Widgets.field("patient-record-language", model.languageProperty(), "e.g. Portuguese");
        grid.addRow(0, label("Blood group", blood), blood);
        grid.addRow(1, label("Preferred language", language), language);
        blood.setDisable(!model.editable());
        language.setEditable(model.editable());
        VBox box = new VBox(12, grid);
        if (model.editable()) {
            Button save = primary("_Save details", "patient-record-save-details", model::saveProfile, model);
            box.getChildren().add(save);
        }
        box.setPadding(new Insets(14));
        return box;
    }

    // ---- contacts ----

    private static Node contacts(PatientRecordViewModel model) {
        TableView<EmergencyContact> table = table("patient-record-contacts-table", model.contacts(), "No emergency contacts yet.");
        table.getColumns().add(Tables.column("#", 40, false, c -> c.getActive() ? Integer.toString(c.getPriority()) : ""));
        table.getColumns().add(Tables.tippedColumn("Name", 200, EmergencyContact::getName));
        table.getColumns().add(Tables.tippedColumn("Relationship", 120, EmergencyContact::getRelationship));
        table.getColumns().add(Tables.tippedColumn("Phone", 150, EmergencyContact::getPhone));
        table.getColumns().add(Tables.tippedColumn("Email", 200, EmergencyContact::getEmail));
        table.getColumns().add(Tables.tippedColumn("Status", 80, c -> c.getActive() ? "Active" : "Retired"));
        table.getColumns().add(Tables.tippedColumn("Changed by", 160, EmergencyContact::getUpdatedByName));
        VBox box = new VBox(10, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        if (model.editable()) {
            Button up = action("Move _up", "patient-record-contact-up", table, c -> model.moveContact(c, true), model);
            Button down = action("Move _down", "patient-record-contact-down", table, c -> model.moveContact(c, false), model);
            Button retire = action("_Retire", "patient-record-contact-retire", table, model::retireContact, model);
            TextField name = Widgets.field("patient-record-contact-name", model.contactNameProperty(), "Full name");
            TextField relationship = Widgets.field("patient-record-contact-relationship", model.contactRelationshipProperty(), "e.g. Wife");
            TextField phone = Widgets.field("patient-record-contact-phone", model.contactPhoneProperty(), "+1 555 0100");
            TextField email = Widgets.field("patient-record-contact-email", model.contactEmailProperty(), "Optional");
            Button add = primary("_Add contact", "patient-record-contact-add", model::addContact, model);
            GridPane form = grid();
            form.addRow(0, label("Name", name), name, label("Relationship", relationship), relationship);
            form.addRow(1, label("Phone", phone), phone, label("Email", email), email);
            box.getChildren().addAll(row(up, down, retire), Widgets.section("Add an emergency contact"), form, add);
        }
        box.setPadding(new Insets(14));
        return box;
    }

    // ---- insurance ----

    private static Node insurance(PatientRecordViewModel model) {
        TableView<InsurancePolicy> table = table("patient-record-policies-table", model.policies(), "No insurance policies yet.");
        table.getColumns().add(Tables.tippedColumn("Insurer", 180, InsurancePolicy::getInsurer));
        table.getColumns().add(Tables.tippedColumn("Policy number", 130, InsurancePolicy::getPolicyNumber));
        table.getColumns().add(Tables.tippedColumn("Member", 160, p -> p.getMemberName().isEmpty() ? "The patient" : p.getMemberName()));
        table.getColumns().add(Tables.tippedColumn("Covered from", 110, p -> PatientRecordViewModel.date(p.getCoverageStart())));
        table.getColumns().add(Tables.tippedColumn("Covered to", 110, p -> p.getCoverageEnd().isEmpty() ? "Open-ended"
                : PatientRecordViewModel.date(p.getCoverageEnd())));
        table.getColumns().add(Tables.tippedColumn("Status", 110, model::policyStatus));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override protected void updateItem(InsurancePolicy p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("policy-expired", "policy-active");
                if (!empty && p != null) {
                    getStyleClass().add(p.getInForce() ? "policy-active" : "policy-expired");
                }
            }
        });
        VBox box = new VBox(10, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        if (model.editable()) {
            Button retire = action("_Retire policy", "patient-record-policy-retire", table, model::retirePolicy, model);
            TextField insurer = Widgets.field("patient-record-insurer", model.insurerProperty(), "e.g. Blue Cross");
            TextField number = Widgets.field("patient-record-policy-number", model.policyNumberProperty(), "e.g. XK-204-881");
            TextField member = Widgets.field("patient-record-member", model.memberNameProperty(), "Empty when it is the patient");
            var start = Widgets.datePicker("patient-record-coverage-start", model.coverageStartProperty());
            var end = Widgets.datePicker("patient-record-coverage-end", model.coverageEndProperty());
            Button add = primary("_Add policy", "patient-record-policy-add", model::addPolicy, model);
            GridPane form = grid();
            form.addRow(0, label("Insurer", insurer), insurer, label("Policy number", number), number);
            form.addRow(1, label("Member", member), member, label("Covered from", start), start);
            form.addRow(2, new Label(), new Label(), label("Covered to", end), end);
            box.getChildren().addAll(row(retire), Widgets.section("Add an insurance policy"), form, add);
        }
        box.setPadding(new Insets(14));
        return box;
    }

    // ---- consents ----

    private static Node consents(PatientRecordViewModel model) {
        TableView<ConsentRecord> table = table("patient-record-consents-table", model.consents(), "No consent records yet.");
        table.getColumns().add(Tables.tippedColumn("Consent", 140, c -> PatientRecordViewModel.kindLabel(c.getKind())));
        table.getColumns().add(Tables.tippedColumn("Given on", 110, c -> PatientRecordViewModel.date(c.getGivenOn())));
        table.getColumns().add(Tables.tippedColumn("Withdrawn on", 110, c -> PatientRecordViewModel.date(c.getWithdrawnOn())));
        table.getColumns().add(Tables.tippedColumn("Document", 90, c -> c.getDocumentId().isEmpty() ? "" : "Linked"));
        table.getColumns().add(Tables.tippedColumn("Note", 260, c -> c.getNote().replace('\n', ' ')));
        table.getColumns().add(Tables.tippedColumn("Changed by", 150, ConsentRecord::getUpdatedByName));
        VBox box = new VBox(10, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        if (model.editable()) {
            Button withdraw = action("_Withdrawn today", "patient-record-consent-withdraw", table, model::withdrawConsent, model);
            ComboBox<org.medconnect.proto.patient.v1.ConsentRecordKind> kind = Widgets.combo("patient-record-consent-kind",
                    FXCollections.observableArrayList(PatientRecordViewModel.CONSENT_KINDS), model.consentKindProperty(),
                    PatientRecordViewModel::kindLabel);
            var given = Widgets.datePicker("patient-record-consent-given", model.givenOnProperty());
            TextField note = Widgets.field("patient-record-consent-note", model.consentNoteProperty(), "Optional");
            Button add = primary("_Record consent", "patient-record-consent-add", model::addConsent, model);
            GridPane form = grid();
            form.addRow(0, label("Consent to", kind), kind, label("Given on", given), given);
            form.addRow(1, label("Note", note), note);
            GridPane.setColumnSpan(note, 3);
            box.getChildren().addAll(row(withdraw), Widgets.section("Record a consent"), form, add);
        }
        box.setPadding(new Insets(14));
        return box;
    }

    // ---- helpers ----

    private static <T> TableView<T> table(String id, javafx.collections.ObservableList<T> items, String empty) {
        TableView<T> table = new TableView<>(items);
        table.setId(id);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(empty));
        table.setPrefHeight(220);
        return table;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.getStyleClass().add("patient-record-form");
        return grid;
    }

    private static Label label(String text, Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        label.setMinWidth(Label.USE_PREF_SIZE);
        return label;
    }

    private static Button primary(String text, String id, Runnable action, PatientRecordViewModel model) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(Styles.ACCENT);
        b.setOnAction(e -> action.run());
        b.disableProperty().bind(model.busyProperty());
        return b;
    }

    private static <T> Button action(String text, String id, TableView<T> table, Consumer<T> act, PatientRecordViewModel model) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> {
            T item = table.getSelectionModel().getSelectedItem();
            if (item != null) {
                act.accept(item);
            }
        });
        b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        return b;
    }

    private static FlowPane row(Node... nodes) {
        FlowPane row = new FlowPane(8, 8, nodes);
        return row;
    }
}
