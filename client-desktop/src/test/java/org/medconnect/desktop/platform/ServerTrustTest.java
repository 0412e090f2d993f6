package org.medconnect.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.server.platform.tls.ClinicCertificate;
import org.medconnect.server.platform.tls.TlsSettings;

/** The workstation's connection over real Netty TLS: pinning, the first-connection question, a changed certificate. */
class ServerTrustTest {

    @TempDir
    static Path serverHome;
    @TempDir
    static Path otherHome;
    @TempDir
    Path workstationHome;

    private static ClinicCertificate certificate;
    private static ClinicCertificate other;
    private static Server server;
    private final List<String> asked = new ArrayList<>();
    private ServerConnection connection;

    @BeforeAll
    static void startTlsServer() throws Exception {
        certificate = ClinicCertificate.load(serverHome, TlsSettings.DEFAULT, Clock.systemUTC());
        other = ClinicCertificate.load(otherHome, TlsSettings.DEFAULT, Clock.systemUTC());
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), TlsServerCredentials.create(
                        certificate.certificateFile().toFile(), certificate.keyFile().toFile()))
                .addService(new AuthServiceGrpc.AuthServiceImplBase() {
                    @Override
                    public void signIn(SignInRequest request, StreamObserver<SignInResponse> response) {
                        response.onNext(SignInResponse.newBuilder().setSessionToken("token").build());
                        response.onCompleted();
                    }
                })
                .build().start();
    }

    @AfterAll
    static void stopServer() {
        server.shutdownNow();
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private String address() {
        return "localhost:" + server.getPort();
    }

    private ServerConnection connect(DesktopPreferences preferences, Optional<String> imported, boolean answer) {
        // Plaintext is off here whatever the test JVM allows: this is the TLS path.
        ServerTrust trust = new ServerTrust(preferences, imported, (address, fingerprint) -> {
            asked.add(fingerprint);
            return answer;
        }, false);
        connection = new ServerConnection(Duration.ofSeconds(10), state -> { }, trust);
        return connection;
    }

    private static SignInRequest signIn() {
        return SignInRequest.newBuilder().setUsername("a").setPassword("b").build();
    }

    private String failureMessage(Throwable thrown) {
        return new ServerErrors(this::address, ZoneOffset.UTC).translate(thrown).message();
    }

    @Test
    void onFirstConnectionTheUserSeesTheServersFingerprintAndTrustingItPinsIt() {
        DesktopPreferences preferences = new DesktopPreferences(workstationHome);
        ServerConnection c = connect(preferences, Optional.empty(), true);

        c.connectTo(address());
        assertThat(c.auth().signIn(signIn()).getSessionToken()).isEqualTo("token");

        assertThat(asked).containsExactly(certificate.fingerprint());
        assertThat(new DesktopPreferences(workstationHome).pinnedCertificate(address())).contains(certificate.fingerprint());
    }

    @Test
    void cancellingTheFirstConnectionQuestionConnectsNothingAndPinsNothing() {
        DesktopPreferences preferences = new DesktopPreferences(workstationHome);
        ServerConnection c = connect(preferences, Optional.empty(), false);

        Throwable thrown = catchThrowable(() -> c.connectTo(address()));

        assertThat(failureMessage(thrown)).contains("was not trusted").contains(certificate.fingerprint());
        assertThat(preferences.pinnedCertificate(address())).isEmpty();
    }

    @Test
    void aPinnedServerIsNotAskedAboutAgain() {
        DesktopPreferences preferences = new DesktopPreferences(workstationHome);
        preferences.pinCertificate(address(), certificate.fingerprint());
        ServerConnection c = connect(preferences, Optional.empty(), false);

        c.connectTo(address());

        assertThat(c.auth().signIn(signIn()).getSessionToken()).isEqualTo("token");
        assertThat(asked).isEmpty();
    }

    @Test
    void aChangedCertificateIsRefusedNamingBothFingerprints() {
        DesktopPreferences preferences = new DesktopPreferences(workstationHome);
        preferences.pinCertificate(address(), other.fingerprint());
        ServerConnection c = connect(preferences, Optional.empty(), true);
        c.connectTo(address());

        Throwable thrown = catchThrowable(() -> c.auth().signIn(signIn()));

        assertThat(failureMessage(thrown)).contains("different certificate")
                .contains(other.fingerprint()).contains(certificate.fingerprint());
        assertThat(asked).isEmpty();
    }

    @Test
    void anImportedCertificateFileIsTrustedWithoutAQuestion() {
        DesktopPreferences preferences = new DesktopPreferences(workstationHome);
        ServerConnection c = connect(preferences, Optional.of(ServerTrust.fingerprintOfFile(certificate.certificateFile())), false);

        c.connectTo(address());

        assertThat(c.auth().signIn(signIn()).getSessionToken()).isEqualTo("token");
        assertThat(asked).isEmpty();
        assertThat(preferences.pinnedCertificate(address())).contains(certificate.fingerprint());
    }

    @Test
    void plaintextIsNeverUsedToANetworkAddress() {
        ServerTrust trust = new ServerTrust(new DesktopPreferences(workstationHome), Optional.empty(), (a, f) -> false, true);

        Throwable thrown = catchThrowable(() -> trust.credentialsFor("192.0.2.1:50051", new ServerConnection.HostPort("192.0.2.1", 50051)));

        assertThat(thrown).isNotNull(); // it tried TLS (and the probe found nothing), not plaintext
    }
}
