package org.medconnect.server.backup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted envelope of a backup file (decision 0024): a clear header, then the archive
 * in chunks of at most 1 MiB, each sealed with AES-256-GCM under a key made for this file
 * alone. Each chunk's nonce holds its number and whether it is the last, and the header is
 * the associated data of every chunk, so a changed, dropped, reordered or cut-off chunk, a
 * changed header or a wrong key all fail, and nothing is ever held whole in memory.
 *
 * <pre>
 * header: "MCBACKUP" | version 1 (1 byte) | key kind (1 byte: 1 key file, 2 passphrase)
 *         | salt (32) | PBKDF2 iterations (int32) | nonce prefix (7) | key check (16)
 * chunk:  int32 (bit 31 = last chunk, bits 0-30 = ciphertext length) | ciphertext with 16-byte tag
 * nonce:  nonce prefix (7) | chunk number (int32) | last (1 byte)
 * </pre>
 */
public final class BackupCrypto {

    static final byte[] MAGIC = "MCBACKUP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int CHUNK = 1 << 20;
    static final int PBKDF2_ITERATIONS = 600_000;
    private static final int HEADER_LENGTH = 8 + 1 + 1 + 32 + 4 + 7 + 16;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The secret a backup is sealed with: the clinic's backup key file or a passphrase. */
    public sealed interface Secret {
        /** 32 random bytes kept in a file with owner-only permissions. */
        record KeyFile(byte[] key, String where) implements Secret {}

        /** A passphrase stretched with PBKDF2-HMAC-SHA256. */
        record Passphrase(char[] passphrase) implements Secret {}
    }

    /** The file cannot be opened: wrong key, tampered or truncated, or not a backup at all. */
    public static final class BackupRefused extends RuntimeException {
        public BackupRefused(String message) {
            super(message, null, false, false);
        }
    }

    private BackupCrypto() {}

