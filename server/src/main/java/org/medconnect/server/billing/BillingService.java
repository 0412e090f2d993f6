package org.medconnect.server.billing;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.billing.BillingModel.Ageing;
import org.medconnect.server.billing.BillingModel.Balance;
import org.medconnect.server.billing.BillingModel.CreditAsk;
import org.medconnect.server.billing.BillingModel.CreditLineInput;
import org.medconnect.server.billing.BillingModel.CreditResult;
import org.medconnect.server.billing.BillingModel.Details;
import org.medconnect.server.billing.BillingModel.Document;
import org.medconnect.server.billing.BillingModel.Invoice;
import org.medconnect.server.billing.BillingModel.InvoiceKind;
import org.medconnect.server.billing.BillingModel.InvoiceStatus;
import org.medconnect.server.billing.BillingModel.Line;
import org.medconnect.server.billing.BillingModel.LineInput;
import org.medconnect.server.billing.BillingModel.LineKind;
import org.medconnect.server.billing.BillingModel.ListQuery;
import org.medconnect.server.billing.BillingModel.Outstanding;
import org.medconnect.server.billing.BillingModel.OutstandingPage;
import org.medconnect.server.billing.BillingModel.Page;
import org.medconnect.server.billing.BillingModel.Payment;
import org.medconnect.server.billing.BillingModel.PaymentKind;
import org.medconnect.server.billing.BillingModel.PaymentMethod;
import org.medconnect.server.billing.BillingModel.PaymentResult;
import org.medconnect.server.billing.BillingModel.PriceItem;
import org.medconnect.server.billing.BillingModel.PriceItemInput;
import org.medconnect.server.billing.BillingModel.Profile;
import org.medconnect.server.billing.BillingModel.StoredProfile;
import org.medconnect.server.billing.BillingModel.VisitToCheckOut;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.shared.billing.BillingProfileRules;
import org.medconnect.shared.validation.FieldError;
import org.medconnect.server.billing.BillingModel.Summary;
import org.medconnect.server.billing.BillingModel.TaxRate;
import org.medconnect.server.billing.BillingModel.TaxRateInput;
import org.medconnect.server.billing.InvoiceRepository.Locked;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.shared.billing.CreditMath;
import org.medconnect.shared.billing.InvoiceMath;
import org.medconnect.shared.validation.Validation;

/**
 * Billing's rules: pricing a visit, drafts and their versions, issuing with gapless numbers,
 * credit notes, payments and refunds once per request id, balances and ageing, archived PDFs.
 * Each use case is one transaction; the database keeps the rules that must never break
 * (numbering, immutability, payment limits) even if this class got them wrong.
 */
