package org.medconnect.server.billing;

import static org.medconnect.server.billing.PriceListRepository.odt;
import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.BILLING_DOCUMENT;
import static org.medconnect.server.db.Tables.DOCUMENT_COUNTER;
import static org.medconnect.server.db.Tables.INVOICE;
import static org.medconnect.server.db.Tables.INVOICE_LINE;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.medconnect.server.billing.BillingModel.Details;
import org.medconnect.server.billing.BillingModel.Invoice;
import org.medconnect.server.billing.BillingModel.InvoiceKind;
import org.medconnect.server.billing.BillingModel.InvoiceStatus;
import org.medconnect.server.billing.BillingModel.Line;
import org.medconnect.server.billing.BillingModel.LineCredit;
import org.medconnect.server.billing.BillingModel.LineKind;
import org.medconnect.server.billing.BillingModel.ListQuery;
import org.medconnect.server.billing.BillingModel.Page;
import org.medconnect.server.billing.BillingModel.Payment;
import org.medconnect.server.billing.BillingModel.Summary;
import org.medconnect.server.billing.BillingModel.VisitToCheckOut;
import org.medconnect.shared.billing.InvoiceMath;

/** Invoices and credit notes with their lines, the document counters and the archived PDFs. */
final class InvoiceRepository {

    /** The parts of an invoice a change must check, read under a row lock. */
    record Locked(UUID id, InvoiceKind kind, InvoiceStatus status, int version, UUID patientId, String currency, long totalMinor,
                  Optional<String> number) {}

    private static final org.medconnect.server.db.tables.Invoice CREDITED = INVOICE.as("credited");
    private static final Field<String> PATIENT_NAME = DSL.concat(PATIENT.GIVEN_NAME, DSL.inline(" "), PATIENT.FAMILY_NAME).as("patient_name");
    /** Issued credit notes against an invoice (a negative sum). */
    static final Field<Long> CREDITED_SUM = DSL.field("coalesce((select sum(c.total_minor) from invoice c "
            + "where c.credited_invoice_id = {0} and c.status = 'ISSUED'), 0)::bigint", Long.class, INVOICE.ID);
    static final Field<Long> PAID_SUM = DSL.field("coalesce((select sum(p.amount_minor) from payment p "
            + "where p.invoice_id = {0} and p.kind = 'PAYMENT'), 0)::bigint", Long.class, INVOICE.ID);
    static final Field<Long> REFUNDED_SUM = DSL.field("coalesce((select sum(p.amount_minor) from payment p "
            + "where p.invoice_id = {0} and p.kind = 'REFUND'), 0)::bigint", Long.class, INVOICE.ID);
    /** What is still owed on an issued invoice; zero for drafts and credit notes. */
    static final Field<Long> OUTSTANDING = DSL.field("case when {0} = 'INVOICE' and {1} = 'ISSUED' then {2} + {3} - {4} + {5} else 0 end::bigint",
            Long.class, INVOICE.KIND, INVOICE.STATUS, INVOICE.TOTAL_MINOR, CREDITED_SUM, PAID_SUM, REFUNDED_SUM);

    private final DSLContext dsl;

    InvoiceRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A new draft; empty when it already exists (same request id, or the visit has a live invoice). */
    Optional<UUID> insertDraft(InvoiceKind kind, UUID patientId, Optional<UUID> appointmentId, Optional<UUID> creditedInvoiceId,
                               String currency, Details details, Optional<UUID> requestId, Optional<UUID> createdBy, Instant now) {
        return dsl.insertInto(INVOICE).set(INVOICE.KIND, kind.name()).set(INVOICE.STATUS, InvoiceStatus.DRAFT.name())
                .set(INVOICE.PATIENT_ID, patientId).set(INVOICE.APPOINTMENT_ID, appointmentId.orElse(null))
                .set(INVOICE.CREDITED_INVOICE_ID, creditedInvoiceId.orElse(null)).set(INVOICE.CURRENCY, currency)
                .set(INVOICE.INSURER, details.insurer()).set(INVOICE.POLICY_NUMBER, details.policyNumber()).set(INVOICE.NOTE, details.note())
                .set(INVOICE.REQUEST_ID, requestId.orElse(null)).set(INVOICE.CREATED_BY, createdBy.orElse(null))
                .set(INVOICE.CREATED_AT, odt(now)).set(INVOICE.UPDATED_AT, odt(now))
                .onConflictDoNothing()
                .returning(INVOICE.ID)
                .fetchOptional(INVOICE.ID);
    }

