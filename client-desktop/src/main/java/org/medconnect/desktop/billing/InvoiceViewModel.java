package org.medconnect.desktop.billing;

import org.medconnect.desktop.platform.PdfPages;
import io.grpc.Status;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.billing.v1.CreateInvoiceRequest;
import org.medconnect.proto.billing.v1.DiscardDraftInvoiceRequest;
import org.medconnect.proto.billing.v1.DraftVisitInvoiceRequest;
import org.medconnect.proto.billing.v1.GetInvoicePdfRequest;
import org.medconnect.proto.billing.v1.GetInvoiceRequest;
import org.medconnect.proto.billing.v1.GetReceiptPdfRequest;
import org.medconnect.proto.billing.v1.Invoice;
import org.medconnect.proto.billing.v1.InvoiceKind;
import org.medconnect.proto.billing.v1.InvoiceLine;
import org.medconnect.proto.billing.v1.InvoiceLineInput;
import org.medconnect.proto.billing.v1.InvoiceStatus;
import org.medconnect.proto.billing.v1.IssueInvoiceRequest;
import org.medconnect.proto.billing.v1.ListPriceItemsRequest;
import org.medconnect.proto.billing.v1.ListTaxRatesRequest;
import org.medconnect.proto.billing.v1.Payment;
import org.medconnect.proto.billing.v1.PaymentMethod;
import org.medconnect.proto.billing.v1.PriceItem;
import org.medconnect.proto.billing.v1.RecordPaymentRequest;
import org.medconnect.proto.billing.v1.RefundPaymentRequest;
import org.medconnect.proto.billing.v1.TaxRate;
import org.medconnect.proto.billing.v1.UpdateDraftInvoiceRequest;
import org.medconnect.proto.common.v1.Money;
import org.medconnect.shared.billing.InvoiceMath;

/**
 * One invoice at the desk, from draft to receipt: checkout of a completed visit (its draft, price-list
 * items and discounts added, insurer and policy), Issue, Take payment, the receipt; and for an issued
 * invoice opened from the list, its payments, a refund, a credit note and reprints. Totals are the
 * server's; a payment's request id is made once and kept until the server has answered for certain,
 * so a double-clicked Pay is one payment.
 */
public final class InvoiceViewModel {