public final class BillingService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BillingService.class);

    static final String NOT_DRAFT = "NOT_DRAFT";
    static final String STALE_VERSION = "STALE_VERSION";
    static final String EMPTY_INVOICE = "EMPTY_INVOICE";
    static final String NOT_ISSUED = "NOT_ISSUED";
    static final String ALREADY_CREDITED = "ALREADY_CREDITED";
    static final String EXCEEDS_BALANCE = "EXCEEDS_BALANCE";
    static final String EXCEEDS_PAID = "EXCEEDS_PAID";
    static final String EXCEEDS_CREDITABLE = "EXCEEDS_CREDITABLE";
    static final String VISIT_NOT_COMPLETED = "VISIT_NOT_COMPLETED";
    private static final int MAX_DESCRIPTION = 200;
    private static final int MAX_CHECKOUT_ROWS = 200;

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;
    private final String currency;
    private final InvoicePdf pdf;

    public BillingService(DSLContext dsl, Clock clock, ZoneId zone, String currency) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
        this.currency = currency;
        this.pdf = new InvoicePdf(zone);
        InvoiceMath.minorDigits(currency); // an unknown currency fails at start-up, not at the desk
    }

    /** The clinic's currency: every invoice is in it. */
    public String currency() {
        return currency;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    // ---- settings and price list ----

    public Profile profile() {
        return new PriceListRepository(dsl).profile();
    }

    /** The header with its version, for the admin's editor. */
    public StoredProfile storedProfile() {
        return new PriceListRepository(dsl).storedProfile();
    }

    /**
     * Changes the header printed on invoices issued from now on, if nobody saved it since
     * {@code expectedVersion}; otherwise ABORTED "Changed by ... at ...; reload to see it.".
     * Limits: {@link BillingProfileRules}, the same the admin's workstation checks.
     */
    public StoredProfile updateProfile(Principal actor, int expectedVersion, Profile p) {
        List<FieldError> errors = new ArrayList<>(BillingProfileRules.check(p.clinicName(), p.address(), p.taxId(), p.phone(), p.email(),
                p.paymentTermsDays()));
        if (expectedVersion < 1) {
            errors.add(new FieldError("profile.version", "Send the version of the billing profile you read; reload it first."));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
        Profile clean = new Profile(BillingProfileRules.strip(p.clinicName()), BillingProfileRules.strip(p.address()),
                BillingProfileRules.strip(p.taxId()), BillingProfileRules.strip(p.phone()), BillingProfileRules.strip(p.email()),
                p.paymentTermsDays());
        Instant now = clock.instant();
        return dsl.transactionResult(cfg -> {
            PriceListRepository repo = new PriceListRepository(cfg.dsl());
            if (repo.updateProfile(clean, expectedVersion, actor.userId(), now) == 0) {
                StoredProfile current = repo.storedProfile();
                throw ChartLedger.staleEdit(current.updatedByName().orElse("another admin"),
                        OffsetDateTime.ofInstant(current.updatedAt().orElse(now), ZoneOffset.UTC), OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                        zone);
            }
            StoredProfile saved = repo.storedProfile();
            AuditTrail.in(cfg.dsl()).record(actor.userId(), "BILLING_PROFILE_UPDATED", "billing_profile", "clinic",
                    "version " + saved.version(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            return saved;
        });
    }

    /** Today's completed visits the desk has not finished (no issued invoice, or money owed), oldest completion first. */
    public List<VisitToCheckOut> visitsToCheckOut() {
        LocalDate day = today();
        return new InvoiceRepository(dsl).visitsToCheckOut(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant(),
                MAX_CHECKOUT_ROWS);
    }

    public List<TaxRate> taxRates(boolean includeInactive) {
        return new PriceListRepository(dsl).taxRates(includeInactive);
    }

    public TaxRate saveTaxRate(Optional<UUID> requestId, TaxRateInput in) {
        Validation v = new Validation();
        String name = Texts.line(v, "tax_rate.name", in.name(), 60, true);
        Optional<BigDecimal> percent = InvoiceMath.percent(in.percent());
        if (percent.isEmpty()) {
            v.add("tax_rate.percent", "Give the rate as a percentage from 0 to 100, e.g. 20 or 7.7.");
        }
        Texts.throwIfInvalid(v);
        try {
            UUID id = dsl.transactionResult(cfg -> {
                PriceListRepository repo = new PriceListRepository(cfg.dsl());
                if (in.id().isPresent()) {
                    if (!repo.updateTaxRate(in.id().get(), name, percent.get(), in.active())) {
                        throw new DomainException.NotFound("That tax rate does not exist.");
                    }
                    return in.id().get();
                }
                Optional<UUID> earlier = requestId.flatMap(repo::taxRateByRequest);
                return earlier.orElseGet(() -> repo.insertTaxRate(requestId, name, percent.get(), in.active()));
            });
            return new PriceListRepository(dsl).taxRate(id).orElseThrow();
        } catch (DataAccessException e) {
            if (Constraints.violated(e, Constraints.UNIQUE_VIOLATION).isPresent()) {
                throw new DomainException.Conflict("tax_rate.name", "There is already a tax rate called " + name + ".");
            }
            throw e;
        }
    }

    public List<PriceItem> priceItems(boolean includeInactive, Optional<LineKind> kind) {
        return new PriceListRepository(dsl).priceItems(includeInactive, kind);
    }

    public PriceItem savePriceItem(Optional<UUID> requestId, PriceItemInput in) {
        Validation v = new Validation();
        String code = Texts.line(v, "item.code", in.code(), 32, true);
        String name = Texts.line(v, "item.name", in.name(), 120, true);
        if (in.kind().isEmpty()) {
            v.add("item.kind", "Choose consultation, procedure or item.");
        } else if (in.kind().get() != LineKind.CONSULTATION && (in.doctorId().isPresent() || in.appointmentTypeId().isPresent())) {
            v.add("item.doctor_id", "Only a consultation price can be for a doctor or an appointment type.");
        }
        if (in.unitPriceMinor() < 0 || in.unitPriceMinor() > InvoiceMath.MAX_UNIT_PRICE_MINOR) {
            v.add("item.unit_price", "Give a price from 0 up to " + InvoiceMath.format(InvoiceMath.MAX_UNIT_PRICE_MINOR, currency) + ".");
        }
        if (!in.currency().isBlank() && !in.currency().equals(currency)) {
            v.add("item.unit_price.currency_code", "Prices are in the clinic's currency, " + currency + ".");
        }
        Texts.throwIfInvalid(v);
        PriceItemInput clean = new PriceItemInput(in.id(), in.version(), in.kind(), code, name, in.doctorId(), in.appointmentTypeId(),
                in.unitPriceMinor(), currency, in.taxRateId(), in.active());
        Instant now = clock.instant();
        try {
            UUID id = dsl.transactionResult(cfg -> {
                PriceListRepository repo = new PriceListRepository(cfg.dsl());
                if (in.taxRateId().isPresent() && repo.taxRate(in.taxRateId().get()).isEmpty()) {
                    throw DomainException.InvalidInput.of("item.tax_rate_id", "That tax rate does not exist.");
                }
                if (in.id().isPresent()) {
                    if (repo.priceItem(in.id().get()).isEmpty()) {
                        throw new DomainException.NotFound("That price-list entry does not exist.");
                    }
                    if (!repo.updatePriceItem(in.id().get(), in.version(), clean, in.kind().get(), now)) {
                        throw new DomainException.Aborted(STALE_VERSION, "Someone else changed this entry a moment ago. Reload it and try again.");
                    }
                    return in.id().get();
                }
                Optional<UUID> earlier = requestId.flatMap(repo::priceItemByRequest);
                return earlier.orElseGet(() -> repo.insertPriceItem(requestId, clean, in.kind().get(), now));
            });
            return new PriceListRepository(dsl).priceItem(id).orElseThrow();
        } catch (DataAccessException e) {
            Optional<String> violated = Constraints.violated(e, Constraints.UNIQUE_VIOLATION);
            if (violated.filter("price_item_code_key"::equals).isPresent()) {
                throw new DomainException.Conflict("item.code", "The code " + code + " is already in the price list.");
            }
            if (violated.filter("price_item_consultation_key"::equals).isPresent()) {
                throw new DomainException.Conflict("item.doctor_id", "There is already an active consultation price for this doctor and type.");
            }
            if (Constraints.violated(e, Constraints.FOREIGN_KEY_VIOLATION).isPresent()) {
                throw DomainException.InvalidInput.of("item.doctor_id", "That doctor or appointment type does not exist.");
            }
            throw e;
        }
    }

    // ---- drafts ----

    /** The visit's invoice, drafting it now if the completion projector has not yet. */
    public Invoice draftForVisit(Principal actor, UUID appointmentId) {
        UUID id = dsl.transactionResult(cfg -> draftVisit(cfg.dsl(), appointmentId, Optional.of(actor.userId())));
        return get(id);
    }

    /**
     * The draft of a completed visit, inside the caller's transaction: its consultation at the
     * price list's price for the doctor and type, else the doctor's profile fee, else zero for
     * the desk to fill in. The same invoice however often or concurrently it is asked for.
     */
    UUID draftVisit(DSLContext tx, UUID appointmentId, Optional<UUID> actor) {
        InvoiceRepository invoices = new InvoiceRepository(tx);
        Optional<UUID> existing = invoices.forVisit(appointmentId);
        if (existing.isPresent()) {
            return existing.get();
        }
        PriceListRepository prices = new PriceListRepository(tx);
        PriceListRepository.Visit visit = prices.visit(appointmentId)
                .orElseThrow(() -> new DomainException.NotFound("That appointment does not exist."));
        if (!visit.status().equals("COMPLETED")) {
            throw new DomainException.FailedPrecondition(VISIT_NOT_COMPLETED, "The visit is not completed yet; complete it first.");
        }
        Instant now = clock.instant();
        Optional<UUID> created = invoices.insertDraft(InvoiceKind.INVOICE, visit.patientId(), Optional.of(appointmentId), Optional.empty(),
                currency, Details.NONE, Optional.empty(), actor, now);
        if (created.isEmpty()) {
            return invoices.forVisit(appointmentId).orElseThrow(); // drafted a moment ago by someone else
        }
        Line line = consultationLine(prices, visit);
        invoices.replaceLines(created.get(), List.of(line));
        invoices.updateDraft(created.get(), 1, InvoiceMath.totals(List.of(amounts(line))), Details.NONE, now);
        return created.get();
    }

    private Line consultationLine(PriceListRepository prices, PriceListRepository.Visit visit) {
        String description = "Consultation: " + visit.typeName() + " with " + visit.doctorName();
        description = description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) : description;
        Optional<PriceItem> item = prices.consultationPrice(visit.doctorId(), visit.typeId(), currency);
        if (item.isPresent()) {
            Optional<TaxRate> tax = item.get().taxRateId().flatMap(prices::taxRate);
            return price(1, LineKind.CONSULTATION, item.map(PriceItem::id), description, BigDecimal.ONE.setScale(3),
                    item.get().unitPriceMinor(), 0, tax);
        }
        // The doctor's fee from their profile, when it is in the clinic's currency; no tax.
        long fee = visit.profileFeeMinor().filter(f -> visit.profileFeeCurrency().filter(currency::equals).isPresent()).orElse(0L);
        return price(1, LineKind.CONSULTATION, Optional.empty(), description, BigDecimal.ONE.setScale(3), fee, 0, Optional.empty());
    }

    /** A draft for items without a visit. */
    public Invoice create(Principal actor, Optional<UUID> requestId, UUID patientId, List<LineInput> inputs, Details details) {
        Details clean = details(details);
        Instant now = clock.instant();
        UUID id;
        try {
            id = dsl.transactionResult(cfg -> {
                InvoiceRepository invoices = new InvoiceRepository(cfg.dsl());
                Optional<UUID> earlier = requestId.flatMap(invoices::byRequest);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                List<Line> lines = resolve(new PriceListRepository(cfg.dsl()), inputs);
                Optional<UUID> inserted = invoices.insertDraft(InvoiceKind.INVOICE, patientId, Optional.empty(), Optional.empty(), currency, clean,
                        requestId, Optional.of(actor.userId()), now);
                if (inserted.isEmpty()) {
                    return requestId.flatMap(invoices::byRequest).orElseThrow(); // the same request, a moment earlier
                }
                UUID created = inserted.get();
                invoices.replaceLines(created, lines);
                invoices.updateDraft(created, 1, totals(lines), clean, now);
                return created;
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, Constraints.FOREIGN_KEY_VIOLATION).isPresent()) {
                throw DomainException.InvalidInput.of("patient_id", "That patient does not exist.");
            }
            throw e;
        }
        return get(id);
    }

    /** Replaces a draft's lines and details; refused when someone changed it since {@code version}. */
    public Invoice updateDraft(Principal actor, UUID id, int version, List<LineInput> inputs, Details details) {
        Details clean = details(details);
        dsl.transaction(cfg -> {
            InvoiceRepository invoices = new InvoiceRepository(cfg.dsl());
            Locked l = lockDraft(invoices, id, version);
            List<Line> lines = resolve(new PriceListRepository(cfg.dsl()), inputs);
            invoices.replaceLines(l.id(), lines);
            invoices.updateDraft(l.id(), version, totals(lines), clean, clock.instant());
        });
        return get(id);
    }

    public Invoice discard(Principal actor, UUID id, int version) {
        dsl.transaction(cfg -> {
            InvoiceRepository invoices = new InvoiceRepository(cfg.dsl());
            lockDraft(invoices, id, version);
            invoices.discard(id, clock.instant());
        });
        return get(id);
    }

    private static Locked lockDraft(InvoiceRepository invoices, UUID id, int version) {
        Locked l = invoices.lock(id).orElseThrow(() -> new DomainException.NotFound("That invoice does not exist."));
        if (l.status() != InvoiceStatus.DRAFT) {
            throw new DomainException.FailedPrecondition(NOT_DRAFT, l.status() == InvoiceStatus.ISSUED
                    ? "Invoice " + l.number().orElse("") + " is issued and cannot change. Correct it with a credit note."
                    : "This draft was discarded.");
        }
        if (l.version() != version) {
            throw new DomainException.Aborted(STALE_VERSION, "Someone else changed this invoice a moment ago. Reload it and check it again.");
        }
        return l;
    }

    // ---- issuing and correcting ----

    /** Numbers and dates a draft; issuing an issued invoice again returns it. */
    public Invoice issue(Principal actor, UUID id, int version) {
        dsl.transaction(cfg -> {
            InvoiceRepository invoices = new InvoiceRepository(cfg.dsl());
            Locked l = invoices.lock(id).orElseThrow(() -> new DomainException.NotFound("That invoice does not exist."));
            if (l.status() == InvoiceStatus.ISSUED) {
                return; // a retry after a timeout
            }
            lockDraft(invoices, id, version);
            if (invoices.lines(id).isEmpty()) {
                throw new DomainException.FailedPrecondition(EMPTY_INVOICE, "Add at least one line before issuing the invoice.");
            }
            issueLocked(cfg.dsl(), invoices, new PriceListRepository(cfg.dsl()), l, actor.userId());
        });
        archiveQuietly(id, Optional.empty());
        return get(id);
    }

    /** Numbers, dates and audits an invoice or credit note inside the caller's transaction. */
    private void issueLocked(DSLContext tx, InvoiceRepository invoices, PriceListRepository prices, Locked l, UUID actor) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, zone);
        String series = l.kind() == InvoiceKind.INVOICE ? "INV" : "CN";
        int seq = invoices.nextNumber(series, day.getYear());
        String number = "%s-%d-%06d".formatted(series, day.getYear(), seq);
        invoices.markIssued(l.id(), series, day.getYear(), seq, number, day, day.plusDays(prices.profile().paymentTermsDays()), actor, now);
        AuditTrail.in(tx).record(actor, l.kind() == InvoiceKind.INVOICE ? "INVOICE_ISSUED" : "CREDIT_NOTE_ISSUED", "invoice", l.id(),
                number, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    }

    /** Credits everything still left on an issued invoice (all of it the first time). */
    public CreditResult creditNote(Principal actor, Optional<UUID> requestId, UUID invoiceId, String reason) {
        return creditNote(actor, requestId, invoiceId, reason, CreditAsk.EVERYTHING_LEFT);
    }

    /**
     * Credits chosen lines (part of a quantity or an amount of each), an amount spread over the
     * invoice, or everything left: a credit note issued at once, numbered in its own gapless
     * series. Under the invoice's row lock, what is asked is checked against what is left, so the
     * total credited never exceeds what was invoiced (and the database checks it again). A retry
     * with the same request id returns the first credit note.
     */
    public CreditResult creditNote(Principal actor, Optional<UUID> requestId, UUID invoiceId, String reason, CreditAsk ask) {
        Validation v = new Validation();
        String why = Texts.line(v, "reason", reason, 200, true);
        Texts.throwIfInvalid(v);
        List<Optional<BigDecimal>> quantities = checkAsk(ask);
        UUID creditId;
        try {
            creditId = dsl.transactionResult(cfg -> {
                InvoiceRepository invoices = new InvoiceRepository(cfg.dsl());
                // Credits of one invoice take turns; a retry waits here and then finds the first.
                Locked original = invoices.lock(invoiceId).orElseThrow(() -> new DomainException.NotFound("That invoice does not exist."));
                Optional<UUID> earlier = requestId.flatMap(invoices::byRequest);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                if (original.kind() != InvoiceKind.INVOICE || original.status() != InvoiceStatus.ISSUED) {
                    throw new DomainException.FailedPrecondition(NOT_ISSUED, "Only an issued invoice can be credited; change or discard a draft instead.");
                }
                Invoice full = invoices.find(invoiceId, List.of()).orElseThrow();
                String number = full.number().orElse("");
                long left = full.totalMinor() + full.creditedMinor();
                if (left <= 0) {
                    throw new DomainException.FailedPrecondition(ALREADY_CREDITED, "Invoice " + number + " has been credited in full already.");
                }
                List<InvoiceRepository.CreditLine> credit = credits(invoices.openLines(invoiceId), ask, quantities, number, full.currency());
                long gross = credit.stream().mapToLong(c -> -c.line().grossMinor()).sum();
                if (gross > left) {
                    throw new DomainException.FailedPrecondition(EXCEEDS_CREDITABLE, "Only " + InvoiceMath.format(left, full.currency()) + " "
                            + full.currency() + " is left to credit on " + number + ".");
                }
                Details details = new Details(full.insurer(), full.policyNumber(), "Credit for " + number + ": " + why);
                Instant now = clock.instant();
                UUID created = invoices.insertDraft(InvoiceKind.CREDIT_NOTE, full.patientId(), Optional.empty(), Optional.of(invoiceId),
                        full.currency(), details, requestId, Optional.of(actor.userId()), now).orElseThrow();
                invoices.insertCreditLines(created, credit);
                invoices.updateDraft(created, 1, totals(credit.stream().map(InvoiceRepository.CreditLine::line).toList()), details, now);
                issueLocked(cfg.dsl(), invoices, new PriceListRepository(cfg.dsl()), invoices.lock(created).orElseThrow(), actor.userId());
                return created;
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "23514").filter("credit_note_limit"::equals).isPresent()) {
                // Only reachable if something wrote credits behind the lock: the database's rule stands.
                throw new DomainException.FailedPrecondition(EXCEEDS_CREDITABLE, "That would credit more than was invoiced. Reload the invoice and try again.");
            }
            throw e;
        }
        archiveQuietly(creditId, Optional.empty());
        Invoice creditNote = get(creditId);
        return new CreditResult(creditNote, get(creditNote.creditedInvoiceId().orElseThrow()));
    }

    /** Checks the shape of a credit request before any lock; returns each line's parsed quantity (empty = not by quantity). */
    private List<Optional<BigDecimal>> checkAsk(CreditAsk ask) {
        Validation v = new Validation();
        if (!ask.lines().isEmpty() && ask.amountMinor().isPresent()) {
            throw DomainException.InvalidInput.of("amount", "Credit either chosen lines or an amount, not both.");
        }
        if (ask.lines().size() > InvoiceMath.MAX_LINES) {
            throw DomainException.InvalidInput.of("lines", "A credit note can have at most " + InvoiceMath.MAX_LINES + " lines.");
        }
        if (ask.amountMinor().isPresent()) {
            if (ask.amountMinor().getAsLong() <= 0 || ask.amountMinor().getAsLong() > InvoiceMath.MAX_UNIT_PRICE_MINOR) {
                v.add("amount", "Give an amount above zero to credit.");
            }
            if (!ask.amountCurrency().isBlank() && !ask.amountCurrency().equals(currency)) {
                v.add("amount.currency_code", "Credit in the clinic's currency, " + currency + ".");
            }
        }
        List<Optional<BigDecimal>> quantities = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < ask.lines().size(); i++) {
            CreditLineInput in = ask.lines().get(i);
            String f = "lines[" + i + "].";
            if (!seen.add(in.position())) {
                v.add(f + "position", "Line " + in.position() + " is listed twice; give it once with the whole quantity or amount.");
            }
            boolean byQuantity = in.quantity() != null && !in.quantity().isBlank();
            if (byQuantity && in.grossMinor().isPresent()) {
                v.add(f + "amount", "Credit part of the quantity or an amount of line " + in.position() + ", not both.");
            }
            Optional<BigDecimal> q = byQuantity ? InvoiceMath.quantity(in.quantity()) : Optional.empty();
            if (byQuantity && q.isEmpty()) {
                v.add(f + "quantity", "Give a quantity above 0 with up to " + InvoiceMath.QUANTITY_SCALE + " decimals.");
            }
            if (in.grossMinor().isPresent() && (in.grossMinor().getAsLong() <= 0 || in.grossMinor().getAsLong() > InvoiceMath.MAX_UNIT_PRICE_MINOR)) {
                v.add(f + "amount", "Give an amount above zero to credit on line " + in.position() + ".");
            }
            quantities.add(q);
        }
        Texts.throwIfInvalid(v);
        return quantities;
    }

    /** The credit note's lines for what is asked, each within what is left on its invoice line. */
    private static List<InvoiceRepository.CreditLine> credits(List<InvoiceRepository.OpenLine> open, CreditAsk ask,
                                                               List<Optional<BigDecimal>> quantities, String number, String currency) {
        List<InvoiceRepository.CreditLine> out = new ArrayList<>();
        if (ask.amountMinor().isPresent()) {
            long[] left = open.stream().mapToLong(o -> remaining(o).grossMinor()).toArray();
            long available = java.util.Arrays.stream(left).sum();
            long amount = ask.amountMinor().getAsLong();
            if (amount > available) {
                throw new DomainException.FailedPrecondition(EXCEEDS_CREDITABLE, "At most " + InvoiceMath.format(available, currency) + " "
                        + currency + " is left to credit on " + number + "; you asked for " + InvoiceMath.format(amount, currency) + ".");
            }
            long[] shares = CreditMath.spread(amount, left);
            for (int i = 0; i < open.size(); i++) {
                if (shares[i] > 0) {
                    out.add(creditLine(out.size() + 1, open.get(i), CreditMath.ofAmount(remaining(open.get(i)), shares[i]), false));
                }
            }
            return out;
        }
        if (ask.lines().isEmpty()) {
            for (InvoiceRepository.OpenLine o : open) {
                CreditMath.Remaining r = remaining(o);
                if (!r.nothingLeft()) {
                    boolean byQuantity = r.quantity().signum() > 0;
                    out.add(creditLine(out.size() + 1, o, byQuantity ? CreditMath.ofQuantity(r, r.quantity())
                            : CreditMath.ofAmount(r, r.grossMinor()), byQuantity));
                }
            }
            return out;
        }
        for (int i = 0; i < ask.lines().size(); i++) {
            CreditLineInput in = ask.lines().get(i);
            String f = "lines[" + i + "].";
            InvoiceRepository.OpenLine o = open.stream().filter(l -> l.line().position() == in.position()).findFirst()
                    .orElseThrow(() -> DomainException.InvalidInput.of(f + "position", "Invoice " + number + " has no line " + in.position() + "."));
            CreditMath.Remaining r = remaining(o);
            String which = "Line " + in.position() + " (" + o.line().description() + ")";
            if (r.nothingLeft()) {
                throw new DomainException.FailedPrecondition(EXCEEDS_CREDITABLE, which + " has been credited in full already.");
            }
            CreditMath.Credit c;
            boolean byQuantity;
            if (in.grossMinor().isPresent()) {
                long asked = in.grossMinor().getAsLong();
                if (asked > r.grossMinor()) {
                    throw new DomainException.FailedPrecondition(EXCEEDS_CREDITABLE, which + ": at most " + InvoiceMath.format(r.grossMinor(), currency)
                            + " " + currency + " is left to credit; you asked for " + InvoiceMath.format(asked, currency) + ".");
                }
                c = CreditMath.ofAmount(r, asked);
                byQuantity = false;
            } else if (quantities.get(i).isPresent()) {
                BigDecimal asked = quantities.get(i).get();
                if (asked.compareTo(r.quantity()) > 0) {
                    throw new DomainException.FailedPrecondition(EXCEEDS_CREDITABLE, which + ": only " + r.quantity().stripTrailingZeros().toPlainString()
                            + " of " + o.line().quantity().stripTrailingZeros().toPlainString() + " is left to credit; you asked for "
                            + asked.stripTrailingZeros().toPlainString() + ".");
                }
                c = CreditMath.ofQuantity(r, asked);
                byQuantity = true;
            } else {
                byQuantity = r.quantity().signum() > 0;
                c = byQuantity ? CreditMath.ofQuantity(r, r.quantity()) : CreditMath.ofAmount(r, r.grossMinor());
            }
            if (c.grossMinor() == 0 && c.amountMinor() == 0) {
                throw DomainException.InvalidInput.of(f + "quantity", which + ": that part is worth less than the smallest coin; credit more of it.");
            }
            out.add(creditLine(out.size() + 1, o, c, byQuantity));
        }
        return out;
    }

    private static CreditMath.Remaining remaining(InvoiceRepository.OpenLine o) {
        Line l = o.line();
        BillingModel.LineCredit done = o.credited();
        return new CreditMath.Remaining(l.quantity().subtract(done.quantity()), l.netMinor() - done.netMinor(),
                l.discountMinor() - done.discountMinor(), l.taxMinor() - done.taxMinor());
    }

    /** A credit line as stored: the figures negated; an amount is one "Amount credited" of the net taken. */
    private static InvoiceRepository.CreditLine creditLine(int position, InvoiceRepository.OpenLine o, CreditMath.Credit c, boolean byQuantity) {
        Line l = o.line();
        if (byQuantity) {
            return new InvoiceRepository.CreditLine(new Line(position, l.kind(), l.priceItemId(), l.description(), c.quantity().negate(),
                    l.unitPriceMinor(), -c.amountMinor(), -c.discountMinor(), l.taxName(), l.taxPercent(), -c.netMinor(), -c.taxMinor(),
                    -c.grossMinor()), o.id(), "QUANTITY");
        }
        String description = "Amount credited: " + l.description();
        description = description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) : description;
        return new InvoiceRepository.CreditLine(new Line(position, l.kind(), l.priceItemId(), description, BigDecimal.ONE.negate().setScale(3),
                c.netMinor(), -c.netMinor(), 0, l.taxName(), l.taxPercent(), -c.netMinor(), -c.taxMinor(), -c.grossMinor()), o.id(), "AMOUNT");
    }

    // ---- reading ----

    public Invoice get(UUID id) {
        return new InvoiceRepository(dsl).find(id, new PaymentRepository(dsl).forInvoice(id))
                .orElseThrow(() -> new DomainException.NotFound("That invoice does not exist."));
    }

    public Page<Summary> list(ListQuery query) {
        return new InvoiceRepository(dsl).list(query);
    }

    // ---- money in and out ----

    /** Records a payment or refund once per request id, and archives its receipt. */
    public PaymentResult pay(Principal actor, PaymentKind kind, UUID requestId, UUID invoiceId, PaymentMethod method, long amountMinor,
                             String amountCurrency, String reference) {
        Validation v = new Validation();
        if (amountMinor <= 0) {
            v.add("amount", "Give an amount above zero.");
        } else if (amountMinor > InvoiceMath.MAX_UNIT_PRICE_MINOR) {
            v.add("amount", "That amount is too large.");
        }
        String ref = Texts.line(v, "reference", reference, 120, false);
        Texts.throwIfInvalid(v);
        UUID paymentId;
        try {
            paymentId = dsl.transactionResult(cfg -> {
                InvoiceRepository invoices = new InvoiceRepository(cfg.dsl());
                PaymentRepository payments = new PaymentRepository(cfg.dsl());
                // Payments of one invoice take turns; a double click waits here and then finds the first.
                Locked l = invoices.lock(invoiceId).orElseThrow(() -> new DomainException.NotFound("That invoice does not exist."));
                Optional<Payment> earlier = payments.byRequest(requestId);
                if (earlier.isPresent()) {
                    return earlier.get().id();
                }
                if (l.kind() != InvoiceKind.INVOICE || l.status() != InvoiceStatus.ISSUED) {
                    throw new DomainException.FailedPrecondition(NOT_ISSUED, "Issue the invoice before taking money for it.");
                }
                if (!amountCurrency.isBlank() && !amountCurrency.equals(l.currency())) {
                    throw DomainException.InvalidInput.of("amount.currency_code", "This invoice is in " + l.currency() + "; take the payment in it.");
                }
                Invoice inv = invoices.find(invoiceId, List.of()).orElseThrow();
                if (kind == PaymentKind.PAYMENT && amountMinor > inv.outstandingMinor()) {
                    throw new DomainException.FailedPrecondition(EXCEEDS_BALANCE, "That is more than the "
                            + InvoiceMath.format(Math.max(0, inv.outstandingMinor()), l.currency()) + " " + l.currency() + " still owed.");
                }
                long refundable = inv.paidMinor() - inv.refundedMinor();
                if (kind == PaymentKind.REFUND && amountMinor > refundable) {
                    throw new DomainException.FailedPrecondition(EXCEEDS_PAID, "At most " + InvoiceMath.format(refundable, currency) + " "
                            + currency + " can be refunded: that is what was paid.");
                }
                Instant now = clock.instant();
                int year = LocalDate.ofInstant(now, zone).getYear();
                int seq = invoices.nextNumber("RCT", year);
                String receipt = "RCT-%d-%06d".formatted(year, seq);
                UUID made = payments.insert(new PaymentRepository.New(requestId, kind, invoiceId, l.patientId(), method, amountMinor, l.currency(), ref,
                        year, seq, receipt, actor.userId(), now));
                AuditTrail.in(cfg.dsl()).record(actor.userId(), kind == PaymentKind.PAYMENT ? "PAYMENT_RECORDED" : "REFUND_RECORDED", "payment",
                        made, receipt + " on " + l.number().orElse("") + ": " + InvoiceMath.format(amountMinor, l.currency()) + " "
                                + l.currency() + " by " + method, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                return made;
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, Constraints.UNIQUE_VIOLATION).filter("payment_request_id_key"::equals).isPresent()) {
                paymentId = new PaymentRepository(dsl).byRequest(requestId).orElseThrow().id();
            } else {
                throw e;
            }
        }
        Payment payment = new PaymentRepository(dsl).byId(paymentId).orElseThrow();
        archiveQuietly(payment.invoiceId(), Optional.of(payment));
        return new PaymentResult(payment, get(payment.invoiceId()));
    }

    public Balance balance(UUID patientId) {
        InvoiceRepository invoices = new InvoiceRepository(dsl);
        long[] ic = invoices.invoicedAndCredited(patientId);
        long[] pr = new PaymentRepository(dsl).paidAndRefunded(patientId);
        LocalDate today = today();
        return new Balance(currency, ic[0], ic[1], pr[0], pr[1], ageing(invoices, Optional.of(patientId), today),
                invoices.outstanding(Optional.of(patientId), 200, 0));
    }

    public OutstandingPage outstanding(LocalDate asOf, int size, int offset) {
        InvoiceRepository invoices = new InvoiceRepository(dsl);
        List<Outstanding> rows = new ArrayList<>();
        for (Summary s : invoices.outstanding(Optional.empty(), size, offset)) {
            rows.add(new Outstanding(s, (int) ChronoUnit.DAYS.between(s.issueDate().orElse(asOf), asOf)));
        }
        return new OutstandingPage(ageing(invoices, Optional.empty(), asOf), new Page<>(rows, invoices.outstandingCount(), offset));
    }

    private static Ageing ageing(InvoiceRepository invoices, Optional<UUID> patientId, LocalDate asOf) {
        Ageing a = Ageing.NONE;
        for (var r : invoices.outstandingAmounts(patientId)) {
            a = a.plus((int) ChronoUnit.DAYS.between(r.value1(), asOf), r.value2());
        }
        return a;
    }

    // ---- documents ----

    /** The issued invoice's PDF as archived at issue (archived now if that step was interrupted). */
    public Document invoicePdf(UUID invoiceId) {
        Invoice inv = get(invoiceId);
        if (inv.status() != InvoiceStatus.ISSUED) {
            throw new DomainException.FailedPrecondition(NOT_ISSUED, "A draft has no PDF yet; issue it first.");
        }
        byte[][] doc = new InvoiceRepository(dsl).document(invoiceId, Optional.empty()).orElseGet(() -> {
            archive(invoiceId);
            return new InvoiceRepository(dsl).document(invoiceId, Optional.empty()).orElseThrow();
        });
        return new Document(doc[0], doc[1], inv.number().orElseThrow() + ".pdf");
    }

    public Document receiptPdf(UUID paymentId) {
        Payment p = new PaymentRepository(dsl).byId(paymentId).orElseThrow(() -> new DomainException.NotFound("That payment does not exist."));
        byte[][] doc = new InvoiceRepository(dsl).document(p.invoiceId(), Optional.of(paymentId)).orElseGet(() -> {
            archiveReceipt(p);
            return new InvoiceRepository(dsl).document(p.invoiceId(), Optional.of(paymentId)).orElseThrow();
        });
        return new Document(doc[0], doc[1], p.receiptNumber() + ".pdf");
    }

    /**
     * Archives right after the commit; should rendering fail, the money and the number are
     * already safe, so the desk is not told otherwise: the first print renders it again.
     */
    private void archiveQuietly(UUID invoiceId, Optional<Payment> receipt) {
        try {
            if (receipt.isPresent()) {
                archiveReceipt(receipt.get());
            } else {
                archive(invoiceId);
            }
        } catch (RuntimeException e) {
            log.warn("Archiving the PDF of invoice {} failed; it is rendered on first print", invoiceId, e);
        }
    }

    /**
     * Renders and archives an issued document once. Outside the issuing transaction, so the
     * number counter is not held while a PDF renders; the invoice cannot change in between.
     */
    private void archive(UUID invoiceId) {
        InvoiceRepository invoices = new InvoiceRepository(dsl);
        if (invoices.document(invoiceId, Optional.empty()).isPresent()) {
            return;
        }
        byte[] bytes = pdf.invoice(profile(), currency, get(invoiceId));
        invoices.archive(invoiceId, Optional.empty(), bytes, sha256(bytes));
    }

    private void archiveReceipt(Payment p) {
        InvoiceRepository invoices = new InvoiceRepository(dsl);
        if (invoices.document(p.invoiceId(), Optional.of(p.id())).isPresent()) {
            return;
        }
        byte[] bytes = pdf.receipt(profile(), get(p.invoiceId()), p);
        invoices.archive(p.invoiceId(), Optional.of(p.id()), bytes, sha256(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- lines ----

    private Details details(Details d) {
        Validation v = new Validation();
        Details clean = new Details(Texts.line(v, "insurer", d.insurer(), 120, false), Texts.line(v, "policy_number", d.policyNumber(), 60, false),
                Texts.block(v, "note", d.note(), 500));
        Texts.throwIfInvalid(v);
        return clean;
    }

    /** Checks and prices the desk's lines; every problem is reported against its field. */
    private List<Line> resolve(PriceListRepository prices, List<LineInput> inputs) {
        Validation v = new Validation();
        if (inputs.size() > InvoiceMath.MAX_LINES) {
            throw DomainException.InvalidInput.of("lines", "An invoice can have at most " + InvoiceMath.MAX_LINES + " lines.");
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            LineInput in = inputs.get(i);
            String f = "lines[" + i + "].";
            Optional<PriceItem> item = Optional.empty();
            if (in.priceItemId().isPresent()) {
                item = prices.priceItem(in.priceItemId().get()).filter(PriceItem::active);
                if (item.isEmpty()) {
                    v.add(f + "price_item_id", "That price-list entry does not exist or is retired.");
                    continue;
                }
            }
            String description = in.description() == null || in.description().isBlank() ? item.map(PriceItem::name).orElse("") : in.description();
            description = Texts.line(v, f + "description", description, MAX_DESCRIPTION, true);
            Optional<BigDecimal> quantity = InvoiceMath.quantity(in.quantity());
            if (quantity.isEmpty()) {
                v.add(f + "quantity", "Give a quantity above 0 and at most " + InvoiceMath.MAX_QUANTITY.toPlainString()
                        + ", with up to " + InvoiceMath.QUANTITY_SCALE + " decimals.");
            }
            long unitPrice;
            if (in.unitPriceMinor().isPresent()) {
                unitPrice = in.unitPriceMinor().getAsLong();
                if (in.unitPriceCurrency() != null && !in.unitPriceCurrency().isBlank() && !in.unitPriceCurrency().equals(currency)) {
                    v.add(f + "unit_price.currency_code", "Prices are in the clinic's currency, " + currency + ".");
                }
            } else if (item.isPresent()) {
                unitPrice = item.get().unitPriceMinor();
            } else {
                v.add(f + "unit_price", "Give a price, or choose an entry from the price list.");
                continue;
            }
            if (unitPrice < 0 || unitPrice > InvoiceMath.MAX_UNIT_PRICE_MINOR) {
                v.add(f + "unit_price", "Give a price from 0 up to " + InvoiceMath.format(InvoiceMath.MAX_UNIT_PRICE_MINOR, currency) + ".");
                continue;
            }
            Optional<PriceItem> chosen = item;
            Optional<UUID> taxId = in.taxRateId().or(() -> chosen.flatMap(PriceItem::taxRateId));
            Optional<TaxRate> tax = taxId.flatMap(prices::taxRate);
            if (taxId.isPresent() && tax.isEmpty()) {
                v.add(f + "tax_rate_id", "That tax rate does not exist.");
            }
            if (quantity.isEmpty() || (taxId.isPresent() && tax.isEmpty())) {
                continue;
            }
            long amount = InvoiceMath.line(quantity.get(), unitPrice, 0, BigDecimal.ZERO).amountMinor();
            if (in.discountMinor() < 0 || in.discountMinor() > amount) {
                v.add(f + "discount_minor", "Give a discount from 0 up to the line's amount.");
                continue;
            }
            LineKind kind = in.kind().or(() -> chosen.map(PriceItem::kind)).orElse(LineKind.ITEM);
            lines.add(price(i + 1, kind, item.map(PriceItem::id), description, quantity.get(), unitPrice, in.discountMinor(), tax));
        }
        Texts.throwIfInvalid(v);
        return lines;
    }

    private static Line price(int position, LineKind kind, Optional<UUID> itemId, String description, BigDecimal quantity, long unitPrice,
                              long discount, Optional<TaxRate> tax) {
        BigDecimal percent = tax.map(TaxRate::percent).orElse(BigDecimal.ZERO.setScale(4));
        InvoiceMath.LineAmounts a = InvoiceMath.line(quantity, unitPrice, discount, percent);
        return new Line(position, kind, itemId, description, quantity, unitPrice, a.amountMinor(), a.discountMinor(),
                tax.map(TaxRate::name).orElse(""), percent, a.netMinor(), a.taxMinor(), a.grossMinor());
    }

    private static InvoiceMath.LineAmounts amounts(Line l) {
        return new InvoiceMath.LineAmounts(l.amountMinor(), l.discountMinor(), l.netMinor(), l.taxMinor(), l.grossMinor());
    }

    private static InvoiceMath.Totals totals(List<Line> lines) {
        return InvoiceMath.totals(lines.stream().map(BillingService::amounts).toList());
    }
}
