package org.medconnect.server.chart.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.medconnect.server.platform.ConfigException;

/**
 * The clinic's document key (decision 0034): 32 random bytes in {@code <home>/keys/documents.key},
 * made owner-only at first start and never in the database. It wraps each document's own key
 * (AES-256-GCM, the storage id as associated data), so a copy of the database alone, or of
 * the documents folder alone, reveals nothing. The server refuses to start when the file can
 * be read by anyone but its owner. Several server instances need the same file.
 */
public final class DocumentKey {

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final int VERSION = 1;
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final Path file;

    DocumentKey(byte[] key, Path file) {
        this.key = key.clone();
        this.file = file;
    }

    /** Reads the key under {@code home}, creating it (owner-only) when missing; refuses one others can read. */
    public static DocumentKey load(Path home) {
        Path file = home.resolve("keys").resolve("documents.key");
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.exists(file)) {
                create(file, posix);
            }
            if (posix) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(perms)) {
                    throw new ConfigException("The document key " + file + " can be read by others; run: chmod 600 " + file);
                }
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (bytes.length != 32) {
                throw new ConfigException("The document key " + file + " is damaged (expected 32 bytes in Base64).");
            }
            return new DocumentKey(bytes, file);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("The document key " + file + " is damaged (not Base64).");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the document key " + file, e);
        }
    }

    private static void create(Path file, boolean posix) throws IOException {
        Files.createDirectories(file.getParent());
        if (posix) {
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
        }
        byte[] master = SealedFile.newKey();
        Path tmp = posix
                ? Files.createTempFile(file.getParent(), "documents", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(file.getParent(), "documents", ".tmp");
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(master) + "\n", StandardCharsets.US_ASCII);
            // A hard link fails if the name exists: two servers starting at once keep the first key.
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; use theirs.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** version | nonce | AES-GCM(document key) with the storage id bound as associated data. */
    byte[] wrap(byte[] documentKey, byte[] storageId) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(storageId);
            byte[] sealed = c.doFinal(documentKey);
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put((byte) VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap a document key", e);
        }
    }

    /** The document's own key; {@link SealedFile.Unreadable} when this clinic key did not wrap it. */
    byte[] unwrap(byte[] wrapped, byte[] storageId) throws SealedFile.Unreadable {
        if (wrapped.length != 1 + NONCE + 32 + 16 || wrapped[0] != VERSION) {
            throw new SealedFile.Unreadable("The document's key record is damaged.");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(128, Arrays.copyOfRange(wrapped, 1, 1 + NONCE)));
            c.updateAAD(storageId);
            return c.doFinal(wrapped, 1 + NONCE, wrapped.length - 1 - NONCE);
        } catch (AEADBadTagException e) {
            throw new SealedFile.Unreadable("This document was sealed with a different clinic document key than " + file
                    + ". Put the clinic's own documents.key back in place (from the copy kept with the backup key).");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unwrap a document key", e);
        }
    }
}
