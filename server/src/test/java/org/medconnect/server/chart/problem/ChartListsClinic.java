package org.medconnect.server.chart.problem;

import static org.medconnect.server.db.Tables.ENCOUNTER;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.MedicationServiceGrpc;
import org.medconnect.proto.chart.v1.MedicationServiceGrpc.MedicationServiceBlockingStub;
import org.medconnect.proto.chart.v1.ProblemServiceGrpc;
import org.medconnect.proto.chart.v1.ProblemServiceGrpc.ProblemServiceBlockingStub;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * A clinic on a fresh database, served in-process, with the people the problem and
 * medication tests need: Dr Amara Okafor and Dr Lena Lindqvist (both have seen Ana Souza),
 * Dr Sam Sharma (has not), a nurse, a receptionist and an admin.
 */
public final class ChartListsClinic implements AutoCloseable {

    public static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    public final ClinicServices services;
    public final DSLContext dsl;
    public final Principal okafor;
    public final Principal lindqvist;
    public final Principal sharma;
    public final Principal nurse;
    public final UUID patient;
    private final MedConnectServer server;
    private final ManagedChannel channel;

    public ChartListsClinic() throws Exception {
        String name = "chart-lists-" + UUID.randomUUID();
        var db = TestDatabase.fresh();
        dsl = db.dsl();
        services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(NOW));
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        var fixture = new SchedulingFixture(dsl, services);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Family medicine", "General practice");
        lindqvist = fixture.doctor("lindqvist", "Dr Lena Lindqvist", "Family medicine", "General practice");
        sharma = fixture.doctor("sharma", "Dr Sam Sharma", "Dermatology", "Dermatology");
        nurse = fixture.staff("nina", "Nina Berg", Role.NURSE);
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("adam", "Adam Admin", Role.ADMIN);
        patient = fixture.patient("Ana", "Souza");
        seen(okafor, patient);
        seen(lindqvist, patient);
    }

    /** A walk-in consultation: the doctor now has a care relation with the patient. */
    public UUID seen(Principal doctor, UUID patientId) {
        var at = java.time.OffsetDateTime.parse("2026-11-20T10:00:00Z");
        return dsl.insertInto(ENCOUNTER).set(ENCOUNTER.PATIENT_ID, patientId).set(ENCOUNTER.DOCTOR_ID, doctor.userId())
                .set(ENCOUNTER.KIND, "WALK_IN").set(ENCOUNTER.STARTED_AT, at).set(ENCOUNTER.UPDATED_BY, doctor.userId())
                .set(ENCOUNTER.UPDATED_AT, at).returning(ENCOUNTER.ID).fetchSingle(ENCOUNTER.ID);
    }

    public static String password(String username) {
        return List.of("okafor", "lindqvist", "sharma").contains(username) ? "doctor-pass-2026" : "staff-pass-2026";
    }

    private io.grpc.CallCredentials signIn(String username) {
        String token = AuthServiceGrpc.newBlockingStub(channel)
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password(username)).build()).getSessionToken();
        return Calls.bearer(token);
    }

    public ProblemServiceBlockingStub problems(String username) {
        return ProblemServiceGrpc.newBlockingStub(channel).withCallCredentials(signIn(username)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    public MedicationServiceBlockingStub medications(String username) {
        return MedicationServiceGrpc.newBlockingStub(channel).withCallCredentials(signIn(username)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** How many versions of this entry the chart ledger holds. */
    public int versions(String kind, String entryId) {
        return dsl.resultQuery("select count(*) from chart_entry_history where entry_kind = ? and entry_id = ?::uuid", kind, entryId)
                .fetchSingle(0, Integer.class);
    }

    /** Runs {@code n} calls at once (released together) and answers each one's status code (OK when it returned). */
    public static List<Status.Code> concurrently(int n, Callable<?> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Status.Code>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        call.call();
                        return Status.Code.OK;
                    } catch (RuntimeException e) {
                        return Status.fromThrowable(e).getCode();
                    }
                }));
            }
            go.countDown();
            List<Status.Code> out = new ArrayList<>();
            for (Future<Status.Code> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }
}
