package org.medconnect.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.server.db.Tables.NOTIFICATION;
import static org.medconnect.server.db.Tables.REMINDER;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentModel.NewWaitingEntry;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.notification.NotificationModel.Notification;
import org.medconnect.server.notification.NotificationModel.ReminderState;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** Appointment events become inbox items for the right people, and reminders, once each. */
class NotificationProjectorTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final LocalDate THURSDAY = LocalDate.of(2026, 11, 26);

    Database db;
    MutableClock clock;
    ClinicServices services;
    NotificationProjector projector;
    NotificationService inbox;
    SchedulingFixture fixture;
    Principal maria;
    Principal james;
    Principal okafor;
    Principal lindqvist;
    UUID riverside;
    UUID consultation;
    UUID procedure;
    UUID ana;
    UUID ben;

    @BeforeEach
    void clinic() {
        db = TestDatabase.fresh();
        clock = new MutableClock(NOW);
        services = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), db, clock);
        projector = services.notifications().projector();
        inbox = services.notifications().service();
        fixture = new SchedulingFixture(db.dsl(), services);
        maria = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        james = fixture.staff("james", "James Wilson", Role.RECEPTIONIST);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        lindqvist = fixture.doctor("lindqvist", "Dr Lindqvist", "Cardiology", "Cardiology");
        riverside = fixture.location("Riverside");
        consultation = fixture.type("Consultation", 20, 0, false, false);
        procedure = fixture.type("Procedure", 30, 0, false, true);
        for (Principal d : List.of(okafor, lindqvist)) {
            fixture.weekly(d.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, NOW.atZone(BERLIN).toLocalDate());
        }
        ana = fixture.patient("Ana", "Silva");
        ben = fixture.patient("Ben", "Carter");
    }

    @AfterEach
    void stop() {
        services.stopBackground();
    }

    static Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), BERLIN).toInstant();
    }

    Appointment book(UUID patient, Principal doctor, UUID type, Instant start) {
        return services.appointments().book(maria, new BookingRequest(UUID.randomUUID(), patient, doctor.userId(), riverside, type, start,
                Optional.of("Chest pain on exertion")));
    }

    List<Notification> inboxOf(Principal p) {
        return inbox.inbox(p, false, 50, 0).items();
    }

    List<ReminderState> remindersOf(UUID appointment) {
        return db.dsl().select(REMINDER.STATE).from(REMINDER).where(REMINDER.APPOINTMENT_ID.eq(appointment)).orderBy(REMINDER.CREATED_AT)
                .fetch(r -> ReminderState.valueOf(r.value1()));
    }

    @Test
    void aBookingTellsItsDoctorWhoWhenAndWhichReferenceButNotWhy() {
        Appointment a = book(ana, okafor, consultation, at(THURSDAY, "09:00"));
        projector.projectAll();

        assertThat(inboxOf(okafor)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Kind.BOOKED);
            assertThat(n.body()).contains("Ana Silva").contains("Thu 26 Nov 09:00").contains(a.reference())
                    .doesNotContain("Chest pain");
            assertThat(n.read()).isFalse();
        });
        assertThat(inboxOf(lindqvist)).isEmpty();
        assertThat(inboxOf(maria)).isEmpty();
        assertThat(inbox.inbox(okafor, false, 50, 0).unreadCount()).isEqualTo(1);
    }

    @Test
    void routineBookingsForOneDayFoldIntoOneUnreadItemWhileTodaysAndTomorrowsStayOneEach() {
        book(ana, okafor, consultation, at(THURSDAY, "09:00"));
        book(ben, okafor, consultation, at(THURSDAY, "10:00"));
        Appointment third = book(fixture.patient("Chloe", "Dubois"), okafor, consultation, at(THURSDAY, "11:00"));
        LocalDate tomorrow = NOW.atZone(BERLIN).toLocalDate().plusDays(1);
        book(ana, okafor, consultation, at(tomorrow, "09:00"));
        book(ben, okafor, consultation, at(tomorrow, "10:00"));
        projector.projectAll();

        List<Notification> items = inboxOf(okafor);
        assertThat(items).as("two for tomorrow, one for Thursday").hasSize(3);
        assertThat(items).filteredOn(n -> n.title().startsWith("3 new appointments")).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("3 new appointments booked with you for Thu 26 Nov");
            assertThat(n.body()).contains("Chloe Dubois").contains(third.reference()).doesNotContain("Chest pain");
            assertThat(n.appointmentId()).contains(third.id());
            assertThat(n.read()).isFalse();
        });
        assertThat(inbox.inbox(okafor, false, 50, 0).unreadCount()).isEqualTo(3);

        inbox.markRead(okafor, Optional.empty());
        book(ben, okafor, consultation, at(THURSDAY, "14:00"));
        projector.projectAll();
        assertThat(inboxOf(okafor)).as("once read, the next booking starts a new item").hasSize(4)
                .first().satisfies(n -> {
                    assertThat(n.title()).isEqualTo("New appointment booked with you");
                    assertThat(n.read()).isFalse();
                });
    }

    @Test
    void aRequestWaitsForTheDoctorAndADeclineTellsEveryReceptionist() {
        Appointment a = book(ana, okafor, procedure, at(THURSDAY, "10:00"));
        services.appointments().decline(okafor, a.id(), "Not needed");
        projector.projectAll();

        assertThat(inboxOf(okafor)).extracting(Notification::kind).containsExactly(Kind.REQUEST_AWAITING_CONFIRMATION);
        for (Principal desk : List.of(maria, james)) {
            assertThat(inboxOf(desk)).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo(Kind.DECLINED);
                assertThat(n.title()).isEqualTo("Request declined by Dr Okafor");
                assertThat(n.body()).contains("Ana Silva").doesNotContain("Not needed");
            });
        }
        assertThat(remindersOf(a.id())).as("a request gets no reminder until confirmed").isEmpty();
    }

    @Test
    void aMoveToAnotherDoctorTellsBothAndTheReminderFollowsTheNewTime() {
        Appointment a = book(ana, okafor, consultation, at(THURSDAY, "09:00"));
        projector.projectAll();
        services.appointments().reschedule(maria, a.id(), at(THURSDAY, "11:00"), Optional.of(lindqvist.userId()), Optional.empty());
        projector.projectAll();

        assertThat(inboxOf(okafor).getFirst().title()).isEqualTo("Appointment moved to Dr Lindqvist");
        assertThat(inboxOf(lindqvist)).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Appointment moved to you");
            assertThat(n.body()).contains("Thu 26 Nov 11:00").contains("from Dr Okafor");
        });
        assertThat(remindersOf(a.id())).containsExactly(ReminderState.CANCELLED, ReminderState.SCHEDULED);
        assertThat(db.dsl().select(REMINDER.DUE_AT).from(REMINDER).where(REMINDER.STATE.eq("SCHEDULED")).fetchSingle(REMINDER.DUE_AT)
                .toInstant()).isEqualTo(at(THURSDAY, "11:00").minus(Duration.ofHours(24)));
    }

    @Test
    void aCancellationTellsTheDoctorAndCancelsTheReminder() {
        Appointment a = book(ana, okafor, consultation, at(THURSDAY, "09:00"));
        projector.projectAll();
        assertThat(remindersOf(a.id())).containsExactly(ReminderState.SCHEDULED);
        services.appointments().cancel(maria, a.id(), "Patient called");
        projector.projectAll();

        assertThat(inboxOf(okafor)).extracting(Notification::kind).containsExactly(Kind.CANCELLED, Kind.BOOKED);
        assertThat(remindersOf(a.id())).containsExactly(ReminderState.CANCELLED);
    }

    @Test
    void aBookingInsideTheLeadTimeGetsASkippedReminderThatSaysWhy() {
        Appointment a = book(ana, okafor, consultation, NOW.plus(Duration.ofHours(3)).atZone(BERLIN).toLocalDate().atTime(12, 0)
                .atZone(BERLIN).toInstant());
        projector.projectAll();
        assertThat(db.dsl().selectFrom(REMINDER).where(REMINDER.APPOINTMENT_ID.eq(a.id())).fetchSingle())
                .satisfies(r -> {
                    assertThat(r.getState()).isEqualTo("SKIPPED");
                    assertThat(r.getLastError()).isEqualTo("Booked less than 24 h ahead.");
                });
    }

    @Test
    void aWaitingListOfferTellsTheFrontDesk() {
        Appointment a = book(ana, okafor, consultation, at(THURSDAY, "09:00"));
        services.waitingList().add(maria, new NewWaitingEntry(UUID.randomUUID(), ben, Optional.of(okafor.userId()), Optional.empty(),
                Optional.empty(), consultation, THURSDAY, THURSDAY.plusDays(3), Optional.of("Mornings")));
        services.appointments().cancel(maria, a.id(), "Patient called");

        assertThat(inboxOf(maria)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Kind.WAITING_LIST_OFFER);
            assertThat(n.body()).isEqualTo("Ben Carter can have a freed slot with Dr Okafor. Offer it from the waiting list.");
            assertThat(n.startsAt()).contains(at(THURSDAY, "09:00"));
        });
        assertThat(inboxOf(james)).hasSize(1);
        assertThat(inboxOf(okafor)).isEmpty();
    }

    @Test
    void twoInstancesProjectingAtOnceWriteEachNotificationOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            book(i % 2 == 0 ? ana : ben, i % 2 == 0 ? okafor : lindqvist, consultation,
                    at(THURSDAY, "09:00").plus(Duration.ofMinutes(15L * i)));
        }
        ClinicServices other = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), db, clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = List.of(projector, other.notifications().projector(), projector, other.notifications().projector())
                    .stream().map(p -> pool.submit(() -> {
                        go.await();
                        int n = 0;
                        for (int k = 0; k < 5; k++) {
                            n += p.projectAll();
                        }
                        return n;
                    })).toList();
            go.countDown();
            int projected = 0;
            for (Future<Integer> f : runs) {
                projected += f.get();
            }
            assertThat(projected).as("events projected, over all instances").isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        // Thursday's bookings are routine: each doctor's fold into one item that counts all ten, each counted once.
        assertThat(db.dsl().fetchCount(NOTIFICATION)).isEqualTo(2);
        assertThat(db.dsl().select(NOTIFICATION.DIGEST_COUNT).from(NOTIFICATION).fetch(NOTIFICATION.DIGEST_COUNT)).containsOnly(10);
        assertThat(db.dsl().fetchCount(REMINDER)).isEqualTo(20);
        assertThat(inboxOf(okafor)).singleElement().satisfies(n ->
                assertThat(n.title()).isEqualTo("10 new appointments booked with you for Thu 26 Nov"));
    }

    @Test
    void markingReadTouchesOnlyTheCallersOwnItems() {
        book(ana, okafor, consultation, at(THURSDAY, "09:00"));
        book(ben, lindqvist, consultation, at(THURSDAY, "09:00"));
        projector.projectAll();
        long lindqvistsItem = inboxOf(lindqvist).getFirst().id();

        assertThat(inbox.markRead(okafor, Optional.of(List.of(lindqvistsItem)))).isEqualTo(1);
        assertThat(inboxOf(lindqvist).getFirst().read()).isFalse();
        assertThat(inbox.markRead(okafor, Optional.empty())).isZero();
        assertThat(inboxOf(okafor).getFirst().read()).isTrue();
        assertThat(inbox.inbox(lindqvist, true, 50, 0).unreadCount()).isEqualTo(1);
    }
}
