package org.medconnect.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.WatchAppointmentsRequest;
import org.medconnect.proto.appointment.v1.WatchAppointmentsResponse;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.BeginTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.ConfirmTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.StepUpRequest;
import org.medconnect.proto.backup.v1.BackupServiceGrpc;
import org.medconnect.proto.backup.v1.CreateBackupRequest;
import org.medconnect.proto.backup.v1.DescribeBackupRequest;
import org.medconnect.proto.backup.v1.RestoreBackupRequest;
import org.medconnect.proto.staff.v1.CreateDepartmentRequest;
import org.medconnect.proto.staff.v1.ListDepartmentsRequest;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.auth.Totp;
import org.medconnect.server.bootstrap.FirstStart;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * A restore from the console into the running server (decision 0047), through the API as the
 * admin's workstation makes it, on a database of its own: the clinic goes back to the backup or
 * nothing changes, other calls meanwhile are told a restore is under way, and only one runs.
 */
class LiveRestoreApiTest {

    private static String CLINIC;
    private static final String PASSWORD = "demo-pass-2026";

    private static MutableClock clock;
    private static Database db;
    private static String url;
    private static MedConnectServer server;
    private static ManagedChannel channel;
    private static String adminToken;
    private static Path home;

    @BeforeAll
    static void aDemoClinicOnItsOwnDatabase() throws Exception {
        String name = "live_restore_" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestDatabase.jdbcUrl();
        try (Connection c = DriverManager.getConnection(admin, "postgres", "postgres"); var st = c.createStatement()) {
            st.execute("create database " + name);
        }
        url = admin.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
        db = Database.connect(url, "postgres", "postgres", 10);
        clock = MutableClock.startingNow();
        home = Path.of("target", "live-restore", UUID.randomUUID().toString()).toAbsolutePath();
        ClinicServices services = new ClinicServices(TestConfig.defaults().withHome(home), db, clock);
        new FirstStart(services, new PrintStream(OutputStream.nullOutputStream())).run(true);
        CLINIC = services.billing().profile().clinicName();
        server = new MedConnectServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)), services).start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        // Signed in before any backup, so every backup holds this session.
        adminToken = signIn("admin");
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        server.stop(java.time.Duration.ofSeconds(2));
        db.close();
    }

    private static String signIn(String username) {
        return AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(PASSWORD).build()).getSessionToken();
    }

    private static BackupServiceGrpc.BackupServiceBlockingStub backups(String token) {
        return BackupServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token)).withDeadlineAfter(3, TimeUnit.MINUTES);
    }

    private static StaffServiceGrpc.StaffServiceBlockingStub staff() {
        return StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(adminToken)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static List<String> departments() {
        return staff().listDepartments(ListDepartmentsRequest.newBuilder().setIncludeRetired(true).build()).getDepartmentsList()
                .stream().map(d -> d.getName()).toList();
    }

    private static void addDepartment(String name) {
        staff().createDepartment(CreateDepartmentRequest.newBuilder().setName(name).setRequestId(UUID.randomUUID().toString()).build());
    }

    private static String backUp() {
        clock.advance(java.time.Duration.ofSeconds(2)); // backups are named by the second
        return backups(adminToken).createBackup(CreateBackupRequest.getDefaultInstance()).getBackup().getFileName();
    }

    private static RestoreBackupRequest restore(String file) {
        return RestoreBackupRequest.newBuilder().setFileName(file).setConfirmClinicName(CLINIC.toLowerCase()).build();
    }

    @Test
    void restoringABackupBringsTheWholeClinicBackAndItsStaffSignIn() throws Exception {
        addDepartment("Cardiology Before");
        String file = backUp();
        addDepartment("Radiology After");
        String laterUser = server.services().staff().createUser((UUID) null, new org.medconnect.server.staff.StaffModel.NewUser(
                java.util.Optional.empty(), "late.comer", "Late Comer", "late@clinic.test", "", java.util.Optional.of(Role.RECEPTIONIST),
                java.util.Optional.empty(), PASSWORD), false).id().toString();
        assertThat(laterUser).isNotBlank();
        Iterator<WatchAppointmentsResponse> live = AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(adminToken))
                .withDeadlineAfter(3, TimeUnit.MINUTES).watchAppointments(WatchAppointmentsRequest.getDefaultInstance());
        live.next(); // the first checkpoint: the stream is open

        var described = backups(adminToken).describeBackup(DescribeBackupRequest.newBuilder().setFileName(file).build());
        assertThat(described.getRefusal()).isEmpty();
        assertThat(described.getClinicName()).isEqualTo(CLINIC);
        assertThat(described.getSchemaVersion()).isEqualTo(described.getServerSchemaVersion());
        assertThat(described.getRowCount()).isPositive();

        var restored = backups(adminToken).restoreBackup(restore(file));

        assertThat(restored.getRowCount()).isEqualTo(described.getRowCount());
        assertThat(departments()).contains("Cardiology Before").doesNotContain("Radiology After");
        assertThat(catchThrowable(() -> signIn("late.comer"))).satisfies(t -> assertThat(Calls.code(t)).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThat(signIn("admin")).isNotBlank();
        // The live stream ended with a status the workstation retries on, not INTERNAL.
        Throwable ended = catchThrowable(() -> {
            while (live.hasNext()) {
                live.next();
            }
        });
        assertThat(Calls.code(ended)).isEqualTo(Status.Code.UNAVAILABLE);
        // Audited in the restored database: who, which backup.
        String audited = db.dsl().resultQuery("select detail from audit_entry where action = 'DATABASE_RESTORED' and target_id = ?", file)
                .fetchOne(0, String.class);
        assertThat(audited).contains("by admin");
        assertThat(db.dsl().resultQuery("select count(*) from pg_namespace where nspname like 'medconnect_re%'").fetchOne(0, Long.class))
                .isZero();
        assertThat(org.medconnect.proto.audit.v1.AuditServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(adminToken))
                .verifyAuditChain(org.medconnect.proto.audit.v1.VerifyAuditChainRequest.getDefaultInstance()).getIntact()).isTrue();
    }

    @Test
    void aTamperedBackupIsRefusedAndNothingChanges() throws Exception {
        String good = backUp();
        addDepartment("Kept Through Tampering");
        Path tampered = home.resolve("backups").resolve("medconnect-20000101T000000Z.mcbk");
        Files.copy(home.resolve("backups").resolve(good), tampered);
        try (RandomAccessFile f = new RandomAccessFile(tampered.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
        try {
            Throwable refused = catchThrowable(() -> backups(adminToken).restoreBackup(restore(tampered.getFileName().toString())));

            assertThat(Calls.code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(refused.getMessage()).contains("damaged or was tampered with").contains("Nothing was changed");
            assertThat(departments()).contains("Kept Through Tampering");
        } finally {
            Files.delete(tampered);
        }
    }

    @Test
    void aBackupFromANewerSchemaIsRefused() {
        db.dsl().execute("""
                insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,
                    execution_time, success) values (99999, '99999', 'future', 'SQL', 'V99999__future.sql', 0, 'test', 0, true)""");
        String future;
        try {
            future = backUp();
        } finally {
            db.dsl().execute("delete from flyway_schema_history where installed_rank = 99999");
        }
        addDepartment("Kept Through The Future");

        var described = backups(adminToken).describeBackup(DescribeBackupRequest.newBuilder().setFileName(future).build());
        Throwable refused = catchThrowable(() -> backups(adminToken).restoreBackup(restore(future)));

        assertThat(described.getRefusal()).contains("newer MedConnect");
        assertThat(Calls.code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(refused.getMessage()).contains("schema version 99999");
        assertThat(departments()).contains("Kept Through The Future");
    }

    @Test
    void anotherServerInstanceOnTheDatabaseIsRefused() throws Exception {
        String file = backUp();
        addDepartment("Kept While Shared");
        Properties other = new Properties();
        other.setProperty("user", "postgres");
        other.setProperty("password", "postgres");
        other.setProperty("ApplicationName", "medconnect server 4242-beef");
        try (Connection ignored = DriverManager.getConnection(url, other)) {
            Throwable refused = catchThrowable(() -> backups(adminToken).restoreBackup(restore(file)));

            assertThat(Calls.code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(Calls.reason(refused)).isEqualTo("OTHER_INSTANCES");
            assertThat(departments()).contains("Kept While Shared");
        }
    }

    @Test
    void aFailureAtTheLastStepLeavesTheLiveClinicUntouched() throws Exception {
        String file = backUp();
        addDepartment("Kept Through A Failed Switch");
        // A database session outside MedConnect (a DBA's psql) holds a table: the final switch cannot take it.
        try (Connection dba = DriverManager.getConnection(url, "postgres", "postgres"); var st = dba.createStatement()) {
            dba.setAutoCommit(false);
            st.execute("lock table department in access share mode");

            Throwable refused = catchThrowable(() -> backups(adminToken).restoreBackup(restore(file)));

            assertThat(Calls.code(refused)).isEqualTo(Status.Code.ABORTED);
            assertThat(refused.getMessage()).contains("nothing was restored");
            dba.rollback();
        }
        assertThat(departments()).contains("Kept Through A Failed Switch");
        assertThat(db.dsl().resultQuery("select count(*) from pg_namespace where nspname like 'medconnect_re%'").fetchOne(0, Long.class))
                .isZero();
        assertThat(db.dsl().resultQuery("select detail from audit_entry where action = 'DATABASE_RESTORE_FAILED' and target_id = ?", file)
                .fetchOne(0, String.class)).startsWith("nothing was changed");
    }

    @Test
    void twentyRestoresAtOnceGiveOneRestoreAndConflictsForTheRest() throws Exception {
        String file = backUp();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Status.Code>> answers = new ArrayList<>();
        List<String> reasons = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    try {
                        backups(adminToken).restoreBackup(restore(file));
                        return Status.Code.OK;
                    } catch (StatusRuntimeException e) {
                        reasons.add(Calls.reason(e));
                        return e.getStatus().getCode();
                    }
                }));
            }
            go.countDown();
            List<Status.Code> codes = new ArrayList<>();
            for (Future<Status.Code> a : answers) {
                codes.add(a.get(5, TimeUnit.MINUTES));
            }

            assertThat(codes).containsOnly(Status.Code.OK, Status.Code.ABORTED);
            assertThat(codes.stream().filter(c -> c == Status.Code.OK)).hasSize(1);
            assertThat(reasons).hasSize(19).containsOnly(LiveRestore.IN_PROGRESS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callsDuringARestoreAreToldARestoreIsUnderWay() throws Exception {
        String file = backUp();
        AtomicBoolean done = new AtomicBoolean();
        List<Status.Code> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        Thread caller = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                try {
                    departments();
                    seen.add(Status.Code.OK);
                } catch (StatusRuntimeException e) {
                    seen.add(e.getStatus().getCode());
                    messages.add(e.getStatus().getDescription());
                }
            }
        });
        try {
            backups(adminToken).restoreBackup(restore(file));
        } finally {
            done.set(true);
            caller.join(30_000);
        }

        assertThat(seen).contains(Status.Code.UNAVAILABLE).containsOnly(Status.Code.OK, Status.Code.UNAVAILABLE);
        assertThat(messages).allMatch(m -> m.contains("backup is being restored"));
        assertThat(departments()).isNotEmpty();
    }

    @Test
    void aRestoreNeedsAFreshSecondFactorCode() {
        // A second admin with an authenticator, signed in now (the restore tests above may restore older sessions).
        server.services().staff().createUser((UUID) null, new org.medconnect.server.staff.StaffModel.NewUser(java.util.Optional.empty(),
                "totp.admin", "Tess Admin", "tess@clinic.test", "", java.util.Optional.of(Role.ADMIN), java.util.Optional.empty(), PASSWORD), false);
        String token = signIn("totp.admin");
        var hers = AuthServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token));
        String b32 = hers.beginTotpEnrolment(BeginTotpEnrolmentRequest.getDefaultInstance()).getSecret();
        byte[] secret = Base32.decode(b32 + "=".repeat((8 - b32.length() % 8) % 8));
        hers.confirmTotpEnrolment(ConfirmTotpEnrolmentRequest.newBuilder().setCode(Totp.standard().codeAt(secret, clock.instant())).build());
        clock.advance(java.time.Duration.ofMinutes(6));
        String file = backUp();

        Throwable refused = catchThrowable(() -> backups(token).restoreBackup(restore(file)));
        assertThat(Calls.reason(refused)).isEqualTo("STEP_UP_REQUIRED");

        clock.advance(java.time.Duration.ofSeconds(30));
        hers.stepUp(StepUpRequest.newBuilder().setCode(Totp.standard().codeAt(secret, clock.instant())).build());
        Throwable wrongName = catchThrowable(() -> backups(token).restoreBackup(RestoreBackupRequest.newBuilder().setFileName(file)
                .setConfirmClinicName("Some Other Clinic").build()));
        // Past the step-up now: what stops it is the clinic's name, which must be typed right.
        assertThat(Calls.code(wrongName)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(wrongName.getMessage()).contains(CLINIC);
    }
}
