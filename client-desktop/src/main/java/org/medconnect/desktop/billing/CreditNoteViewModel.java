package org.medconnect.desktop.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.PdfPages;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.billing.v1.CreateCreditNoteRequest;
import org.medconnect.proto.billing.v1.CreditLineInput;
import org.medconnect.proto.billing.v1.GetInvoicePdfRequest;
import org.medconnect.proto.billing.v1.Invoice;
import org.medconnect.proto.billing.v1.InvoiceLine;
import org.medconnect.proto.common.v1.Money;
import org.medconnect.shared.billing.CreditMath;
import org.medconnect.shared.billing.InvoiceMath;

/**
 * The credit note dialog of an issued invoice: the lines still creditable, each with a quantity to
 * credit (all that is left by default), or one amount spread over the invoice; a reason; a preview
 * of the credit note's total worked out as the server will ({@link CreditMath}); then the issued
 * credit note and its PDF. Its request id is kept until the server has answered for certain, so a
 * retried Issue is one credit note.
 */
public final class CreditNoteViewModel {

    /** Credit chosen lines, or an amount off the whole invoice. */
    public enum Mode { LINES, AMOUNT }

    /** One invoice line as offered: what is left of it, whether it is credited, and how much of it. */
    public static final class Row {
        private final InvoiceLine line;
        private final CreditMath.Remaining left;
        private final BooleanProperty chosen = new SimpleBooleanProperty();
        private final StringProperty quantity = new SimpleStringProperty("");

        Row(InvoiceLine line, CreditMath.Remaining left) {
            this.line = line;
            this.left = left;
            quantity.set(left.quantity().stripTrailingZeros().toPlainString());
        }

        public InvoiceLine line() { return line; }
        public CreditMath.Remaining left() { return left; }
        public BooleanProperty chosenProperty() { return chosen; }
        public StringProperty quantityProperty() { return quantity; }

        /** "2 of 3 left · up to $7.17". */
        public String leftText(String currency) {
            return left.quantity().stripTrailingZeros().toPlainString() + " of " + BillingText.decimal(line.getQuantity()) + " left · up to "
                    + BillingText.money(left.grossMinor(), currency);
        }
    }

