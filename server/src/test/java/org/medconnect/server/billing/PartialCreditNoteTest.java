package org.medconnect.server.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.billing.BillingServiceTest.concurrently;
import static org.medconnect.server.billing.BillingServiceTest.line;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.billing.BillingModel.CreditAsk;
import org.medconnect.server.billing.BillingModel.CreditLineInput;
import org.medconnect.server.billing.BillingModel.CreditResult;
import org.medconnect.server.billing.BillingModel.Details;
import org.medconnect.server.billing.BillingModel.Invoice;
import org.medconnect.server.billing.BillingModel.LineInput;
import org.medconnect.server.billing.BillingModel.PaymentKind;
import org.medconnect.server.billing.BillingModel.PaymentMethod;
import org.medconnect.server.billing.BillingModel.Summary;
import org.medconnect.server.billing.BillingModel.TaxRateInput;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * Partial credit notes against a real PostgreSQL: parts of lines and amounts, rounded half-even
 * with tax, summing exactly to the invoice; never more than was invoiced, whether asked for once,
 * by twenty desks at once, or written straight into the database.
 */
class PartialCreditNoteTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    Database db;
    DSLContext dsl;
    BillingService billing;
    Principal desk;
    UUID patient;
    UUID vat;
    UUID reduced;

    @BeforeEach
    void clinic() {
        db = TestDatabase.fresh();
        dsl = db.dsl();
        MutableClock clock = new MutableClock(ZonedDateTime.of(DAY, LocalTime.of(9, 0), BERLIN).toInstant());
        ClinicServices services = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), db, clock);
        billing = services.billing();
        SchedulingFixture fixture = new SchedulingFixture(dsl, services);
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        patient = fixture.patient("Ana", "Souza");
        vat = billing.saveTaxRate(Optional.empty(), new TaxRateInput(Optional.empty(), "VAT", "20", true)).id();
        reduced = billing.saveTaxRate(Optional.empty(), new TaxRateInput(Optional.empty(), "Reduced", "7.7", true)).id();
    }

    Invoice issued(LineInput... lines) {
        Invoice d = billing.create(desk, Optional.of(UUID.randomUUID()), patient, List.of(lines), Details.NONE);
        return billing.issue(desk, d.id(), d.version());
    }

    CreditResult credit(Invoice inv, CreditLineInput... lines) {
        return billing.creditNote(desk, Optional.of(UUID.randomUUID()), inv.id(), "Not given", new CreditAsk(List.of(lines), OptionalLong.empty(), ""));
    }

    static CreditLineInput quantity(int position, String quantity) {
        return new CreditLineInput(position, quantity, OptionalLong.empty());
    }

    static CreditLineInput amount(int position, long gross) {
        return new CreditLineInput(position, "", OptionalLong.of(gross));
    }

    Summary summary(Invoice inv) {
        return billing.list(new BillingModel.ListQuery(inv.number().orElseThrow(), Optional.empty(), Optional.empty(),
                Optional.of(BillingModel.InvoiceKind.INVOICE), Optional.empty(), Optional.empty(), false, 10, 0)).items().getFirst();
    }

    @Test
    void partsOfLinesRoundHalfEvenWithTaxAndSumExactlyToTheInvoice() {
        Invoice inv = issued(
                line("Bandage", "3", 333, 0, Optional.of(reduced)),         // 999, tax 76.923 -> 77
                line("Saline 0.9%", "0.333", 1999, 5, Optional.of(vat)),    // 665.667 -> 666, less 5 = 661, tax 132.2 -> 132
                line("Consultation", "1", 1005, 0, Optional.empty()));      // 1005
        assertThat(inv.totalMinor()).isEqualTo(999 + 77 + 661 + 132 + 1005);

        // One bandage of three: net 999/3 = 333, tax 77/3 = 25.67 -> 26.
        CreditResult first = credit(inv, quantity(1, "1"));
        assertThat(first.creditNote().lines()).singleElement().satisfies(l -> {
            assertThat(l.quantity()).isEqualByComparingTo("-1");
            assertThat(l.netMinor()).isEqualTo(-333);
            assertThat(l.taxMinor()).isEqualTo(-26);
        });
        // One of the two left: 666/2 = 333, tax 51/2 = 25.5 -> 26 (half-even, to the even 26).
        CreditResult second = credit(inv, quantity(1, "1"), quantity(2, "0.111"));
        assertThat(second.creditNote().lines().get(0).taxMinor()).isEqualTo(-26);
        // A third of the saline: net 661/3 = 220.33 -> 220, discount 5/3 -> 2, tax 132/3 = 44.
        assertThat(second.creditNote().lines().get(1)).satisfies(l -> {
            assertThat(l.netMinor()).isEqualTo(-220);
            assertThat(l.discountMinor()).isEqualTo(-2);
            assertThat(l.taxMinor()).isEqualTo(-44);
        });
        // Half the consultation as an amount, then everything left: the last takes exactly the rest.
        CreditResult third = credit(inv, amount(3, 502));
        assertThat(third.creditNote().totalMinor()).isEqualTo(-502);
        assertThat(third.invoice().outstandingMinor()).isEqualTo(inv.totalMinor() - 359 - 359 - 264 - 502);
        assertThat(summary(inv).creditedMinor()).isEqualTo(-(359 + 359 + 264 + 502));

        CreditResult rest = billing.creditNote(desk, Optional.of(UUID.randomUUID()), inv.id(), "Rest", CreditAsk.EVERYTHING_LEFT);
        assertThat(rest.creditNote().lines()).extracting(l -> l.taxMinor()).containsExactly(-25L, -88L, 0L); // 77-26-26, 132-44
        long credited = first.creditNote().totalMinor() + second.creditNote().totalMinor() + third.creditNote().totalMinor()
                + rest.creditNote().totalMinor();
        assertThat(credited).isEqualTo(-inv.totalMinor());
        assertThat(rest.invoice().outstandingMinor()).isZero();
        assertThat(rest.invoice().lineCredits()).extracting(c -> c.taxMinor()).containsExactly(77L, 132L, 0L);
        assertThat(rest.invoice().lineCredits()).extracting(c -> c.netMinor()).containsExactly(999L, 661L, 1005L);
        // Gapless credit note numbers, like invoices.
        assertThat(List.of(first, second, third, rest)).extracting(r -> r.creditNote().number().orElseThrow())
                .containsExactly("CN-2026-000001", "CN-2026-000002", "CN-2026-000003", "CN-2026-000004");
        assertThat(catchThrowable(() -> credit(inv, quantity(1, "1"))))
                .isInstanceOfSatisfying(DomainException.FailedPrecondition.class, e -> assertThat(e.reason()).isEqualTo("ALREADY_CREDITED"));
    }

    @Test
    void anAmountIsSpreadOverTheLinesAndEachLinesTaxFollowsItsRate() {
        Invoice inv = issued(line("Echo", "1", 1000, 0, Optional.of(vat)), line("Visit", "1", 800, 0, Optional.empty())); // 1200 + 800
        CreditResult r = billing.creditNote(desk, Optional.empty(), inv.id(), "Goodwill", new CreditAsk(List.of(), OptionalLong.of(1001), ""));
        // 1001 x 1200/2000 = 600.6 and 400.4: the extra cent goes to the larger remainder.
        assertThat(r.creditNote().lines()).extracting(l -> l.grossMinor()).containsExactly(-601L, -400L);
        // 601 of a 1200 gross at 20 %: net 1000 x 601/1200 = 500.83 -> 501, tax the rest, 100.
        assertThat(r.creditNote().lines()).extracting(l -> l.taxMinor()).containsExactly(-100L, 0L);
        assertThat(r.creditNote().lines().getFirst().description()).isEqualTo("Amount credited: Echo");
        assertThat(r.creditNote().totalMinor()).isEqualTo(-1001);
        assertThat(r.invoice().outstandingMinor()).isEqualTo(999);
        // The quantity is untouched by an amount: one Echo can still be credited, at what is left of it.
        CreditResult rest = credit(inv, quantity(1, "1"));
        assertThat(rest.creditNote().totalMinor()).isEqualTo(-599);
    }

    @Test
    void askingForMoreThanIsLeftIsRefusedSayingHowMuchIsLeft() {
        Invoice inv = issued(line("Bandage", "3", 400, 0, Optional.empty()), line("Visit", "1", 1200, 0, Optional.of(vat)));
        credit(inv, quantity(1, "2"));
        assertThat(catchThrowable(() -> credit(inv, quantity(1, "2"))))
                .isInstanceOfSatisfying(DomainException.FailedPrecondition.class, e -> {
                    assertThat(e.reason()).isEqualTo("EXCEEDS_CREDITABLE");
                    assertThat(e).hasMessage("Line 1 (Bandage): only 1 of 3 is left to credit; you asked for 2.");
                });
        assertThat(catchThrowable(() -> credit(inv, amount(2, 1441))))
                .isInstanceOf(DomainException.FailedPrecondition.class)
                .hasMessage("Line 2 (Visit): at most 14.40 USD is left to credit; you asked for 14.41.");
        assertThat(catchThrowable(() -> billing.creditNote(desk, Optional.empty(), inv.id(), "x",
                new CreditAsk(List.of(), OptionalLong.of(1841), ""))))
                .isInstanceOf(DomainException.FailedPrecondition.class)
                .hasMessage("At most 18.40 USD is left to credit on " + inv.number().orElseThrow() + "; you asked for 18.41.");
        assertThat(catchThrowable(() -> credit(inv, quantity(9, "1"))))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e).hasMessageContaining("has no line 9"));
        assertThat(catchThrowable(() -> credit(inv, quantity(1, "1"), quantity(1, "1"))))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThat(billing.get(inv.id()).outstandingMinor()).isEqualTo(400 + 1440);
    }

    @Test
    void twentyDesksCreditingOneInvoiceAtOnceNeverCreditMoreThanItInvoiced() throws Exception {
        Invoice inv = issued(line("Physiotherapy session", "10", 1999, 0, Optional.of(reduced)));
        List<Object> outcomes = concurrently(20, () -> {
            try {
                return credit(inv, quantity(1, "1"));
            } catch (DomainException.FailedPrecondition e) {
                return e.reason();
            }
        });
        List<CreditResult> made = outcomes.stream().filter(CreditResult.class::isInstance).map(CreditResult.class::cast).toList();
        assertThat(made).hasSize(10);
        assertThat(outcomes.stream().filter(String.class::isInstance).toList()).hasSize(10)
                .allSatisfy(reason -> assertThat(reason).isIn("EXCEEDS_CREDITABLE", "ALREADY_CREDITED"));
        assertThat(made.stream().mapToLong(r -> r.creditNote().totalMinor()).sum()).isEqualTo(-inv.totalMinor());
        assertThat(made.stream().map(r -> r.creditNote().number().orElseThrow()).sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, 10).mapToObj(n -> "CN-2026-%06d".formatted(n)).toList());
        assertThat(billing.get(inv.id()).outstandingMinor()).isZero();
    }

    @Test
    void aRetriedRequestReturnsTheFirstCreditNote() throws Exception {
        Invoice inv = issued(line("Bandage", "3", 400, 0, Optional.empty()));
        UUID requestId = UUID.randomUUID();
        CreditAsk one = new CreditAsk(List.of(quantity(1, "1")), OptionalLong.empty(), "");
        List<CreditResult> tries = concurrently(5, () -> billing.creditNote(desk, Optional.of(requestId), inv.id(), "Not given", one));
        assertThat(tries).extracting(r -> r.creditNote().id()).containsOnly(tries.getFirst().creditNote().id());
        assertThat(billing.get(inv.id()).outstandingMinor()).isEqualTo(800);
    }

    @Test
    void aPaidInvoiceCreditedInPartOwesARefundOfThatPart() {
        Invoice inv = issued(line("Bandage", "4", 500, 0, Optional.empty()));
        billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), inv.id(), PaymentMethod.CASH, 2000, "", "");
        CreditResult r = credit(inv, quantity(1, "1"));
        assertThat(r.invoice().outstandingMinor()).isEqualTo(-500);
        assertThat(billing.balance(patient).balanceMinor()).isEqualTo(-500);
    }

    @Test
    void theDatabaseRefusesACreditNoteWrittenPastTheInvoiceWhoeverWritesIt() {
        Invoice inv = issued(line("Echo", "1", 1000, 0, Optional.empty()), line("Visit", "1", 1000, 0, Optional.empty()));
        credit(inv, quantity(1, "1"));
        // An issued credit note inserted straight into the table for more than is left (1000).
        DataAccessException whole = (DataAccessException) catchThrowable(() -> dsl.execute("""
                insert into invoice (kind, status, patient_id, credited_invoice_id, currency, subtotal_minor, total_minor,
                                     series, number_year, number_seq, number, issue_date, due_date, issued_at)
                values ('CREDIT_NOTE', 'ISSUED', ?::uuid, ?::uuid, 'USD', -1001, -1001, 'CN', 2026, 900, 'CN-2026-000900',
                        date '2026-11-24', date '2026-11-24', now())""", patient, inv.id()));
        assertThat(whole).isNotNull();
        assertThat(org.medconnect.server.platform.Constraints.violated(whole, "23514")).contains("credit_note_limit");

        // Within the invoice's total, but more than one line holds: refused when it is issued.
        long echo = dsl.fetchSingle("select id from invoice_line where invoice_id = ?::uuid and position = 1", inv.id()).get(0, Long.class);
        UUID draft = dsl.fetchSingle("""
                insert into invoice (kind, status, patient_id, credited_invoice_id, currency, subtotal_minor, total_minor)
                values ('CREDIT_NOTE', 'DRAFT', ?::uuid, ?::uuid, 'USD', -1, -1) returning id""", patient, inv.id()).get(0, UUID.class);
        long visit = dsl.fetchSingle("select id from invoice_line where invoice_id = ?::uuid and position = 2", inv.id()).get(0, Long.class);
        dsl.execute("""
                insert into invoice_line (invoice_id, position, kind, description, quantity, unit_price_minor, discount_minor,
                                          tax_percent, net_minor, tax_minor, gross_minor, credited_line_id, credit_kind)
                values (?::uuid, 1, 'ITEM', 'Echo', -1, 1, 0, 0, -1, 0, -1, ?, 'AMOUNT')""", draft, echo);
        DataAccessException line = (DataAccessException) catchThrowable(() -> dsl.execute("""
                update invoice set status = 'ISSUED', series = 'CN', number_year = 2026, number_seq = 901, number = 'CN-2026-000901',
                       issue_date = date '2026-11-24', due_date = date '2026-11-24', issued_at = now() where id = ?::uuid""", draft));
        assertThat(line).isNotNull();
        assertThat(org.medconnect.server.platform.Constraints.violated(line, "23514")).contains("credit_note_limit");
        // The same credit on the line that has money left is accepted.
        dsl.execute("update invoice_line set credited_line_id = ? where invoice_id = ?::uuid", visit, draft);
        dsl.execute("""
                update invoice set status = 'ISSUED', series = 'CN', number_year = 2026, number_seq = 901, number = 'CN-2026-000901',
                       issue_date = date '2026-11-24', due_date = date '2026-11-24', issued_at = now() where id = ?::uuid""", draft);
        assertThat(billing.get(inv.id()).outstandingMinor()).isEqualTo(999);
    }

    @Test
    void theCreditNotePdfListsWhatWasCredited() throws Exception {
        Invoice inv = issued(line("Bandage", "3", 333, 0, Optional.of(reduced)), line("Consultation", "1", 1005, 0, Optional.empty()));
        CreditResult r = credit(inv, quantity(1, "2"));
        String text;
        try (PDDocument doc = Loader.loadPDF(billing.invoicePdf(r.creditNote().id()).pdf())) {
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text).contains("CREDIT NOTE", "Bandage", "-2", "-6.66", "Corrects", inv.number().orElseThrow())
                .contains("reduces invoice " + inv.number().orElseThrow() + " by 7.17 USD")
                .doesNotContain("Consultation");
        List<String> lines = new ArrayList<>(text.lines().toList());
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Total USD").contains("-7.17"));
    }
}
