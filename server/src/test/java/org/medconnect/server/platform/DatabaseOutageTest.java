package org.medconnect.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.TestConfig;

/**
 * The server over a PostgreSQL that goes away under it: calls answer UNAVAILABLE at once while it
 * is gone, health says NOT_SERVING, and both come back within about a second of its return; the
 * embedded database is restarted by the server itself. Each test has a PostgreSQL of its own.
 */
class DatabaseOutageTest {

    private static final Path ROOT = Path.of("target", "outage-tests");
    private static final java.util.List<Path> dirs = new java.util.ArrayList<>();

    private EmbeddedPostgres postgres;
    private Database database;
    private MedConnectServer server;
    private ManagedChannel channel;

    @AfterEach
    void stopEverything() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        for (Path dir : new java.util.LinkedHashSet<>(dirs)) {
            if (!java.nio.file.Files.exists(dir)) {
                continue;
            }
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        dirs.clear();
    }

    @Test
    void callsFailFastWhileTheDatabaseIsDownAndRecoverWithinASecondOfItsReturn() throws Exception {
        Path data = ROOT.resolve(UUID.randomUUID().toString()).toAbsolutePath();
        int port = freePort();
        postgres = startPostgres(data, port);
        database = Database.connect(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 5);
        serve(database);
        assertThat(signInCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(health()).isEqualTo(ServingStatus.SERVING);

        postgres.close();
        postgres = null;
        assertThat(within(Duration.ofSeconds(3), () -> health() == ServingStatus.NOT_SERVING))
                .as("health says NOT_SERVING once the database is gone").isTrue();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            Throwable refused = catchThrowable(this::signIn);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(Calls.code(refused)).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(Calls.message(refused)).isEqualTo("The server's database is unavailable; retrying is safe.");
            assertThat(millis).as("answered without waiting on the pool").isLessThan(500);
        }

        postgres = startPostgres(data, port);
        long back = System.nanoTime();
        assertThat(within(Duration.ofSeconds(10), () -> signInCode() == Status.Code.UNAUTHENTICATED)).isTrue();
        long recoveredMillis = (System.nanoTime() - back) / 1_000_000;
        assertThat(recoveredMillis).as("calls served again soon after the database is back").isLessThan(1_500);
        assertThat(health()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void theServerRestartsItsEmbeddedDatabaseWhenItDies() throws Exception {
        Path home = ROOT.resolve(UUID.randomUUID().toString()).toAbsolutePath();
        dirs.add(home);
        ServerConfig base = org.medconnect.server.testing.TestConfig.defaults();
        database = Database.open(new ServerConfig(home, "127.0.0.1", 0, java.util.Optional.empty(), "postgres", "",
                5, Duration.ofMinutes(15), Duration.ofHours(12), 5, Duration.ofMinutes(15), java.time.ZoneId.of("UTC"), "USD",
                "https://meet.example.test", new ServerConfig.PasswordHashing(1024, 1, 1), ServerConfig.Reminders.DEFAULT,
                base.tls(), base.secondFactor(), base.clinicLocale(), base.reports(), base.documents()));
        serve(database);
        assertThat(signInCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        long pid = database.embeddedPostmasterPid().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        assertThat(within(Duration.ofSeconds(3), () -> health() == ServingStatus.NOT_SERVING)).isTrue();
        assertThat(within(Duration.ofSeconds(30), () -> signInCode() == Status.Code.UNAUTHENTICATED))
                .as("the server started its database again by itself").isTrue();
        assertThat(health()).isEqualTo(ServingStatus.SERVING);
        assertThat(database.embeddedPostmasterPid().orElseThrow()).isNotEqualTo(pid);
    }

    private void serve(Database db) throws Exception {
        server = new MedConnectServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                new ClinicServices(TestConfig.defaults(), db, Clock.systemUTC())).start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    private void signIn() {
        AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .signIn(SignInRequest.newBuilder().setUsername("nobody").setPassword("not-a-password").build());
    }

    private Status.Code signInCode() {
        return Calls.code(catchThrowable(this::signIn));
    }

    private ServingStatus health() {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }

    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /** Keeps its data when stopped (zonky's "clean" would delete it), so a restart finds the same database. */
    private static EmbeddedPostgres startPostgres(Path data, int port) throws Exception {
        dirs.add(data);
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
