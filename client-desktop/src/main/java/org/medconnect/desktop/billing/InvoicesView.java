package org.medconnect.desktop.billing;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.billing.v1.InvoiceKind;
import org.medconnect.proto.billing.v1.InvoiceStatus;
import org.medconnect.proto.billing.v1.InvoiceSummary;
import org.medconnect.proto.patient.v1.Patient;

/** The Invoices screen: search and filters, pages, the ageing of what is owed; Enter or a double click opens one. */
public final class InvoicesView extends BorderPane {

    public InvoicesView(InvoicesViewModel model, Supplier<InvoiceViewModel> invoices, Dialogs dialogs) {
        this(model, invoices, dialogs, Optional.empty());
    }

    /**
     * With {@code pickPatient} (the workspace's patient finder), reception can also start an invoice
     * for items without a visit: New invoice, choose the patient, then the same invoice sheet.
     */
    public InvoicesView(InvoicesViewModel model, Supplier<InvoiceViewModel> invoices, Dialogs dialogs,
                        Optional<Consumer<Consumer<Patient>>> pickPatient) {
        setId("invoices-screen");
        Label title = new Label("Invoices");
        title.getStyleClass().add(Styles.TITLE_3);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox heading = new HBox(8, title, Widgets.progress(model.busyProperty()), spacer,
                Widgets.muted(model.summaryProperty(), "invoices-summary"));
        heading.setAlignment(Pos.CENTER_LEFT);

        TextField query = Widgets.field("invoices-query", model.queryProperty(), "Number, patient name or MRN");
        query.setPrefWidth(210);
        query.setMinWidth(150);
        query.setOnAction(e -> model.search());
        ComboBox<InvoicesViewModel.Choice<InvoiceStatus>> status = Widgets.combo("invoices-status",
                FXCollections.observableArrayList(InvoicesViewModel.STATUSES), model.statusProperty(), InvoicesViewModel.Choice::label);
        status.setPrefWidth(130);
        status.setMinWidth(130);
        ComboBox<InvoicesViewModel.Choice<InvoiceKind>> kind = Widgets.combo("invoices-kind",
                FXCollections.observableArrayList(InvoicesViewModel.KINDS), model.kindProperty(), InvoicesViewModel.Choice::label);
        kind.setPrefWidth(130);
        kind.setMinWidth(130);
        var from = Widgets.datePicker("invoices-from", model.fromProperty());
        from.setPromptText("Issued from");
        from.setPrefWidth(135);
        from.setMinWidth(125);
        var to = Widgets.datePicker("invoices-to", model.toProperty());
        to.setPromptText("to");
        to.setPrefWidth(135);
        to.setMinWidth(125);
        CheckBox outstanding = new CheckBox("Outstanding only");
        outstanding.setId("invoices-outstanding");
        outstanding.setMinWidth(Region.USE_PREF_SIZE);
        outstanding.selectedProperty().bindBidirectional(model.outstandingOnlyProperty());
        Button search = new Button("_Search");
        search.setId("invoices-search");
        search.setMinWidth(Region.USE_PREF_SIZE);
        search.getStyleClass().add(Styles.ACCENT);
        search.setOnAction(e -> model.search());
        status.valueProperty().addListener((o, a, b) -> model.search());
        kind.valueProperty().addListener((o, a, b) -> model.search());
        outstanding.selectedProperty().addListener((o, a, b) -> model.search());
        from.valueProperty().addListener((o, a, b) -> model.search());
        to.valueProperty().addListener((o, a, b) -> model.search());
        // Wraps instead of pushing Search off a narrow window.
        FlowPane filters = new FlowPane(6, 6, query, status, kind, from, to, outstanding, search);
        filters.setAlignment(Pos.CENTER_LEFT);

        Label ageing = Widgets.muted(model.ageingProperty(), "invoices-ageing");
        ageing.getStyleClass().add("ageing-line");

        TableView<InvoiceSummary> table = new TableView<>(model.invoices());
        table.setId("invoices-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.column("Number", 140, false, s -> s.getNumber().isBlank() ? "(draft)" : s.getNumber()));
        table.getColumns().add(Tables.column("Kind", 90, false, s -> BillingText.kind(s.getKind())));
        table.getColumns().add(Tables.column("Status", 95, false, BillingText::status));
        table.getColumns().add(Tables.tippedColumn("Patient", 170, InvoiceSummary::getPatientName));
        table.getColumns().add(Tables.column("Visit", 110, false, InvoiceSummary::getAppointmentReference));
        table.getColumns().add(Tables.column("Issued", 95, false, InvoiceSummary::getIssueDate));
        table.getColumns().add(Tables.column("Due", 95, false, InvoiceSummary::getDueDate));
        table.getColumns().add(Tables.column("Total", 90, false, s -> BillingText.money(s.getTotal())));
        table.getColumns().add(Tables.column("Outstanding", 100, false, s -> s.getStatus() != InvoiceStatus.INVOICE_STATUS_ISSUED
                || s.getOutstanding().getMinorUnits() == 0 ? "" : BillingText.money(s.getOutstanding())));
        Label placeholder = new Label("No invoices match. Clear the search or the filters.");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);
        Runnable open = () -> {
            InvoiceSummary chosen = table.getSelectionModel().getSelectedItem();
            if (chosen != null) {
                openInvoice(chosen, invoices, dialogs, model);
            }
        };
        table.setRowFactory(t -> Tables.doubleClick(s -> openInvoice(s, invoices, dialogs, model)));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                open.run();
            }
        });

        Button openButton = new Button("_Open (Enter)");
        openButton.setId("invoices-open");
        openButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        openButton.setOnAction(e -> open.run());
        Button previous = new Button("‹ Previous");
        previous.setId("invoices-previous");
        previous.disableProperty().bind(model.hasPreviousProperty().not().or(model.busyProperty()));
        previous.setOnAction(e -> model.previousPage());
        Button next = new Button("Next ›");
        next.setId("invoices-next");
        next.disableProperty().bind(model.hasNextProperty().not().or(model.busyProperty()));
        next.setOnAction(e -> model.nextPage());
        Region footerSpacer = new Region();
        HBox.setHgrow(footerSpacer, Priority.ALWAYS);
        Button newInvoice = new Button("_New invoice…");
        newInvoice.setId("invoices-new");
        newInvoice.setMinWidth(Region.USE_PREF_SIZE);
        newInvoice.setVisible(pickPatient.isPresent());
        newInvoice.setManaged(pickPatient.isPresent());
        newInvoice.setOnAction(e -> pickPatient.ifPresent(pick -> pick.accept(patient -> startInvoice(patient, invoices, dialogs, model))));
        HBox footer = new HBox(8, newInvoice, openButton, Widgets.problem(model.messageProperty(), "invoices-message"), footerSpacer, previous, next);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(8, 0, 0, 0));

        VBox top = new VBox(8, heading, filters, ageing);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(table);
        setBottom(footer);
        // Each arrival on screen shows what is true now (and the first arrival loads page one).
        Widgets.reloadOnF5AndWhenShown(this, model::reload, model::reload);
    }

    private static void startInvoice(Patient patient, Supplier<InvoiceViewModel> invoices, Dialogs dialogs, InvoicesViewModel list) {
        InvoiceViewModel invoice = invoices.get();
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        InvoiceView view = new InvoiceView(invoice, dialogs, () -> {
            sheet[0].close();
            list.reload();
        });
        invoice.onChanged(changed -> list.reload());
        sheet[0] = dialogs.overlays().show(view.card());
        invoice.startNew(patient.getPatientId());
    }

    private static void openInvoice(InvoiceSummary summary, Supplier<InvoiceViewModel> invoices, Dialogs dialogs, InvoicesViewModel list) {
        InvoiceViewModel invoice = invoices.get();
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        InvoiceView view = new InvoiceView(invoice, dialogs, () -> sheet[0].close());
        invoice.onChanged(changed -> list.reload());
        sheet[0] = dialogs.overlays().show(view.card());
        invoice.open(summary.getId());
    }
}
