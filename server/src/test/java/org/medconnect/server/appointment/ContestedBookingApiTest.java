package org.medconnect.server.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc.AppointmentServiceBlockingStub;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.appointment.v1.RescheduleAppointmentRequest;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * Many workstations contesting one slot at once, over the in-process transport so the
 * database is the bottleneck: the race has one winner and every loser hears a clear
 * "taken", never INTERNAL (exclusion-constraint inserts used to deadlock each other), and
 * quickly, without draining the connection pool.
 */
class ContestedBookingApiTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final int CLIENTS = 40;
    private static final int ROUNDS = 5;

    private MedConnectServer server;
    private ManagedChannel channel;
    private Database database;
    private SchedulingFixture fixture;
    private Principal okafor;
    private Principal lindqvist;
    private UUID riverside;
    private UUID consultation;
    private LocalDate day;
    private String token;
    private ExecutorService clients;

    @BeforeEach
    void start() throws Exception {
        String name = "contested-" + UUID.randomUUID();
        database = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), database, Clock.systemUTC());
        server = new MedConnectServer(InProcessServerBuilder.forName(name), services).start();
        channel = InProcessChannelBuilder.forName(name).build();
        fixture = new SchedulingFixture(database.dsl(), services);
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        lindqvist = fixture.doctor("lindqvist", "Dr Lindqvist", "Cardiology", "Cardiology");
        riverside = fixture.location("Riverside");
        consultation = fixture.type("Consultation", 20, 5, false, false);
        LocalDate today = LocalDate.now(BERLIN);
        fixture.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, "08:00", "18:00", 15, today);
        fixture.weekly(lindqvist.userId(), riverside, Optional.empty(), EVERY_DAY, "08:00", "18:00", 15, today);
        day = today.plusDays(7);
        token = services.auth().signIn("maria", "staff-pass-2026", "desk-1", "test").token();
        crowd(okafor.userId());
        crowd(lindqvist.userId());
        clients = Executors.newFixedThreadPool(CLIENTS);
        // As a clinic's server runs: commits wait for the disk. The test database skips that
        // for speed, which hides the pile-up of waiters behind each winner's commit.
        durableCommits(true);
    }

    private void durableCommits(boolean on) {
        database.dsl().execute("alter system set fsync = " + (on ? "on" : "off"));
        database.dsl().execute("alter system set synchronous_commit = " + (on ? "on" : "off"));
        database.dsl().execute("select pg_reload_conf()");
    }

    @AfterEach
    void stop() throws Exception {
        database.dsl().execute("alter system reset fsync");
        database.dsl().execute("alter system reset synchronous_commit");
        database.dsl().execute("select pg_reload_conf()");
        clients.shutdownNow();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void fortyWorkstationsBookingOneSlotGetOneWinnerAndSlotTakenForEveryOtherRoundAfterRound() throws Exception {
        List<UUID> patients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            patients.add(fixture.patient("Patient", "Number " + i));
        }
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            Instant slot = at(LocalTime.of(9, 0).plusHours(round));
            List<Callable<?>> calls = new ArrayList<>();
            for (UUID patient : patients) {
                calls.add(() -> stub().bookAppointment(booking(patient, okafor, slot)));
            }
            List<Outcome> results = race(calls, millis);
            results.forEach(o -> outcomes.merge(o.label(), 1, Integer::sum));
            assertThat(results.stream().filter(Outcome::ok)).as("winners in round " + round).hasSize(1);
            assertThat(results.stream().filter(o -> !o.ok())).as("losers in round " + round).hasSize(CLIENTS - 1)
                    .allSatisfy(o -> assertThat(o.label()).isEqualTo("ABORTED/SLOT_TAKEN"));
        }
        report("book", outcomes, millis);
        assertThat(database.dsl().fetchCount(APPOINTMENT, APPOINTMENT.DOCTOR_ID.eq(okafor.userId()).and(APPOINTMENT.STATUS.eq("CONFIRMED")))).isEqualTo(ROUNDS);
    }

    @Test
    void tenReschedulesIntoOneFreeSlotGetOneWinnerAndSlotTakenForTheRest() throws Exception {
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> appointments = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                UUID patient = fixture.patient("Moving", "Round " + round + " number " + i);
                Principal doctor = i % 2 == 0 ? okafor : lindqvist;
                appointments.add(stub().bookAppointment(booking(patient, doctor, at(LocalTime.of(8, 0).plusMinutes(30L * i))
                        .plus(Duration.ofDays(round + 1)))).getAppointment().getAppointmentId());
            }
            Instant target = at(LocalTime.of(16, 0)).plus(Duration.ofDays(round + 1));
            List<Callable<?>> calls = new ArrayList<>();
            for (String id : appointments) {
                calls.add(() -> stub().rescheduleAppointment(RescheduleAppointmentRequest.newBuilder().setAppointmentId(id)
                        .setNewStartsAt(ProtoTypes.timestamp(target)).setNewDoctorId(okafor.userId().toString()).build()));
            }
            List<Outcome> results = race(calls, millis);
            results.forEach(o -> outcomes.merge(o.label(), 1, Integer::sum));
            assertThat(results.stream().filter(Outcome::ok)).as("winners in round " + round).hasSize(1);
            assertThat(results.stream().filter(o -> !o.ok())).hasSize(9)
                    .allSatisfy(o -> assertThat(o.label()).isEqualTo("ABORTED/SLOT_TAKEN"));
        }
        report("reschedule", outcomes, millis);
    }

    @Test
    void onePatientBookedWithTwoDoctorsAtOnceGetsOneBookingAndPatientAlreadyBookedForTheOther() throws Exception {
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int round = 0; round < 10; round++) {
            UUID patient = fixture.patient("Double", "Booked " + round);
            Instant slot = at(LocalTime.of(8, 0).plusMinutes(30L * round));
            List<Callable<?>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Principal doctor = i % 2 == 0 ? okafor : lindqvist;
                calls.add(() -> stub().bookAppointment(booking(patient, doctor, slot)));
            }
            List<Outcome> results = race(calls, millis);
            results.forEach(o -> outcomes.merge(o.label(), 1, Integer::sum));
            assertThat(results.stream().filter(Outcome::ok)).as("winners in round " + round).hasSize(1);
            // The losers lost either the doctor's slot or the patient's time: the proto says which is which.
            assertThat(results.stream().filter(o -> !o.ok())).hasSize(3)
                    .allSatisfy(o -> assertThat(o.label()).isIn("ABORTED/SLOT_TAKEN", "FAILED_PRECONDITION/PATIENT_ALREADY_BOOKED"));
            assertThat(results.stream().filter(o -> o.label().equals("FAILED_PRECONDITION/PATIENT_ALREADY_BOOKED"))).isNotEmpty();
        }
        report("one patient, two doctors", outcomes, millis);
    }

    @Test
    void aBookingCaughtInADeadlockHearsThatTheTimeWasTakenNotAnInternalError() throws Exception {
        UUID patient = fixture.patient("Ana", "Silva");
        UUID other = fixture.patient("Ben", "Okoro");
        Instant slot = at(LocalTime.of(10, 0));
        String[] outcome = new String[1];
        boolean[] weLost = new boolean[1];
        // Another transaction (a second server, a script) books Ana with Dr Okafor at 10:00; the
        // booking of Ana with Dr Lindqvist then waits for it (the patient's time); then that
        // transaction books Ben with Dr Lindqvist at 10:00 and waits for the booking (the
        // doctor's time): a deadlock, which PostgreSQL breaks by failing one of them.
        database.dsl().connection(c -> {
            c.setAutoCommit(false);
            try {
                insertAppointment(c, patient, okafor.userId(), slot);
                Future<Outcome> booking = clients.submit(() -> attempt(() -> stub().bookAppointment(booking(patient, lindqvist, slot))));
                awaitABookingWaitingForALock();
                try {
                    insertAppointment(c, other, lindqvist.userId(), slot);
                } catch (java.sql.SQLException e) {
                    assertThat(e.getSQLState()).isEqualTo("40P01");
                    weLost[0] = true;
                }
                if (weLost[0]) {
                    c.rollback();
                } else {
                    c.commit();
                }
                outcome[0] = booking.get(30, TimeUnit.SECONDS).label();
            } finally {
                c.setAutoCommit(true);
            }
        });
        System.out.println("deadlocked booking: " + outcome[0] + (weLost[0] ? " (the other transaction was undone)" : ""));
        if (weLost[0]) {
            assertThat(outcome[0]).isEqualTo("OK");
        } else {
            assertThat(outcome[0]).isIn("ABORTED/SLOT_TAKEN", "FAILED_PRECONDITION/PATIENT_ALREADY_BOOKED");
        }
    }

    private void insertAppointment(java.sql.Connection c, UUID patient, UUID doctor, Instant start) throws java.sql.SQLException {
        try (var st = c.prepareStatement("""
                insert into appointment (reference, patient_id, doctor_id, location_id, type_id, starts_at, ends_at, blocks_until, status)
                values ('X-' || gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, 'CONFIRMED')
                """)) {
            st.setObject(1, patient);
            st.setObject(2, doctor);
            st.setObject(3, riverside);
            st.setObject(4, consultation);
            st.setObject(5, java.time.OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC));
            st.setObject(6, java.time.OffsetDateTime.ofInstant(start.plusSeconds(20 * 60), java.time.ZoneOffset.UTC));
            st.setObject(7, java.time.OffsetDateTime.ofInstant(start.plusSeconds(25 * 60), java.time.ZoneOffset.UTC));
            st.executeUpdate();
        }
    }

    private void awaitABookingWaitingForALock() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Object waiting = database.dsl().fetchValue("""
                    select count(*)::int from pg_stat_activity
                    where wait_event_type = 'Lock' and query like '%appointment_ref_seq%' and pid <> pg_backend_pid()
                    """);
            if (((Number) waiting).intValue() > 0) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the booking never waited for the other transaction");
    }

    private static Outcome attempt(Callable<?> call) throws Exception {
        try {
            call.call();
            return new Outcome(true, "OK");
        } catch (StatusRuntimeException e) {
            return new Outcome(false, e.getStatus().getCode() + "/" + Calls.reason(e));
        }
    }

    /**
     * Years of past appointments, as a clinic in use has: a larger index makes each
     * constraint check take longer, which is what lets concurrent checks catch each other.
     */
    private void crowd(UUID doctor) {
        UUID patient = fixture.patient("Regular", "Visitor " + doctor);
        database.dsl().transaction(cfg -> {
            cfg.dsl().execute("set local session_replication_role = replica");
            cfg.dsl().execute("""
                    insert into appointment (reference, patient_id, doctor_id, location_id, type_id, starts_at, ends_at,
                                             blocks_until, status)
                    select 'P-' || ?::text || '-' || g, ?::uuid, ?::uuid, ?::uuid, ?::uuid,
                           now() - interval '30 days' - g * interval '30 minutes',
                           now() - interval '30 days' - g * interval '30 minutes' + interval '20 minutes',
                           now() - interval '30 days' - g * interval '30 minutes' + interval '25 minutes', 'COMPLETED'
                    from generate_series(1, 20000) as g
                    """, doctor.toString(), patient.toString(), doctor.toString(), riverside.toString(), consultation.toString());
        });
        database.dsl().execute("analyze appointment");
    }

    private record Outcome(boolean ok, String label) {}

    /** Starts every call at once and waits for all; records each call's time. */
    private List<Outcome> race(List<Callable<?>> calls, List<Long> millis) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Callable<?> call : calls) {
            futures.add(clients.submit(() -> {
                ready.countDown();
                go.await();
                long start = System.nanoTime();
                try {
                    call.call();
                    return new Outcome(true, "OK");
                } catch (StatusRuntimeException e) {
                    return new Outcome(false, e.getStatus().getCode() + "/" + Calls.reason(e));
                } finally {
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
            }));
        }
        ready.await();
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static void report(String what, Map<String, Integer> outcomes, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("contested %s: %s; p50 %d ms, p99 %d ms, max %d ms over %d calls%n", what, outcomes,
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.getLast(), sorted.size());
        assertThat(outcomes).doesNotContainKey(Status.Code.INTERNAL + "/INTERNAL");
    }

    private AppointmentServiceBlockingStub stub() {
        return AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private BookAppointmentRequest booking(UUID patient, Principal doctor, Instant start) {
        return BookAppointmentRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                .setDoctorId(doctor.userId().toString()).setLocationId(riverside.toString())
                .setAppointmentTypeId(consultation.toString()).setStartsAt(ProtoTypes.timestamp(start)).build();
    }

    private Instant at(LocalTime time) {
        return ZonedDateTime.of(day, time, BERLIN).toInstant();
    }
}
