package org.medconnect.server.billing;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.medconnect.proto.billing.v1.*;
import org.medconnect.proto.common.v1.Money;
import org.medconnect.server.billing.BillingModel.Details;
import org.medconnect.server.billing.BillingModel.Document;
import org.medconnect.server.billing.BillingModel.Invoice;
import org.medconnect.server.billing.BillingModel.InvoiceKind;
import org.medconnect.server.billing.BillingModel.InvoiceStatus;
import org.medconnect.server.billing.BillingModel.LineInput;
import org.medconnect.server.billing.BillingModel.LineKind;
import org.medconnect.server.billing.BillingModel.PaymentKind;
import org.medconnect.server.billing.BillingModel.PaymentMethod;
import org.medconnect.server.billing.BillingModel.PriceItemInput;
import org.medconnect.server.billing.BillingModel.Summary;
import org.medconnect.server.billing.BillingModel.TaxRateInput;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link BillingService}: proto in, one service call, proto out. */
public final class BillingGrpcService extends BillingServiceGrpc.BillingServiceImplBase {

    private final BillingService billing;
    private final GrpcCalls calls;

    public BillingGrpcService(BillingService billing, GrpcCalls calls) {
        this.billing = billing;
        this.calls = calls;
    }

    // ---- settings and price list ----

    @Override
    public void getBillingProfile(GetBillingProfileRequest r, StreamObserver<GetBillingProfileResponse> o) {
        calls.unary(o, () -> GetBillingProfileResponse.newBuilder().setProfile(toProto(billing.storedProfile())).build());
    }

    @Override
    public void updateBillingProfile(UpdateBillingProfileRequest r, StreamObserver<UpdateBillingProfileResponse> o) {
        calls.unary(o, () -> {
            var p = r.getProfile();
            var saved = billing.updateProfile(CallContext.principal(), p.getVersion(), new BillingModel.Profile(p.getClinicName(),
                    p.getAddress(), p.getTaxId(), p.getPhone(), p.getEmail(), p.getPaymentTermsDays()));
            return UpdateBillingProfileResponse.newBuilder().setProfile(toProto(saved)).build();
        });
    }

    @Override
    public void listTaxRates(ListTaxRatesRequest r, StreamObserver<ListTaxRatesResponse> o) {
        calls.unary(o, () -> ListTaxRatesResponse.newBuilder()
                .addAllTaxRates(billing.taxRates(r.getIncludeInactive()).stream().map(BillingGrpcService::toProto).toList()).build());
    }

    @Override
    public void saveTaxRate(SaveTaxRateRequest r, StreamObserver<SaveTaxRateResponse> o) {
        calls.unary(o, () -> {
            var t = r.getTaxRate();
            var saved = billing.saveTaxRate(ProtoTypes.requestId(r.getRequestId()), new TaxRateInput(
                    ProtoTypes.optionalUuid(t.getId(), "tax_rate.id"), t.getName(), t.getPercent(), t.getId().isBlank() || t.getActive()));
            return SaveTaxRateResponse.newBuilder().setTaxRate(toProto(saved)).build();
        });
    }

    @Override
    public void listPriceItems(ListPriceItemsRequest r, StreamObserver<ListPriceItemsResponse> o) {
        calls.unary(o, () -> {
            Optional<LineKind> kind = r.getKind() == org.medconnect.proto.billing.v1.LineKind.LINE_KIND_UNSPECIFIED ? Optional.empty()
                    : Optional.of(lineKind(r.getKind(), "kind"));
            return ListPriceItemsResponse.newBuilder()
                    .addAllItems(billing.priceItems(r.getIncludeInactive(), kind).stream().map(BillingGrpcService::toProto).toList()).build();
        });
    }

