package org.medconnect.desktop.billing;

import org.medconnect.desktop.platform.PdfPages;
import atlantafx.base.theme.Styles;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.print.PrinterJob;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.billing.v1.InvoiceLine;
import org.medconnect.proto.billing.v1.Payment;
import org.medconnect.proto.billing.v1.PaymentKind;
import org.medconnect.proto.billing.v1.PaymentMethod;
import org.medconnect.proto.billing.v1.PriceItem;

/**
 * The invoice sheet: checkout of a visit (lines, add items and discounts, insurer, Issue with
 * Ctrl+Enter, Take payment with Enter, the receipt inline with Save a copy and Print), and an
 * issued invoice opened from the list (payments, refund, credit note, reprint). Fits 1366x768.
 */
public final class InvoiceView {

    private static final KeyCombination ISSUE = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final VBox card;

    public InvoiceView(InvoiceViewModel model, Dialogs dialogs, Runnable onClose) {
        Label heading = new Label();
        heading.setId("invoice-heading");
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.textProperty().bind(model.headingProperty());
        Label owed = new Label();
        owed.setId("invoice-owed");
        owed.getStyleClass().add("invoice-owed");
        owed.textProperty().bind(model.owedProperty());
        Region topSpacer = new Region();
        HBox.setHgrow(topSpacer, Priority.ALWAYS);
        HBox top = new HBox(10, heading, Widgets.progress(model.busyProperty()), topSpacer, owed);
        top.setAlignment(Pos.CENTER_LEFT);

        // lines
        TableView<InvoiceLine> lineTable = new TableView<>(model.lines());
        lineTable.setId("invoice-lines");
        lineTable.getStyleClass().add(Styles.DENSE);
        // Every column readable at 1366x768 (docs/screenshots/reception-checkout.png): amounts never shrink below
        // their width, the description takes what is left, and while drafting the lines have the whole sheet.
        lineTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        lineTable.getColumns().add(Tables.tippedColumn("Description", 230, InvoiceLine::getDescription));
        lineTable.getColumns().add(Tables.column("Qty", 45, false, l -> BillingText.decimal(l.getQuantity())));
        lineTable.getColumns().add(Tables.column("Price", 80, false, l -> BillingText.money(l.getUnitPrice())));
        lineTable.getColumns().add(Tables.column("Discount", 85, false, l -> l.getDiscount().getMinorUnits() == 0 ? ""
                : BillingText.money(l.getDiscount())));
        lineTable.getColumns().add(Tables.tippedColumn("Tax", 115, l -> l.getTaxName().isBlank() ? "" : BillingText.money(l.getTax())
                + " (" + BillingText.decimal(l.getTaxPercent()) + "%)"));
        lineTable.getColumns().add(Tables.column("Total", 85, false, l -> BillingText.money(l.getGross())));
        lineTable.getColumns().forEach(c -> c.setMinWidth(c.getText().equals("Description") ? 150 : c.getPrefWidth()));
        lineTable.setPlaceholder(new Label("No lines yet: add a price-list item below."));
        lineTable.setPrefHeight(200);
        VBox.setVgrow(lineTable, Priority.ALWAYS);

        // add an item (drafts only)
        ComboBox<PriceItem> item = Widgets.combo("invoice-item", model.priceItems(), model.chosenItemProperty(),
                p -> p.getCode() + " · " + p.getName() + " · " + BillingText.money(p.getUnitPrice()));
        item.setPromptText("Price-list item");
        item.setPrefWidth(230);
        item.setMinWidth(120);
        HBox.setHgrow(item, Priority.ALWAYS);
        TextField qty = Widgets.field("invoice-quantity", model.quantityProperty(), "Qty");
        qty.setPrefWidth(55);
        TextField discount = Widgets.field("invoice-discount", model.discountProperty(), "Disc.");
        discount.setPrefWidth(70);
        discount.setMinWidth(60);
        Button add = new Button("_Add item");
        add.setId("invoice-add");
        add.setOnAction(e -> model.addItem());
        add.setMinWidth(Region.USE_PREF_SIZE);
        qty.setOnAction(e -> model.addItem());
        discount.setOnAction(e -> model.addItem());
        Button remove = new Button("Remove");
        remove.setMinWidth(Region.USE_PREF_SIZE);
        remove.setId("invoice-remove");
        remove.disableProperty().bind(lineTable.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        remove.setOnAction(e -> model.removeLine(lineTable.getSelectionModel().getSelectedItem()));
        HBox addRow = new HBox(6, item, qty, discount, add, remove);
        addRow.setAlignment(Pos.CENTER_LEFT);

        TextField insurer = Widgets.field("invoice-insurer", model.insurerProperty(), "Insurer (optional)");
        TextField policy = Widgets.field("invoice-policy", model.policyProperty(), "Policy number");
        HBox.setHgrow(insurer, Priority.ALWAYS);
        HBox.setHgrow(policy, Priority.ALWAYS);
        insurer.setOnAction(e -> model.saveDetails());
        policy.setOnAction(e -> model.saveDetails());
        HBox insuranceRow = new HBox(6, new Label("Insurance"), insurer, policy);
        insuranceRow.setAlignment(Pos.CENTER_LEFT);
        VBox draftBox = new VBox(6, addRow, insuranceRow);
        var isDraft = model.stepProperty().isEqualTo(InvoiceViewModel.Step.DRAFT);
        draftBox.visibleProperty().bind(isDraft);
        draftBox.managedProperty().bind(isDraft);

        Label totals = new Label();
        totals.setId("invoice-totals");
        totals.getStyleClass().add(Styles.TEXT_BOLD);
        totals.textProperty().bind(model.totalsProperty());

        TableView<Payment> paymentTable = new TableView<>(model.payments());
        paymentTable.setId("invoice-payments");
        paymentTable.getStyleClass().add(Styles.DENSE);
        paymentTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        paymentTable.getColumns().add(Tables.column("Receipt", 120, false, Payment::getReceiptNumber));
        paymentTable.getColumns().add(Tables.column("Kind", 65, false, p -> p.getKind() == PaymentKind.PAYMENT_KIND_REFUND ? "Refund" : "Payment"));
        paymentTable.getColumns().add(Tables.column("Method", 80, false, p -> BillingText.method(p.getMethod())));
        paymentTable.getColumns().add(Tables.column("Amount", 75, false, p -> BillingText.money(p.getAmount())));
        paymentTable.getColumns().add(Tables.column("By", 90, false, Payment::getReceivedByName));
        paymentTable.setPlaceholder(new Label("No payments yet."));
        paymentTable.setPrefHeight(110);
        paymentTable.setRowFactory(t -> Tables.doubleClick(model::showReceipt));
        var notDraft = isDraft.not();
        paymentTable.visibleProperty().bind(notDraft);
        paymentTable.managedProperty().bind(notDraft);

        VBox left = new VBox(8, lineTable, draftBox, totals, paymentTable);
        left.setPrefWidth(600);
        left.setMinWidth(580);
        HBox.setHgrow(left, Priority.ALWAYS);

        // payment form
        ComboBox<PaymentMethod> method = Widgets.combo("pay-method", FXCollections.observableArrayList(
                PaymentMethod.PAYMENT_METHOD_CARD, PaymentMethod.PAYMENT_METHOD_CASH, PaymentMethod.PAYMENT_METHOD_BANK_TRANSFER,
                PaymentMethod.PAYMENT_METHOD_INSURANCE), model.methodProperty(), BillingText::method);
        method.setPrefWidth(130);
        TextField amount = Widgets.field("pay-amount", model.amountProperty(), "Amount");
        amount.setPrefWidth(90);
        TextField reference = Widgets.field("pay-reference", model.referenceProperty(), "Reference (slip, transfer)");
        HBox.setHgrow(reference, Priority.ALWAYS);
        Button pay = new Button("Take _payment (Enter)");
        pay.setId("pay");
        pay.getStyleClass().add(Styles.SUCCESS);
        pay.disableProperty().bind(model.canPayBinding().not());
        pay.defaultButtonProperty().bind(model.canPayBinding());
        pay.setOnAction(e -> model.pay());
        pay.setMinWidth(Region.USE_PREF_SIZE);
        reference.setMinWidth(80);
        HBox payRow = new HBox(6, method, amount, reference, pay);
        payRow.setAlignment(Pos.CENTER_LEFT);
        var paying = model.stepProperty().isEqualTo(InvoiceViewModel.Step.OWED);
        payRow.visibleProperty().bind(paying);
        payRow.managedProperty().bind(paying);

        PdfPane pdf = new PdfPane("invoice-pdf");
        model.pdfProperty().addListener((obs, old, now) -> pdf.show(now));
        VBox.setVgrow(pdf, Priority.ALWAYS);
        Label pdfTitle = new Label();
        pdfTitle.setId("invoice-pdf-title");
        pdfTitle.getStyleClass().add(Styles.TEXT_BOLD);
        pdfTitle.textProperty().bind(model.pdfTitleProperty());
        Button save = new Button("_Save a copy…");
        save.setId("pdf-save");
        save.disableProperty().bind(model.pdfProperty().isNull());
        save.setOnAction(e -> saveCopy(model));
        Button print = new Button("P_rint…");
        print.setId("pdf-print");
        print.disableProperty().bind(model.pdfProperty().isNull());
        print.setOnAction(e -> print(model, pdf));
        Button reprint = new Button("Invoice PDF");
        reprint.setId("pdf-invoice");
        reprint.disableProperty().bind(Bindings.createBooleanBinding(() -> model.stepProperty().get() == InvoiceViewModel.Step.DRAFT
                || model.stepProperty().get() == InvoiceViewModel.Step.LOADING, model.stepProperty()));
        reprint.setOnAction(e -> model.showInvoicePdf());
        Region pdfSpacer = new Region();
        HBox.setHgrow(pdfSpacer, Priority.ALWAYS);
        HBox pdfBar = new HBox(6, pdfTitle, pdfSpacer, reprint, save, print);
        pdfBar.setAlignment(Pos.CENTER_LEFT);
        VBox right = new VBox(8, payRow, pdfBar, pdf);
        right.setPrefWidth(520);
        HBox.setHgrow(right, Priority.ALWAYS);
        // Nothing to show there before the invoice is issued: the draft's lines take the whole width.
        right.visibleProperty().bind(notDraft);
        right.managedProperty().bind(notDraft);

        HBox body = new HBox(14, left, right);
        VBox.setVgrow(body, Priority.ALWAYS);

        // footer actions
        Button issue = new Button("_Issue (Ctrl+Enter)");
        issue.setId("invoice-issue");
        issue.getStyleClass().add(Styles.ACCENT);
        issue.disableProperty().bind(isDraft.not().or(model.busyProperty()));
        issue.visibleProperty().bind(isDraft);
        issue.managedProperty().bind(isDraft);
        issue.setOnAction(e -> model.issue());
        Button discard = new Button("_Discard draft…");
        discard.setId("invoice-discard");
        discard.disableProperty().bind(isDraft.not().or(model.busyProperty()));
        discard.visibleProperty().bind(isDraft);
        discard.managedProperty().bind(isDraft);
        discard.setOnAction(e -> dialogs.confirm("Discard this draft?",
                "The draft for " + model.invoiceProperty().get().getPatientName() + " is thrown away; it never had a number, "
                        + "and it leaves the invoice list.", "Discard draft", true, model::discard));
        Button credit = new Button("_Credit note…");
        credit.setId("invoice-credit");
        credit.disableProperty().bind(model.canCreditBinding().not());
        credit.visibleProperty().bind(model.canCreditBinding());
        credit.managedProperty().bind(credit.visibleProperty());
        credit.setOnAction(e -> openCreditNote(model, dialogs));
        Button refund = new Button("Re_fund…");
        refund.setId("invoice-refund");
        refund.disableProperty().bind(model.canRefundBinding().not());
        refund.visibleProperty().bind(model.canRefundBinding());
        refund.managedProperty().bind(refund.visibleProperty());
        refund.setOnAction(e -> dialogs.confirm("Refund the patient?",
                "Gives back " + (model.amountProperty().get().isBlank() ? "everything paid" : model.amountProperty().get())
                        + " by " + BillingText.method(model.methodProperty().get()).toLowerCase(java.util.Locale.ROOT)
                        + ", with its own receipt. Type another amount in the payment row first to refund part of it.",
                "Refund", true, model::refund));
        Button close = new Button("Close (Esc)");
        close.setId("invoice-close");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            model.closing();
            onClose.run();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, Widgets.notice(model.noticeProperty(), "invoice-notice"),
                Widgets.problem(model.messageProperty(), "invoice-message"), spacer, discard, credit, refund, close, issue);
        actions.setAlignment(Pos.CENTER_RIGHT);

        card = new VBox(10, top, body, actions);
        card.setId("invoice-sheet");
        card.setPadding(new Insets(18));
        card.setPrefSize(1200, 690);
        card.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (ISSUE.match(e)) {
                model.issue();
                e.consume();
            }
        });
    }

    /** The credit note dialog over the sheet; once issued, the sheet shows the credit note's PDF. */
    private static void openCreditNote(InvoiceViewModel model, Dialogs dialogs) {
        CreditNoteViewModel credit = model.newCreditNote();
        if (credit == null) {
            return;
        }
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        CreditNoteView view = new CreditNoteView(credit, () -> sheet[0].close());
        credit.onCredited(done -> {
            sheet[0].close();
            model.credited(done);
        });
        sheet[0] = dialogs.overlays().show(view.card());
    }

    private void saveCopy(InvoiceViewModel model) {
        PdfPages shown = model.pdfProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save a copy");
        chooser.setInitialFileName(shown.fileName().isBlank() ? "document.pdf" : shown.fileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        File file = chooser.showSaveDialog(card.getScene().getWindow());
        if (file != null) {
            model.savePdf(file.toPath());
        }
    }

    /** Prints the shown pages with JavaFX printing; with no printer set up, offers to save a copy instead. */
    private void print(InvoiceViewModel model, PdfPane pdf) {
        PrinterJob job = PrinterJob.createPrinterJob();
        if (job == null) {
            model.noticeProperty().set("");
            model.messageProperty().set("No printer is set up on this computer: save a copy and print it from there.");
            saveCopy(model);
            return;
        }
        if (!job.showPrintDialog(card.getScene().getWindow())) {
            return;
        }
        List<ImageView> pages = pdf.pageViews();
        boolean ok = true;
        for (ImageView page : pages) {
            ImageView copy = new ImageView(page.getImage());
            copy.setPreserveRatio(true);
            copy.setFitWidth(job.getJobSettings().getPageLayout().getPrintableWidth());
            ok &= job.printPage(copy);
        }
        if (ok && job.endJob()) {
            model.noticeProperty().set("Sent to the printer.");
        } else {
            model.messageProperty().set("The printer refused the job.");
        }
    }

    public VBox card() {
        return card;
    }
}