    Optional<UUID> byRequest(UUID requestId) {
        return dsl.select(INVOICE.ID).from(INVOICE).where(INVOICE.REQUEST_ID.eq(requestId)).fetchOptional(INVOICE.ID);
    }

    /** The visit's invoice that is not discarded. */
    Optional<UUID> forVisit(UUID appointmentId) {
        return dsl.select(INVOICE.ID).from(INVOICE)
                .where(INVOICE.APPOINTMENT_ID.eq(appointmentId), INVOICE.KIND.eq("INVOICE"), INVOICE.STATUS.ne("DISCARDED"))
                .fetchOptional(INVOICE.ID);
    }

    Optional<Locked> lock(UUID id) {
        return dsl.select(INVOICE.ID, INVOICE.KIND, INVOICE.STATUS, INVOICE.VERSION, INVOICE.PATIENT_ID, INVOICE.CURRENCY,
                        INVOICE.TOTAL_MINOR, INVOICE.NUMBER)
                .from(INVOICE).where(INVOICE.ID.eq(id)).forUpdate()
                .fetchOptional(r -> new Locked(r.get(INVOICE.ID), InvoiceKind.valueOf(r.get(INVOICE.KIND)),
                        InvoiceStatus.valueOf(r.get(INVOICE.STATUS)), r.get(INVOICE.VERSION), r.get(INVOICE.PATIENT_ID),
                        r.get(INVOICE.CURRENCY), r.get(INVOICE.TOTAL_MINOR), Optional.ofNullable(r.get(INVOICE.NUMBER))));
    }

