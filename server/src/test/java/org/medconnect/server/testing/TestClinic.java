package org.medconnect.server.testing;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.staff.StaffModel.DoctorProfileInput;
import org.medconnect.server.staff.StaffModel.NewUser;

/**
 * The whole MedConnect server on 127.0.0.1 and a free port, over the shared test database
 * (emptied at start): what a workstation meets, for workstation and end-to-end tests.
 */
public final class TestClinic implements AutoCloseable {

    private final MedConnectServer server;
    private final Database database;
    private final ManagedChannel channel;

    private TestClinic(MedConnectServer server, Database database) {
        this.server = server;
        this.database = database;
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    public static TestClinic start() {
        return start(Clock.systemUTC(), TestConfig.defaults());
    }

    public static TestClinic start(Clock clock, ServerConfig config) {
        return over(TestDatabase.fresh(), clock, config);
    }

    /**
     * Another server instance over this one's database (not emptied), as a clinic runs
     * several behind a load balancer.
     */
    public TestClinic secondInstance(Clock clock, ServerConfig config) {
        return over(database, clock, config);
    }

    private static TestClinic over(Database db, Clock clock, ServerConfig config) {
        ClinicServices services = new ClinicServices(config, db, clock);
        MedConnectServer server = new MedConnectServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)), services);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestClinic(server, db);
    }

    /** "127.0.0.1:port", as a user would type it on the sign-in screen. */
    public String address() {
        return "127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** A plaintext channel to this server, closed with the clinic. */
    public ManagedChannel channel() {
        return channel;
    }

    public Database database() {
        return database;
    }

    public ClinicServices services() {
        return server.services();
    }

    /** Creates an account; role is "ADMIN", "DOCTOR" or "RECEPTIONIST". Returns its id. */
    public String createUser(String username, String password, String role, String displayName, boolean mustChangePassword) {
        Role r = Role.valueOf(role);
        Optional<DoctorProfileInput> profile = Optional.empty();
        if (r == Role.DOCTOR) {
            String departmentId = department("General Medicine");
            profile = Optional.of(new DoctorProfileInput("Family Medicine", departmentId, "MBBS", 10, 5000, "USD"));
        }
        return server.services().staff().createUser((UUID) null, new NewUser(Optional.empty(), username, displayName,
                username.replace('.', '-') + "@clinic.test", "", Optional.of(r), profile, password), mustChangePassword).id().toString();
    }

    /** The id of the department with this name, created when missing. */
    public String department(String name) {
        var staff = server.services().staff();
        return staff.listDepartments(true).stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseGet(() -> staff.createDepartment(null, Optional.empty(), name)).id().toString();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(Duration.ofSeconds(2));
    }
}
