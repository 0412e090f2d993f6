package org.medconnect.desktop.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.billing.v1.AgeingBuckets;
import org.medconnect.proto.billing.v1.InvoiceKind;
import org.medconnect.proto.billing.v1.InvoiceStatus;
import org.medconnect.proto.billing.v1.InvoiceSummary;
import org.medconnect.proto.billing.v1.ListInvoicesRequest;
import org.medconnect.proto.billing.v1.ListInvoicesResponse;
import org.medconnect.proto.common.v1.Money;
import org.medconnect.proto.common.v1.PageResponse;

/** The invoice list's filters, paging and ageing line. */
class InvoicesViewModelTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private InvoicesViewModel model;

    @BeforeEach
    void setUp() {
        ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "test:1", ZoneOffset.UTC), new SessionState());
        model = new InvoicesViewModel(new ServerConnection(java.time.Duration.ofSeconds(1), s -> { }), calls);
    }

    private static Money eur(long minor) {
        return Money.newBuilder().setCurrencyCode("EUR").setMinorUnits(minor).build();
    }

    @Test
    void sendsEveryFilterAsTyped() {
        model.queryProperty().set("  MRN-0042 ");
        model.statusProperty().set(InvoicesViewModel.STATUSES.get(2));
        model.kindProperty().set(InvoicesViewModel.KINDS.get(2));
        model.fromProperty().set(LocalDate.of(2026, 11, 1));
        model.toProperty().set(LocalDate.of(2026, 11, 30));
        model.outstandingOnlyProperty().set(true);
        ListInvoicesRequest request = model.request("tok");
        assertThat(request.getQuery()).isEqualTo("MRN-0042");
        assertThat(request.getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_ISSUED);
        assertThat(request.getKind()).isEqualTo(InvoiceKind.INVOICE_KIND_CREDIT_NOTE);
        assertThat(request.getIssuedFrom()).isEqualTo("2026-11-01");
        assertThat(request.getIssuedTo()).isEqualTo("2026-11-30");
        assertThat(request.getOutstandingOnly()).isTrue();
        assertThat(request.getPage().getPageToken()).isEqualTo("tok");
        assertThat(request.getPage().getPageSize()).isEqualTo(InvoicesViewModel.PAGE_SIZE);
    }

    @Test
    void refusesDatesTheWrongWayRoundWithoutAskingTheServer() {
        model.fromProperty().set(LocalDate.of(2026, 11, 30));
        model.toProperty().set(LocalDate.of(2026, 11, 1));
        model.search();
        assertThat(runner.pendingCount()).isZero();
        assertThat(model.messageProperty().get()).isEqualTo("The 'to' date is before the 'from' date.");
    }

    @Test
    void pagesForwardAndBackAndShowsTheAgeingOfEverythingOwed() {
        model.search();
        ListInvoicesResponse first = ListInvoicesResponse.newBuilder()
                .addInvoices(InvoiceSummary.newBuilder().setNumber("INV-2026-000001").setTotal(eur(1250)))
                .setPage(PageResponse.newBuilder().setNextPageToken("p2").setTotalCount(26)).build();
        AgeingBuckets ageing = AgeingBuckets.newBuilder().setDays030(eur(1250)).setDays3160(eur(0)).setDays6190(eur(500))
                .setDaysOver90(eur(0)).setTotal(eur(1750)).build();
        runner.succeed(new InvoicesViewModel.Loaded(first, ageing));
        assertThat(model.hasNextProperty().get()).isTrue();
        assertThat(model.hasPreviousProperty().get()).isFalse();
        assertThat(model.summaryProperty().get()).isEqualTo("1–1 of 26 invoices");
        assertThat(model.ageingProperty().get())
                .isEqualTo("Outstanding €17.50:  0–30 days €12.50  ·  31–60 €0.00  ·  61–90 €5.00  ·  over 90 €0.00");

        model.nextPage();
        runner.succeed(new InvoicesViewModel.Loaded(ListInvoicesResponse.newBuilder()
                .addInvoices(InvoiceSummary.newBuilder().setNumber("INV-2026-000026"))
                .setPage(PageResponse.newBuilder().setTotalCount(26)).build(), ageing));
        assertThat(model.hasNextProperty().get()).isFalse();
        assertThat(model.hasPreviousProperty().get()).isTrue();
        assertThat(model.summaryProperty().get()).isEqualTo("26–26 of 26 invoices");
        model.previousPage();
        assertThat(runner.pendingCount()).isEqualTo(1);
    }
}
