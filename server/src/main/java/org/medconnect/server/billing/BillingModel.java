package org.medconnect.server.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Billing's domain values: price list, invoices, lines, payments, balances. Amounts are minor units. */
public final class BillingModel {

    private BillingModel() {}

    public enum LineKind { CONSULTATION, PROCEDURE, ITEM }

    public enum InvoiceKind { INVOICE, CREDIT_NOTE }

    public enum InvoiceStatus { DRAFT, ISSUED, DISCARDED }

    public enum PaymentMethod { CASH, CARD, BANK_TRANSFER, INSURANCE }

    public enum PaymentKind { PAYMENT, REFUND }

    /** The header on invoices and receipts. */
    public record Profile(String clinicName, String address, String taxId, String phone, String email, int paymentTermsDays) {}

    /** The header as stored: its version (sent back with an edit) and who changed it last. */
    public record StoredProfile(Profile profile, int version, Optional<String> updatedByName, Optional<Instant> updatedAt) {}

    /**
     * A visit completed today that the desk still has to finish: no invoice yet, a draft, or an
     * issued invoice with money owed. No clinical text.
     */
    public record VisitToCheckOut(UUID appointmentId, String reference, UUID patientId, String patientName, String patientMrn,
                                  String doctorName, Instant startsAt, Instant completedAt, Optional<UUID> invoiceId,
                                  Optional<InvoiceStatus> invoiceStatus, Optional<String> invoiceNumber, long totalMinor,
                                  long outstandingMinor) {}

    public record TaxRate(UUID id, String name, BigDecimal percent, boolean active) {}

    public record TaxRateInput(Optional<UUID> id, String name, String percent, boolean active) {}

    public record PriceItem(UUID id, LineKind kind, String code, String name, Optional<UUID> doctorId, Optional<UUID> appointmentTypeId,
                            long unitPriceMinor, String currency, Optional<UUID> taxRateId, boolean active, int version) {}

    public record PriceItemInput(Optional<UUID> id, int version, Optional<LineKind> kind, String code, String name, Optional<UUID> doctorId,
                                 Optional<UUID> appointmentTypeId, long unitPriceMinor, String currency, Optional<UUID> taxRateId,
                                 boolean active) {}

    /** What the desk sends for one line; empty parts are filled from the price item. */
    public record LineInput(Optional<UUID> priceItemId, String description, String quantity, OptionalLong unitPriceMinor,
                            String unitPriceCurrency, long discountMinor, Optional<UUID> taxRateId, Optional<LineKind> kind) {}

    /** Printed details of an invoice other than its lines. */
    public record Details(String insurer, String policyNumber, String note) {
        public static final Details NONE = new Details("", "", "");
    }

    /** One line as stored: every figure already rounded. */
    public record Line(int position, LineKind kind, Optional<UUID> priceItemId, String description, BigDecimal quantity,
                       long unitPriceMinor, long amountMinor, long discountMinor, String taxName, BigDecimal taxPercent, long netMinor,
                       long taxMinor, long grossMinor) {}

    public record Payment(UUID id, PaymentKind kind, UUID invoiceId, PaymentMethod method, long amountMinor, String currency,
                          String reference, String receiptNumber, Instant receivedAt, String receivedByName) {}

    public record Invoice(UUID id, InvoiceKind kind, InvoiceStatus status, Optional<String> number, UUID patientId, String patientName,
                          String patientMrn, Optional<UUID> appointmentId, Optional<String> appointmentReference,
                          Optional<UUID> creditedInvoiceId, Optional<String> creditedInvoiceNumber, String currency, List<Line> lines,
                          long subtotalMinor, long discountMinor, long taxMinor, long totalMinor, long creditedMinor, long paidMinor,
                          long refundedMinor, String insurer, String policyNumber, String note, Optional<LocalDate> issueDate,
                          Optional<LocalDate> dueDate, Optional<Instant> issuedAt, Instant createdAt, int version,
                          List<Payment> payments, List<LineCredit> lineCredits) {

        /** What is still owed on an issued invoice; negative when a refund is due. Zero for anything else. */
        public long outstandingMinor() {
            return kind == InvoiceKind.INVOICE && status == InvoiceStatus.ISSUED ? totalMinor + creditedMinor - paidMinor + refundedMinor : 0;
        }
    }

