package org.medconnect.desktop.billing;

import org.medconnect.desktop.platform.PdfPages;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.billing.v1.Invoice;
import org.medconnect.proto.billing.v1.InvoiceKind;
import org.medconnect.proto.billing.v1.InvoiceLine;
import org.medconnect.proto.billing.v1.InvoiceStatus;
import org.medconnect.proto.billing.v1.Payment;
import org.medconnect.proto.billing.v1.PaymentMethod;
import org.medconnect.proto.common.v1.Money;

/** The invoice sheet's rules without a server: one payment per press, amounts checked, steps follow the invoice. */
class InvoiceViewModelTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private InvoiceViewModel model;

    @BeforeEach
    void setUp() {
        ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "test:1", ZoneOffset.UTC), new SessionState());
        model = new InvoiceViewModel(new ServerConnection(java.time.Duration.ofSeconds(1), s -> { }), calls);
    }

    private static Money usd(long minor) {
        return Money.newBuilder().setCurrencyCode("USD").setMinorUnits(minor).build();
    }

    private static Invoice issued(long total, long paid) {
        return Invoice.newBuilder().setId("inv-1").setKind(InvoiceKind.INVOICE_KIND_INVOICE).setStatus(InvoiceStatus.INVOICE_STATUS_ISSUED)
                .setNumber("INV-2026-000007").setPatientName("Ada Obi").setTotal(usd(total)).setSubtotal(usd(total)).setTax(usd(0))
                .setDiscount(usd(0)).setCredited(usd(0)).setPaid(usd(paid)).setRefunded(usd(0)).setOutstanding(usd(total - paid))
                .addLines(InvoiceLine.newBuilder().setPosition(1).setDescription("Consultation").setQuantity("1.000")
                        .setUnitPrice(usd(total)).setGross(usd(total)))
                .build();
    }

    private void shows(Invoice invoice) {
        model.open(invoice.getId());
        runner.succeed(new InvoiceViewModel.Loaded(invoice, List.of(), List.of(), Optional.empty()));
    }

    @Nested
    class TakingPayment {

        @Test
        void offersWhatIsOwedAndAskOnceHoweverOftenPayIsPressed() {
            shows(issued(7250, 0));
            assertThat(model.stepProperty().get()).isEqualTo(InvoiceViewModel.Step.OWED);
            assertThat(model.amountProperty().get()).isEqualTo("72.50");
            assertThat(model.owedProperty().get()).isEqualTo("Owed: $72.50");

            model.pay();
            model.pay(); // the double click: the first call is still out
            assertThat(runner.pendingCount()).isEqualTo(1);
        }

        @Test
        void keepsTheRequestIdAfterATimeoutSoTheRetryIsTheSamePayment() {
            shows(issued(7250, 0));
            String first = model.paymentRequestId();
            model.pay();
            runner.fail(Status.DEADLINE_EXCEEDED.asRuntimeException());
            assertThat(model.paymentRequestId()).isEqualTo(first);
            assertThat(model.messageProperty().get()).isNotEmpty();
        }

        @Test
        void aNewRequestIdOnceTheServerRefusedForCertain() {
            shows(issued(7250, 0));
            String first = model.paymentRequestId();
            model.pay();
            runner.fail(Status.INVALID_ARGUMENT.withDescription("Amount too large").asRuntimeException());
            assertThat(model.paymentRequestId()).isNotEqualTo(first);
        }

        @Test
        void aPartPaymentLeavesTheRestOwedAndTheNextPaymentGetsItsOwnId() {
            shows(issued(7250, 0));
            String first = model.paymentRequestId();
            model.amountProperty().set("50");
            model.pay();
            Payment payment = Payment.newBuilder().setId("p-1").setReceiptNumber("RCT-2026-000001").setAmount(usd(5000))
                    .setMethod(PaymentMethod.PAYMENT_METHOD_CARD).build();
            runner.succeed(new InvoiceViewModel.Paid(payment, issued(7250, 5000).toBuilder().addPayments(payment).build(),
                    new PdfPages("r.pdf", new byte[0], List.of(), List.of(), List.of())));
            assertThat(model.owedProperty().get()).isEqualTo("Owed: $22.50");
            assertThat(model.amountProperty().get()).isEqualTo("22.50");
            assertThat(model.pdfTitleProperty().get()).isEqualTo("Receipt RCT-2026-000001");
            assertThat(model.noticeProperty().get()).isEqualTo("Paid $50.00 by card. Receipt RCT-2026-000001.");
            assertThat(model.paymentRequestId()).isNotEqualTo(first);
        }

        @Test
        void refusesMoreThanIsOwedWithoutAskingTheServer() {
            shows(issued(7250, 0));
            model.amountProperty().set("80");
            model.pay();
            assertThat(runner.pendingCount()).isZero();
            assertThat(model.messageProperty().get()).isEqualTo("That is more than is owed ($72.50).");
            model.amountProperty().set("12.345");
            model.pay();
            assertThat(runner.pendingCount()).isZero();
            assertThat(model.messageProperty().get()).startsWith("Amount:");
        }

        @Test
        void aPaidInvoiceCannotBePaidAgain() {
            shows(issued(7250, 7250));
            assertThat(model.stepProperty().get()).isEqualTo(InvoiceViewModel.Step.SETTLED);
            assertThat(model.canPayBinding().get()).isFalse();
            assertThat(model.canRefundBinding().get()).isTrue();
            model.pay();
            assertThat(runner.pendingCount()).isZero();
        }
    }

    @Nested
    class Drafts {

        @Test
        void aDraftCannotBeIssuedWithoutLinesAndIsNotPayable() {
            Invoice empty = Invoice.newBuilder().setId("d-1").setKind(InvoiceKind.INVOICE_KIND_INVOICE)
                    .setStatus(InvoiceStatus.INVOICE_STATUS_DRAFT).setPatientName("Ben Ode").setTotal(usd(0)).build();
            shows(empty);
            assertThat(model.stepProperty().get()).isEqualTo(InvoiceViewModel.Step.DRAFT);
            assertThat(model.headingProperty().get()).isEqualTo("New invoice (draft) · Ben Ode");
            model.issue();
            assertThat(runner.pendingCount()).isZero();
            assertThat(model.messageProperty().get()).isEqualTo("Add at least one line before issuing.");
            assertThat(model.canPayBinding().get()).isFalse();
        }

        @Test
        void addingAnItemNeedsAChoiceFromThePriceList() {
            shows(issued(100, 0).toBuilder().setStatus(InvoiceStatus.INVOICE_STATUS_DRAFT).build());
            model.addItem();
            assertThat(runner.pendingCount()).isZero();
            assertThat(model.messageProperty().get()).isEqualTo("Choose an item from the price list.");
        }
    }

    @Test
    void aCreditNoteIsOfferedWhileSomethingIsLeftToCredit() {
        shows(issued(7250, 0));
        assertThat(model.canCreditBinding().get()).isTrue();
        shows(issued(7250, 0).toBuilder().setCredited(usd(-2000)).build());
        assertThat(model.canCreditBinding().get()).isTrue();
        assertThat(model.owedProperty().get()).endsWith("partly credited (-$20.00)");
        shows(issued(7250, 0).toBuilder().setCredited(usd(-7250)).build());
        assertThat(model.canCreditBinding().get()).isFalse();
        assertThat(model.newCreditNote()).isNull();
    }
}
