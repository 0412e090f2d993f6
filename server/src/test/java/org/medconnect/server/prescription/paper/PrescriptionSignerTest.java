package org.medconnect.server.prescription.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.server.platform.ConfigException;

/** The signing key on disk (owner-only, made once) and the payload's signature. */
class PrescriptionSignerTest {

    @TempDir
    Path home;

    static final String HASH = "ab".repeat(32);

    @Test
    void theKeyIsMadeOnFirstUseOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        Path file = home.resolve("keys/prescription-signing.key");
        PrescriptionSigner first = PrescriptionSigner.at(home);
        assertThat(file).doesNotExist();

        String keyId = first.keyId();

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PrescriptionSigner.at(home).keyId()).isEqualTo(keyId).hasSize(64);
        assertThat(keyId).isEqualTo(PrescriptionSigner.keyId(first.publicKey()));
    }

    @Test
    void aKeyOthersCanReadIsRefused() throws Exception {
        PrescriptionSigner.at(home).keyId();
        Files.setPosixFilePermissions(home.resolve("keys/prescription-signing.key"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> PrescriptionSigner.at(home).keyId()).isInstanceOf(ConfigException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void aSignedPayloadVerifiesWithThePemAndNotWithAnotherKey(@TempDir Path elsewhere) {
        PrescriptionSigner signer = PrescriptionSigner.at(home);
        UUID id = UUID.randomUUID();
        String payload = signer.sign(id, HASH);

        var result = PrescriptionSigner.verifyWith(PrescriptionSigner.readPem(PrescriptionSigner.pem(signer.publicKey())), payload);
        var other = PrescriptionSigner.verifyWith(PrescriptionSigner.at(elsewhere).publicKey(), payload);

        assertThat(result.valid()).isTrue();
        assertThat(result.payload().orElseThrow().prescriptionId()).isEqualTo(id);
        assertThat(result.payload().orElseThrow().contentSha256()).isEqualTo(HASH);
        assertThat(payload.length()).isLessThan(300);
        assertThat(other.valid()).isFalse();
    }

    @Test
    void aChangedContentHashBreaksTheSignature() {
        PrescriptionSigner signer = PrescriptionSigner.at(home);
        String payload = signer.sign(UUID.randomUUID(), HASH);
        String tampered = payload.replace(HASH, "cd".repeat(32));

        var result = PrescriptionSigner.verifyWith(signer.publicKey(), tampered);

        assertThat(result.valid()).isFalse();
        assertThat(result.explanation()).contains("signature does not match");
    }
}
