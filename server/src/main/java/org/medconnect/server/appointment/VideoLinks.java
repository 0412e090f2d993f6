package org.medconnect.server.appointment;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Meeting links for video visits: the configured Jitsi Meet server plus a room name with
 * 128 random bits, so a link cannot be guessed from another one.
 */
public final class VideoLinks {

    private final String baseUrl;
    private final SecureRandom random = new SecureRandom();

    public VideoLinks(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String newLink() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return baseUrl + "/MedConnect-" + HexFormat.of().formatHex(bytes);
    }
}
