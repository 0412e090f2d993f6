package org.medconnect.shared.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate, written the way people compare it by eye
 * ({@code AB:CD:...}, 32 pairs). The server prints it at start; workstations pin it.
 */
public final class CertificateFingerprint {

    private CertificateFingerprint() {}

    public static String of(X509Certificate certificate) {
        try {
            return format(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint the certificate", e);
        }
    }

    /** Upper-case hex pairs joined by colons, as openssl and browsers show them. */
    public static String format(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /**
     * Accepts what a person may paste ("ab:cd..", "ABCD..", with spaces) and returns the canonical form.
     *
     * @throws IllegalArgumentException when it is not 32 bytes of hex
     */
    public static String normalize(String typed) {
        String hex = typed.replaceAll("[\\s:]", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("A SHA-256 fingerprint is 64 hexadecimal digits (32 pairs like AB:CD:...).");
        }
        return format(HexFormat.of().parseHex(hex));
    }
}
