package org.medconnect.server.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;
import org.medconnect.shared.tls.PinnedCertificateTrustManager;
import org.medconnect.shared.tls.UntrustedServerException;

/** The whole server over real Netty with its generated clinic certificate, and workstation-style pinned clients. */
class TlsConnectionTest {

    private static final String PASSWORD = "correct-horse-battery";

    @TempDir
    static Path home;
    @TempDir
    static Path otherHome;

    private static MedConnectServer server;
    private static ClinicCertificate certificate;
    private static ClinicCertificate another;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void startServerWithGeneratedCertificate() throws IOException {
        ServerConfig config = TestConfig.defaults().withHome(home);
        certificate = ClinicCertificate.load(home, TlsSettings.DEFAULT, Clock.systemUTC());
        another = ClinicCertificate.load(otherHome, TlsSettings.DEFAULT, Clock.systemUTC());
        ClinicServices services = new ClinicServices(config, TestDatabase.fresh(), Clock.systemUTC());
        services.staff().createUser(null, new NewUser(Optional.empty(), "tls.admin", "TLS Admin", "tls@clinic.test", "",
                Optional.of(Role.ADMIN), Optional.empty(), PASSWORD), false);
        server = new MedConnectServer(MedConnectServer.networkBuilder(config, Optional.of(certificate)), services).start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @AfterEach
    void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    private AuthServiceGrpc.AuthServiceBlockingStub pinnedTo(Optional<String> fingerprint, List<X509Certificate> seen) {
        String address = "127.0.0.1:" + server.port();
        var credentials = TlsChannelCredentials.newBuilder()
                .trustManager(new PinnedCertificateTrustManager(address, fingerprint, seen::add)).build();
        // The certificate names 127.0.0.1 too, but a workstation may use any name: the pin is what counts.
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port(), credentials)
                .overrideAuthority("localhost").build();
        channels.add(channel);
        return AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static SignInRequest signIn() {
        return SignInRequest.newBuilder().setUsername("tls.admin").setPassword(PASSWORD).setWorkstation("TLS-PC").build();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return Optional.of(type.cast(c));
            }
        }
        return Optional.empty();
    }

    @Test
    void aClientPinnedToTheServersCertificateSignsIn() {
        var response = pinnedTo(Optional.of(certificate.fingerprint()), new ArrayList<>()).signIn(signIn());

        assertThat(response.getSessionToken()).isNotEmpty();
        assertThat(response.getPrincipal().getUsername()).isEqualTo("tls.admin");
    }

    @Test
    void aClientPinnedToAnotherCertificateIsRefusedNamingBothFingerprints() {
        var failure = catchThrowableOfType(StatusRuntimeException.class,
                () -> pinnedTo(Optional.of(another.fingerprint()), new ArrayList<>()).signIn(signIn()));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        UntrustedServerException refused = cause(failure, UntrustedServerException.class).orElseThrow();
        assertThat(refused.certificateChanged()).isTrue();
        assertThat(refused.getMessage())
                .contains("different certificate")
                .contains(another.fingerprint())
                .contains(certificate.fingerprint());
    }

    @Test
    void aClientWithNoPinSeesTheFingerprintTheServerPrintedAndDoesNotConnect() {
        List<X509Certificate> seen = new ArrayList<>();
        var failure = catchThrowableOfType(StatusRuntimeException.class, () -> pinnedTo(Optional.empty(), seen).signIn(signIn()));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        UntrustedServerException unknown = cause(failure, UntrustedServerException.class).orElseThrow();
        assertThat(unknown.certificateChanged()).isFalse();
        assertThat(unknown.presented()).isEqualTo(certificate.fingerprint());
        assertThat(seen).containsExactly(certificate.certificate());
    }

    @Test
    void aPlaintextClientIsRefused() {
        ManagedChannel plain = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        channels.add(plain);

        var failure = catchThrowableOfType(StatusRuntimeException.class,
                () -> AuthServiceGrpc.newBlockingStub(plain).withDeadlineAfter(5, TimeUnit.SECONDS).signIn(signIn()));

        assertThat(failure.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.INTERNAL);
    }
}