    /** Replaces a draft's lines (the database refuses it for anything but a draft). */
    void replaceLines(UUID invoiceId, List<Line> lines) {
        dsl.deleteFrom(INVOICE_LINE).where(INVOICE_LINE.INVOICE_ID.eq(invoiceId)).execute();
        if (lines.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(INVOICE_LINE, INVOICE_LINE.INVOICE_ID, INVOICE_LINE.POSITION, INVOICE_LINE.KIND,
                INVOICE_LINE.PRICE_ITEM_ID, INVOICE_LINE.DESCRIPTION, INVOICE_LINE.QUANTITY, INVOICE_LINE.UNIT_PRICE_MINOR,
                INVOICE_LINE.DISCOUNT_MINOR, INVOICE_LINE.TAX_NAME, INVOICE_LINE.TAX_PERCENT, INVOICE_LINE.NET_MINOR,
                INVOICE_LINE.TAX_MINOR, INVOICE_LINE.GROSS_MINOR);
        for (Line l : lines) {
            insert = insert.values(invoiceId, l.position(), l.kind().name(), l.priceItemId().orElse(null), l.description(), l.quantity(),
                    l.unitPriceMinor(), l.discountMinor(), l.taxName(), l.taxPercent(), l.netMinor(), l.taxMinor(), l.grossMinor());
        }
        insert.execute();
    }

    /** Stores a draft's totals and details and bumps its version; false when the version is stale. */
    boolean updateDraft(UUID id, int expectedVersion, InvoiceMath.Totals totals, Details details, Instant now) {
        return dsl.update(INVOICE).set(INVOICE.SUBTOTAL_MINOR, totals.subtotalMinor()).set(INVOICE.DISCOUNT_MINOR, totals.discountMinor())
                .set(INVOICE.TAX_MINOR, totals.taxMinor()).set(INVOICE.TOTAL_MINOR, totals.totalMinor())
                .set(INVOICE.INSURER, details.insurer()).set(INVOICE.POLICY_NUMBER, details.policyNumber()).set(INVOICE.NOTE, details.note())
                .set(INVOICE.VERSION, INVOICE.VERSION.plus(1)).set(INVOICE.UPDATED_AT, odt(now))
                .where(INVOICE.ID.eq(id), INVOICE.VERSION.eq(expectedVersion), INVOICE.STATUS.eq("DRAFT"))
                .execute() == 1;
    }

    void discard(UUID id, Instant now) {
        dsl.update(INVOICE).set(INVOICE.STATUS, "DISCARDED").set(INVOICE.VERSION, INVOICE.VERSION.plus(1))
                .set(INVOICE.UPDATED_AT, odt(now)).where(INVOICE.ID.eq(id)).execute();
    }

    /**
     * The next number of a series in a year. The counter row stays locked until this
     * transaction ends, so issuers take turns, and a rollback hands the number back: no gaps.
     */
    int nextNumber(String series, int year) {
        return dsl.insertInto(DOCUMENT_COUNTER).set(DOCUMENT_COUNTER.SERIES, series).set(DOCUMENT_COUNTER.YEAR, year)
                .set(DOCUMENT_COUNTER.LAST_NUMBER, 1)
                .onConflict(DOCUMENT_COUNTER.SERIES, DOCUMENT_COUNTER.YEAR)
                .doUpdate().set(DOCUMENT_COUNTER.LAST_NUMBER, DOCUMENT_COUNTER.LAST_NUMBER.plus(1))
                .returning(DOCUMENT_COUNTER.LAST_NUMBER)
                .fetchSingle(DOCUMENT_COUNTER.LAST_NUMBER);
    }

    void markIssued(UUID id, String series, int year, int seq, String number, LocalDate issueDate, LocalDate dueDate, UUID actor,
                    Instant now) {
        dsl.update(INVOICE).set(INVOICE.STATUS, "ISSUED").set(INVOICE.SERIES, series).set(INVOICE.NUMBER_YEAR, year)
                .set(INVOICE.NUMBER_SEQ, seq).set(INVOICE.NUMBER, number).set(INVOICE.ISSUE_DATE, issueDate).set(INVOICE.DUE_DATE, dueDate)
                .set(INVOICE.ISSUED_AT, odt(now)).set(INVOICE.ISSUED_BY, actor).set(INVOICE.VERSION, INVOICE.VERSION.plus(1))
                .set(INVOICE.UPDATED_AT, odt(now))
                .where(INVOICE.ID.eq(id)).execute();
    }

    Optional<Invoice> find(UUID id, List<Payment> payments) {
        Record r = dsl.select(INVOICE.asterisk(), PATIENT_NAME, PATIENT.MRN, APPOINTMENT.REFERENCE, CREDITED.NUMBER, CREDITED_SUM, PAID_SUM,
                        REFUNDED_SUM)
                .from(INVOICE)
                .join(PATIENT).on(PATIENT.ID.eq(INVOICE.PATIENT_ID))
                .leftJoin(APPOINTMENT).on(APPOINTMENT.ID.eq(INVOICE.APPOINTMENT_ID))
                .leftJoin(CREDITED).on(CREDITED.ID.eq(INVOICE.CREDITED_INVOICE_ID))
                .where(INVOICE.ID.eq(id))
                .fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new Invoice(r.get(INVOICE.ID), InvoiceKind.valueOf(r.get(INVOICE.KIND)), InvoiceStatus.valueOf(r.get(INVOICE.STATUS)),
                Optional.ofNullable(r.get(INVOICE.NUMBER)), r.get(INVOICE.PATIENT_ID), r.get(PATIENT_NAME), r.get(PATIENT.MRN),
                Optional.ofNullable(r.get(INVOICE.APPOINTMENT_ID)), Optional.ofNullable(r.get(APPOINTMENT.REFERENCE)),
                Optional.ofNullable(r.get(INVOICE.CREDITED_INVOICE_ID)), Optional.ofNullable(r.get(CREDITED.NUMBER)), r.get(INVOICE.CURRENCY),
                lines(id), r.get(INVOICE.SUBTOTAL_MINOR), r.get(INVOICE.DISCOUNT_MINOR), r.get(INVOICE.TAX_MINOR), r.get(INVOICE.TOTAL_MINOR),
                r.get(CREDITED_SUM), r.get(PAID_SUM), r.get(REFUNDED_SUM), r.get(INVOICE.INSURER), r.get(INVOICE.POLICY_NUMBER),
                r.get(INVOICE.NOTE), Optional.ofNullable(r.get(INVOICE.ISSUE_DATE)), Optional.ofNullable(r.get(INVOICE.DUE_DATE)),
                Optional.ofNullable(r.get(INVOICE.ISSUED_AT)).map(OffsetDateTime::toInstant), r.get(INVOICE.CREATED_AT).toInstant(),
                r.get(INVOICE.VERSION), payments, lineCredits(id)));
    }

