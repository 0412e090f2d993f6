package org.medconnect.server.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.server.platform.ConfigException;

class ClinicCertificateTest {

    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Nested
    class OnFirstStart {

        @TempDir
        Path home;

        @Test
        void namesThisMachineLoopbackAndTheConfiguredNames() throws Exception {
            var cert = ClinicCertificate.load(home, new TlsSettings(false, Optional.empty(), Optional.empty(),
                    List.of("clinic-server", "192.168.1.10")), CLOCK);

            // "2:name" is a dNSName, "7:address" an iPAddress: an address written as a DNS name would not match an IP target.
            List<String> names = cert.certificate().getSubjectAlternativeNames().stream()
                    .map(n -> n.get(0) + ":" + n.get(1)).toList();
            assertThat(names).contains("2:localhost", "7:127.0.0.1", "2:clinic-server", "7:192.168.1.10");
            assertThat(cert.generated()).isTrue();
        }

        @Test
        void isALeafValidFromNowForFiveYears() {
            X509Certificate c = ClinicCertificate.load(home, TlsSettings.DEFAULT, CLOCK).certificate();

            assertThat(c.getBasicConstraints()).isEqualTo(-1); // not a CA
            assertThat(c.getNotBefore().toInstant()).isBefore(NOW).isAfter(NOW.minus(Duration.ofHours(1)));
            assertThat(c.getNotAfter().toInstant()).isEqualTo(NOW.plus(ClinicCertificate.VALIDITY));
            assertThat(c.getSubjectX500Principal()).isEqualTo(c.getIssuerX500Principal());
        }

        @Test
        void keepsTheKeyReadableByTheOwnerOnly() throws Exception {
            var cert = ClinicCertificate.load(home, TlsSettings.DEFAULT, CLOCK);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cert.keyFile()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cert.keyFile().getParent()))).isEqualTo("rwx------");
            assertThat(Files.readString(cert.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----"); // PKCS#8
        }

        @Test
        void isKeptAcrossRestarts() {
            var first = ClinicCertificate.load(home, TlsSettings.DEFAULT, CLOCK);
            var second = ClinicCertificate.load(home, TlsSettings.DEFAULT, CLOCK);

            assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
            assertThat(second.generated()).isFalse();
            assertThat(first.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        }
    }

    @Test
    void aConfiguredCertificateIsUsedAndNothingIsGenerated(@TempDir Path made, @TempDir Path home) {
        var existing = ClinicCertificate.load(made, TlsSettings.DEFAULT, CLOCK);

        var used = ClinicCertificate.load(home, new TlsSettings(false, Optional.of(existing.certificateFile()),
                Optional.of(existing.keyFile()), List.of()), CLOCK);

        assertThat(used.fingerprint()).isEqualTo(existing.fingerprint());
        assertThat(home.resolve("tls")).doesNotExist();
    }

    @Nested
    class Plaintext {

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "::1", "localhost", "127.0.0.2"})
        void isAllowedOnLoopback(String bind) {
            new TlsSettings(true, Optional.empty(), Optional.empty(), List.of()).check(bind);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.0.0.0", "192.168.1.10", "::", "clinic-server"})
        void isRefusedOnANetworkAddressWithAClearMessage(String bind) {
            assertThatThrownBy(() -> new TlsSettings(true, Optional.empty(), Optional.empty(), List.of()).check(bind))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("MEDCONNECT_PLAINTEXT=true is allowed only with a loopback")
                    .hasMessageContaining(bind);
        }

        @Test
        void tlsMayBindEveryAddress() {
            TlsSettings.DEFAULT.check("0.0.0.0");
        }
    }
}