    /** The credit note as issued, the invoice as it now stands, and the credit note's PDF. */
    public record Credited(Invoice creditNote, Invoice invoice, PdfPages pdf) {}

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Invoice invoice;
    private final String currency;
    private final ObservableList<Row> rows = FXCollections.observableArrayList(r -> new Observable[] {r.chosen, r.quantity});
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.LINES);
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();
    private Consumer<Credited> onCredited = c -> { };

    public CreditNoteViewModel(ServerConnection connection, ServerCalls calls, Invoice invoice) {
        this.connection = connection;
        this.calls = calls;
        this.invoice = invoice;
        this.currency = invoice.getTotal().getCurrencyCode();
        for (InvoiceLine l : invoice.getLinesList()) {
            CreditMath.Remaining left = new CreditMath.Remaining(
                    new BigDecimal(l.getQuantity()).subtract(new BigDecimal(l.getCreditedQuantity().isBlank() ? "0" : l.getCreditedQuantity())),
                    l.getNet().getMinorUnits() - l.getCreditedNet().getMinorUnits(),
                    l.getDiscount().getMinorUnits() - l.getCreditedDiscount().getMinorUnits(),
                    l.getTax().getMinorUnits() - l.getCreditedTax().getMinorUnits());
            if (!left.nothingLeft()) {
                rows.add(new Row(l, left));
            }
        }
        rows.addListener((javafx.collections.ListChangeListener<Row>) c -> recompute());
        mode.addListener((o, a, b) -> recompute());
        amount.addListener((o, a, b) -> recompute());
        recompute();
    }

    /** Told once the credit note is issued (the dialog closes, the invoice sheet shows the PDF). */
    public void onCredited(Consumer<Credited> handler) {
        this.onCredited = handler;
    }

    /** What is left to credit on the whole invoice. */
    public long creditableMinor() {
        return invoice.getTotal().getMinorUnits() + invoice.getCredited().getMinorUnits();
    }

    /** The credit note as it would be, or a problem to show; empty lists mean nothing chosen yet. */
    private record Draft(List<CreditMath.Credit> credits, Optional<String> problem) {}

    private Draft draft() {
        List<CreditMath.Credit> credits = new ArrayList<>();
        if (mode.get() == Mode.AMOUNT) {
            if (amount.get().isBlank()) {
                return new Draft(credits, Optional.empty());
            }
            Optional<Long> minor = BillingText.parseMinor(amount.get(), currency);
            if (minor.isEmpty() || minor.get() <= 0) {
                return new Draft(credits, Optional.of("Amount: more than 0, for example " + InvoiceMath.format(creditableMinor(), currency) + "."));
            }
            long[] left = rows.stream().mapToLong(r -> r.left().grossMinor()).toArray();
            long available = java.util.Arrays.stream(left).sum();
            if (minor.get() > available) {
                return new Draft(credits, Optional.of("At most " + BillingText.money(available, currency) + " is left to credit."));
            }
            long[] shares = CreditMath.spread(minor.get(), left);
            for (int i = 0; i < rows.size(); i++) {
                if (shares[i] > 0) {
                    credits.add(CreditMath.ofAmount(rows.get(i).left(), shares[i]));
                }
            }
            return new Draft(credits, Optional.empty());
        }
        for (Row r : rows) {
            if (!r.chosen.get()) {
                continue;
            }
            String which = "Line " + r.line.getPosition() + " (" + r.line.getDescription() + ")";
            Optional<BigDecimal> q = InvoiceMath.quantity(r.quantity.get().isBlank() ? r.left.quantity().toPlainString() : r.quantity.get());
            if (q.isEmpty()) {
                return new Draft(List.of(), Optional.of(which + ": give a quantity above 0, up to three decimals."));
            }
            if (q.get().compareTo(r.left.quantity()) > 0) {
                return new Draft(List.of(), Optional.of(which + ": only " + r.left.quantity().stripTrailingZeros().toPlainString()
                        + " is left to credit."));
            }
            credits.add(CreditMath.ofQuantity(r.left, q.get()));
        }
        return new Draft(credits, Optional.empty());
    }

    private void recompute() {
        Draft d = draft();
        message.set(d.problem().orElse(""));
        long gross = d.credits().stream().mapToLong(CreditMath.Credit::grossMinor).sum();
        long tax = d.credits().stream().mapToLong(CreditMath.Credit::taxMinor).sum();
        ready.set(d.problem().isEmpty() && gross > 0);
        if (d.problem().isPresent() || d.credits().isEmpty()) {
            preview.set(mode.get() == Mode.AMOUNT ? "Type the amount to credit." : "Tick the lines to credit.");
            return;
        }
        long after = invoice.getOutstanding().getMinorUnits() - gross;
        preview.set("Credit note total " + BillingText.money(-gross, currency) + " (tax " + BillingText.money(-tax, currency) + ")"
                + (after >= 0 ? " · then owed " + BillingText.money(after, currency) : " · then a refund of " + BillingText.money(-after, currency) + " is due"));
    }

    /** Issues the credit note as previewed and fetches its PDF. */
    public void issue() {
        if (busy.get()) {
            return;
        }
        Draft d = draft();
        if (d.problem().isPresent() || !ready.get()) {
            message.set(d.problem().orElse(mode.get() == Mode.AMOUNT ? "Type the amount to credit." : "Tick at least one line to credit."));
            return;
        }
        if (reason.get().isBlank()) {
            message.set("Give the reason for the credit note; it is printed on it.");
            return;
        }
        message.set("");
        CreateCreditNoteRequest.Builder request = CreateCreditNoteRequest.newBuilder().setRequestId(requestId).setInvoiceId(invoice.getId())
                .setReason(reason.get().strip());
        if (mode.get() == Mode.AMOUNT) {
            request.setAmount(Money.newBuilder().setCurrencyCode(currency).setMinorUnits(BillingText.parseMinor(amount.get(), currency).orElseThrow()));
        } else {
            for (Row r : rows) {
                if (r.chosen.get()) {
                    String q = r.quantity.get().isBlank() ? "" : InvoiceMath.quantity(r.quantity.get()).orElseThrow().stripTrailingZeros().toPlainString();
                    request.addLines(CreditLineInput.newBuilder().setPosition(r.line.getPosition()).setQuantity(q));
                }
            }
        }
        CreateCreditNoteRequest sent = request.build();
        calls.call(busy, () -> {
            var answer = connection.billing().createCreditNote(sent);
            var pdf = connection.billing().getInvoicePdf(GetInvoicePdfRequest.newBuilder().setInvoiceId(answer.getCreditNote().getId()).build());
            return new Credited(answer.getCreditNote(), answer.getInvoice(), PdfPages.render(pdf.getFileName(), pdf.getPdf().toByteArray()));
        }, credited -> {
            requestId = UUID.randomUUID().toString();
            onCredited.accept(credited);
        }, failure -> {
            if (failure.definiteRefusal()) {
                requestId = UUID.randomUUID().toString();
            }
            message.set(failure.message());
        });
    }

    public Invoice invoice() { return invoice; }
    public String currency() { return currency; }
    public ObservableList<Row> rows() { return rows; }
    public ObjectProperty<Mode> modeProperty() { return mode; }
    public StringProperty amountProperty() { return amount; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty previewProperty() { return preview; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty readyProperty() { return ready; }
}