    /** Where the invoice is: being edited, owed, settled, or not payable (discarded, credit note). */
    public enum Step { LOADING, DRAFT, OWED, SETTLED, CLOSED }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObjectProperty<Invoice> invoice = new SimpleObjectProperty<>();
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.LOADING);
    private final ObservableList<InvoiceLine> lines = FXCollections.observableArrayList();
    private final ObservableList<Payment> payments = FXCollections.observableArrayList();
    private final ObservableList<PriceItem> priceItems = FXCollections.observableArrayList();
    private final List<TaxRate> taxRates = new ArrayList<>();
    private final ObjectProperty<PriceItem> chosenItem = new SimpleObjectProperty<>();
    private final StringProperty quantity = new SimpleStringProperty("1");
    private final StringProperty discount = new SimpleStringProperty("");
    private final StringProperty insurer = new SimpleStringProperty("");
    private final StringProperty policy = new SimpleStringProperty("");
    private final ObjectProperty<PaymentMethod> method = new SimpleObjectProperty<>(PaymentMethod.PAYMENT_METHOD_CARD);
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty reference = new SimpleStringProperty("");
    private final StringProperty heading = new SimpleStringProperty("Invoice");
    private final StringProperty totals = new SimpleStringProperty("");
    private final StringProperty owed = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final ObjectProperty<PdfPages> pdf = new SimpleObjectProperty<>();
    private final StringProperty pdfTitle = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<Payment> lastPayment = new SimpleObjectProperty<>();
    private final BooleanBinding canPay;
    private final BooleanBinding canRefund;
    private final BooleanBinding canCredit;
    private String paymentRequestId = UUID.randomUUID().toString();
    private String refundRequestId = UUID.randomUUID().toString();
    private String newInvoiceRequestId = UUID.randomUUID().toString();
    private boolean startedHere;
    private Consumer<Invoice> onChanged = i -> { };

    public InvoiceViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        canPay = Bindings.createBooleanBinding(() -> step.get() == Step.OWED && !busy.get(), step, busy);
        canRefund = Bindings.createBooleanBinding(() -> {
            Invoice i = invoice.get();
            return i != null && !busy.get() && i.getStatus() == InvoiceStatus.INVOICE_STATUS_ISSUED
                    && i.getPaid().getMinorUnits() - i.getRefunded().getMinorUnits() > 0;
        }, invoice, busy);
        canCredit = Bindings.createBooleanBinding(() -> {
            Invoice i = invoice.get();
            return i != null && !busy.get() && i.getStatus() == InvoiceStatus.INVOICE_STATUS_ISSUED
                    && i.getKind() == InvoiceKind.INVOICE_KIND_INVOICE && i.getTotal().getMinorUnits() + i.getCredited().getMinorUnits() > 0;
        }, invoice, busy);
    }

    /** Told of every change the desk made (issued, paid, credited), so lists and balances follow. */
    public void onChanged(Consumer<Invoice> handler) {
        this.onChanged = handler;
    }

    record Loaded(Invoice invoice, List<PriceItem> items, List<TaxRate> rates, Optional<PdfPages> pdf) {}

    /** Checkout: the completed visit's draft (made now if the server has not made it yet). */
    public void checkOut(String appointmentId) {
        load(() -> connection.billing().draftVisitInvoice(DraftVisitInvoiceRequest.newBuilder()
                .setAppointmentId(appointmentId).build()).getInvoice());
    }

    /** A new invoice for items without a visit: an empty draft for the patient, to add price-list items to. */
    public void startNew(String patientId) {
        CreateInvoiceRequest request = CreateInvoiceRequest.newBuilder().setRequestId(newInvoiceRequestId).setPatientId(patientId).build();
        startedHere = true;
        load(() -> connection.billing().createInvoice(request).getInvoice());
    }

    /** An invoice opened from the list. */
    public void open(String invoiceId) {
        load(() -> connection.billing().getInvoice(GetInvoiceRequest.newBuilder().setInvoiceId(invoiceId).build()).getInvoice());
    }

    private void load(Callable<Invoice> fetch) {
        clearMessages();
        calls.call(busy, () -> {
            Invoice found = fetch.call();
            List<PriceItem> items = found.getStatus() == InvoiceStatus.INVOICE_STATUS_DRAFT
                    ? connection.billing().listPriceItems(ListPriceItemsRequest.getDefaultInstance()).getItemsList() : List.of();
            List<TaxRate> rates = connection.billing().listTaxRates(ListTaxRatesRequest.newBuilder().setIncludeInactive(true).build())
                    .getTaxRatesList();
            return new Loaded(found, items, rates, issuedPdf(found));
        }, loaded -> {
            priceItems.setAll(loaded.items());
            taxRates.clear();
            taxRates.addAll(loaded.rates());
            show(loaded.invoice());
            loaded.pdf().ifPresent(p -> showPdf(p, "Invoice " + loaded.invoice().getNumber()));
            insurer.set(loaded.invoice().getInsurer());
            policy.set(loaded.invoice().getPolicyNumber());
        }, failure -> message.set(failure.message()));
    }

    private Optional<PdfPages> issuedPdf(Invoice found) {
        if (found.getStatus() != InvoiceStatus.INVOICE_STATUS_ISSUED) {
            return Optional.empty();
        }
        var answer = connection.billing().getInvoicePdf(GetInvoicePdfRequest.newBuilder().setInvoiceId(found.getId()).build());
        return Optional.of(PdfPages.render(answer.getFileName(), answer.getPdf().toByteArray()));
    }

    private void show(Invoice shown) {
        invoice.set(shown);
        lines.setAll(shown.getLinesList());
        payments.setAll(shown.getPaymentsList());
        String currency = currency();
        boolean draft = shown.getStatus() == InvoiceStatus.INVOICE_STATUS_DRAFT;
        String draftHeading = shown.getAppointmentId().isBlank() ? "New invoice (draft)" : "Checkout: draft invoice";
        heading.set((draft ? draftHeading : BillingText.kind(shown.getKind()) + " " + shown.getNumber())
                + " · " + shown.getPatientName() + (shown.getPatientMrn().isBlank() ? "" : " (" + shown.getPatientMrn() + ")"));
        totals.set("Subtotal " + BillingText.money(shown.getSubtotal()) + "   Discount " + BillingText.money(shown.getDiscount())
                + "   Tax " + BillingText.money(shown.getTax()) + "   Total " + BillingText.money(shown.getTotal()));
        long outstanding = shown.getOutstanding().getMinorUnits();
        if (shown.getStatus() == InvoiceStatus.INVOICE_STATUS_ISSUED) {
            owed.set(outstanding > 0 ? "Owed: " + BillingText.money(shown.getOutstanding())
                    : outstanding == 0 ? (shown.getCredited().getMinorUnits() != 0 && shown.getPaid().getMinorUnits() == 0 ? "Nothing owed" : "Paid in full") : "The clinic owes " + BillingText.money(-outstanding, currency));
        } else {
            owed.set(draft ? "Not issued yet: review, then Issue (Ctrl+Enter)" : "Discarded");
        }
        long credited = shown.getCredited().getMinorUnits();
        if (shown.getStatus() == InvoiceStatus.INVOICE_STATUS_ISSUED && credited != 0) {
            owed.set(owed.get() + (credited + shown.getTotal().getMinorUnits() == 0 ? " · credited in full"
                    : " · partly credited (" + BillingText.money(shown.getCredited()) + ")"));
        }
        step.set(draft ? Step.DRAFT
                : shown.getStatus() != InvoiceStatus.INVOICE_STATUS_ISSUED || shown.getKind() == InvoiceKind.INVOICE_KIND_CREDIT_NOTE
                ? Step.CLOSED : outstanding > 0 ? Step.OWED : Step.SETTLED);
        amount.set(outstanding > 0 ? InvoiceMath.format(outstanding, currency) : "");
    }

    private String currency() {
        Invoice i = invoice.get();
        return i == null ? "" : i.getTotal().getCurrencyCode();
    }

    /** Adds the chosen price-list item (quantity, discount in money) to the draft; the server prices it. */
    public void addItem() {
        PriceItem item = chosenItem.get();
        if (item == null || step.get() != Step.DRAFT || busy.get()) {
            message.set(item == null ? "Choose an item from the price list." : "");
            return;
        }
        clearMessages();
        Optional<BigDecimal> qty = InvoiceMath.quantity(quantity.get().isBlank() ? "1" : quantity.get());
        if (qty.isEmpty()) {
            message.set("Quantity: a number above 0, at most 10000, up to three decimals.");
            return;
        }
        long discountMinor = 0;
        if (!discount.get().isBlank()) {
            Optional<Long> d = BillingText.parseMinor(discount.get(), currency());
            if (d.isEmpty() || d.get() < 0) {
                message.set("Discount: an amount such as 5.00.");
                return;
            }
            discountMinor = d.get();
        }
        List<InvoiceLineInput> inputs = currentInputs();
        inputs.add(InvoiceLineInput.newBuilder().setPriceItemId(item.getId()).setQuantity(qty.get().toPlainString())
                .setDiscountMinor(discountMinor).setKind(item.getKind()).build());
        update(inputs, () -> {
            chosenItem.set(null);
            quantity.set("1");
            discount.set("");
            notice.set("Added " + item.getName() + ".");
        });
    }

    public void removeLine(InvoiceLine line) {
        if (line == null || step.get() != Step.DRAFT || busy.get()) {
            return;
        }
        clearMessages();
        List<InvoiceLineInput> inputs = new ArrayList<>();
        for (InvoiceLine l : lines) {
            if (l.getPosition() != line.getPosition()) {
                inputs.add(input(l));
            }
        }
        update(inputs, () -> notice.set("Removed " + line.getDescription() + "."));
    }

    /** Saves insurer and policy on the draft. */
    public void saveDetails() {
        if (step.get() == Step.DRAFT && !busy.get()) {
            clearMessages();
            update(currentInputs(), () -> notice.set("Saved."));
        }
    }

    private boolean detailsChanged() {
        Invoice i = invoice.get();
        return !i.getInsurer().equals(insurer.get().strip()) || !i.getPolicyNumber().equals(policy.get().strip());
    }

    private List<InvoiceLineInput> currentInputs() {
        List<InvoiceLineInput> inputs = new ArrayList<>();
        lines.forEach(l -> inputs.add(input(l)));
        return inputs;
    }

    /** A stored line sent back as it is: its own price, discount and tax rate (found by name and percent). */
    private InvoiceLineInput input(InvoiceLine l) {
        InvoiceLineInput.Builder b = InvoiceLineInput.newBuilder().setPriceItemId(l.getPriceItemId()).setDescription(l.getDescription())
                .setQuantity(l.getQuantity()).setUnitPrice(l.getUnitPrice()).setDiscountMinor(l.getDiscount().getMinorUnits())
                .setKind(l.getKind());
        if (!l.getTaxName().isBlank()) {
            Optional<BigDecimal> percent = InvoiceMath.percent(l.getTaxPercent());
            taxRates.stream().filter(r -> r.getName().equals(l.getTaxName()) && percent.isPresent()
                            && InvoiceMath.percent(r.getPercent()).map(p -> p.compareTo(percent.get()) == 0).orElse(false))
                    .findFirst().ifPresent(r -> b.setTaxRateId(r.getId()));
        }
        return b.build();
    }

    private UpdateDraftInvoiceRequest updateRequest(Invoice draft, List<InvoiceLineInput> inputs) {
        return UpdateDraftInvoiceRequest.newBuilder().setInvoiceId(draft.getId()).setVersion(draft.getVersion())
                .addAllLines(inputs).setInsurer(insurer.get().strip()).setPolicyNumber(policy.get().strip())
                .setNote(draft.getNote()).build();
    }

    private void update(List<InvoiceLineInput> inputs, Runnable done) {
        UpdateDraftInvoiceRequest request = updateRequest(invoice.get(), inputs);
        calls.call(busy, () -> connection.billing().updateDraftInvoice(request).getInvoice(), updated -> {
            show(updated);
            done.run();
        }, this::refused);
    }

    /** Numbers the draft as reviewed (saving insurer and policy first if they changed) and shows its PDF. */
    public void issue() {
        Invoice draft = invoice.get();
        if (draft == null || step.get() != Step.DRAFT || busy.get()) {
            return;
        }
        if (lines.isEmpty()) {
            message.set("Add at least one line before issuing.");
            return;
        }
        clearMessages();
        boolean save = detailsChanged();
        UpdateDraftInvoiceRequest update = updateRequest(draft, currentInputs());
        calls.call(busy, () -> {
            Invoice reviewed = save ? connection.billing().updateDraftInvoice(update).getInvoice() : draft;
            Invoice issued = connection.billing().issueInvoice(IssueInvoiceRequest.newBuilder().setInvoiceId(reviewed.getId())
                    .setVersion(reviewed.getVersion()).build()).getInvoice();
            return new Loaded(issued, List.of(), List.of(), issuedPdf(issued));
        }, loaded -> {
            show(loaded.invoice());
            loaded.pdf().ifPresent(p -> showPdf(p, "Invoice " + loaded.invoice().getNumber()));
            notice.set("Issued " + loaded.invoice().getNumber() + ". Take payment: Enter.");
            onChanged.accept(loaded.invoice());
        }, this::refused);
    }

    /** Records the payment once (the same request id until the server answers for certain) and shows its receipt. */
    public void pay() {
        Invoice owedOn = invoice.get();
        if (owedOn == null || step.get() != Step.OWED || busy.get()) {
            return;
        }
        clearMessages();
        Optional<Long> minor = BillingText.parseMinor(amount.get(), currency());
        long outstanding = owedOn.getOutstanding().getMinorUnits();
        if (minor.isEmpty() || minor.get() <= 0) {
            message.set("Amount: more than 0, for example " + InvoiceMath.format(outstanding, currency()) + ".");
            return;
        }
        if (minor.get() > outstanding) {
            message.set("That is more than is owed (" + BillingText.money(owedOn.getOutstanding()) + ").");
            return;
        }
        if (method.get() == null) {
            message.set("Choose how the patient pays.");
            return;
        }
        RecordPaymentRequest request = RecordPaymentRequest.newBuilder().setRequestId(paymentRequestId).setInvoiceId(owedOn.getId())
                .setMethod(method.get()).setAmount(Money.newBuilder().setCurrencyCode(currency()).setMinorUnits(minor.get()))
                .setReference(reference.get().strip()).build();
        calls.call(busy, () -> {
            var paid = connection.billing().recordPayment(request);
            return new Paid(paid.getPayment(), paid.getInvoice(), receipt(paid.getPayment()));
        }, paid -> {
            paymentRequestId = UUID.randomUUID().toString(); // the next payment on this invoice is a new one
            reference.set("");
            show(paid.invoice());
            lastPayment.set(paid.payment());
            showPdf(paid.receipt(), "Receipt " + paid.payment().getReceiptNumber());
            notice.set("Paid " + BillingText.money(paid.payment().getAmount()) + " by "
                    + BillingText.method(paid.payment().getMethod()).toLowerCase(java.util.Locale.ROOT)
                    + ". Receipt " + paid.payment().getReceiptNumber() + ".");
            onChanged.accept(paid.invoice());
        }, failure -> {
            if (failure.definiteRefusal()) {
                paymentRequestId = UUID.randomUUID().toString();
            }
            refused(failure);
        });
    }

    record Paid(Payment payment, Invoice invoice, PdfPages receipt) {}

    private PdfPages receipt(Payment payment) {
        var answer = connection.billing().getReceiptPdf(GetReceiptPdfRequest.newBuilder().setPaymentId(payment.getId()).build());
        return PdfPages.render(answer.getFileName(), answer.getPdf().toByteArray());
    }

    /** Gives back the amount typed (at most what was paid and not refunded), by the chosen method. */
    public void refund() {
        Invoice paidOn = invoice.get();
        if (!canRefund.get()) {
            return;
        }
        clearMessages();
        long refundable = paidOn.getPaid().getMinorUnits() - paidOn.getRefunded().getMinorUnits();
        Optional<Long> minor = BillingText.parseMinor(amount.get().isBlank() ? InvoiceMath.format(refundable, currency()) : amount.get(),
                currency());
        if (minor.isEmpty() || minor.get() <= 0 || minor.get() > refundable) {
            message.set("Refund: more than 0 and at most " + BillingText.money(refundable, currency()) + ".");
            return;
        }
        RefundPaymentRequest request = RefundPaymentRequest.newBuilder().setRequestId(refundRequestId).setInvoiceId(paidOn.getId())
                .setMethod(method.get() == null ? PaymentMethod.PAYMENT_METHOD_CASH : method.get())
                .setAmount(Money.newBuilder().setCurrencyCode(currency()).setMinorUnits(minor.get()))
                .setReference(reference.get().strip()).build();
        calls.call(busy, () -> {
            var refunded = connection.billing().refundPayment(request);
            return new Paid(refunded.getRefund(), refunded.getInvoice(), receipt(refunded.getRefund()));
        }, refunded -> {
            refundRequestId = UUID.randomUUID().toString();
            show(refunded.invoice());
            showPdf(refunded.receipt(), "Refund receipt " + refunded.payment().getReceiptNumber());
            notice.set("Refunded " + BillingText.money(refunded.payment().getAmount()) + ".");
            onChanged.accept(refunded.invoice());
        }, failure -> {
            if (failure.definiteRefusal()) {
                refundRequestId = UUID.randomUUID().toString();
            }
            refused(failure);
        });
    }

    /** The credit note dialog for the issued invoice shown; null when it cannot be credited. */
    public CreditNoteViewModel newCreditNote() {
        if (!canCredit.get()) {
            return null;
        }
        clearMessages();
        CreditNoteViewModel dialog = new CreditNoteViewModel(connection, calls, invoice.get());
        dialog.onCredited(this::credited);
        return dialog;
    }

    /** After a credit note: the invoice as it now stands and the credit note's PDF. */
    void credited(CreditNoteViewModel.Credited c) {
        show(c.invoice());
        showPdf(c.pdf(), "Credit note " + c.creditNote().getNumber());
        notice.set("Credit note " + c.creditNote().getNumber() + " for " + BillingText.money(c.creditNote().getTotal()) + "; "
                + c.invoice().getNumber() + (c.invoice().getOutstanding().getMinorUnits() >= 0
                ? " now owes " + BillingText.money(c.invoice().getOutstanding()) : " owes the patient a refund") + ".");
        onChanged.accept(c.invoice());
    }

    /** Throws the draft away (the view asks first); it never had a number. */
    public void discard() {
        Invoice draft = invoice.get();
        if (draft == null || step.get() != Step.DRAFT || busy.get()) {
            return;
        }
        clearMessages();
        DiscardDraftInvoiceRequest request = DiscardDraftInvoiceRequest.newBuilder().setInvoiceId(draft.getId()).setVersion(draft.getVersion()).build();
        calls.call(busy, () -> connection.billing().discardDraftInvoice(request).getInvoice(), discarded -> {
            show(discarded);
            notice.set("Draft discarded.");
            onChanged.accept(discarded);
        }, this::refused);
    }

    /** On closing the sheet: a new invoice left without any line is not kept as an empty draft. */
    public void closing() {
        Invoice shown = invoice.get();
        if (startedHere && shown != null && step.get() == Step.DRAFT && lines.isEmpty()) {
            DiscardDraftInvoiceRequest request = DiscardDraftInvoiceRequest.newBuilder().setInvoiceId(shown.getId())
                    .setVersion(shown.getVersion()).build();
            calls.call(busy, () -> connection.billing().discardDraftInvoice(request).getInvoice(), onChanged, f -> { });
        }
    }

    /** The invoice's archived PDF again (a reprint is the same bytes). */
    public void showInvoicePdf() {
        Invoice shown = invoice.get();
        if (shown == null || shown.getStatus() != InvoiceStatus.INVOICE_STATUS_ISSUED || busy.get()) {
            return;
        }
        calls.call(busy, () -> issuedPdf(shown).orElseThrow(), p -> showPdf(p, BillingText.kind(shown.getKind()) + " " + shown.getNumber()),
                this::refused);
    }

    public void showReceipt(Payment payment) {
        if (payment == null || busy.get()) {
            return;
        }
        calls.call(busy, () -> receipt(payment), p -> showPdf(p, "Receipt " + payment.getReceiptNumber()), this::refused);
    }

    /** Writes the shown PDF, byte for byte, to {@code target}. */
    public void savePdf(Path target) {
        PdfPages shown = pdf.get();
        if (shown == null || target == null) {
            return;
        }
        calls.call(busy, () -> Files.write(target, shown.bytes()), written -> notice.set("Saved " + target.getFileName() + "."),
                failure -> message.set("Could not save: " + failure.message()));
    }

    private void showPdf(PdfPages pages, String title) {
        pdf.set(pages);
        pdfTitle.set(title);
    }

    private void refused(CallFailure failure) {
        if (failure.code() == Status.Code.ABORTED || failure.code() == Status.Code.FAILED_PRECONDITION) {
            message.set(failure.message() + " The invoice is shown as it is now.");
            Invoice shown = invoice.get();
            if (shown != null) {
                calls.call(busy, () -> connection.billing().getInvoice(GetInvoiceRequest.newBuilder().setInvoiceId(shown.getId()).build())
                        .getInvoice(), this::show, f -> { });
            }
        } else {
            message.set(failure.message());
        }
    }

    private void clearMessages() {
        message.set("");
        notice.set("");
    }

    public ObjectProperty<Invoice> invoiceProperty() { return invoice; }
    public ObjectProperty<Step> stepProperty() { return step; }
    public ObservableList<InvoiceLine> lines() { return lines; }
    public ObservableList<Payment> payments() { return payments; }
    public ObservableList<PriceItem> priceItems() { return priceItems; }
    public ObjectProperty<PriceItem> chosenItemProperty() { return chosenItem; }
    public StringProperty quantityProperty() { return quantity; }
    public StringProperty discountProperty() { return discount; }
    public StringProperty insurerProperty() { return insurer; }
    public StringProperty policyProperty() { return policy; }
    public ObjectProperty<PaymentMethod> methodProperty() { return method; }
    public StringProperty amountProperty() { return amount; }
    public StringProperty referenceProperty() { return reference; }
    public StringProperty headingProperty() { return heading; }
    public StringProperty totalsProperty() { return totals; }
    public StringProperty owedProperty() { return owed; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public ObjectProperty<PdfPages> pdfProperty() { return pdf; }
    public StringProperty pdfTitleProperty() { return pdfTitle; }
    public BooleanProperty busyProperty() { return busy; }
    public ObjectProperty<Payment> lastPaymentProperty() { return lastPayment; }
    public BooleanBinding canPayBinding() { return canPay; }
    public BooleanBinding canRefundBinding() { return canRefund; }
    public BooleanBinding canCreditBinding() { return canCredit; }
    String paymentRequestId() { return paymentRequestId; }
}