    /** An invoice line with its row id and what issued credit notes have taken off it. */
    record OpenLine(long id, Line line, LineCredit credited) {}

    private static final String CREDITED_PER_LINE = """
            select o.id, o.position,
                   coalesce(-sum(l.quantity) filter (where l.credit_kind = 'QUANTITY'), 0) as qty,
                   coalesce(-sum(l.net_minor), 0)::bigint as net,
                   coalesce(-sum(l.discount_minor), 0)::bigint as discount,
                   coalesce(-sum(l.tax_minor), 0)::bigint as tax
              from invoice_line o
              join invoice i on i.id = o.invoice_id and i.kind = 'INVOICE' and i.status = 'ISSUED'
              left join (invoice_line l join invoice c on c.id = l.invoice_id
                         and c.kind = 'CREDIT_NOTE' and c.status = 'ISSUED') on l.credited_line_id = o.id
             where o.invoice_id = ?::uuid
             group by o.id, o.position
             order by o.position""";

    /** An issued invoice's lines with what issued credit notes took off each (read under the invoice's lock when crediting). */
    List<OpenLine> openLines(UUID invoiceId) {
        java.util.Map<Long, Line> byId = new java.util.HashMap<>();
        dsl.selectFrom(INVOICE_LINE).where(INVOICE_LINE.INVOICE_ID.eq(invoiceId)).forEach(l -> byId.put(l.getId(), toLine(l)));
        return dsl.resultQuery(CREDITED_PER_LINE, invoiceId)
                .fetch(r -> new OpenLine(r.get("id", Long.class), byId.get(r.get("id", Long.class)), credit(r)));
    }

    private List<LineCredit> lineCredits(UUID invoiceId) {
        return dsl.resultQuery(CREDITED_PER_LINE, invoiceId).fetch(InvoiceRepository::credit);
    }

    private static LineCredit credit(Record r) {
        return new LineCredit(r.get("position", Integer.class), r.get("qty", java.math.BigDecimal.class), r.get("net", Long.class),
                r.get("discount", Long.class), r.get("tax", Long.class));
    }

    /** A credit note line and the invoice line it credits, by part of its quantity or by an amount. */
    record CreditLine(Line line, long creditedLineId, String creditKind) {}

