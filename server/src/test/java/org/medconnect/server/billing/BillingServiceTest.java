package org.medconnect.server.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.db.Tables.BILLING_DOCUMENT;
import static org.medconnect.server.db.Tables.INVOICE;
import static org.medconnect.server.db.Tables.PAYMENT;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.billing.BillingModel.Details;
import org.medconnect.server.billing.BillingModel.Invoice;
import org.medconnect.server.billing.BillingModel.InvoiceKind;
import org.medconnect.server.billing.BillingModel.InvoiceStatus;
import org.medconnect.server.billing.BillingModel.LineInput;
import org.medconnect.server.billing.BillingModel.LineKind;
import org.medconnect.server.billing.BillingModel.PaymentKind;
import org.medconnect.server.billing.BillingModel.PaymentMethod;
import org.medconnect.server.billing.BillingModel.PriceItemInput;
import org.medconnect.server.billing.BillingModel.TaxRateInput;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** Billing's rules against a real PostgreSQL: numbering under concurrency, immutability, payments once, balances, PDFs. */
class BillingServiceTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    Database db;
    DSLContext dsl;
    MutableClock clock;
    ClinicServices services;
    BillingService billing;
    SchedulingFixture fixture;
    Principal desk;
    Principal okafor;
    UUID patient;
    UUID vat;

    @BeforeEach
    void clinic() {
        db = TestDatabase.fresh();
        dsl = db.dsl();
        clock = new MutableClock(ZonedDateTime.of(DAY, LocalTime.of(7, 30), BERLIN).toInstant());
        services = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), db, clock);
        billing = services.billing();
        fixture = new SchedulingFixture(dsl, services);
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        patient = fixture.patient("Ana", "Souza");
        vat = billing.saveTaxRate(Optional.empty(), new TaxRateInput(Optional.empty(), "VAT", "20", true)).id();
    }

    static LineInput line(String description, String quantity, long unitPrice, long discount, Optional<UUID> tax) {
        return new LineInput(Optional.empty(), description, quantity, OptionalLong.of(unitPrice), "", discount, tax, Optional.of(LineKind.ITEM));
    }

    Invoice draft(UUID forPatient, LineInput... lines) {
        return billing.create(desk, Optional.of(UUID.randomUUID()), forPatient, List.of(lines), Details.NONE);
    }

    Invoice issued(UUID forPatient, long unitPrice) {
        Invoice d = draft(forPatient, line("Dressing", "1", unitPrice, 0, Optional.empty()));
        return billing.issue(desk, d.id(), d.version());
    }

    static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    class Numbering {

        @Test
        void fortyDesksIssuingAtOnceGetGaplessUniqueNumbers() throws Exception {
            List<Invoice> drafts = IntStream.range(0, 40).mapToObj(i -> draft(patient, line("Item " + i, "1", 1000 + i, 0, Optional.of(vat)))).toList();
            var next = new java.util.concurrent.atomic.AtomicInteger();
            List<Invoice> issued = concurrently(40, () -> {
                Invoice d = drafts.get(next.getAndIncrement());
                return billing.issue(desk, d.id(), d.version());
            });
            List<String> numbers = issued.stream().map(i -> i.number().orElseThrow()).sorted().toList();
            assertThat(numbers).doesNotHaveDuplicates()
                    .isEqualTo(IntStream.rangeClosed(1, 40).mapToObj(n -> "INV-2026-%06d".formatted(n)).toList());
        }

        @Test
        void aFailedIssueGivesItsNumberBack() {
            Invoice first = issued(patient, 500);
            Invoice empty = draft(patient);
            assertThat(catchThrowable(() -> billing.issue(desk, empty.id(), empty.version())))
                    .isInstanceOf(DomainException.FailedPrecondition.class).hasMessageContaining("at least one line");
            // A transaction that took a number and then rolled back: the number is not lost.
            assertThatThrownBy(() -> dsl.transaction(cfg -> {
                new InvoiceRepository(cfg.dsl()).nextNumber("INV", 2026);
                throw new IllegalStateException("the desk's PC lost power");
            })).isInstanceOf(IllegalStateException.class);
            Invoice second = issued(patient, 600);
            assertThat(first.number()).contains("INV-2026-000001");
            assertThat(second.number()).contains("INV-2026-000002");
        }

        @Test
        void numbersStartAgainEachYearAndCreditNotesHaveTheirOwnSeries() {
            clock.advance(Duration.ofDays(40)); // 3 January 2027
            Invoice a = issued(patient, 500);
            var credit = billing.creditNote(desk, Optional.empty(), a.id(), "Billed twice");
            assertThat(a.number()).contains("INV-2027-000001");
            assertThat(credit.creditNote().number()).contains("CN-2027-000001");
        }

        @Test
        void issuingTwiceReturnsTheSameNumber() {
            Invoice d = draft(patient, line("Dressing", "1", 500, 0, Optional.empty()));
            Invoice once = billing.issue(desk, d.id(), d.version());
            Invoice again = billing.issue(desk, d.id(), d.version());
            assertThat(again.number()).isEqualTo(once.number());
            assertThat(dsl.fetchCount(INVOICE, INVOICE.STATUS.eq("ISSUED"))).isEqualTo(1);
        }
    }

    @Nested
    class Immutability {

        @Test
        void anIssuedInvoiceCannotBeEditedThroughTheService() {
            Invoice inv = issued(patient, 1000);
            assertThat(catchThrowable(() -> billing.updateDraft(desk, inv.id(), inv.version(),
                    List.of(line("Cheaper", "1", 1, 0, Optional.empty())), Details.NONE)))
                    .isInstanceOfSatisfying(DomainException.FailedPrecondition.class, e -> assertThat(e.reason()).isEqualTo("NOT_DRAFT"));
        }

        @Test
        void theDatabaseRefusesChangingAnIssuedOrPaidInvoiceBehindTheServicesBack() {
            Invoice inv = issued(patient, 1000);
            billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), inv.id(), PaymentMethod.CASH, 1000, "", "");
            List<String> attempts = List.of(
                    "update invoice set total_minor = 1, subtotal_minor = 1 where id = '" + inv.id() + "'",
                    "update invoice set status = 'DRAFT' where id = '" + inv.id() + "'",
                    "update invoice set note = 'changed' where id = '" + inv.id() + "'",
                    "delete from invoice where id = '" + inv.id() + "'",
                    "update invoice_line set unit_price_minor = 1 where invoice_id = '" + inv.id() + "'",
                    "delete from invoice_line where invoice_id = '" + inv.id() + "'",
                    "insert into invoice_line (invoice_id, position, kind, description, quantity, unit_price_minor, discount_minor, "
                            + "tax_percent, net_minor, tax_minor, gross_minor) values ('" + inv.id() + "', 9, 'ITEM', 'x', 1, 1, 0, 0, 1, 0, 1)",
                    "update payment set amount_minor = 1 where invoice_id = '" + inv.id() + "'",
                    "update billing_document set pdf = '\\x00' where invoice_id = '" + inv.id() + "'");
            for (String sql : attempts) {
                assertThatThrownBy(() -> dsl.execute(sql)).as(sql).isInstanceOf(DataAccessException.class);
            }
            Invoice after = billing.get(inv.id());
            assertThat(after.totalMinor()).isEqualTo(1000);
            assertThat(after.lines()).hasSize(1);
            assertThat(after.note()).isEmpty();
        }

        @Test
        void aStaleDraftVersionIsRefusedSoTwoDesksDoNotOverwriteEachOther() {
            Invoice d = draft(patient, line("Dressing", "1", 500, 0, Optional.empty()));
            billing.updateDraft(desk, d.id(), d.version(), List.of(line("Dressing", "2", 500, 0, Optional.empty())), Details.NONE);
            assertThat(catchThrowable(() -> billing.updateDraft(desk, d.id(), d.version(),
                    List.of(line("Bandage", "1", 100, 0, Optional.empty())), Details.NONE)))
                    .isInstanceOfSatisfying(DomainException.Aborted.class, e -> assertThat(e.reason()).isEqualTo("STALE_VERSION"));
            assertThat(catchThrowable(() -> billing.issue(desk, d.id(), d.version()))).isInstanceOf(DomainException.Aborted.class);
            assertThat(billing.get(d.id()).totalMinor()).isEqualTo(1000);
        }
    }

    @Nested
    class Payments {

        @Test
        void issuingAndEachPaymentAreAuditedOnceWithWhoDidIt() throws Exception {
            Invoice inv = issued(patient, 5000);
            UUID requestId = UUID.randomUUID();
            concurrently(20, () -> billing.pay(desk, PaymentKind.PAYMENT, requestId, inv.id(), PaymentMethod.CASH, 2000, "", ""));
            billing.pay(desk, PaymentKind.REFUND, UUID.randomUUID(), inv.id(), PaymentMethod.CASH, 500, "", "Overcharged");
            var actions = dsl.fetch("select action, actor_user_id, detail from audit_entry where action in "
                    + "('INVOICE_ISSUED', 'PAYMENT_RECORDED', 'REFUND_RECORDED') order by chain_seq");
            assertThat(actions.getValues("action", String.class)).containsExactly("INVOICE_ISSUED", "PAYMENT_RECORDED", "REFUND_RECORDED");
            assertThat(actions.getValues("actor_user_id", UUID.class)).containsOnly(desk.userId());
            assertThat(actions.get(0).get("detail", String.class)).isEqualTo(billing.get(inv.id()).number().orElseThrow());
        }

        @Test
        void aDoubleClickedPaymentIsOnePayment() throws Exception {
            Invoice inv = issued(patient, 5000);
            UUID requestId = UUID.randomUUID();
            var results = concurrently(20, () -> billing.pay(desk, PaymentKind.PAYMENT, requestId, inv.id(), PaymentMethod.CARD, 2000, "", "slip 1"));
            assertThat(results.stream().map(r -> r.payment().id()).distinct()).hasSize(1);
            assertThat(dsl.fetchCount(PAYMENT)).isEqualTo(1);
            assertThat(billing.get(inv.id()).outstandingMinor()).isEqualTo(3000);
            assertThat(dsl.fetchCount(BILLING_DOCUMENT, BILLING_DOCUMENT.KIND.eq("RECEIPT"))).isEqualTo(1);
        }

        @Test
        void partialPaymentsAndRefundsAddUpToTheBalance() {
            Invoice a = issued(patient, 10000);
            Invoice b = issued(patient, 2550);
            billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), a.id(), PaymentMethod.CASH, 3000, "USD", "");
            billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), a.id(), PaymentMethod.INSURANCE, 7000, "", "Claim 77");
            billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), b.id(), PaymentMethod.BANK_TRANSFER, 1000, "", "");
            var refund = billing.pay(desk, PaymentKind.REFUND, UUID.randomUUID(), a.id(), PaymentMethod.CASH, 500, "", "Overcharged");
            assertThat(refund.invoice().outstandingMinor()).isEqualTo(500);
            assertThat(refund.payment().receiptNumber()).isEqualTo("RCT-2026-000004");
            var balance = billing.balance(patient);
            assertThat(balance.invoicedMinor()).isEqualTo(12550);
            assertThat(balance.paidMinor()).isEqualTo(11000);
            assertThat(balance.refundedMinor()).isEqualTo(500);
            assertThat(balance.balanceMinor()).isEqualTo(2050);
            assertThat(balance.openInvoices()).extracting(s -> s.outstandingMinor()).containsExactly(500L, 1550L);
        }

        @Test
        void refusesPayingMoreThanOwedAndRefundingMoreThanPaid() {
            Invoice inv = issued(patient, 1000);
            billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), inv.id(), PaymentMethod.CASH, 600, "", "");
            assertThat(catchThrowable(() -> billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), inv.id(), PaymentMethod.CASH, 401, "", "")))
                    .isInstanceOfSatisfying(DomainException.FailedPrecondition.class, e -> assertThat(e.reason()).isEqualTo("EXCEEDS_BALANCE"));
            assertThat(catchThrowable(() -> billing.pay(desk, PaymentKind.REFUND, UUID.randomUUID(), inv.id(), PaymentMethod.CASH, 601, "", "")))
                    .isInstanceOfSatisfying(DomainException.FailedPrecondition.class, e -> assertThat(e.reason()).isEqualTo("EXCEEDS_PAID"));
            // And the database says the same to anyone writing directly.
            assertThatThrownBy(() -> dsl.execute("insert into payment (kind, invoice_id, patient_id, method, amount_minor, currency, "
                    + "receipt_year, receipt_seq, receipt_number, received_at, request_id) values ('REFUND', '" + inv.id() + "', '" + patient
                    + "', 'CASH', 601, 'USD', 2026, 99, 'X-99', now(), gen_random_uuid())"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("refund_exceeds_paid");
            assertThatThrownBy(() -> dsl.execute("insert into payment (kind, invoice_id, patient_id, method, amount_minor, currency, "
                    + "receipt_year, receipt_seq, receipt_number, received_at, request_id) values ('PAYMENT', '" + inv.id() + "', '" + patient
                    + "', 'CASH', 0, 'USD', 2026, 98, 'X-98', now(), gen_random_uuid())"))
                    .isInstanceOf(DataAccessException.class);
        }

        @Test
        void aDraftTakesNoMoney() {
            Invoice d = draft(patient, line("Dressing", "1", 500, 0, Optional.empty()));
            assertThat(catchThrowable(() -> billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), d.id(), PaymentMethod.CASH, 100, "", "")))
                    .isInstanceOfSatisfying(DomainException.FailedPrecondition.class, e -> assertThat(e.reason()).isEqualTo("NOT_ISSUED"));
        }
    }

    @Nested
    class Ageing {

        @Test
        void outstandingMoneyFallsIntoBucketsByDaysSinceIssue() {
            Invoice old = issued(patient, 10000);          // 24 Nov 2026
            clock.advance(Duration.ofDays(45));
            Invoice middle = issued(patient, 2000);         // 8 Jan 2027
            clock.advance(Duration.ofDays(20));
            Invoice paid = issued(patient, 700);            // 28 Jan 2027
            billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), paid.id(), PaymentMethod.CASH, 700, "", "");
            clock.advance(Duration.ofDays(10));
            Invoice recent = issued(fixture.patient("Ben", "Okoye"), 300); // 7 Feb 2027
            billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), old.id(), PaymentMethod.CASH, 1000, "", "");

            var result = billing.outstanding(LocalDate.of(2027, 2, 27), 50, 0);
            assertThat(result.ageing().days0to30()).isEqualTo(300);       // 20 days
            assertThat(result.ageing().days31to60()).isEqualTo(2000);     // 50 days
            assertThat(result.ageing().days61to90()).isZero();
            assertThat(result.ageing().over90()).isEqualTo(9000);         // 95 days
            assertThat(result.ageing().total()).isEqualTo(11300);
            assertThat(result.page().items()).extracting(o -> o.invoice().id()).containsExactly(old.id(), middle.id(), recent.id());
            assertThat(result.page().items()).extracting(o -> o.ageDays()).containsExactly(95, 50, 20);
            // 61-90 on the boundary: 8 Jan + 61 days
            assertThat(billing.outstanding(LocalDate.of(2027, 3, 10), 50, 0).ageing().days61to90()).isEqualTo(2000);
        }
    }

    @Nested
    class CreditNotes {

        @Test
        void aCreditNoteMirrorsTheOriginalSoTheyBalanceToZero() {
            UUID reduced = billing.saveTaxRate(Optional.empty(), new TaxRateInput(Optional.empty(), "Reduced", "7.7", true)).id();
            Invoice d = draft(patient,
                    line("Bandage", "3", 333, 0, Optional.of(reduced)),
                    line("Saline 0.9%", "0.333", 1999, 5, Optional.of(vat)),
                    line("Consultation", "1", 1005, 0, Optional.empty()));
            Invoice inv = billing.issue(desk, d.id(), d.version());
            var result = billing.creditNote(desk, Optional.of(UUID.randomUUID()), inv.id(), "Wrong patient");
            Invoice cn = result.creditNote();
            assertThat(cn.kind()).isEqualTo(InvoiceKind.CREDIT_NOTE);
            assertThat(cn.status()).isEqualTo(InvoiceStatus.ISSUED);
            assertThat(inv.totalMinor() + cn.totalMinor()).isZero();
            assertThat(inv.subtotalMinor() + cn.subtotalMinor()).isZero();
            assertThat(inv.taxMinor() + cn.taxMinor()).isZero();
            assertThat(inv.discountMinor() + cn.discountMinor()).isZero();
            for (int i = 0; i < inv.lines().size(); i++) {
                assertThat(inv.lines().get(i).grossMinor() + cn.lines().get(i).grossMinor()).isZero();
                assertThat(inv.lines().get(i).taxMinor() + cn.lines().get(i).taxMinor()).isZero();
            }
            assertThat(result.invoice().outstandingMinor()).isZero();
            assertThat(cn.creditedInvoiceNumber()).isEqualTo(inv.number());
            assertThat(catchThrowable(() -> billing.creditNote(desk, Optional.empty(), inv.id(), "Again")))
                    .isInstanceOfSatisfying(DomainException.FailedPrecondition.class, e -> assertThat(e.reason()).isEqualTo("ALREADY_CREDITED"));
        }

        @Test
        void creditingAPaidInvoiceLeavesARefundDue() {
            Invoice inv = issued(patient, 4000);
            billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), inv.id(), PaymentMethod.CARD, 4000, "", "");
            var result = billing.creditNote(desk, Optional.empty(), inv.id(), "Service not given");
            assertThat(result.invoice().outstandingMinor()).isEqualTo(-4000);
            assertThat(billing.balance(patient).balanceMinor()).isEqualTo(-4000);
            var refund = billing.pay(desk, PaymentKind.REFUND, UUID.randomUUID(), inv.id(), PaymentMethod.CARD, 4000, "", "");
            assertThat(refund.invoice().outstandingMinor()).isZero();
            assertThat(billing.balance(patient).balanceMinor()).isZero();
        }

        @Test
        void lineAmountsAndTaxAreRoundedHalfEvenAndTotalsAddUp() {
            Invoice d = draft(patient,
                    line("A", "1", 1005, 0, Optional.of(billing.saveTaxRate(Optional.empty(),
                            new TaxRateInput(Optional.empty(), "Ten", "10", true)).id())),     // tax 100.5 -> 100
                    line("B", "1", 250, 0, Optional.of(billing.saveTaxRate(Optional.empty(),
                            new TaxRateInput(Optional.empty(), "Nineteen", "19", true)).id())), // tax 47.5 -> 48
                    line("C", "2.5", 3, 0, Optional.empty()));                                 // 7.5 -> 8
            assertThat(d.lines()).extracting(l -> l.taxMinor()).containsExactly(100L, 48L, 0L);
            assertThat(d.lines()).extracting(l -> l.netMinor()).containsExactly(1005L, 250L, 8L);
            assertThat(d.subtotalMinor()).isEqualTo(1263);
            assertThat(d.taxMinor()).isEqualTo(148);
            assertThat(d.totalMinor()).isEqualTo(1411);
        }
    }

    @Nested
    class VisitDrafts {

        UUID riverside;
        UUID quick;

        @BeforeEach
        void schedule() {
            riverside = fixture.location("Riverside");
            quick = fixture.type("Quick check", 15, 0, false, false);
            fixture.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        }

        UUID completedVisit(UUID who) {
            var a = services.appointments().book(desk, new BookingRequest(UUID.randomUUID(), who, okafor.userId(), riverside, quick,
                    ZonedDateTime.of(DAY, LocalTime.of(9, 0), BERLIN).toInstant(), Optional.of("Chest pain at night")));
            services.appointments().checkIn(desk, a.id());
            clock.advance(Duration.ofMinutes(95));
            services.appointments().startConsultation(okafor, a.id());
            services.appointments().complete(okafor, a.id());
            return a.id();
        }

        @Test
        void completingAVisitDraftsItsInvoiceAtTheDoctorsFee() {
            UUID visit = completedVisit(patient);
            new CompletedVisitProjector(dsl, billing).projectAll();
            Invoice draft = billing.list(new BillingModel.ListQuery("", Optional.of(patient), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false, 10, 0)).items().stream().map(s -> billing.get(s.id())).findFirst().orElseThrow();
            assertThat(draft.status()).isEqualTo(InvoiceStatus.DRAFT);
            assertThat(draft.appointmentId()).contains(visit);
            assertThat(draft.lines()).singleElement().satisfies(l -> {
                assertThat(l.kind()).isEqualTo(LineKind.CONSULTATION);
                assertThat(l.unitPriceMinor()).isEqualTo(5000); // the profile fee
                assertThat(l.description()).doesNotContain("Chest pain");
            });
            // The checkout screen asking for it finds the same draft; running the projector again adds nothing.
            assertThat(billing.draftForVisit(desk, visit).id()).isEqualTo(draft.id());
            new CompletedVisitProjector(dsl, billing).projectAll();
            assertThat(dsl.fetchCount(INVOICE)).isEqualTo(1);
        }

        @Test
        void thePriceListOverridesTheProfileFee() {
            billing.savePriceItem(Optional.empty(), new PriceItemInput(Optional.empty(), 0, Optional.of(LineKind.CONSULTATION), "CONS-OK",
                    "Cardiology consultation", Optional.of(okafor.userId()), Optional.of(quick), 12000, "", Optional.of(vat), true));
            UUID visit = completedVisit(patient);
            Invoice draft = billing.draftForVisit(desk, visit); // before the projector got to it
            assertThat(draft.lines().getFirst().unitPriceMinor()).isEqualTo(12000);
            assertThat(draft.totalMinor()).isEqualTo(14400);
            new CompletedVisitProjector(dsl, billing).projectAll();
            assertThat(dsl.fetchCount(INVOICE)).isEqualTo(1);
        }

        @Test
        void aVisitNotYetCompletedHasNoInvoice() {
            var a = services.appointments().book(desk, new BookingRequest(UUID.randomUUID(), patient, okafor.userId(), riverside, quick,
                    ZonedDateTime.of(DAY, LocalTime.of(10, 0), BERLIN).toInstant(), Optional.empty()));
            assertThat(catchThrowable(() -> billing.draftForVisit(desk, a.id())))
                    .isInstanceOfSatisfying(DomainException.FailedPrecondition.class, e -> assertThat(e.reason()).isEqualTo("VISIT_NOT_COMPLETED"));
        }
    }

    @Nested
    class Pdfs {

        @ParameterizedTest
        @CsvSource({"José, Ñúñez-Gößling", "Анна, Смирнова", "Ελένη, Παπαδοπούλου"})
        void theInvoiceShowsThePatientInTheirOwnScriptAndTheTotals(String given, String family) throws Exception {
            UUID p = fixture.patient(given, family);
            Invoice d = billing.create(desk, Optional.empty(), p, List.of(line("Blood test", "1", 4550, 0, Optional.of(vat)),
                    line("Dressing", "2", 1225, 50, Optional.empty())), new Details("Allianz Care", "AC-99812", ""));
            Invoice inv = billing.issue(desk, d.id(), d.version());
            var pdf = billing.invoicePdf(inv.id());
            String text = text(pdf.pdf());
            assertThat(text).contains(given + " " + family).contains(inv.number().orElseThrow()).contains("Allianz Care").contains("AC-99812")
                    .contains("Total USD").contains("78.60").contains("9.10"); // 45.50 + 9.10 tax + 24.50 - 0.50
            assertThat(fontsEmbedded(pdf.pdf())).isTrue();
        }

        @Test
        void aReprintIsTheArchivedBytesAndTheReceiptShowsThePayment() throws Exception {
            billing.updateProfile(desk, billing.storedProfile().version(), new BillingModel.Profile("Riverside Medical Centre", "12 Harbour Street\n10115 Berlin", "DE123456789",
                    "+49 30 1234 5678", "billing@riverside.example", 30));
            UUID p = fixture.patient("Zoë", "Brontë");
            Invoice d = billing.create(desk, Optional.empty(), p, List.of(
                    line("Blood test", "1", 4550, 0, Optional.of(vat)),
                    line("ECG", "1", 3000, 0, Optional.of(vat)),
                    line("Dressing, sterile, large", "2", 1225, 50, Optional.empty())), new Details("Allianz Care", "AC-99812", ""));
            Invoice inv = billing.issue(desk, d.id(), d.version());
            var first = billing.invoicePdf(inv.id());
            clock.advance(Duration.ofHours(3));
            // The clinic moves: a later header change does not touch what was issued.
            billing.updateProfile(desk, billing.storedProfile().version(), new BillingModel.Profile("Riverside Medical Centre", "1 New Road\n10117 Berlin", "DE123456789",
                    "+49 30 1234 5678", "billing@riverside.example", 14));
            var reprint = billing.invoicePdf(inv.id());
            assertThat(reprint.pdf()).isEqualTo(first.pdf());
            assertThat(reprint.sha256()).isEqualTo(BillingService.sha256(first.pdf()));

            var paid = billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), inv.id(), PaymentMethod.CARD, 5000, "", "Visa 4417");
            var receipt = billing.receiptPdf(paid.payment().id());
            assertThat(billing.receiptPdf(paid.payment().id()).pdf()).isEqualTo(receipt.pdf());
            assertThat(text(receipt.pdf())).contains("Zoë Brontë").contains(paid.payment().receiptNumber()).contains("50.00")
                    .contains(inv.number().orElseThrow()).contains("Visa 4417");
            Path out = Path.of("target", "billing-pdfs");
            Files.createDirectories(out);
            Files.write(out.resolve("invoice.pdf"), first.pdf());
            Files.write(out.resolve("receipt.pdf"), receipt.pdf());
        }

        @Test
        void aLongInvoiceRunsOntoMorePagesWithTheTotalAtTheEnd() throws Exception {
            List<LineInput> lines = IntStream.range(0, 200).mapToObj(i -> line("Item number " + i
                    + (i % 7 == 0 ? ", a long description that has to wrap onto a second line of the description column" : ""),
                    "1", 100, 0, Optional.of(vat))).toList();
            Invoice d = billing.create(desk, Optional.empty(), patient, lines, new Details("", "", "Thank you.\nSecond line of the note."));
            Invoice inv = billing.issue(desk, d.id(), d.version());
            byte[] pdf = billing.invoicePdf(inv.id()).pdf();
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertThat(doc.getNumberOfPages()).isGreaterThan(3);
            }
            assertThat(text(pdf)).contains("Item number 199").contains("240.00").contains("Second line of the note");
        }

        static String text(byte[] pdf) throws Exception {
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                return new PDFTextStripper().getText(doc);
            }
        }

        static boolean fontsEmbedded(byte[] pdf) throws Exception {
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                var resources = doc.getPage(0).getResources();
                boolean any = false;
                for (var name : resources.getFontNames()) {
                    PDFont f = resources.getFont(name);
                    if (!f.isEmbedded()) {
                        return false;
                    }
                    any = true;
                }
                return any;
            }
        }
    }
}