    @Override
    public void savePriceItem(SavePriceItemRequest r, StreamObserver<SavePriceItemResponse> o) {
        calls.unary(o, () -> {
            var i = r.getItem();
            Optional<LineKind> kind = i.getKind() == org.medconnect.proto.billing.v1.LineKind.LINE_KIND_UNSPECIFIED ? Optional.empty()
                    : Optional.of(lineKind(i.getKind(), "item.kind"));
            var saved = billing.savePriceItem(ProtoTypes.requestId(r.getRequestId()), new PriceItemInput(
                    ProtoTypes.optionalUuid(i.getId(), "item.id"), i.getVersion(), kind, i.getCode(), i.getName(),
                    ProtoTypes.optionalUuid(i.getDoctorId(), "item.doctor_id"),
                    ProtoTypes.optionalUuid(i.getAppointmentTypeId(), "item.appointment_type_id"), i.getUnitPrice().getMinorUnits(),
                    i.getUnitPrice().getCurrencyCode().strip(), ProtoTypes.optionalUuid(i.getTaxRateId(), "item.tax_rate_id"),
                    i.getId().isBlank() || i.getActive()));
            return SavePriceItemResponse.newBuilder().setItem(toProto(saved)).build();
        });
    }

    // ---- invoices ----

    @Override
    public void listVisitsToCheckOut(ListVisitsToCheckOutRequest r, StreamObserver<ListVisitsToCheckOutResponse> o) {
        calls.unary(o, () -> {
            var b = ListVisitsToCheckOutResponse.newBuilder();
            String currency = billing.currency();
            for (BillingModel.VisitToCheckOut v : billing.visitsToCheckOut()) {
                var visit = VisitToCheckOut.newBuilder().setAppointmentId(v.appointmentId().toString()).setAppointmentReference(v.reference())
                        .setPatientId(v.patientId().toString()).setPatientName(v.patientName()).setPatientMrn(v.patientMrn())
                        .setDoctorName(v.doctorName()).setStartsAt(ProtoTypes.timestamp(v.startsAt()))
                        .setCompletedAt(ProtoTypes.timestamp(v.completedAt())).setInvoiceNumber(v.invoiceNumber().orElse(""))
                        .setTotal(money(v.totalMinor(), currency)).setOutstanding(money(v.outstandingMinor(), currency));
                v.invoiceId().ifPresent(id -> visit.setInvoiceId(id.toString()));
                v.invoiceStatus().ifPresent(st -> visit.setInvoiceStatus(toProto(st)));
                b.addVisits(visit);
            }
            return b.build();
        });
    }

    @Override
    public void draftVisitInvoice(DraftVisitInvoiceRequest r, StreamObserver<DraftVisitInvoiceResponse> o) {
        calls.unary(o, () -> DraftVisitInvoiceResponse.newBuilder().setInvoice(toProto(billing.draftForVisit(CallContext.principal(),
                ProtoTypes.uuid(r.getAppointmentId(), "appointment_id")))).build());
    }

    @Override
    public void createInvoice(CreateInvoiceRequest r, StreamObserver<CreateInvoiceResponse> o) {
        calls.unary(o, () -> {
            Invoice created = billing.create(CallContext.principal(), ProtoTypes.requestId(r.getRequestId()),
                    ProtoTypes.uuid(r.getPatientId(), "patient_id"), lines(r.getLinesList()),
                    new Details(r.getInsurer(), r.getPolicyNumber(), r.getNote()));
            return CreateInvoiceResponse.newBuilder().setInvoice(toProto(created)).build();
        });
    }

    @Override
    public void updateDraftInvoice(UpdateDraftInvoiceRequest r, StreamObserver<UpdateDraftInvoiceResponse> o) {
        calls.unary(o, () -> {
            Invoice updated = billing.updateDraft(CallContext.principal(), ProtoTypes.uuid(r.getInvoiceId(), "invoice_id"), r.getVersion(),
                    lines(r.getLinesList()), new Details(r.getInsurer(), r.getPolicyNumber(), r.getNote()));
            return UpdateDraftInvoiceResponse.newBuilder().setInvoice(toProto(updated)).build();
        });
    }

    @Override
    public void discardDraftInvoice(DiscardDraftInvoiceRequest r, StreamObserver<DiscardDraftInvoiceResponse> o) {
        calls.unary(o, () -> DiscardDraftInvoiceResponse.newBuilder().setInvoice(toProto(billing.discard(CallContext.principal(),
                ProtoTypes.uuid(r.getInvoiceId(), "invoice_id"), r.getVersion()))).build());
    }

