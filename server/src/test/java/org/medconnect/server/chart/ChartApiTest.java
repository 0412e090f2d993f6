package org.medconnect.server.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.BreakTheGlassRequest;
import org.medconnect.proto.chart.v1.ChartEvent;
import org.medconnect.proto.chart.v1.ChartServiceGrpc;
import org.medconnect.proto.chart.v1.OpenChartRequest;
import org.medconnect.proto.chart.v1.WatchChartRequest;
import org.medconnect.proto.chart.v1.WatchChartResponse;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** The chart spine as workstations meet it over gRPC: statuses, a break-the-glass race, and WatchChart across two instances. */
class ChartApiTest {

    record Instance(MedConnectServer server, ManagedChannel channel) {}

    Database db;
    Instance first;
    Instance second;
    ChartFixture facts;
    Principal doctor;
    Principal stranger;
    Principal nurse;
    UUID patient;
    UUID other;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.fresh();
        first = instance();
        second = instance();
        var services = first.server().services();
        var scheduling = new SchedulingFixture(db.dsl(), services);
        facts = new ChartFixture(db.dsl(), scheduling);
        doctor = scheduling.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        stranger = scheduling.doctor("novak", "Dr Ivan Novak", "Cardiology", "Cardiology");
        nurse = scheduling.staff("nurse.lee", "Grace Lee", Role.NURSE);
        scheduling.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        patient = scheduling.patient("Ana", "Souza");
        other = scheduling.patient("Ben", "Carter");
        facts.encounter(patient, doctor.userId(), Instant.now().minus(Duration.ofDays(30)), "SIGNED");
        facts.encounter(other, doctor.userId(), Instant.now().minus(Duration.ofDays(30)), "SIGNED");
    }

    Instance instance() throws Exception {
        String name = "chart-api-" + UUID.randomUUID();
        var services = new ClinicServices(TestConfig.defaults(), db, java.time.Clock.systemUTC());
        var server = new MedConnectServer(InProcessServerBuilder.forName(name), services).start();
        return new Instance(server, InProcessChannelBuilder.forName(name).build());
    }

    @AfterEach
    void stop() throws Exception {
        for (Instance i : List.of(first, second)) {
            i.channel().shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            i.server().stop(Duration.ofSeconds(1));
        }
    }

    ChartServiceGrpc.ChartServiceBlockingStub blocking(Instance at, String user, String password) {
        return ChartServiceGrpc.newBlockingStub(at.channel()).withCallCredentials(Calls.bearer(token(at, user, password)))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    ChartServiceGrpc.ChartServiceStub async(Instance at, String user, String password) {
        return ChartServiceGrpc.newStub(at.channel()).withCallCredentials(Calls.bearer(token(at, user, password)));
    }

    static String token(Instance at, String user, String password) {
        return AuthServiceGrpc.newBlockingStub(at.channel())
                .signIn(SignInRequest.newBuilder().setUsername(user).setPassword(password).build()).getSessionToken();
    }

    void vitalsVersion(UUID forPatient, int pulse) {
        facts.version(forPatient, "VITALS", UUID.randomUUID(), 1, "CREATED", nurse.userId(), ChartFixture.odt(Instant.now()).toInstant(),
                List.of(new ChartLedger.Field("Pulse", pulse + " /min")));
    }

    @Test
    void aReceptionistIsRefusedEveryChartCallAndAStrangerIsToldToBreakTheGlass() {
        var desk = blocking(first, "maria", "staff-pass-2026");
        var open = OpenChartRequest.newBuilder().setPatientId(patient.toString()).build();
        assertThatThrownBy(() -> desk.openChart(open)).satisfies(t -> assertThat(Calls.code(t)).isEqualTo(Status.Code.PERMISSION_DENIED));

        var novak = blocking(first, "novak", "doctor-pass-2026");
        assertThatThrownBy(() -> novak.openChart(open)).satisfies(t -> {
            assertThat(Calls.code(t)).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Calls.reason(t)).isEqualTo(ChartAccess.BREAK_GLASS_REQUIRED);
        });
        assertThatThrownBy(() -> novak.openChart(OpenChartRequest.newBuilder().setPatientId("not-an-id").build()))
                .satisfies(t -> assertThat(Calls.badFields(t)).contains("patient_id"));
        assertThatThrownBy(() -> novak.breakTheGlass(BreakTheGlassRequest.newBuilder().setPatientId(patient.toString())
                .setReason("").setRequestId(UUID.randomUUID().toString()).build()))
                .satisfies(t -> assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void twentyConcurrentBreakTheGlassRequestsWithOneRequestIdMakeOneGrant() throws Exception {
        var novak = blocking(first, "novak", "doctor-pass-2026");
        var request = BreakTheGlassRequest.newBuilder().setPatientId(patient.toString()).setReason("Covering the ward tonight")
                .setRequestId(UUID.randomUUID().toString()).build();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return novak.breakTheGlass(request).getGrant().getGrantId();
                }));
            }
            go.countDown();
            Set<String> ids = new java.util.HashSet<>();
            for (Future<String> f : results) {
                ids.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.dsl().resultQuery("select count(*) from chart_access_grant where kind = 'BREAK_GLASS'")
                .fetchSingle(0, Integer.class)).isEqualTo(1);
        assertThat(db.dsl().resultQuery("select count(*) from audit_entry where action = 'CHART_BREAK_GLASS'")
                .fetchSingle(0, Integer.class)).isEqualTo(1);
        assertThat(novak.openChart(OpenChartRequest.newBuilder().setPatientId(patient.toString()).build())
                .getSummary().getAccessBasis()).isEqualTo("BREAK_GLASS");
    }

    /** Collects one WatchChart stream. */
    static final class Recorder implements StreamObserver<WatchChartResponse> {
        final List<ChartEvent> events = new CopyOnWriteArrayList<>();
        final List<Long> checkpoints = new CopyOnWriteArrayList<>();
        volatile Throwable error;

        @Override
        public void onNext(WatchChartResponse r) {
            if (r.hasEvent()) {
                events.add(r.getEvent());
            } else {
                checkpoints.add(r.getCheckpoint().getSequence());
            }
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {}

        List<Long> sequences() {
            return events.stream().map(ChartEvent::getSequence).toList();
        }
    }

    @Test
    void watchReplaysThenGoesLiveAndResumesOnAnotherInstanceWithoutGapsOrDuplicates() {
        long before = db.dsl().resultQuery("select last_seq from chart_event_clock").fetchSingle(0, Long.class);
        vitalsVersion(patient, 70);
        vitalsVersion(other, 80); // another patient's change never reaches this chart
        vitalsVersion(patient, 72);

        var okaforFirst = async(first, "okafor", "doctor-pass-2026");
        var live = new Recorder();
        var call = io.grpc.Context.current().withCancellation();
        call.run(() -> okaforFirst.watchChart(WatchChartRequest.newBuilder().setPatientId(patient.toString())
                .setAfterSequence(before).build(), live));
        await().atMost(Duration.ofSeconds(20)).until(() -> live.events.size() == 2);
        assertThat(live.events).allSatisfy(e -> assertThat(e.getPatientId()).isEqualTo(patient.toString()));

        // A change committed now (any instance, here straight to the database) arrives live.
        vitalsVersion(patient, 74);
        await().atMost(Duration.ofSeconds(20)).until(() -> live.events.size() == 3);
        long lastSeen = live.events.get(1).getSequence();
        call.cancel(null);

        // The workstation reconnects to the second instance and resumes after what it had: only the rest comes.
        var okaforSecond = async(second, "okafor", "doctor-pass-2026");
        var resumed = new Recorder();
        okaforSecond.watchChart(WatchChartRequest.newBuilder().setPatientId(patient.toString()).setAfterSequence(lastSeen).build(),
                resumed);
        await().atMost(Duration.ofSeconds(20)).until(() -> resumed.events.size() == 1);
        assertThat(resumed.sequences()).containsExactly(live.events.get(2).getSequence());
        vitalsVersion(patient, 76);
        await().atMost(Duration.ofSeconds(20)).until(() -> resumed.events.size() == 2);
        assertThat(resumed.error).isNull();
    }

    @Test
    void aNurseWatchesOnlyVitalsAndAllergiesAndAStrangerCannotWatch() {
        facts.appointment(patient, doctor.userId(), Instant.now().minus(Duration.ofMinutes(5)), "CHECKED_IN");
        long before = db.dsl().resultQuery("select last_seq from chart_event_clock").fetchSingle(0, Long.class);
        facts.version(patient, "NOTE", UUID.randomUUID(), 1, "CREATED", doctor.userId(), Instant.now(),
                List.of(new ChartLedger.Field("Subjective", "Headache")));
        vitalsVersion(patient, 70);

        var watched = new Recorder();
        async(first, "nurse.lee", "staff-pass-2026").watchChart(WatchChartRequest.newBuilder().setPatientId(patient.toString())
                .setAfterSequence(before).build(), watched);
        await().atMost(Duration.ofSeconds(20)).until(() -> !watched.checkpoints.isEmpty());
        assertThat(watched.events).extracting(ChartEvent::getEntryKind).containsExactly("VITALS");

        var refused = new Recorder();
        async(first, "novak", "doctor-pass-2026").watchChart(WatchChartRequest.newBuilder().setPatientId(patient.toString()).build(),
                refused);
        await().atMost(Duration.ofSeconds(20)).until(() -> refused.error != null);
        assertThat(Calls.code(refused.error)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
}
