package org.medconnect.desktop.billing;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.billing.v1.AgeingBuckets;
import org.medconnect.proto.billing.v1.InvoiceKind;
import org.medconnect.proto.billing.v1.InvoiceStatus;
import org.medconnect.proto.billing.v1.InvoiceSummary;
import org.medconnect.proto.billing.v1.ListInvoicesRequest;
import org.medconnect.proto.billing.v1.ListInvoicesResponse;
import org.medconnect.proto.billing.v1.ListOutstandingInvoicesRequest;
import org.medconnect.proto.common.v1.PageRequest;

/**
 * The invoice list for reception and admins: search by number, patient name or MRN; filters by
 * status, kind, issue dates and "outstanding only"; pages of {@link #PAGE_SIZE}; and the ageing of
 * everything outstanding (0-30, 31-60, 61-90, over 90 days).
 */
public final class InvoicesViewModel {

    static final int PAGE_SIZE = 25;

    /** A filter choice: a word and the proto value (unspecified = any). */
    public record Choice<T>(String label, T value) {}

    public static final List<Choice<InvoiceStatus>> STATUSES = List.of(new Choice<>("Draft or issued", InvoiceStatus.INVOICE_STATUS_UNSPECIFIED),
            new Choice<>("Draft", InvoiceStatus.INVOICE_STATUS_DRAFT), new Choice<>("Issued", InvoiceStatus.INVOICE_STATUS_ISSUED),
            new Choice<>("Discarded", InvoiceStatus.INVOICE_STATUS_DISCARDED));
    public static final List<Choice<InvoiceKind>> KINDS = List.of(new Choice<>("All kinds", InvoiceKind.INVOICE_KIND_UNSPECIFIED),
            new Choice<>("Invoices", InvoiceKind.INVOICE_KIND_INVOICE), new Choice<>("Credit notes", InvoiceKind.INVOICE_KIND_CREDIT_NOTE));

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<InvoiceSummary> invoices = FXCollections.observableArrayList();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<Choice<InvoiceStatus>> status = new SimpleObjectProperty<>(STATUSES.get(0));
    private final ObjectProperty<Choice<InvoiceKind>> kind = new SimpleObjectProperty<>(KINDS.get(0));
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final BooleanProperty outstandingOnly = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty ageing = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty hasNext = new SimpleBooleanProperty();
    private final BooleanProperty hasPrevious = new SimpleBooleanProperty();
    private final Deque<String> previousTokens = new ArrayDeque<>();
    private String currentToken = "";
    private String nextToken = "";

    public InvoicesViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    /** From the first page with the filters as they are now. */
    public void search() {
        previousTokens.clear();
        load("");
    }

    /** The same page again (after a change made from an opened invoice). */
    public void reload() {
        load(currentToken);
    }

    public void nextPage() {
        if (hasNext.get() && !busy.get()) {
            previousTokens.push(currentToken);
            load(nextToken);
        }
    }

    public void previousPage() {
        if (!previousTokens.isEmpty() && !busy.get()) {
            load(previousTokens.pop());
        }
    }

    record Loaded(ListInvoicesResponse page, AgeingBuckets ageing) {}

    private void load(String token) {
        if (from.get() != null && to.get() != null && to.get().isBefore(from.get())) {
            message.set("The 'to' date is before the 'from' date.");
            return;
        }
        message.set("");
        ListInvoicesRequest request = request(token);
        calls.call(busy, () -> new Loaded(connection.billing().listInvoices(request),
                connection.billing().listOutstandingInvoices(ListOutstandingInvoicesRequest.newBuilder()
                        .setPage(PageRequest.newBuilder().setPageSize(1)).build()).getAgeing()), loaded -> {
            currentToken = token;
            nextToken = loaded.page().getPage().getNextPageToken();
            invoices.setAll(loaded.page().getInvoicesList());
            hasNext.set(!nextToken.isEmpty());
            hasPrevious.set(!previousTokens.isEmpty());
            int total = loaded.page().getPage().getTotalCount();
            int first = previousTokens.size() * PAGE_SIZE + 1;
            summary.set(total == 0 ? "No invoices match"
                    : first + "–" + (first + invoices.size() - 1) + " of " + total + (total == 1 ? " invoice" : " invoices"));
            AgeingBuckets a = loaded.ageing();
            ageing.set("Outstanding " + BillingText.money(a.getTotal()) + ":  0–30 days " + BillingText.money(a.getDays030())
                    + "  ·  31–60 " + BillingText.money(a.getDays3160()) + "  ·  61–90 " + BillingText.money(a.getDays6190())
                    + "  ·  over 90 " + BillingText.money(a.getDaysOver90()));
        }, failure -> message.set(failure.message()));
    }

    ListInvoicesRequest request(String token) {
        ListInvoicesRequest.Builder b = ListInvoicesRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPageSize(PAGE_SIZE).setPageToken(token))
                .setQuery(query.get().strip()).setStatus(status.get().value()).setKind(kind.get().value())
                .setOutstandingOnly(outstandingOnly.get())
                // Discarded drafts leave the list unless asked for by their status.
                .setHideDiscarded(status.get().value() == InvoiceStatus.INVOICE_STATUS_UNSPECIFIED);
        if (from.get() != null) {
            b.setIssuedFrom(from.get().toString());
        }
        if (to.get() != null) {
            b.setIssuedTo(to.get().toString());
        }
        return b.build();
    }

    public ObservableList<InvoiceSummary> invoices() { return invoices; }
    public StringProperty queryProperty() { return query; }
    public ObjectProperty<Choice<InvoiceStatus>> statusProperty() { return status; }
    public ObjectProperty<Choice<InvoiceKind>> kindProperty() { return kind; }
    public ObjectProperty<LocalDate> fromProperty() { return from; }
    public ObjectProperty<LocalDate> toProperty() { return to; }
    public BooleanProperty outstandingOnlyProperty() { return outstandingOnly; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty ageingProperty() { return ageing; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty hasNextProperty() { return hasNext; }
    public BooleanProperty hasPreviousProperty() { return hasPrevious; }
}