    /**
     * How much of an issued invoice's line its issued credit notes have taken (positive figures);
     * one per line of an invoice, none for drafts and credit notes.
     */
    public record LineCredit(int position, BigDecimal quantity, long netMinor, long discountMinor, long taxMinor) {}

    /** One line to credit: its position on the invoice and either part of its quantity or an amount (tax included); neither = all that is left of it. */
    public record CreditLineInput(int position, String quantity, OptionalLong grossMinor) {}

    /** What a credit note credits: chosen lines, or an amount spread over the invoice, or (both empty) everything left. */
    public record CreditAsk(List<CreditLineInput> lines, OptionalLong amountMinor, String amountCurrency) {
        public static final CreditAsk EVERYTHING_LEFT = new CreditAsk(List.of(), OptionalLong.empty(), "");
    }

    /** One row of an invoice list; {@code creditedMinor} is what issued credit notes took off it (negative). */
    public record Summary(UUID id, InvoiceKind kind, InvoiceStatus status, Optional<String> number, UUID patientId, String patientName,
                          Optional<LocalDate> issueDate, Optional<LocalDate> dueDate, String currency, long totalMinor,
                          long outstandingMinor, Optional<String> appointmentReference, Instant createdAt, long creditedMinor) {}

    public record ListQuery(String query, Optional<UUID> patientId, Optional<InvoiceStatus> status, Optional<InvoiceKind> kind,
                            Optional<LocalDate> issuedFrom, Optional<LocalDate> issuedTo, boolean outstandingOnly, int size, int offset,
                            boolean hideDiscarded) {
        public ListQuery(String query, Optional<UUID> patientId, Optional<InvoiceStatus> status, Optional<InvoiceKind> kind,
                         Optional<LocalDate> issuedFrom, Optional<LocalDate> issuedTo, boolean outstandingOnly, int size, int offset) {
            this(query, patientId, status, kind, issuedFrom, issuedTo, outstandingOnly, size, offset, false);
        }
    }

    public record Page<T>(List<T> items, int total, int offset) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }

    /** Outstanding money by the age of the invoice since its issue date. */
    public record Ageing(long days0to30, long days31to60, long days61to90, long over90) {
        public static final Ageing NONE = new Ageing(0, 0, 0, 0);

        public long total() {
            return days0to30 + days31to60 + days61to90 + over90;
        }

        public Ageing plus(int ageDays, long amount) {
            if (ageDays <= 30) {
                return new Ageing(days0to30 + amount, days31to60, days61to90, over90);
            } else if (ageDays <= 60) {
                return new Ageing(days0to30, days31to60 + amount, days61to90, over90);
            } else if (ageDays <= 90) {
                return new Ageing(days0to30, days31to60, days61to90 + amount, over90);
            }
            return new Ageing(days0to30, days31to60, days61to90, over90 + amount);
        }
    }

    public record Outstanding(Summary invoice, int ageDays) {}

    public record OutstandingPage(Ageing ageing, Page<Outstanding> page) {}

    public record Balance(String currency, long invoicedMinor, long creditedMinor, long paidMinor, long refundedMinor, Ageing ageing,
                          List<Summary> openInvoices) {
        public long balanceMinor() {
            return invoicedMinor + creditedMinor - paidMinor + refundedMinor;
        }
    }

    public record PaymentResult(Payment payment, Invoice invoice) {}

    public record CreditResult(Invoice creditNote, Invoice invoice) {}

    /** An archived PDF. */
    public record Document(byte[] pdf, byte[] sha256, String fileName) {}
}
