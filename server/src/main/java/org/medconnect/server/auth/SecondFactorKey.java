package org.medconnect.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.medconnect.server.platform.ConfigException;

/**
 * The server's key for second-factor secrets, kept in {@code <home>/keys/second-factor.key} (owner-only,
 * made on first use) and never in the database: TOTP secrets are sealed with it (AES-256-GCM) and
 * one-time codes are stored as HMAC-SHA256 under it, so a copy of the database alone can neither mint
 * codes nor test guesses. Several server instances over one database need the same file.
 */
public final class SecondFactorKey {

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] sealKey;
    private final byte[] hashKey;

    SecondFactorKey(byte[] master) {
        // Two keys from one: sealing and hashing never share a key.
        this.sealKey = derive(master, "seal");
        this.hashKey = derive(master, "hash");
    }

    /** Reads the key file under {@code home}, creating it (atomically, owner-only) when missing. */
    public static SecondFactorKey load(Path home) {
        Path file = home.resolve("keys").resolve("second-factor.key");
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] master = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (master.length != 32) {
                throw new ConfigException("The second-factor key " + file + " is damaged (expected 32 bytes in base64)");
            }
            return new SecondFactorKey(master);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the second-factor key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("The second-factor key " + file + " is damaged (not base64)");
        }
    }

    private static void create(Path file) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(file.getParent());
        if (posix) {
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
        }
        byte[] master = new byte[32];
        RANDOM.nextBytes(master);
        Path tmp = Files.createTempFile(file.getParent(), "second-factor", ".tmp");
        try {
            if (posix) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(master) + "\n", StandardCharsets.US_ASCII);
            // A hard link fails if the name exists: two servers starting at once keep the first key.
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; use theirs.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(("medconnect-second-factor-" + purpose).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** nonce || AES-GCM ciphertext and tag; {@code context} (the user id) is bound as associated data. */
    byte[] seal(byte[] plain, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sealKey, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal", e);
        }
    }

    byte[] open(byte[] sealed, String context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sealKey, "AES"),
                    new GCMParameterSpec(128, Arrays.copyOfRange(sealed, 0, NONCE_BYTES)));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A second-factor secret cannot be opened with this server's key "
                    + "(was keys/second-factor.key replaced?)", e);
        }
    }

    /** HMAC-SHA256 of {@code purpose | context | code} under the server key. */
    byte[] hash(String purpose, String context, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
            return mac.doFinal((purpose + "|" + context + "|" + code).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
