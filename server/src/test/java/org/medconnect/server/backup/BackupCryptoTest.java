package org.medconnect.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medconnect.server.backup.BackupCrypto.BackupRefused;
import org.medconnect.server.backup.BackupCrypto.Secret;

/** The sealed envelope alone, without a database: chunks, tags, order and the end. */
class BackupCryptoTest {

    private static final Secret KEY = new Secret.KeyFile(new byte[32], "test.key");
    private static final int HEADER = 8 + 1 + 1 + 32 + 4 + 7 + 16;

    private static byte[] seal(byte[] plain) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var sealing = BackupCrypto.encrypt(out, KEY)) {
            sealing.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] open(byte[] sealed) throws IOException {
        try (var in = BackupCrypto.decrypt(new ByteArrayInputStream(sealed), KEY)) {
            return in.readAllBytes();
        }
    }

    private static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }

    @Test
    void severalChunksComeBackExactly() throws IOException {
        byte[] plain = data(BackupCrypto.CHUNK * 2 + 12345);
        assertThat(open(seal(plain))).isEqualTo(plain);
        assertThat(open(seal(new byte[0]))).isEmpty();
    }

    @Test
    void theSameDataSealsDifferentlyEachTime() throws IOException {
        assertThat(seal(data(100))).isNotEqualTo(seal(data(100)));
    }

    @Test
    void swappedChunksAreRefused() throws IOException {
        byte[] sealed = seal(data(BackupCrypto.CHUNK * 2 + 10));
        int chunk = 4 + BackupCrypto.CHUNK + 16;
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, HEADER + chunk, swapped, HEADER, chunk);
        System.arraycopy(sealed, HEADER, swapped, HEADER + chunk, chunk);

        assertThatThrownBy(() -> open(swapped)).isInstanceOf(BackupRefused.class).hasMessageContaining("AES-GCM");
    }

    @Test
    void aFileCutAtAChunkBoundaryIsRefused() throws IOException {
        byte[] sealed = seal(data(BackupCrypto.CHUNK * 2 + 10));
        byte[] cut = Arrays.copyOf(sealed, HEADER + 2 * (4 + BackupCrypto.CHUNK + 16));

        assertThatThrownBy(() -> open(cut)).isInstanceOf(BackupRefused.class).hasMessageContaining("cut short");
    }

    @Test
    void aChunkMarkedLastTooEarlyIsRefused() throws IOException {
        byte[] sealed = seal(data(BackupCrypto.CHUNK + 10));
        byte[] forged = Arrays.copyOf(sealed, HEADER + 4 + BackupCrypto.CHUNK + 16);
        int word = ByteBuffer.wrap(forged, HEADER, 4).getInt();
        ByteBuffer.wrap(forged, HEADER, 4).putInt(word | 0x8000_0000);

        assertThatThrownBy(() -> open(forged)).isInstanceOf(BackupRefused.class).hasMessageContaining("AES-GCM");
    }

    @Test
    void aChangedHeaderIsRefused() throws IOException {
        byte[] sealed = seal(data(1000));
        sealed[HEADER - 20] ^= 1; // inside the nonce prefix

        assertThatThrownBy(() -> open(sealed)).isInstanceOf(BackupRefused.class);
    }

    @Test
    void somethingElseIsNotTakenForABackup() {
        assertThatThrownBy(() -> open("PK\u0003\u0004 just a zip".getBytes()))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("not a MedConnect backup");
    }
}
