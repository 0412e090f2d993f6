package org.medconnect.server.platform.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.medconnect.server.platform.ConfigException;
import org.medconnect.shared.tls.CertificateFingerprint;

/**
 * The clinic's own TLS certificate for a clinic with no PKI: a self-signed leaf (not a CA) with the
 * server's names, made on first start and kept with its PKCS#8 key under the server home. Workstations
 * trust it by pinning its SHA-256 fingerprint, which the server prints at every start.
 */
public final class ClinicCertificate {

    /** Long enough not to surprise a clinic, short enough that a forgotten key does not live forever. */
    public static final Duration VALIDITY = Duration.ofDays(5 * 365);

    private final Path certificateFile;
    private final Path keyFile;
    private final X509Certificate certificate;
    private final boolean generated;

    private ClinicCertificate(Path certificateFile, Path keyFile, X509Certificate certificate, boolean generated) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.certificate = certificate;
        this.generated = generated;
    }

    /**
     * The configured certificate and key when both are given; else {@code <home>/tls/server.crt} and
     * {@code server.key}, generated now when they do not exist yet.
     */
    public static ClinicCertificate load(Path home, TlsSettings settings, Clock clock) {
        if (settings.certificate().isPresent()) {
            Path cert = settings.certificate().get();
            Path key = settings.privateKey().orElseThrow();
            if (!Files.isReadable(cert) || !Files.isReadable(key)) {
                throw new ConfigException("The configured TLS certificate " + cert + " or key " + key + " cannot be read");
            }
            return new ClinicCertificate(cert, key, read(cert), false);
        }
        Path dir = home.resolve("tls");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        if (Files.exists(cert) && Files.exists(key)) {
            return new ClinicCertificate(cert, key, read(cert), false);
        }
        generate(dir, names(settings.extraNames()), clock);
        return new ClinicCertificate(cert, key, read(cert), true);
    }

    /** This machine's host name, localhost, the loopback addresses, then the configured names and addresses. */
    static List<String> names(List<String> extra) {
        Set<String> names = new LinkedHashSet<>();
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!host.isBlank()) {
                names.add(host);
            }
        } catch (UnknownHostException e) {
            // A machine without a resolvable name still gets localhost and the configured names.
        }
        names.add("localhost");
        names.add("127.0.0.1");
        names.add("::1");
        names.addAll(extra);
        return List.copyOf(names);
    }

    /** Writes a new key pair and certificate into {@code dir} (owner-only), replacing nothing that exists. */
    static void generate(Path dir, List<String> names, Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();

            X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "MedConnect clinic")
                    .addRDN(BCStyle.CN, names.getFirst());
            X500Name name = subject.build();
            Instant now = clock.instant();
            BigInteger serial = new BigInteger(128, new SecureRandom());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltNames(names)));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));

            createPrivateDirectory(dir);
            writePrivate(dir.resolve("server.key"), pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
            writePrivate(dir.resolve("server.crt"), pem(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new ConfigException("Cannot create the clinic's TLS certificate in " + dir + ": " + e.getMessage());
        }
    }

    private static GeneralName[] subjectAltNames(List<String> names) {
        List<GeneralName> result = new ArrayList<>();
        for (String n : names) {
            boolean ip = n.matches("[0-9.]+") || n.contains(":");
            result.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        return result.toArray(GeneralName[]::new);
    }

    private static String pem(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (value instanceof PemObject pemObject) {
                writer.writeObject(pemObject);
            } else {
                writer.writeObject(value);
            }
        }
        return out.toString();
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Written to a temporary owner-only file first, then moved, so the key is never readable by others. */
    private static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix()) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    static X509Certificate read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException | ClassCastException e) {
            throw new ConfigException("The file " + file + " does not hold a PEM X.509 certificate: " + e.getMessage());
        }
    }

    public Path certificateFile() {
        return certificateFile;
    }

    public Path keyFile() {
        return keyFile;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** True when this start made the certificate. */
    public boolean generated() {
        return generated;
    }

    public String fingerprint() {
        return CertificateFingerprint.of(certificate);
    }
}
