package org.medconnect.server.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.server.db.Tables.APPOINTMENT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.appointment.AppointmentModel.WatchFilter;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.events.PgListener;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** The fan-out itself, with watchers that read at different speeds. */
class AppointmentFeedTest {

    Database db;
    PgListener listener;
    final java.util.Set<java.nio.ByteBuffer> endedSessions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AppointmentFeed feed;
    Principal reception;
    UUID appointmentId;

    @BeforeEach
    void feed() {
        db = TestDatabase.fresh();
        var services = new ClinicServices(TestConfig.defaults(), db, Clock.systemUTC());
        var fixture = new SchedulingFixture(db.dsl(), services);
        reception = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        Principal doctor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        UUID location = fixture.location("Riverside");
        UUID type = fixture.type("Consultation", 20, 5, false, false);
        UUID patient = fixture.patient("Ada", "Byrne");
        Instant start = Instant.parse("2030-01-07T09:00:00Z");
        appointmentId = db.dsl().insertInto(APPOINTMENT)
                .set(APPOINTMENT.REFERENCE, "A-000001").set(APPOINTMENT.PATIENT_ID, patient)
                .set(APPOINTMENT.DOCTOR_ID, doctor.userId()).set(APPOINTMENT.LOCATION_ID, location)
                .set(APPOINTMENT.TYPE_ID, type).set(APPOINTMENT.STARTS_AT, AppointmentRepository.odt(start))
                .set(APPOINTMENT.ENDS_AT, AppointmentRepository.odt(start.plusSeconds(1200)))
                .set(APPOINTMENT.BLOCKS_UNTIL, AppointmentRepository.odt(start.plusSeconds(1500)))
                .set(APPOINTMENT.STATUS, "CONFIRMED")
                .returning(APPOINTMENT.ID).fetchSingle().getId();
        feed = new AppointmentFeed(db.dsl(), hashes -> hashes.stream().filter(h -> !endedSessions.contains(h))
                .collect(java.util.stream.Collectors.toSet()), 50, Duration.ofMillis(100));
        listener = new PgListener(db::openDedicatedConnection, Duration.ofSeconds(2)).on("appointment_event", s -> feed.onSignal());
        listener.start();
        feed.start();
    }

    @AfterEach
    void stop() {
        feed.stop();
        listener.close();
    }

    /** Records what a watcher receives; "ready" says whether its connection takes more. */
    static final class Recorder implements AppointmentFeed.Sink {
        final List<Long> events = new CopyOnWriteArrayList<>();
        final List<Long> checkpoints = new CopyOnWriteArrayList<>();
        final CompletableFuture<DomainException> failed = new CompletableFuture<>();
        volatile boolean ready;
        volatile Runnable onReady = () -> {};

        Recorder(boolean ready) {
            this.ready = ready;
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void event(AppointmentFeed.Delivery d, AppointmentVisibility.View view) {
            events.add(d.event(view).sequence());
        }

        @Override
        public void checkpoint(long sequence, boolean live) {
            checkpoints.add(sequence);
        }

        @Override
        public void fail(DomainException error) {
            failed.complete(error);
        }

        @Override
        public void onReady(Runnable handler) {
            onReady = handler;
        }

        @Override
        public void onCancel(Runnable handler) {}
    }

    void changes(int n) {
        for (int i = 0; i < n; i++) {
            db.dsl().execute("update appointment set version = version + 1 where id = ?::uuid", appointmentId);
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    @Test
    void aStuckScreenIsCutOffWithAClearStatusWhileTheOthersGetEverything() throws Exception {
        long start = feed.dispatched();
        Recorder healthy = new Recorder(true);
        Recorder stuck = new Recorder(false);
        feed.watch(reception, WatchFilter.everything(), OptionalLong.empty(), healthy);
        feed.watch(reception, WatchFilter.everything(), OptionalLong.empty(), stuck);
        waitFor(() -> healthy.checkpoints.size() == 1);

        // Six rounds of ten: the healthy screen keeps up; the stuck one piles up 60 > its 50.
        for (int round = 1; round <= 6; round++) {
            changes(10);
            int expected = round * 10;
            waitFor(() -> healthy.events.size() == expected);
        }

        DomainException why = stuck.failed.get(10, TimeUnit.SECONDS);
        assertThat(why).isInstanceOf(DomainException.TooSlow.class);
        assertThat(why.reason()).isEqualTo("SUBSCRIBER_TOO_SLOW");
        assertThat(why.getMessage()).contains("resume after " + start);
        assertThat(healthy.events).isEqualTo(java.util.stream.LongStream.rangeClosed(start + 1, start + 60).boxed().toList());
        assertThat(feed.watcherCount()).as("the stuck stream's resources are freed").isEqualTo(1);
        assertThat(healthy.failed).isNotDone();
    }

    @Test
    void aScreenThatIsBrieflySlowCatchesUpWithoutLosingOrRepeatingAnything() throws Exception {
        long start = feed.dispatched();
        Recorder slow = new Recorder(true);
        feed.watch(reception, WatchFilter.everything(), OptionalLong.empty(), slow);
        waitFor(() -> slow.checkpoints.size() == 1);
        slow.ready = false;
        changes(40); // fits its buffer of 50
        waitFor(() -> feed.dispatched() == start + 40); // offered to the watcher, which may not send
        assertThat(slow.events).isEmpty();
        slow.ready = true;
        slow.onReady.run();
        waitFor(() -> slow.events.size() == 40);
        assertThat(slow.events).isEqualTo(java.util.stream.LongStream.rangeClosed(start + 1, start + 40).boxed().toList());
        assertThat(slow.failed).isNotDone();
    }

    @Test
    void aLongReplayIsReadFromTheTableInPagesAndThenGoesLive() throws Exception {
        long start = feed.dispatched();
        changes(1200);
        waitFor(() -> feed.dispatched() == start + 1200);
        Recorder late = new Recorder(true);
        feed.watch(reception, WatchFilter.everything(), OptionalLong.of(start), late);
        waitFor(() -> late.checkpoints.size() == 1);
        changes(3);
        waitFor(() -> late.events.size() == 1203);
        assertThat(late.events).isEqualTo(java.util.stream.LongStream.rangeClosed(start + 1, start + 1203).boxed().toList());
        assertThat(late.checkpoints).as("live from the end of the replay").startsWith(start + 1200);
    }

    @Test
    void eventsThatDoNotMatchTheFilterAreNotSentButCheckpointsPassThem() throws Exception {
        Recorder elsewhere = new Recorder(true);
        feed.watch(reception, new WatchFilter(Optional.of(UUID.randomUUID()), java.util.Set.of(), Optional.empty(), Optional.empty()),
                OptionalLong.empty(), elsewhere);
        waitFor(() -> elsewhere.checkpoints.size() == 1);
        long before = feed.dispatched();
        changes(3);
        waitFor(() -> elsewhere.checkpoints.contains(before + 3));
        assertThat(elsewhere.events).isEmpty();
    }

    @Test
    void aStreamEndsWhenItsSessionEnds() throws Exception {
        Recorder screen = new Recorder(true);
        feed.watch(reception, WatchFilter.everything(), OptionalLong.empty(), screen);
        waitFor(() -> screen.checkpoints.size() == 1);
        endedSessions.add(java.nio.ByteBuffer.wrap(reception.sessionTokenHash()));
        DomainException why = screen.failed.get(10, TimeUnit.SECONDS);
        assertThat(why).isInstanceOf(DomainException.Unauthenticated.class);
        assertThat(why.reason()).isEqualTo("SESSION_EXPIRED");
        waitFor(() -> feed.watcherCount() == 0);
    }
}
