package org.medconnect.server.bench;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.stream.Stream;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.testing.TestConfig;

/**
 * A PostgreSQL of its own (embedded, tuned like a small production server) and the whole
 * MedConnect server on it over real Netty on 127.0.0.1, with a timing interceptor in front.
 */
final class BenchClinic implements AutoCloseable {

    /** The server's connection pool: the production default. */
    static final int SERVER_POOL_SIZE = 10;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Database database;
    private final MedConnectServer server;
    private final ServerTimings timings;
    private final ServerConfig config;
    private final CpuMeter cpu;

    private BenchClinic(EmbeddedPostgres postgres, Path dataDir, Database database, MedConnectServer server,
                        ServerTimings timings, ServerConfig config) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.database = database;
        this.server = server;
        this.timings = timings;
        this.config = config;
        this.cpu = CpuMeter.forDataDirectory(dataDir);
    }

    /** {@code durable}: fsync and synchronous_commit on, as a production PostgreSQL runs; off: zonky's defaults. */
    static BenchClinic start(Path dataDir, boolean durable, ZoneId zone) throws IOException {
        deleteTree(dataDir);
        Files.createDirectories(dataDir.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                // zonky starts PostgreSQL with fsync and synchronous_commit off (fine for tests); a clinic's
                // database keeps PostgreSQL's defaults, so every commit waits for the disk.
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("shared_buffers", "512MB")
                // as the clinic's embedded server runs (Database.startEmbedded): SSD-priced index lookups
                .setServerConfig("random_page_cost", "1.1")
                .setServerConfig("effective_cache_size", "4GB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60));
        // -Dbench.pg.NAME=VALUE sets any PostgreSQL setting, e.g. log_min_duration_statement to find slow queries.
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("bench.pg."))
                .forEach(n -> builder.setServerConfig(n.substring("bench.pg.".length()), System.getProperty(n)));
        EmbeddedPostgres postgres = builder.start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        Database database = Database.connect(url, "postgres", "postgres", SERVER_POOL_SIZE);
        ServerConfig config = TestConfig.defaults().withClinicZone(zone);
        ServerTimings timings = new ServerTimings();
        ClinicServices services = new ClinicServices(config, database, Clock.systemUTC());
        MedConnectServer server = new MedConnectServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).intercept(timings), services);
        server.start();
        return new BenchClinic(postgres, dataDir, database, server, timings, config);
    }

    int port() {
        return server.port();
    }

    Database database() {
        return database;
    }

    ClinicServices services() {
        return server.services();
    }

    ServerTimings timings() {
        return timings;
    }

    ServerConfig config() {
        return config;
    }

    CpuMeter cpu() {
        return cpu;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
        database.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            deleteTree(dataDir);
        } catch (IOException ignored) {
            // target/ is cleaned by the next run or mvn clean
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
