package org.medconnect.server;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.medconnect.server.backup.BackupScheduler;
import org.medconnect.server.bootstrap.FirstStart;
import org.medconnect.server.platform.ConfigException;
import org.medconnect.server.platform.ConfigLoader;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.ErrorMapper;
import org.medconnect.server.platform.RequestChecks;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.platform.tls.ClinicCertificate;
import org.medconnect.server.platform.tls.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MedConnect server process: configuration, database, gRPC with health and reflection,
 * and a graceful stop on SIGTERM. Tests build it on an in-process or local builder.
 */
public final class MedConnectServer {

    private static final Logger log = LoggerFactory.getLogger(MedConnectServer.class);
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ClinicServices services;
    // gRPC health says whether this server can serve: NOT_SERVING while its database is down.
    private final Consumer<Boolean> healthFollowsDatabase = up -> health.setStatus("", up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);

    public MedConnectServer(ServerBuilder<?> builder, ClinicServices services) {
        this.services = services;
        // The last interceptor listed runs first: access rules on the headers, then the checks
        // of every request message (RequestChecks), then the service.
        RequestChecks requestChecks = new RequestChecks(new ErrorMapper());
        for (var service : services.grpcServices()) {
            // The last interceptor runs first: a restore under way refuses everything (decision 0047), the
            // database gate refuses before authentication needs the database; then access rules on the headers, then the checks of every request message.
            builder.addService(ServerInterceptors.intercept(service, requestChecks, services.authInterceptor(), services.databaseGate(),
                    services.maintenanceGate()));
        }
        builder.addService(ServerInterceptors.intercept(health.getHealthService(), requestChecks, services.authInterceptor()));
        builder.addService(ServerInterceptors.intercept(ProtoReflectionServiceV1.newInstance(), requestChecks, services.authInterceptor()));
        this.server = builder.build();
    }

    public MedConnectServer start() throws IOException {
        services.startBackground();
        try {
            server.start();
        } catch (IOException e) {
            services.stopBackground();
            throw e;
        }
        services.databaseHealth().addListener(healthFollowsDatabase);
        healthFollowsDatabase.accept(services.databaseHealth().isUp());
        return this;
    }

    /** Stops taking calls, lets calls under way finish for a grace period, then cuts the rest. */
    public void stop() {
        stop(GRACE);
    }

    /** As {@link #stop()}, with a chosen grace period. */
    public void stop(Duration grace) {
        services.databaseHealth().removeListener(healthFollowsDatabase);
        health.enterTerminalState();
        server.shutdown();
        // Live streams never finish by themselves: end them now (workstations reconnect and resume) so
        // only unary calls under way use the grace period.
        services.stopBackground();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Calls still running after {} s; cancelling them", grace.toSeconds());
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            services.stopBackground();
        }
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    public int port() {
        return server.getPort();
    }

    public Server grpcServer() {
        return server;
    }

    public ClinicServices services() {
        return services;
    }

    /**
     * The network server builder: TLS with the clinic certificate, or plaintext when there is none
     * (allowed only on loopback, checked by {@link TlsSettings#check}); keepalives for live streams.
     */
    public static NettyServerBuilder networkBuilder(ServerConfig config, Optional<ClinicCertificate> certificate) {
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        NettyServerBuilder builder;
        if (certificate.isPresent()) {
            try {
                builder = NettyServerBuilder.forAddress(address, TlsServerCredentials.create(
                        certificate.get().certificateFile().toFile(), certificate.get().keyFile().toFile()));
            } catch (IOException e) {
                throw new ConfigException("Cannot use the TLS certificate " + certificate.get().certificateFile() + ": " + e.getMessage());
            }
        } else {
            config.tls().check(config.bindAddress());
            builder = NettyServerBuilder.forAddress(address);
        }
        return builder
                .permitKeepAliveTime(20, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                // Ping quiet workstations so a pulled cable frees its live streams within a minute.
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS);
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println("""
                    Usage: medconnect-server [--demo]
                      --demo, demo   on first start, fill the clinic with demo departments and staff
                    Settings come from MEDCONNECT_* environment variables or <MEDCONNECT_HOME>/medconnect.properties;
                    see the README (MEDCONNECT_PORT, MEDCONNECT_BIND, MEDCONNECT_DB_URL, MEDCONNECT_DB_USER,
                    MEDCONNECT_TLS_CERT, MEDCONNECT_TLS_KEY, MEDCONNECT_TLS_NAMES, MEDCONNECT_PLAINTEXT, ...).""");
            return;
        }
        for (String a : arguments) {
            if (!a.equals("--demo") && !a.equals("demo")) {
                System.err.println("medconnect: unknown argument '" + a + "' (try --help)");
                System.exit(2);
            }
        }
        boolean demo = arguments.contains("--demo") || arguments.contains("demo");
        try {
            run(new ConfigLoader(System.getenv()).load(), demo);
        } catch (ConfigException e) {
            System.err.println("medconnect: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(ServerConfig config, boolean demo) {
        System.out.println("MedConnect server starting (home " + config.home() + ")...");
        // Refuse a plaintext setting on a network address before anything else starts.
        config.tls().check(config.bindAddress());
        Optional<ClinicCertificate> certificate = config.tls().plaintext()
                ? Optional.empty()
                : Optional.of(ClinicCertificate.load(config.home(), config.tls(), Clock.systemUTC()));
        Database database = Database.open(config);
        ClinicServices services = new ClinicServices(config, database, Clock.systemUTC());
        new FirstStart(services, System.out).run(demo);
        MedConnectServer server = new MedConnectServer(networkBuilder(config, certificate), services);
        try {
            server.start();
        } catch (IOException e) {
            database.close();
            String why = e instanceof BindException || (e.getCause() instanceof BindException)
                    ? "port " + config.port() + " on " + config.bindAddress() + " is already in use or not available; set MEDCONNECT_PORT to another port"
                    : e.getMessage();
            throw new ConfigException("Cannot listen for workstations: " + why);
        }
        var dailyBackup = services.backups().settings().dailyAt().map(at -> new BackupScheduler(services.backups(), database, at,
                config.clinicZone(), Clock.systemUTC()));
        dailyBackup.ifPresent(BackupScheduler::start);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("medconnect-shutdown").unstarted(() -> {
            System.out.println("MedConnect server stopping: finishing calls under way...");
            dailyBackup.ifPresent(BackupScheduler::stop);
            server.stop();
            database.close();
            System.out.println("MedConnect server stopped.");
        }));
        System.out.println("MedConnect server listening on " + config.bindAddress() + ":" + server.port()
                + (certificate.isPresent() ? " (TLS)" : " (PLAINTEXT, loopback only)"));
        certificate.ifPresent(c -> {
            System.out.println("TLS certificate: " + c.certificateFile() + (c.generated() ? " (created now)" : ""));
            System.out.println("TLS certificate SHA-256 fingerprint: " + c.fingerprint());
            System.out.println("  Workstations show this fingerprint on their first connection: compare before trusting it,");
            System.out.println("  or start them with --server-cert=" + c.certificateFile());
        });
        System.out.println("Database: " + database.description());
        System.out.println("Clinic time zone " + config.clinicZone().getId() + ", locale " + config.clinicLocale().languageTag()
                + " (dates " + config.clinicLocale().datePattern() + ", weeks start " + config.clinicLocale().firstDayOfWeek() + ")");
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