    /** The lines of a draft credit note, each tied to the invoice line it credits. */
    void insertCreditLines(UUID creditNoteId, List<CreditLine> lines) {
        var insert = dsl.insertInto(INVOICE_LINE, INVOICE_LINE.INVOICE_ID, INVOICE_LINE.POSITION, INVOICE_LINE.KIND,
                INVOICE_LINE.PRICE_ITEM_ID, INVOICE_LINE.DESCRIPTION, INVOICE_LINE.QUANTITY, INVOICE_LINE.UNIT_PRICE_MINOR,
                INVOICE_LINE.DISCOUNT_MINOR, INVOICE_LINE.TAX_NAME, INVOICE_LINE.TAX_PERCENT, INVOICE_LINE.NET_MINOR,
                INVOICE_LINE.TAX_MINOR, INVOICE_LINE.GROSS_MINOR, INVOICE_LINE.CREDITED_LINE_ID, INVOICE_LINE.CREDIT_KIND);
        for (CreditLine c : lines) {
            Line l = c.line();
            insert = insert.values(creditNoteId, l.position(), l.kind().name(), l.priceItemId().orElse(null), l.description(), l.quantity(),
                    l.unitPriceMinor(), l.discountMinor(), l.taxName(), l.taxPercent(), l.netMinor(), l.taxMinor(), l.grossMinor(),
                    c.creditedLineId(), c.creditKind());
        }
        insert.execute();
    }

    List<Line> lines(UUID invoiceId) {
        return dsl.selectFrom(INVOICE_LINE).where(INVOICE_LINE.INVOICE_ID.eq(invoiceId)).orderBy(INVOICE_LINE.POSITION)
                .fetch(InvoiceRepository::toLine);
    }

    private static Line toLine(org.medconnect.server.db.tables.records.InvoiceLineRecord l) {
        return new Line(l.getPosition(), LineKind.valueOf(l.getKind()), Optional.ofNullable(l.getPriceItemId()), l.getDescription(),
                l.getQuantity(), l.getUnitPriceMinor(), l.getNetMinor() + l.getDiscountMinor(), l.getDiscountMinor(), l.getTaxName(),
                l.getTaxPercent(), l.getNetMinor(), l.getTaxMinor(), l.getGrossMinor());
    }

    Page<Summary> list(ListQuery q) {
        List<Condition> where = new ArrayList<>();
        q.patientId().ifPresent(p -> where.add(INVOICE.PATIENT_ID.eq(p)));
        q.status().ifPresent(s -> where.add(INVOICE.STATUS.eq(s.name())));
        if (q.hideDiscarded()) {
            where.add(INVOICE.STATUS.ne("DISCARDED"));
        }
        q.kind().ifPresent(k -> where.add(INVOICE.KIND.eq(k.name())));
        q.issuedFrom().ifPresent(d -> where.add(INVOICE.ISSUE_DATE.ge(d)));
        q.issuedTo().ifPresent(d -> where.add(INVOICE.ISSUE_DATE.le(d)));
        if (q.outstandingOnly()) {
            where.add(OUTSTANDING.gt(0L));
        }
        String text = q.query().strip().toLowerCase(java.util.Locale.ROOT);
        if (!text.isEmpty()) {
            String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add(DSL.lower(INVOICE.NUMBER).like(like).or(PATIENT.SEARCH_NAME.like(like)).or(PATIENT.MRN.likeIgnoreCase(like)));
        }
        int total = dsl.fetchCount(dsl.select(INVOICE.ID).from(INVOICE).join(PATIENT).on(PATIENT.ID.eq(INVOICE.PATIENT_ID)).where(where));
        List<Summary> items = summaries(where, q.size(), q.offset(), false);
        return new Page<>(items, total, q.offset());
    }

    /** Issued invoices with something owed, oldest first. */
    List<Summary> outstanding(Optional<UUID> patientId, int limit, int offset) {
        List<Condition> where = new ArrayList<>();
        where.add(INVOICE.KIND.eq("INVOICE"));
        where.add(INVOICE.STATUS.eq("ISSUED"));
        where.add(OUTSTANDING.gt(0L));
        patientId.ifPresent(p -> where.add(INVOICE.PATIENT_ID.eq(p)));
        return summaries(where, limit, offset, true);
    }

