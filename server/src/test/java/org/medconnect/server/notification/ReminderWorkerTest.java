package org.medconnect.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.REMINDER;
import static org.medconnect.server.db.Tables.REMINDER_OUTBOX;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.notification.NotificationModel.Reminder;
import org.medconnect.server.notification.NotificationModel.ReminderMessage;
import org.medconnect.server.notification.NotificationModel.ReminderState;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** Due reminders go out once each, however many instances send; failures retry with backoff. */
class ReminderWorkerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    static final ReminderWorker.Settings SETTINGS = new ReminderWorker.Settings(Duration.ofSeconds(1), Duration.ofMinutes(5), 4,
            Duration.ofMinutes(1));

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("reminders", "s3cret-pass"));

    Database db;
    MutableClock clock;
    ClinicServices services;
    SchedulingFixture fixture;
    Principal maria;
    Principal admin;
    Principal okafor;
    Principal lindqvist;
    UUID riverside;
    UUID consultation;

    @BeforeEach
    void clinic() {
        db = TestDatabase.fresh();
        clock = new MutableClock(NOW);
        services = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), db, clock);
        fixture = new SchedulingFixture(db.dsl(), services);
        maria = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        admin = fixture.staff("boss", "Clinic Admin", Role.ADMIN);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        lindqvist = fixture.doctor("lindqvist", "Dr Lindqvist", "Cardiology", "Cardiology");
        riverside = fixture.location("Riverside");
        consultation = fixture.type("Consultation", 15, 0, false, false);
        for (Principal d : List.of(okafor, lindqvist)) {
            fixture.weekly(d.userId(), riverside, Optional.empty(), EVERY_DAY, "08:00", "18:00", 15, NOW.atZone(BERLIN).toLocalDate());
        }
    }

    static Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), BERLIN).toInstant();
    }

    UUID patient(String given, String family, boolean withEmail) {
        UUID id = fixture.patient(given, family);
        if (withEmail) {
            db.dsl().update(PATIENT).set(PATIENT.EMAIL, given.toLowerCase() + "@patients.test").where(PATIENT.ID.eq(id)).execute();
        }
        return id;
    }

    Appointment book(UUID patient, Principal doctor, Instant start) {
        Appointment a = services.appointments().book(maria, new BookingRequest(UUID.randomUUID(), patient, doctor.userId(), riverside,
                consultation, start, Optional.of("Palpitations at night")));
        services.notifications().projector().projectAll();
        return a;
    }

    /** Moves the clock to when the reminder of an appointment starting at {@code start} is due. */
    void reachDueTimeOf(Instant start) {
        clock.advance(Duration.between(clock.instant(), start.minus(Duration.ofHours(24))));
    }

    ReminderWorker worker(DSLContext dsl, ReminderSender sender) {
        return new ReminderWorker(dsl, clock, BERLIN, sender, SETTINGS);
    }

    Reminder only() {
        return services.notifications().service().reminders(admin, Set.of(), 10, 0).items().getFirst();
    }

    /** Counts each reminder it is asked to send and writes it to the outbox, taking a little time. */
    static final class CountingSender implements ReminderSender {
        final Map<UUID, AtomicInteger> sends = new ConcurrentHashMap<>();
        final OutboxSender outbox = new OutboxSender();

        @Override
        public String channel() {
            return "outbox";
        }

        @Override
        public void send(ReminderMessage m, DSLContext tx) throws Exception {
            sends.computeIfAbsent(m.reminderId(), id -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(3);
            outbox.send(m, tx);
        }
    }

    @Test
    void twoInstancesSendingAtOnceSendEachReminderExactlyOnce() throws Exception {
        int count = 40;
        List<UUID> patients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            patients.add(patient("P" + i, "Patient", true));
        }
        for (int i = 0; i < count; i++) {
            book(patients.get(i), i % 2 == 0 ? okafor : lindqvist, at(FRIDAY, "08:00").plus(Duration.ofMinutes(15L * (i / 2))));
        }
        reachDueTimeOf(at(FRIDAY, "18:00"));

        CountingSender sender = new CountingSender();
        // A second instance: its own connection pool over the same database.
        try (Database second = Database.connect(TestDatabase.jdbcUrl(), "postgres", "postgres", 4)) {
            List<ReminderWorker> workers = List.of(worker(db.dsl(), sender), worker(second.dsl(), sender),
                    worker(db.dsl(), sender), worker(second.dsl(), sender));
            ExecutorService pool = Executors.newFixedThreadPool(workers.size());
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> runs = workers.stream().map(w -> pool.submit(() -> {
                    go.await();
                    return w.runOnce();
                })).toList();
                go.countDown();
                int claimed = 0;
                for (Future<Integer> f : runs) {
                    claimed += f.get();
                }
                assertThat(claimed).as("claims over all workers").isEqualTo(count);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(sender.sends).hasSize(count);
        assertThat(sender.sends.values()).allSatisfy(n -> assertThat(n.get()).as("sends of one reminder").isEqualTo(1));
        assertThat(db.dsl().fetchCount(REMINDER_OUTBOX)).isEqualTo(count);
        assertThat(db.dsl().fetchCount(REMINDER, REMINDER.STATE.eq("SENT"))).isEqualTo(count);
        assertThat(db.dsl().selectFrom(REMINDER_OUTBOX).fetch(REMINDER_OUTBOX.BODY))
                .allSatisfy(body -> assertThat(body).contains("Riverside").doesNotContain("Palpitations"));
    }

    @Test
    void aFailedSendIsRetriedWithDoublingWaitsAndItsStateIsVisible() {
        Instant start = at(FRIDAY, "10:00");
        book(patient("Ana", "Silva", true), okafor, start);
        reachDueTimeOf(start);
        AtomicInteger calls = new AtomicInteger();
        ReminderWorker worker = worker(db.dsl(), new ReminderSender() {
            @Override
            public String channel() {
                return "outbox";
            }

            @Override
            public void send(ReminderMessage m, DSLContext tx) throws Exception {
                if (calls.incrementAndGet() <= 2) {
                    throw new java.io.IOException("421 mail server busy for <ana@patients.test>");
                }
                new OutboxSender().send(m, tx);
            }
        });

        assertThat(worker.runOnce()).isEqualTo(1);
        Reminder r = only();
        assertThat(r.state()).isEqualTo(ReminderState.RETRYING);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.lastError()).as("the reason, without the patient's address").contains("IOException: 421 mail server busy for <address>");
        assertThat(r.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

        assertThat(worker.runOnce()).as("not before the wait is over").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(worker.runOnce()).isEqualTo(1);
        assertThat(only().state()).isEqualTo(ReminderState.RETRYING);
        assertThat(only().nextAttemptAt()).as("the second wait is twice the first").isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(1));
        assertThat(worker.runOnce()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(worker.runOnce()).isEqualTo(1);
        assertThat(only()).satisfies(sent -> {
            assertThat(sent.state()).isEqualTo(ReminderState.SENT);
            assertThat(sent.attempts()).isEqualTo(3);
            assertThat(sent.lastError()).isEmpty();
            assertThat(sent.sentAt()).contains(clock.instant());
        });
        assertThat(calls.get()).isEqualTo(3);
        assertThat(db.dsl().fetchCount(REMINDER_OUTBOX)).isEqualTo(1);
    }

    @Test
    void aReminderThatKeepsFailingIsGivenUpAfterTheLastAttemptAndShownAsFailed() throws Exception {
        Instant start = at(FRIDAY, "10:00");
        book(patient("Ana", "Silva", true), okafor, start);
        reachDueTimeOf(start);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ReminderWorker worker = worker(db.dsl(), new SmtpSender(new ServerConfig.Smtp("127.0.0.1", closedPort, "", "", "clinic@clinic.test", false)));
        for (int attempt = 1; attempt <= SETTINGS.maxAttempts(); attempt++) {
            assertThat(worker.runOnce()).isEqualTo(1);
            clock.advance(Duration.ofHours(1));
        }
        assertThat(worker.runOnce()).isZero();
        var failed = services.notifications().service().reminders(admin, EnumSet.of(ReminderState.FAILED), 10, 0);
        assertThat(failed.items()).singleElement().satisfies(r -> {
            assertThat(r.attempts()).isEqualTo(4);
            assertThat(r.lastError()).get().asString().containsIgnoringCase("connect");
        });
    }

    @Test
    void aPatientWithoutEmailIsSkippedAndSaysWhy() {
        Instant start = at(FRIDAY, "10:00");
        book(patient("Ben", "Carter", false), okafor, start);
        reachDueTimeOf(start);
        assertThat(worker(db.dsl(), new OutboxSender()).runOnce()).isEqualTo(1);
        assertThat(only().state()).isEqualTo(ReminderState.SKIPPED);
        assertThat(only().lastError()).contains("The patient has no email address.");
        assertThat(db.dsl().fetchCount(REMINDER_OUTBOX)).isZero();
    }

    @Test
    void theClaimOfAnInstanceThatDiedRunsOutAndAnotherInstanceSendsIt() {
        Instant start = at(FRIDAY, "10:00");
        book(patient("Ana", "Silva", true), okafor, start);
        reachDueTimeOf(start);
        // An instance claims the reminder and dies before sending it.
        assertThat(new ReminderRepository(db.dsl()).claim(clock.instant(), SETTINGS.lease(), 10)).hasSize(1);
        CountingSender sender = new CountingSender();
        ReminderWorker survivor = worker(db.dsl(), sender);

        assertThat(survivor.runOnce()).as("the claim still holds").isZero();
        assertThat(only().state()).isEqualTo(ReminderState.SENDING);
        clock.advance(SETTINGS.lease());
        assertThat(survivor.runOnce()).isEqualTo(1);
        assertThat(only().state()).isEqualTo(ReminderState.SENT);
        assertThat(sender.sends.values()).singleElement().satisfies(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void aCancelledAppointmentGetsNoReminder() {
        Instant start = at(FRIDAY, "10:00");
        Appointment a = book(patient("Ana", "Silva", true), okafor, start);
        services.appointments().cancel(maria, a.id(), "Patient called");
        services.notifications().projector().projectAll();
        reachDueTimeOf(start);
        assertThat(worker(db.dsl(), new OutboxSender()).runOnce()).isZero();
        assertThat(only().state()).isEqualTo(ReminderState.CANCELLED);
    }

    @Nested
    class BySmtp {
        @Test
        void theMailServerReceivesTheReminderWithTimeDoctorAndReferenceButNoReason() throws Exception {
            Instant start = at(FRIDAY, "10:00");
            Appointment a = book(patient("Ana", "Silva", true), okafor, start);
            reachDueTimeOf(start);
            var smtp = new ServerConfig.Smtp("127.0.0.1", mail.getSmtp().getPort(), "reminders", "s3cret-pass", "clinic@clinic.test", false);

            assertThat(worker(db.dsl(), new SmtpSender(smtp)).runOnce()).isEqualTo(1);

            assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage received = mail.getReceivedMessages()[0];
            assertThat(received.getAllRecipients()[0].toString()).isEqualTo("ana@patients.test");
            assertThat(received.getFrom()[0].toString()).isEqualTo("clinic@clinic.test");
            assertThat(received.getSubject()).isEqualTo("Reminder: your appointment on Friday 27 November 2026 at 10:00");
            String body = GreenMailUtil.getBody(received);
            assertThat(body).contains("Dear Ana Silva").contains("Dr Okafor").contains("Riverside").contains(a.reference())
                    .doesNotContain("Palpitations");
            assertThat(only().state()).isEqualTo(ReminderState.SENT);
            assertThat(only().channel()).contains("smtp");
        }

        @Test
        void wrongCredentialsAreAFailureToRetryNotASend() {
            Instant start = at(FRIDAY, "10:00");
            book(patient("Ana", "Silva", true), okafor, start);
            reachDueTimeOf(start);
            var smtp = new ServerConfig.Smtp("127.0.0.1", mail.getSmtp().getPort(), "reminders", "wrong", "clinic@clinic.test", false);

            assertThat(worker(db.dsl(), new SmtpSender(smtp)).runOnce()).isEqualTo(1);
            assertThat(only().state()).isEqualTo(ReminderState.RETRYING);
            assertThat(only().lastError()).get().asString().containsIgnoringCase("authentication").doesNotContain("wrong");
            assertThat(mail.getReceivedMessages()).isEmpty();
        }
    }
}
