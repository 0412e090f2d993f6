package org.medconnect.server.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.billing.BillingModel.Details;
import org.medconnect.server.billing.BillingModel.Invoice;
import org.medconnect.server.billing.BillingModel.LineInput;
import org.medconnect.server.billing.BillingModel.LineKind;
import org.medconnect.server.billing.BillingModel.Profile;
import org.medconnect.server.billing.BillingModel.StoredProfile;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** The clinic's invoice header: two admins never overwrite each other, and the next invoice prints what was saved. */
class BillingProfileTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    Database db;
    MutableClock clock;
    BillingService billing;
    SchedulingFixture fixture;
    Principal ines;
    Principal tomas;

    @BeforeEach
    void clinic() {
        db = TestDatabase.fresh();
        clock = new MutableClock(ZonedDateTime.of(DAY, LocalTime.of(8, 0), BERLIN).toInstant());
        ClinicServices services = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), db, clock);
        billing = services.billing();
        fixture = new SchedulingFixture(db.dsl(), services);
        ines = fixture.staff("ines", "Ines Duarte", Role.ADMIN);
        tomas = fixture.staff("tomas", "Tomas Berg", Role.ADMIN);
        // The one header row outlives each test's emptied tables: start from the shipped header.
        db.dsl().execute("update billing_profile set clinic_name = 'MedConnect Clinic', address = '', tax_id = '', phone = '', "
                + "email = '', payment_terms_days = 30, updated_by = null");
    }

    static Profile header(String name, int termsDays) {
        return new Profile(name, "12 Harbour Street\n10115 Berlin", "DE123456789", "+49 30 1234 5678", "billing@riverside.example", termsDays);
    }

    @Test
    void aSaveFromAStaleVersionIsRefusedNamingWhoChangedItAndWhen() {
        int read = billing.storedProfile().version();
        clock.advance(Duration.ofMinutes(12)); // 08:12 in Berlin
        StoredProfile saved = billing.updateProfile(ines, read, header("Riverside Medical Centre", 30));
        assertThat(saved.version()).isEqualTo(read + 1);
        assertThat(saved.updatedByName()).contains("Ines Duarte");

        Throwable refused = catchThrowable(() -> billing.updateProfile(tomas, read, header("Riverside Clinic", 14)));

        assertThat(refused).isInstanceOfSatisfying(DomainException.Aborted.class,
                e -> assertThat(e.getMessage()).startsWith("Changed by Ines Duarte at 08:12; reload"));
        assertThat(billing.storedProfile().profile()).isEqualTo(header("Riverside Medical Centre", 30));
        // Reloaded, Tomas's edit goes through.
        assertThat(billing.updateProfile(tomas, saved.version(), header("Riverside Clinic", 14)).profile().clinicName())
                .isEqualTo("Riverside Clinic");
    }

    @Test
    void twentyAdminsSavingFromTheSameVersionLeaveExactlyOneWinnerAndNineteenAbortedAnswers() throws Exception {
        int read = billing.storedProfile().version();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                int n = i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        billing.updateProfile(n % 2 == 0 ? ines : tomas, read, header("Clinic " + n, n));
                        return "saved";
                    } catch (DomainException.Aborted e) {
                        return "aborted";
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get()); // anything else (INTERNAL, a deadlock) fails here
            }
            assertThat(results).containsOnlyOnce("saved").filteredOn("aborted"::equals).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
        assertThat(billing.storedProfile().version()).isEqualTo(read + 1);
    }

    @Test
    void theServerRefusesWhatTheEditorRefusesNamingEachField() {
        int read = billing.storedProfile().version();
        Throwable refused = catchThrowable(() -> billing.updateProfile(ines, read,
                new Profile(" ", "x".repeat(301), "T".repeat(41), "", "not-an-address", 400)));
        assertThat(refused).isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.errors())
                .extracting(org.medconnect.shared.validation.FieldError::field)
                .containsExactly("profile.clinic_name", "profile.address", "profile.tax_id", "profile.email", "profile.payment_terms_days"));
        assertThat(billing.storedProfile().version()).isEqualTo(read);
    }

    @Test
    void theNextInvoiceIssuedPrintsTheNewHeaderAndDueDateWhileTheOldOneKeepsItsOwn() throws Exception {
        Principal desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        UUID patient = fixture.patient("Ana", "Souza");
        Invoice before = issue(desk, patient);
        String oldText = text(billing.invoicePdf(before.id()).pdf());

        billing.updateProfile(ines, billing.storedProfile().version(), header("Harbour Family Practice", 7));
        Invoice after = issue(desk, patient);

        String newText = text(billing.invoicePdf(after.id()).pdf());
        assertThat(newText).contains("Harbour Family Practice").contains("12 Harbour Street").contains("DE123456789");
        assertThat(after.dueDate()).contains(DAY.plusDays(7));
        assertThat(oldText).doesNotContain("Harbour Family Practice");
        assertThat(text(billing.invoicePdf(before.id()).pdf())).isEqualTo(oldText);
    }

    private Invoice issue(Principal desk, UUID patient) {
        Invoice d = billing.create(desk, Optional.of(UUID.randomUUID()), patient, List.of(new LineInput(Optional.empty(), "Dressing", "1",
                OptionalLong.of(1200), "", 0, Optional.empty(), Optional.of(LineKind.ITEM))), Details.NONE);
        return billing.issue(desk, d.id(), d.version());
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