    @Override
    public void issueInvoice(IssueInvoiceRequest r, StreamObserver<IssueInvoiceResponse> o) {
        calls.unary(o, () -> IssueInvoiceResponse.newBuilder().setInvoice(toProto(billing.issue(CallContext.principal(),
                ProtoTypes.uuid(r.getInvoiceId(), "invoice_id"), r.getVersion()))).build());
    }

    @Override
    public void createCreditNote(CreateCreditNoteRequest r, StreamObserver<CreateCreditNoteResponse> o) {
        calls.unary(o, () -> {
            List<BillingModel.CreditLineInput> lines = r.getLinesList().stream().map(l -> new BillingModel.CreditLineInput(l.getPosition(),
                    l.getQuantity(), l.hasAmount() ? OptionalLong.of(l.getAmount().getMinorUnits()) : OptionalLong.empty())).toList();
            var result = billing.creditNote(CallContext.principal(), ProtoTypes.requestId(r.getRequestId()),
                    ProtoTypes.uuid(r.getInvoiceId(), "invoice_id"), r.getReason(), new BillingModel.CreditAsk(lines,
                            r.hasAmount() ? OptionalLong.of(r.getAmount().getMinorUnits()) : OptionalLong.empty(),
                            r.getAmount().getCurrencyCode().strip()));
            return CreateCreditNoteResponse.newBuilder().setCreditNote(toProto(result.creditNote())).setInvoice(toProto(result.invoice())).build();
        });
    }

    @Override
    public void getInvoice(GetInvoiceRequest r, StreamObserver<GetInvoiceResponse> o) {
        calls.unary(o, () -> GetInvoiceResponse.newBuilder()
                .setInvoice(toProto(billing.get(ProtoTypes.uuid(r.getInvoiceId(), "invoice_id")))).build());
    }