    /** Each outstanding invoice's issue date and amount, for the ageing buckets. */
    List<org.jooq.Record2<LocalDate, Long>> outstandingAmounts(Optional<UUID> patientId) {
        Condition c = INVOICE.KIND.eq("INVOICE").and(INVOICE.STATUS.eq("ISSUED")).and(OUTSTANDING.gt(0L));
        if (patientId.isPresent()) {
            c = c.and(INVOICE.PATIENT_ID.eq(patientId.get()));
        }
        return dsl.select(INVOICE.ISSUE_DATE, OUTSTANDING).from(INVOICE).where(c).fetch();
    }

    int outstandingCount() {
        return dsl.fetchCount(INVOICE, INVOICE.KIND.eq("INVOICE").and(INVOICE.STATUS.eq("ISSUED")).and(OUTSTANDING.gt(0L)));
    }

    /** Invoiced and credited totals of a patient's issued documents. */
    long[] invoicedAndCredited(UUID patientId) {
        var r = dsl.select(
                        DSL.coalesce(DSL.sum(INVOICE.TOTAL_MINOR).filterWhere(INVOICE.KIND.eq("INVOICE")), java.math.BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(INVOICE.TOTAL_MINOR).filterWhere(INVOICE.KIND.eq("CREDIT_NOTE")), java.math.BigDecimal.ZERO))
                .from(INVOICE).where(INVOICE.PATIENT_ID.eq(patientId), INVOICE.STATUS.eq("ISSUED")).fetchSingle();
        return new long[] {r.value1().longValueExact(), r.value2().longValueExact()};
    }

    private List<Summary> summaries(List<Condition> where, int limit, int offset, boolean oldestFirst) {
        return dsl.select(INVOICE.ID, INVOICE.KIND, INVOICE.STATUS, INVOICE.NUMBER, INVOICE.PATIENT_ID, PATIENT_NAME, INVOICE.ISSUE_DATE,
                        INVOICE.DUE_DATE, INVOICE.CURRENCY, INVOICE.TOTAL_MINOR, OUTSTANDING, APPOINTMENT.REFERENCE, INVOICE.CREATED_AT,
                        CREDITED_SUM)
                .from(INVOICE)
                .join(PATIENT).on(PATIENT.ID.eq(INVOICE.PATIENT_ID))
                .leftJoin(APPOINTMENT).on(APPOINTMENT.ID.eq(INVOICE.APPOINTMENT_ID))
                .where(where)
                .orderBy(oldestFirst ? List.of(INVOICE.ISSUE_DATE.asc(), INVOICE.NUMBER.asc())
                        : List.of(INVOICE.CREATED_AT.desc(), INVOICE.ID.desc()))
                .limit(limit).offset(offset)
                .fetch(r -> new Summary(r.get(INVOICE.ID), InvoiceKind.valueOf(r.get(INVOICE.KIND)), InvoiceStatus.valueOf(r.get(INVOICE.STATUS)),
                        Optional.ofNullable(r.get(INVOICE.NUMBER)), r.get(INVOICE.PATIENT_ID), r.get(PATIENT_NAME),
                        Optional.ofNullable(r.get(INVOICE.ISSUE_DATE)), Optional.ofNullable(r.get(INVOICE.DUE_DATE)), r.get(INVOICE.CURRENCY),
                        r.get(INVOICE.TOTAL_MINOR), r.get(OUTSTANDING), Optional.ofNullable(r.get(APPOINTMENT.REFERENCE)),
                        r.get(INVOICE.CREATED_AT).toInstant(), r.get(CREDITED_SUM)));
    }

