package org.medconnect.server.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.billing.BillingModel.Invoice;
import org.medconnect.server.billing.BillingModel.InvoiceStatus;
import org.medconnect.server.billing.BillingModel.PaymentKind;
import org.medconnect.server.billing.BillingModel.PaymentMethod;
import org.medconnect.server.billing.BillingModel.VisitToCheckOut;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** The desk's checkout list: today's completed visits until their invoice is issued and paid (or credited). */
class VisitsToCheckOutTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    MutableClock clock;
    ClinicServices services;
    BillingService billing;
    SchedulingFixture fixture;
    Principal desk;
    Principal okafor;
    UUID riverside;
    UUID quick;

    @BeforeEach
    void clinic() {
        var db = TestDatabase.fresh();
        clock = new MutableClock(ZonedDateTime.of(DAY.minusDays(1), LocalTime.of(7, 0), BERLIN).toInstant());
        services = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), db, clock);
        billing = services.billing();
        fixture = new SchedulingFixture(db.dsl(), services);
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        riverside = fixture.location("Riverside");
        quick = fixture.type("Quick check", 15, 0, false, false);
        fixture.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, "08:00", "17:00", 15, DAY.minusDays(2));
    }

    UUID completed(String given, String family, LocalDate day, String at) {
        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.parse(at), BERLIN);
        while (clock.instant().isBefore(start.toInstant())) {
            clock.advance(Duration.ofMinutes(5));
        }
        var a = services.appointments().book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient(given, family), okafor.userId(),
                riverside, quick, start.toInstant(), Optional.of("Chest pain at night")));
        services.appointments().checkIn(desk, a.id());
        services.appointments().startConsultation(okafor, a.id());
        clock.advance(Duration.ofMinutes(10));
        services.appointments().complete(okafor, a.id());
        return a.id();
    }

    @Test
    void aVisitStaysOnTheListUntilItsInvoiceIsIssuedAndPaidInFull() {
        completed("Old", "Visit", DAY.minusDays(1), "16:00"); // yesterday's is not today's work
        UUID ana = completed("Ana", "Souza", DAY, "09:00");
        UUID ben = completed("Ben", "Carter", DAY, "09:30");
        UUID cleo = completed("Cleo", "Ward", DAY, "10:00");
        services.appointments().book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient("Dan", "Booked"), okafor.userId(), riverside,
                quick, ZonedDateTime.of(DAY, LocalTime.of(15, 0), BERLIN).toInstant(), Optional.empty())); // not seen yet

        assertThat(billing.visitsToCheckOut()).extracting(VisitToCheckOut::patientName).containsExactly("Ana Souza", "Ben Carter", "Cleo Ward");
        VisitToCheckOut first = billing.visitsToCheckOut().getFirst();
        assertThat(first.doctorName()).isEqualTo("Dr Amara Okafor");
        assertThat(first.toString()).doesNotContain("Chest pain");

        Invoice anaDraft = billing.draftForVisit(desk, ana);
        Invoice anaIssued = billing.issue(desk, anaDraft.id(), anaDraft.version());
        billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), anaIssued.id(), PaymentMethod.CARD, anaIssued.totalMinor(), "", "");
        Invoice benDraft = billing.draftForVisit(desk, ben);
        Invoice benIssued = billing.issue(desk, benDraft.id(), benDraft.version());
        billing.pay(desk, PaymentKind.PAYMENT, UUID.randomUUID(), benIssued.id(), PaymentMethod.CASH, benIssued.totalMinor() - 1000, "", "");
        billing.draftForVisit(desk, cleo);

        var left = billing.visitsToCheckOut();
        assertThat(left).extracting(VisitToCheckOut::patientName).containsExactly("Ben Carter", "Cleo Ward");
        assertThat(left.get(0).invoiceStatus()).contains(InvoiceStatus.ISSUED);
        assertThat(left.get(0).outstandingMinor()).isEqualTo(1000);
        assertThat(left.get(1).invoiceStatus()).contains(InvoiceStatus.DRAFT);
        assertThat(left.get(1).invoiceNumber()).isEmpty();

        billing.creditNote(desk, Optional.of(UUID.randomUUID()), benIssued.id(), "Billed by mistake");
        assertThat(billing.visitsToCheckOut()).extracting(VisitToCheckOut::patientName).containsExactly("Cleo Ward");
    }
}
