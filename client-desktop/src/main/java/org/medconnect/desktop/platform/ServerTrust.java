package org.medconnect.desktop.platform;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.medconnect.shared.tls.CertificateFingerprint;
import org.medconnect.shared.tls.PinnedCertificateTrustManager;
import org.medconnect.shared.tls.UntrustedServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which server certificate this workstation trusts: the one pinned for the address in the preferences,
 * or the one imported with {@code --server-cert}; on a first connection the user compares the fingerprint
 * with what the server printed and decides ({@link FirstContact}). Plaintext is used only to a loopback
 * address and only with {@code -Dmedconnect.desktop.plaintext=true} (tests and development).
 */
public final class ServerTrust {

    /** Asks the user whether to trust a server seen for the first time; may block the calling background thread. */
    @FunctionalInterface
    public interface FirstContact {
        boolean trust(String address, String fingerprint);
    }

    public static final String PLAINTEXT_PROPERTY = "medconnect.desktop.plaintext";
    private static final Logger log = LoggerFactory.getLogger(ServerTrust.class);
    private static final int PROBE_TIMEOUT_MILLIS = 5000;

    private final DesktopPreferences preferences;
    private final Optional<String> imported;
    private final FirstContact firstContact;
    private final boolean loopbackPlaintext;

    public ServerTrust(DesktopPreferences preferences, Optional<String> importedFingerprint, FirstContact firstContact,
                       boolean loopbackPlaintext) {
        this.preferences = preferences;
        this.imported = importedFingerprint.map(CertificateFingerprint::normalize);
        this.firstContact = firstContact;
        this.loopbackPlaintext = loopbackPlaintext;
    }

    /** Pins from {@code preferences}, an optional certificate file to trust, plaintext to loopback only if the system property says so. */
    public static ServerTrust of(DesktopPreferences preferences, Optional<Path> certificateFile, FirstContact firstContact) {
        return new ServerTrust(preferences, certificateFile.map(ServerTrust::fingerprintOfFile), firstContact,
                Boolean.getBoolean(PLAINTEXT_PROPERTY));
    }

    /** Trust that never asks: an unknown server is refused (tests and view models that never connect). */
    public static ServerTrust refusingUnknown(DesktopPreferences preferences) {
        return of(preferences, Optional.empty(), (address, fingerprint) -> false);
    }

    /** The SHA-256 fingerprint of the PEM certificate in {@code file}. */
    public static String fingerprintOfFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFingerprint.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("Cannot read the server certificate " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Credentials for a channel to {@code address}: TLS that accepts exactly the pinned certificate. With no
     * pin yet, fetches the server's certificate and asks the user first.
     *
     * @throws StatusRuntimeException UNAVAILABLE when the server cannot be reached or its certificate is not trusted
     */
    ChannelCredentials credentialsFor(String address, ServerConnection.HostPort target) {
        if (loopbackPlaintext && isLoopback(target.host())) {
            return InsecureChannelCredentials.create();
        }
        Optional<String> pin = imported.or(() -> preferences.pinnedCertificate(address));
        if (imported.isPresent() && !imported.equals(preferences.pinnedCertificate(address))) {
            // An explicitly imported certificate is the administrator's decision: remember it for this address.
            preferences.pinCertificate(address, imported.get());
        }
        if (pin.isEmpty()) {
            String presented = probe(address, target);
            if (!firstContact.trust(address, presented)) {
                throw new StatusRuntimeException(Status.UNAVAILABLE.withDescription("Certificate not trusted")
                        .withCause(new UntrustedServerException(address, presented, Optional.empty())));
            }
            preferences.pinCertificate(address, presented);
            log.info("Trusting the certificate of {} (SHA-256 {})", address, presented);
            pin = Optional.of(presented);
        }
        return TlsChannelCredentials.newBuilder()
                .trustManager(new PinnedCertificateTrustManager(address, pin.get()))
                .build();
    }

    /** Opens a TLS connection only to read the certificate the server presents. */
    static String probe(String address, ServerConnection.HostPort target) {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedCertificateTrustManager(address, Optional.empty(), seen::set)}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(target.host(), target.port()), PROBE_TIMEOUT_MILLIS);
                socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
                socket.startHandshake();
            }
        } catch (IOException | GeneralSecurityException e) {
            // Expected: the capturing trust manager refuses every certificate after noting it.
        }
        if (seen.get() == null) {
            throw new StatusRuntimeException(Status.UNAVAILABLE.withDescription("The server at " + address
                    + " did not answer with TLS. Check the address and that the server is running."));
        }
        return CertificateFingerprint.of(seen.get());
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
