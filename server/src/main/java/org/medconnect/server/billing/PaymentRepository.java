package org.medconnect.server.billing;

import static org.medconnect.server.billing.PriceListRepository.odt;
import static org.medconnect.server.db.Tables.PAYMENT;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.medconnect.server.billing.BillingModel.Payment;
import org.medconnect.server.billing.BillingModel.PaymentKind;
import org.medconnect.server.billing.BillingModel.PaymentMethod;

/** Payments and refunds: append-only, one per client request id. */
final class PaymentRepository {

    /** A payment to record; the receipt number comes from the RCT counter. */
    record New(UUID requestId, PaymentKind kind, UUID invoiceId, UUID patientId, PaymentMethod method, long amountMinor, String currency,
               String reference, int receiptYear, int receiptSeq, String receiptNumber, UUID receivedBy, Instant receivedAt) {}

    private final DSLContext dsl;

    PaymentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Payment> byRequest(UUID requestId) {
        return find(PAYMENT.REQUEST_ID.eq(requestId)).stream().findFirst();
    }

    Optional<Payment> byId(UUID id) {
        return find(PAYMENT.ID.eq(id)).stream().findFirst();
    }

    List<Payment> forInvoice(UUID invoiceId) {
        return find(PAYMENT.INVOICE_ID.eq(invoiceId));
    }

    UUID insert(New p) {
        return dsl.insertInto(PAYMENT).set(PAYMENT.REQUEST_ID, p.requestId()).set(PAYMENT.KIND, p.kind().name())
                .set(PAYMENT.INVOICE_ID, p.invoiceId()).set(PAYMENT.PATIENT_ID, p.patientId()).set(PAYMENT.METHOD, p.method().name())
                .set(PAYMENT.AMOUNT_MINOR, p.amountMinor()).set(PAYMENT.CURRENCY, p.currency()).set(PAYMENT.REFERENCE, p.reference())
                .set(PAYMENT.RECEIPT_YEAR, p.receiptYear()).set(PAYMENT.RECEIPT_SEQ, p.receiptSeq()).set(PAYMENT.RECEIPT_NUMBER, p.receiptNumber())
                .set(PAYMENT.RECEIVED_BY, p.receivedBy()).set(PAYMENT.RECEIVED_AT, odt(p.receivedAt()))
                .returning(PAYMENT.ID).fetchSingle(PAYMENT.ID);
    }

    /** Paid and refunded over a patient's invoices. */
    long[] paidAndRefunded(UUID patientId) {
        var r = dsl.select(
                        DSL.coalesce(DSL.sum(PAYMENT.AMOUNT_MINOR).filterWhere(PAYMENT.KIND.eq("PAYMENT")), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(PAYMENT.AMOUNT_MINOR).filterWhere(PAYMENT.KIND.eq("REFUND")), BigDecimal.ZERO))
                .from(PAYMENT).where(PAYMENT.PATIENT_ID.eq(patientId)).fetchSingle();
        return new long[] {r.value1().longValueExact(), r.value2().longValueExact()};
    }

    private List<Payment> find(Condition c) {
        return dsl.select(PAYMENT.asterisk(), STAFF_USER.DISPLAY_NAME).from(PAYMENT)
                .leftJoin(STAFF_USER).on(STAFF_USER.ID.eq(PAYMENT.RECEIVED_BY))
                .where(c).orderBy(PAYMENT.RECEIVED_AT, PAYMENT.RECEIPT_NUMBER)
                .fetch(r -> new Payment(r.get(PAYMENT.ID), PaymentKind.valueOf(r.get(PAYMENT.KIND)), r.get(PAYMENT.INVOICE_ID),
                        PaymentMethod.valueOf(r.get(PAYMENT.METHOD)), r.get(PAYMENT.AMOUNT_MINOR), r.get(PAYMENT.CURRENCY),
                        r.get(PAYMENT.REFERENCE), r.get(PAYMENT.RECEIPT_NUMBER), r.get(PAYMENT.RECEIVED_AT).toInstant(),
                        Optional.ofNullable(r.get(STAFF_USER.DISPLAY_NAME)).orElse("")));
    }
}