    /**
     * Visits that started in {@code [from, to)} and were completed, whose live invoice is missing,
     * a draft, or issued with money owed; in the order they were completed.
     */
    List<VisitToCheckOut> visitsToCheckOut(Instant from, Instant to, int limit) {
        var doctor = STAFF_USER.as("doctor");
        return dsl.select(APPOINTMENT.ID, APPOINTMENT.REFERENCE, APPOINTMENT.PATIENT_ID, PATIENT_NAME, PATIENT.MRN, doctor.DISPLAY_NAME,
                        APPOINTMENT.STARTS_AT, APPOINTMENT.UPDATED_AT, INVOICE.ID, INVOICE.STATUS, INVOICE.NUMBER, INVOICE.TOTAL_MINOR,
                        OUTSTANDING)
                .from(APPOINTMENT)
                .join(PATIENT).on(PATIENT.ID.eq(APPOINTMENT.PATIENT_ID))
                .join(doctor).on(doctor.ID.eq(APPOINTMENT.DOCTOR_ID))
                .leftJoin(INVOICE).on(INVOICE.APPOINTMENT_ID.eq(APPOINTMENT.ID), INVOICE.KIND.eq("INVOICE"), INVOICE.STATUS.ne("DISCARDED"))
                .where(APPOINTMENT.STATUS.eq("COMPLETED"), APPOINTMENT.STARTS_AT.ge(odt(from)), APPOINTMENT.STARTS_AT.lt(odt(to)))
                .and(INVOICE.ID.isNull().or(INVOICE.STATUS.eq("DRAFT")).or(OUTSTANDING.gt(0L)))
                .orderBy(APPOINTMENT.UPDATED_AT, APPOINTMENT.STARTS_AT, APPOINTMENT.ID)
                .limit(limit)
                .fetch(r -> new VisitToCheckOut(r.get(APPOINTMENT.ID), r.get(APPOINTMENT.REFERENCE), r.get(APPOINTMENT.PATIENT_ID),
                        r.get(PATIENT_NAME), r.get(PATIENT.MRN), r.get(doctor.DISPLAY_NAME), r.get(APPOINTMENT.STARTS_AT).toInstant(),
                        r.get(APPOINTMENT.UPDATED_AT).toInstant(), Optional.ofNullable(r.get(INVOICE.ID)),
                        Optional.ofNullable(r.get(INVOICE.STATUS)).map(InvoiceStatus::valueOf), Optional.ofNullable(r.get(INVOICE.NUMBER)),
                        Optional.ofNullable(r.get(INVOICE.TOTAL_MINOR)).orElse(0L), r.get(OUTSTANDING)));
    }

    // ---- archived documents ----

    Optional<byte[][]> document(UUID invoiceId, Optional<UUID> paymentId) {
        Condition c = paymentId.isPresent() ? BILLING_DOCUMENT.KIND.eq("RECEIPT").and(BILLING_DOCUMENT.PAYMENT_ID.eq(paymentId.get()))
                : BILLING_DOCUMENT.KIND.eq("INVOICE").and(BILLING_DOCUMENT.INVOICE_ID.eq(invoiceId));
        return dsl.select(BILLING_DOCUMENT.PDF, BILLING_DOCUMENT.SHA256).from(BILLING_DOCUMENT).where(c)
                .fetchOptional(r -> new byte[][] {r.value1(), r.value2()});
    }

    /** Archives a PDF unless one is already there (the first one stays). */
    void archive(UUID invoiceId, Optional<UUID> paymentId, byte[] pdf, byte[] sha256) {
        dsl.insertInto(BILLING_DOCUMENT).set(BILLING_DOCUMENT.KIND, paymentId.isPresent() ? "RECEIPT" : "INVOICE")
                .set(BILLING_DOCUMENT.INVOICE_ID, invoiceId).set(BILLING_DOCUMENT.PAYMENT_ID, paymentId.orElse(null))
                .set(BILLING_DOCUMENT.PDF, pdf).set(BILLING_DOCUMENT.SHA256, sha256)
                .onConflictDoNothing().execute();
    }
}
