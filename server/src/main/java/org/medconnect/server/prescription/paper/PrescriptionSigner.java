package org.medconnect.server.prescription.paper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.medconnect.server.platform.ConfigException;

/**
 * The clinic's prescription signing key (decision 0039): an Ed25519 key pair made on first
 * use, kept in {@code <home>/keys/prescription-signing.key} (PKCS#8 and X.509, Base64,
 * owner-only, like the document key; never in the database), the public half published in the database so every
 * instance can verify. Also reads and checks QR payloads, which needs no server: the offline
 * {@code medconnect verify-prescription} command uses {@link #verifyWith(PublicKey, String)}.
 *
 * <p>A payload is {@code MCRX1|<prescription id>|<content sha-256 hex>|<key id>|<signature>}; the
 * signature (Base64url, no padding) covers everything before the last bar, UTF-8.
 */
public final class PrescriptionSigner {

    static final String FORMAT = "MCRX1";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Pattern PAYLOAD = Pattern.compile(
            "MCRX1\\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\|([0-9a-f]{64})\\|([0-9a-f]{64})\\|([A-Za-z0-9_-]{86})");

    private final Path file;
    private volatile Keys keys;

    private record Keys(PrivateKey privateKey, PublicKey publicKey, String keyId) {}

    /** A signed QR payload, read apart. */
    public record Payload(UUID prescriptionId, String contentSha256, String keyId, byte[] signature, String signedText) {}

    /** What an offline check says: the payload's parts when the signature holds, or why not. */
    public record OfflineResult(boolean valid, String explanation, Optional<Payload> payload) {}

    private PrescriptionSigner(Path file) {
        this.file = file;
    }

    /** The signer for the server home; the key is read (or made) on first use, not here. */
    public static PrescriptionSigner at(Path home) {
        return new PrescriptionSigner(home.resolve("keys").resolve("prescription-signing.key"));
    }

    /** Hex SHA-256 of the DER (X.509 SubjectPublicKeyInfo) public key. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(sha256(key.getEncoded()));
    }

    String keyId() {
        return keys().keyId();
    }

    PublicKey publicKey() {
        return keys().publicKey();
    }

    /** The signed payload for this prescription and content hash, under this server's key. */
    String sign(UUID prescriptionId, String contentSha256) {
        Keys k = keys();
        String text = FORMAT + "|" + prescriptionId + "|" + contentSha256 + "|" + k.keyId();
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(k.privateKey());
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return text + "|" + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a prescription", e);
        }
    }

    /** The payload's parts, or empty when it is not a MedConnect prescription code at all. */
    public static Optional<Payload> parse(String payload) {
        var m = PAYLOAD.matcher(payload.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(m.group(4));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Only the canonical spelling: the last character's unused bits must not hide a change.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(signature).equals(m.group(4))) {
            return Optional.empty();
        }
        String text = payload.strip();
        return Optional.of(new Payload(UUID.fromString(m.group(1)), m.group(2), m.group(3), signature,
                text.substring(0, text.lastIndexOf('|'))));
    }

    /** Whether the signature over the payload's text verifies with this public key. */
    public static boolean signatureHolds(PublicKey key, Payload p) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(p.signedText().getBytes(StandardCharsets.UTF_8));
            return p.signature().length == 64 && s.verify(p.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The offline check a pharmacy runs with the clinic's published public key: signature only. */
    public static OfflineResult verifyWith(PublicKey key, String payloadText) {
        Optional<Payload> parsed = parse(payloadText);
        if (parsed.isEmpty()) {
            return new OfflineResult(false, "This is not a MedConnect prescription code (or it was cut short).", Optional.empty());
        }
        Payload p = parsed.get();
        if (!p.keyId().equals(keyId(key))) {
            return new OfflineResult(false, "The code was signed with key " + p.keyId().substring(0, 16)
                    + ", not with this key (" + keyId(key).substring(0, 16) + ").", parsed);
        }
        if (!signatureHolds(key, p)) {
            return new OfflineResult(false, "The signature does not match: the code was altered or was not made by this clinic.", parsed);
        }
        return new OfflineResult(true, "Signature valid: prescription " + p.prescriptionId() + ", content hash "
                + p.contentSha256() + ", signed with key " + p.keyId() + ".", parsed);
    }

    /** X.509 SubjectPublicKeyInfo in PEM. */
    public static String pem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** Reads a PEM (or bare Base64) X.509 Ed25519 public key. */
    public static PublicKey readPem(String pem) {
        String b64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return publicKey(Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("This is not a PEM public key.", e);
        }
    }

    /** An Ed25519 public key from its DER (X.509) bytes. */
    public static PublicKey publicKey(byte[] der) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("This is not an Ed25519 public key.", e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Keys keys() {
        Keys k = keys;
        if (k == null) {
            synchronized (this) {
                k = keys;
                if (k == null) {
                    k = load();
                    keys = k;
                }
            }
        }
        return k;
    }

    private Keys load() {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.exists(file)) {
                create(posix);
            }
            if (posix && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                throw new ConfigException("The prescription signing key " + file + " can be read by others; run: chmod 600 " + file);
            }
            // Two lines: the private key (PKCS#8) and its public key (X.509), Base64; the JDK cannot
            // derive an Ed25519 public key from the private one.
            String[] lines = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\R");
            if (lines.length != 2) {
                throw new ConfigException("The prescription signing key " + file + " is damaged (expected two lines).");
            }
            PrivateKey priv = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0])));
            PublicKey pub = publicKey(Base64.getDecoder().decode(lines[1]));
            return new Keys(priv, pub, keyId(pub));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new ConfigException("The prescription signing key " + file + " is damaged.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the prescription signing key " + file, e);
        }
    }

    private void create(boolean posix) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.getParent());
        if (posix) {
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path tmp = posix
                ? Files.createTempFile(file.getParent(), "prescription-signing", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(file.getParent(), "prescription-signing", ".tmp");
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII);
            // A hard link fails if the name exists: two servers starting at once keep the first key.
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; use theirs.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