    /** Starts a sealed file on {@code out}; closing the returned stream writes the last chunk. */
    public static OutputStream encrypt(OutputStream out, Secret secret) throws IOException {
        byte[] salt = random(32);
        byte[] prefix = random(7);
        int kind = secret instanceof Secret.KeyFile ? 1 : 2;
        byte[] fileKey = fileKey(secret, salt, PBKDF2_ITERATIONS);
        byte[] header = ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).put((byte) VERSION).put((byte) kind).put(salt)
                .putInt(PBKDF2_ITERATIONS).put(prefix).put(keyCheck(fileKey)).array();
        out.write(header);
        return new Sealing(out, new SecretKeySpec(fileKey, "AES"), prefix, header);
    }

    /** Opens a sealed file; reading the returned stream checks every chunk as it goes. */
    public static InputStream decrypt(InputStream in, Secret secret) throws IOException {
        byte[] header = new byte[HEADER_LENGTH];
        try {
            new DataInputStream(in).readFully(header);
        } catch (EOFException e) {
            throw new BackupRefused("This is not a MedConnect backup (the file is too short).");
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        byte[] magic = new byte[8];
        h.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new BackupRefused("This is not a MedConnect backup file.");
        }
        int version = h.get();
        if (version != VERSION) {
            throw new BackupRefused("This backup uses file format " + version + "; this server reads format " + VERSION
                    + ". Restore it with a newer MedConnect.");
        }
        int kind = h.get();
        byte[] salt = new byte[32];
        h.get(salt);
        int iterations = h.getInt();
        byte[] prefix = new byte[7];
        h.get(prefix);
        byte[] check = new byte[16];
        h.get(check);
        if (kind == 2 && !(secret instanceof Secret.Passphrase)) {
            throw new BackupRefused("This backup was encrypted with a passphrase: set MEDCONNECT_BACKUP_PASSPHRASE to it.");
        }
        if (kind == 1 && !(secret instanceof Secret.KeyFile)) {
            throw new BackupRefused("This backup was encrypted with a backup key file, not a passphrase: "
                    + "unset MEDCONNECT_BACKUP_PASSPHRASE and put the clinic's backup.key in place.");
        }
        if (iterations < 100_000 || iterations > 50_000_000) {
            throw new BackupRefused("This backup's header is damaged.");
        }
        byte[] fileKey = fileKey(secret, salt, iterations);
        if (!MessageDigest.isEqual(keyCheck(fileKey), check)) {
            throw new BackupRefused(secret instanceof Secret.KeyFile k
                    ? "This backup was made with a different backup key than " + k.where()
                            + ". Use the key file of the clinic that made it."
                    : "Wrong passphrase for this backup.");
        }
        return new Opening(in, new SecretKeySpec(fileKey, "AES"), prefix, header);
    }

    /** 32 random bytes for a new backup key file. */
    public static byte[] newKey() {
        return random(32);
    }

    private static byte[] fileKey(Secret secret, byte[] salt, int iterations) {
        try {
            return switch (secret) {
                case Secret.KeyFile k -> {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(k.key(), "HmacSHA256"));
                    mac.update("medconnect-backup-v1 file key".getBytes(StandardCharsets.US_ASCII));
                    yield mac.doFinal(salt);
                }
                case Secret.Passphrase p -> SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(p.passphrase(), salt, iterations, 256)).getEncoded();
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] keyCheck(byte[] fileKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fileKey, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal("medconnect-backup-v1 key check".getBytes(StandardCharsets.US_ASCII)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] nonce(byte[] prefix, int chunk, boolean last) {
        return ByteBuffer.allocate(12).put(prefix).putInt(chunk).put((byte) (last ? 1 : 0)).array();
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] prefix, int chunk, boolean last, byte[] header)
            throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce(prefix, chunk, last)));
        c.updateAAD(header);
        return c;
    }

    private static final class Sealing extends FilterOutputStream {
        private final DataOutputStream data;
        private final SecretKeySpec key;
        private final byte[] prefix;
        private final byte[] header;
        private final byte[] buffer = new byte[CHUNK];
        private int filled;
        private int chunk;
        private boolean closed;

        Sealing(OutputStream out, SecretKeySpec key, byte[] prefix, byte[] header) {
            super(out);
            this.data = new DataOutputStream(out);
            this.key = key;
            this.prefix = prefix;
            this.header = header;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == CHUNK) {
                    seal(false);
                }
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            if (chunk == Integer.MAX_VALUE) {
                throw new IOException("Backup too large for one file");
            }
            try {
                byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, prefix, chunk, last, header).doFinal(buffer, 0, filled);
                data.writeInt(sealed.length | (last ? 0x8000_0000 : 0));
                data.write(sealed);
            } catch (GeneralSecurityException e) {
                throw new IOException("Encrypting the backup failed", e);
            }
            chunk++;
            filled = 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            seal(true);
            Arrays.fill(buffer, (byte) 0);
            out.close();
        }
    }

    private static final class Opening extends InputStream {
        private final DataInputStream in;
        private final SecretKeySpec key;
        private final byte[] prefix;
        private final byte[] header;
        private byte[] plain = new byte[0];
        private int pos;
        private int chunk;
        private boolean sawLast;

        Opening(InputStream in, SecretKeySpec key, byte[] prefix, byte[] header) {
            this.in = new DataInputStream(in);
            this.key = key;
            this.prefix = prefix;
            this.header = header;
        }

        private boolean fill() throws IOException {
            while (pos == plain.length) {
                if (sawLast) {
                    if (in.read() != -1) {
                        throw new BackupRefused("This backup has data after its end: it was tampered with.");
                    }
                    return false;
                }
                int word;
                try {
                    word = in.readInt();
                } catch (EOFException e) {
                    throw new BackupRefused("This backup is cut short (the file is incomplete or was truncated).");
                }
                boolean last = (word & 0x8000_0000) != 0;
                int length = word & 0x7fff_ffff;
                if (length < 16 || length > CHUNK + 16) {
                    throw new BackupRefused("This backup is damaged or was tampered with (chunk " + chunk + ").");
                }
                byte[] sealed = new byte[length];
                try {
                    in.readFully(sealed);
                } catch (EOFException e) {
                    throw new BackupRefused("This backup is cut short (the file is incomplete or was truncated).");
                }
                try {
                    plain = cipher(Cipher.DECRYPT_MODE, key, prefix, chunk, last, header).doFinal(sealed);
                } catch (AEADBadTagException e) {
                    throw new BackupRefused("This backup is damaged or was tampered with: chunk " + chunk
                            + " fails its integrity check (AES-GCM tag).");
                } catch (GeneralSecurityException e) {
                    throw new IOException("Decrypting the backup failed", e);
                }
                pos = 0;
                chunk++;
                sawLast = last;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? plain[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, plain.length - pos);
            System.arraycopy(plain, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
