package org.medconnect.server.platform.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the server protects its connections: TLS with a configured certificate and key, or with the
 * clinic certificate it makes itself (plus extra names to put in it); plaintext only when asked for,
 * and then only on loopback ({@link #check(String)}).
 */
public record TlsSettings(boolean plaintext, Optional<Path> certificate, Optional<Path> privateKey, List<String> extraNames) {

    public static final TlsSettings DEFAULT = new TlsSettings(false, Optional.empty(), Optional.empty(), List.of());

    public TlsSettings {
        extraNames = List.copyOf(extraNames);
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new org.medconnect.server.platform.ConfigException(
                    "MEDCONNECT_TLS_CERT and MEDCONNECT_TLS_KEY must be set together (a PEM certificate and its PKCS#8 key)");
        }
    }

    /** Refuses plaintext on anything but a loopback address: patient data must not cross a network in the clear. */
    public void check(String bindAddress) {
        if (plaintext && !isLoopback(bindAddress)) {
            throw new org.medconnect.server.platform.ConfigException("MEDCONNECT_PLAINTEXT=true is allowed only with a loopback "
                    + "bind address (127.0.0.1, ::1 or localhost), but MEDCONNECT_BIND is " + bindAddress
                    + ". Remove MEDCONNECT_PLAINTEXT to serve TLS on " + bindAddress + ", or bind 127.0.0.1.");
        }
    }

    static boolean isLoopback(String bindAddress) {
        String a = bindAddress.strip();
        if (a.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!a.matches("[0-9.]+") && !a.contains(":")) {
            return false; // a host name: do not resolve at start, refuse
        }
        try {
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