    @Override
    public void listInvoices(ListInvoicesRequest r, StreamObserver<ListInvoicesResponse> o) {
        calls.unary(o, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            Optional<InvoiceStatus> status = r.getStatus() == org.medconnect.proto.billing.v1.InvoiceStatus.INVOICE_STATUS_UNSPECIFIED
                    ? Optional.empty() : Optional.of(status(r.getStatus()));
            Optional<InvoiceKind> kind = r.getKind() == org.medconnect.proto.billing.v1.InvoiceKind.INVOICE_KIND_UNSPECIFIED
                    ? Optional.empty() : Optional.of(kind(r.getKind()));
            if (r.getQuery().length() > 100 || r.getQuery().indexOf('\0') >= 0) {
                throw DomainException.InvalidInput.of("query", "Search for at most 100 ordinary characters.");
            }
            var page = billing.list(new BillingModel.ListQuery(r.getQuery(), ProtoTypes.optionalUuid(r.getPatientId(), "patient_id"), status, kind,
                    r.getIssuedFrom().isBlank() ? Optional.empty() : Optional.of(ProtoTypes.localDate(r.getIssuedFrom(), "issued_from")),
                    r.getIssuedTo().isBlank() ? Optional.empty() : Optional.of(ProtoTypes.localDate(r.getIssuedTo(), "issued_to")),
                    r.getOutstandingOnly(), size, offset, r.getHideDiscarded()));
            return ListInvoicesResponse.newBuilder().addAllInvoices(page.items().stream().map(BillingGrpcService::toProto).toList())
                    .setPage(Paging.response(offset, page.items().size(), page.total(), page.hasMore())).build();
        });
    }

    // ---- money ----

    @Override
    public void recordPayment(RecordPaymentRequest r, StreamObserver<RecordPaymentResponse> o) {
        calls.unary(o, () -> {
            var result = billing.pay(CallContext.principal(), PaymentKind.PAYMENT, requiredRequestId(r.getRequestId()),
                    ProtoTypes.uuid(r.getInvoiceId(), "invoice_id"), method(r.getMethod()), r.getAmount().getMinorUnits(),
                    r.getAmount().getCurrencyCode().strip(), r.getReference());
            return RecordPaymentResponse.newBuilder().setPayment(toProto(result.payment())).setInvoice(toProto(result.invoice())).build();
        });
    }

    @Override
    public void refundPayment(RefundPaymentRequest r, StreamObserver<RefundPaymentResponse> o) {
        calls.unary(o, () -> {
            var result = billing.pay(CallContext.principal(), PaymentKind.REFUND, requiredRequestId(r.getRequestId()),
                    ProtoTypes.uuid(r.getInvoiceId(), "invoice_id"), method(r.getMethod()), r.getAmount().getMinorUnits(),
                    r.getAmount().getCurrencyCode().strip(), r.getReference());
            return RefundPaymentResponse.newBuilder().setRefund(toProto(result.payment())).setInvoice(toProto(result.invoice())).build();
        });
    }

    @Override
    public void getPatientBalance(GetPatientBalanceRequest r, StreamObserver<GetPatientBalanceResponse> o) {
        calls.unary(o, () -> {
            var b = billing.balance(ProtoTypes.uuid(r.getPatientId(), "patient_id"));
            String c = b.currency();
            return GetPatientBalanceResponse.newBuilder().setBalance(money(b.balanceMinor(), c)).setInvoiced(money(b.invoicedMinor(), c))
                    .setCredited(money(b.creditedMinor(), c)).setPaid(money(b.paidMinor(), c)).setRefunded(money(b.refundedMinor(), c))
                    .setAgeing(toProto(b.ageing(), c))
                    .addAllOpenInvoices(b.openInvoices().stream().map(BillingGrpcService::toProto).toList()).build();
        });
    }

    @Override
    public void listOutstandingInvoices(ListOutstandingInvoicesRequest r, StreamObserver<ListOutstandingInvoicesResponse> o) {
        calls.unary(o, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var asOf = r.getAsOf().isBlank() ? billing.today() : ProtoTypes.localDate(r.getAsOf(), "as_of");
            var result = billing.outstanding(asOf, size, offset);
            var response = ListOutstandingInvoicesResponse.newBuilder().setAgeing(toProto(result.ageing(), billing.currency()))
                    .setPage(Paging.response(offset, result.page().items().size(), result.page().total(), result.page().hasMore()));
            result.page().items().forEach(i -> response.addInvoices(OutstandingInvoice.newBuilder().setInvoice(toProto(i.invoice()))
                    .setAgeDays(i.ageDays())));
            return response.build();
        });
    }

    // ---- documents ----

    @Override
    public void getInvoicePdf(GetInvoicePdfRequest r, StreamObserver<GetInvoicePdfResponse> o) {
        calls.unary(o, () -> {
            Document d = billing.invoicePdf(ProtoTypes.uuid(r.getInvoiceId(), "invoice_id"));
            return GetInvoicePdfResponse.newBuilder().setPdf(ByteString.copyFrom(d.pdf())).setSha256(HexFormat.of().formatHex(d.sha256()))
                    .setFileName(d.fileName()).build();
        });
    }

    @Override
    public void getReceiptPdf(GetReceiptPdfRequest r, StreamObserver<GetReceiptPdfResponse> o) {
        calls.unary(o, () -> {
            Document d = billing.receiptPdf(ProtoTypes.uuid(r.getPaymentId(), "payment_id"));
            return GetReceiptPdfResponse.newBuilder().setPdf(ByteString.copyFrom(d.pdf())).setSha256(HexFormat.of().formatHex(d.sha256()))
                    .setFileName(d.fileName()).build();
        });
    }

    // ---- mapping ----

    private static UUID requiredRequestId(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.InvalidInput.of("request_id", "A request id is required, so a retried payment is not taken twice.");
        }
        return ProtoTypes.uuid(raw, "request_id");
    }

    private static List<LineInput> lines(List<InvoiceLineInput> inputs) {
        if (inputs.size() > org.medconnect.shared.billing.InvoiceMath.MAX_LINES) {
            throw DomainException.InvalidInput.of("lines", "An invoice can have at most "
                    + org.medconnect.shared.billing.InvoiceMath.MAX_LINES + " lines.");
        }
        java.util.ArrayList<LineInput> out = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            InvoiceLineInput l = inputs.get(i);
            String f = "lines[" + i + "].";
            Optional<LineKind> kind = l.getKind() == org.medconnect.proto.billing.v1.LineKind.LINE_KIND_UNSPECIFIED ? Optional.empty()
                    : Optional.of(lineKind(l.getKind(), f + "kind"));
            out.add(new LineInput(ProtoTypes.optionalUuid(l.getPriceItemId(), f + "price_item_id"), l.getDescription(), l.getQuantity(),
                    l.hasUnitPrice() ? OptionalLong.of(l.getUnitPrice().getMinorUnits()) : OptionalLong.empty(),
                    l.getUnitPrice().getCurrencyCode().strip(), l.getDiscountMinor(), ProtoTypes.optionalUuid(l.getTaxRateId(), f + "tax_rate_id"),
                    kind));
        }
        return out;
    }

    private static LineKind lineKind(org.medconnect.proto.billing.v1.LineKind k, String field) {
        return switch (k) {
            case LINE_KIND_CONSULTATION -> LineKind.CONSULTATION;
            case LINE_KIND_PROCEDURE -> LineKind.PROCEDURE;
            case LINE_KIND_ITEM -> LineKind.ITEM;
            default -> throw DomainException.InvalidInput.of(field, "Choose consultation, procedure or item.");
        };
    }

    private static PaymentMethod method(org.medconnect.proto.billing.v1.PaymentMethod m) {
        return switch (m) {
            case PAYMENT_METHOD_CASH -> PaymentMethod.CASH;
            case PAYMENT_METHOD_CARD -> PaymentMethod.CARD;
            case PAYMENT_METHOD_BANK_TRANSFER -> PaymentMethod.BANK_TRANSFER;
            case PAYMENT_METHOD_INSURANCE -> PaymentMethod.INSURANCE;
            default -> throw DomainException.InvalidInput.of("method", "Choose cash, card, bank transfer or insurance.");
        };
    }

    private static InvoiceStatus status(org.medconnect.proto.billing.v1.InvoiceStatus s) {
        return switch (s) {
            case INVOICE_STATUS_DRAFT -> InvoiceStatus.DRAFT;
            case INVOICE_STATUS_ISSUED -> InvoiceStatus.ISSUED;
            case INVOICE_STATUS_DISCARDED -> InvoiceStatus.DISCARDED;
            default -> throw DomainException.InvalidInput.of("status", "Choose draft, issued or discarded.");
        };
    }

    private static InvoiceKind kind(org.medconnect.proto.billing.v1.InvoiceKind k) {
        return switch (k) {
            case INVOICE_KIND_INVOICE -> InvoiceKind.INVOICE;
            case INVOICE_KIND_CREDIT_NOTE -> InvoiceKind.CREDIT_NOTE;
            default -> throw DomainException.InvalidInput.of("kind", "Choose invoice or credit note.");
        };
    }

    private static org.medconnect.proto.billing.v1.LineKind toProto(LineKind k) {
        return switch (k) {
            case CONSULTATION -> org.medconnect.proto.billing.v1.LineKind.LINE_KIND_CONSULTATION;
            case PROCEDURE -> org.medconnect.proto.billing.v1.LineKind.LINE_KIND_PROCEDURE;
            case ITEM -> org.medconnect.proto.billing.v1.LineKind.LINE_KIND_ITEM;
        };
    }

    private static org.medconnect.proto.billing.v1.InvoiceKind toProto(InvoiceKind k) {
        return k == InvoiceKind.INVOICE ? org.medconnect.proto.billing.v1.InvoiceKind.INVOICE_KIND_INVOICE
                : org.medconnect.proto.billing.v1.InvoiceKind.INVOICE_KIND_CREDIT_NOTE;
    }

    private static org.medconnect.proto.billing.v1.InvoiceStatus toProto(InvoiceStatus s) {
        return switch (s) {
            case DRAFT -> org.medconnect.proto.billing.v1.InvoiceStatus.INVOICE_STATUS_DRAFT;
            case ISSUED -> org.medconnect.proto.billing.v1.InvoiceStatus.INVOICE_STATUS_ISSUED;
            case DISCARDED -> org.medconnect.proto.billing.v1.InvoiceStatus.INVOICE_STATUS_DISCARDED;
        };
    }

    private static org.medconnect.proto.billing.v1.PaymentMethod toProto(PaymentMethod m) {
        return switch (m) {
            case CASH -> org.medconnect.proto.billing.v1.PaymentMethod.PAYMENT_METHOD_CASH;
            case CARD -> org.medconnect.proto.billing.v1.PaymentMethod.PAYMENT_METHOD_CARD;
            case BANK_TRANSFER -> org.medconnect.proto.billing.v1.PaymentMethod.PAYMENT_METHOD_BANK_TRANSFER;
            case INSURANCE -> org.medconnect.proto.billing.v1.PaymentMethod.PAYMENT_METHOD_INSURANCE;
        };
    }

    private static Money money(long minor, String currency) {
        return Money.newBuilder().setCurrencyCode(currency).setMinorUnits(minor).build();
    }

    private org.medconnect.proto.billing.v1.BillingProfile toProto(BillingModel.StoredProfile stored) {
        BillingModel.Profile p = stored.profile();
        var b = org.medconnect.proto.billing.v1.BillingProfile.newBuilder().setClinicName(p.clinicName()).setAddress(p.address())
                .setTaxId(p.taxId()).setPhone(p.phone()).setEmail(p.email()).setPaymentTermsDays(p.paymentTermsDays())
                .setCurrencyCode(billing.currency()).setVersion(stored.version()).setUpdatedByName(stored.updatedByName().orElse(""));
        stored.updatedAt().ifPresent(t -> b.setUpdatedAt(ProtoTypes.timestamp(t)));
        return b.build();
    }

    private static org.medconnect.proto.billing.v1.TaxRate toProto(BillingModel.TaxRate t) {
        return org.medconnect.proto.billing.v1.TaxRate.newBuilder().setId(t.id().toString()).setName(t.name())
                .setPercent(t.percent().stripTrailingZeros().toPlainString()).setActive(t.active()).build();
    }

    private static org.medconnect.proto.billing.v1.PriceItem toProto(BillingModel.PriceItem i) {
        return org.medconnect.proto.billing.v1.PriceItem.newBuilder().setId(i.id().toString()).setKind(toProto(i.kind())).setCode(i.code())
                .setName(i.name()).setDoctorId(i.doctorId().map(UUID::toString).orElse(""))
                .setAppointmentTypeId(i.appointmentTypeId().map(UUID::toString).orElse("")).setUnitPrice(money(i.unitPriceMinor(), i.currency()))
                .setTaxRateId(i.taxRateId().map(UUID::toString).orElse("")).setActive(i.active()).setVersion(i.version()).build();
    }

    static org.medconnect.proto.billing.v1.Invoice toProto(Invoice i) {
        String c = i.currency();
        var b = org.medconnect.proto.billing.v1.Invoice.newBuilder().setId(i.id().toString()).setKind(toProto(i.kind()))
                .setStatus(toProto(i.status())).setNumber(i.number().orElse("")).setPatientId(i.patientId().toString())
                .setPatientName(i.patientName()).setPatientMrn(i.patientMrn())
                .setAppointmentId(i.appointmentId().map(UUID::toString).orElse("")).setAppointmentReference(i.appointmentReference().orElse(""))
                .setCreditedInvoiceId(i.creditedInvoiceId().map(UUID::toString).orElse(""))
                .setCreditedInvoiceNumber(i.creditedInvoiceNumber().orElse(""))
                .setSubtotal(money(i.subtotalMinor(), c)).setDiscount(money(i.discountMinor(), c)).setTax(money(i.taxMinor(), c))
                .setTotal(money(i.totalMinor(), c)).setCredited(money(i.creditedMinor(), c)).setPaid(money(i.paidMinor(), c))
                .setRefunded(money(i.refundedMinor(), c)).setOutstanding(money(i.outstandingMinor(), c))
                .setInsurer(i.insurer()).setPolicyNumber(i.policyNumber()).setNote(i.note())
                .setIssueDate(i.issueDate().map(Object::toString).orElse("")).setDueDate(i.dueDate().map(Object::toString).orElse(""))
                .setCreatedAt(ProtoTypes.timestamp(i.createdAt())).setVersion(i.version());
        i.issuedAt().ifPresent(t -> b.setIssuedAt(ProtoTypes.timestamp(t)));
        java.util.Map<Integer, BillingModel.LineCredit> credited = new java.util.HashMap<>();
        i.lineCredits().forEach(lc -> credited.put(lc.position(), lc));
        i.lines().forEach(l -> {
            BillingModel.LineCredit lc = credited.getOrDefault(l.position(), new BillingModel.LineCredit(l.position(),
                    java.math.BigDecimal.ZERO, 0, 0, 0));
            b.addLines(InvoiceLine.newBuilder().setPosition(l.position()).setKind(toProto(l.kind()))
                    .setPriceItemId(l.priceItemId().map(UUID::toString).orElse("")).setDescription(l.description())
                    .setQuantity(l.quantity().stripTrailingZeros().toPlainString()).setUnitPrice(money(l.unitPriceMinor(), c))
                    .setAmount(money(l.amountMinor(), c)).setDiscount(money(l.discountMinor(), c)).setTaxName(l.taxName())
                    .setTaxPercent(l.taxPercent().stripTrailingZeros().toPlainString()).setNet(money(l.netMinor(), c))
                    .setTax(money(l.taxMinor(), c)).setGross(money(l.grossMinor(), c))
                    .setCreditedQuantity(lc.quantity().stripTrailingZeros().toPlainString()).setCreditedNet(money(lc.netMinor(), c))
                    .setCreditedDiscount(money(lc.discountMinor(), c)).setCreditedTax(money(lc.taxMinor(), c)));
        });
        i.payments().forEach(p -> b.addPayments(toProto(p)));
        return b.build();
    }

    private static org.medconnect.proto.billing.v1.Payment toProto(BillingModel.Payment p) {
        return org.medconnect.proto.billing.v1.Payment.newBuilder().setId(p.id().toString())
                .setKind(p.kind() == PaymentKind.PAYMENT ? org.medconnect.proto.billing.v1.PaymentKind.PAYMENT_KIND_PAYMENT
                        : org.medconnect.proto.billing.v1.PaymentKind.PAYMENT_KIND_REFUND)
                .setInvoiceId(p.invoiceId().toString()).setMethod(toProto(p.method())).setAmount(money(p.amountMinor(), p.currency()))
                .setReference(p.reference()).setReceiptNumber(p.receiptNumber()).setReceivedAt(ProtoTypes.timestamp(p.receivedAt()))
                .setReceivedByName(p.receivedByName()).build();
    }

    private static InvoiceSummary toProto(Summary s) {
        return InvoiceSummary.newBuilder().setId(s.id().toString()).setKind(toProto(s.kind())).setStatus(toProto(s.status()))
                .setNumber(s.number().orElse("")).setPatientId(s.patientId().toString()).setPatientName(s.patientName())
                .setIssueDate(s.issueDate().map(Object::toString).orElse("")).setDueDate(s.dueDate().map(Object::toString).orElse(""))
                .setTotal(money(s.totalMinor(), s.currency())).setOutstanding(money(s.outstandingMinor(), s.currency()))
                .setAppointmentReference(s.appointmentReference().orElse("")).setCreatedAt(ProtoTypes.timestamp(s.createdAt()))
                .setCredited(money(s.creditedMinor(), s.currency())).build();
    }

    private static AgeingBuckets toProto(BillingModel.Ageing a, String c) {
        return AgeingBuckets.newBuilder().setDays030(money(a.days0to30(), c)).setDays3160(money(a.days31to60(), c))
                .setDays6190(money(a.days61to90(), c)).setDaysOver90(money(a.over90(), c)).setTotal(money(a.total(), c)).build();
    }
}
