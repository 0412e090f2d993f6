package org.medconnect.shared.tls;

import java.security.cert.CertificateException;
import java.util.Optional;

/**
 * The server presented a certificate this workstation has not pinned: either none is pinned yet for
 * that address (ask the user), or a different one is (refuse, naming both fingerprints).
 */
public final class UntrustedServerException extends CertificateException {

    private final String server;
    private final String presented;
    private final Optional<String> pinned;

    public UntrustedServerException(String server, String presented, Optional<String> pinned) {
        super(message(server, presented, pinned));
        this.server = server;
        this.presented = presented;
        this.pinned = pinned;
    }

    private static String message(String server, String presented, Optional<String> pinned) {
        return pinned.map(expected -> "The server at " + server + " presented a different certificate than the one this "
                        + "workstation trusts. Expected SHA-256 " + expected + " but got " + presented
                        + ". If the clinic replaced its certificate, ask the administrator for the new fingerprint; "
                        + "otherwise someone may be intercepting the connection.")
                .orElse("This workstation does not know the certificate of the server at " + server
                        + " yet (SHA-256 " + presented + ").");
    }

    public String server() {
        return server;
    }

    public String presented() {
        return presented;
    }

    /** Empty on a first connection; the trusted fingerprint when the certificate changed. */
    public Optional<String> pinned() {
        return pinned;
    }

    public boolean certificateChanged() {
        return pinned.isPresent();
    }
}
