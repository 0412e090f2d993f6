package org.medconnect.shared.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, named by its SHA-256 fingerprint: a clinic has no PKI, so the
 * workstation pins the certificate the server printed at start instead of asking a CA. Host names are
 * deliberately not checked (the pin is stronger than a name); expiry is, so a stale key is not used forever.
 *
 * <p>Extends {@link X509ExtendedTrustManager}: gRPC's Netty transport refuses a plain X509TrustManager on
 * JDK 25 unless the JVM runs with an extra flag.
 */
public final class PinnedCertificateTrustManager extends X509ExtendedTrustManager {

    private final String server;
    private final Optional<String> pinned;
    private final Consumer<X509Certificate> seen;

    /**
     * @param server the address as the user knows it, for messages
     * @param pinned the fingerprint this workstation trusts for that address; empty refuses every certificate
     *               (after reporting it to {@code seen}) so the caller can ask the user
     * @param seen   told about the certificate the server presented, trusted or not
     */
    public PinnedCertificateTrustManager(String server, Optional<String> pinned, Consumer<X509Certificate> seen) {
        this.server = server;
        this.pinned = pinned.map(CertificateFingerprint::normalize);
        this.seen = seen;
    }

    public PinnedCertificateTrustManager(String server, String pinned) {
        this(server, Optional.of(pinned), certificate -> { });
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The server at " + server + " sent no certificate.");
        }
        X509Certificate leaf = chain[0];
        seen.accept(leaf);
        String presented = CertificateFingerprint.of(leaf);
        if (pinned.isEmpty()) {
            throw new UntrustedServerException(server, presented, Optional.empty());
        }
        if (!pinned.get().equals(presented)) {
            throw new UntrustedServerException(server, presented, pinned);
        }
        leaf.checkValidity();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("A workstation does not accept client connections.");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
