package org.medconnect.server.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Everything the server reads at start-up, already checked. Built by {@link ConfigLoader}
 * from defaults, then an optional properties file, then {@code MEDCONNECT_*} environment variables.
 */
public record ServerConfig(
        Path home,
        String bindAddress,
        int port,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Duration sessionIdleTimeout,
        Duration sessionMaxLifetime,
        int lockoutAttempts,
        Duration lockoutDuration,
        ZoneId clinicZone,
        String currency,
        String videoBaseUrl,
        PasswordHashing passwordHashing) {

    /** Argon2id cost. The defaults follow OWASP's 2023 recommendation (19 MiB, 2 passes). */
    public record PasswordHashing(int memoryKiB, int iterations, int parallelism) {
        public static final PasswordHashing DEFAULT = new PasswordHashing(19_456, 2, 1);
    }

    public boolean usesEmbeddedDatabase() {
        return dbUrl.isEmpty();
    }

    /** A copy for tests or tools that need one setting changed. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(home, bindAddress, newPort, dbUrl, dbUser, dbPassword, dbPoolSize,
                sessionIdleTimeout, sessionMaxLifetime, lockoutAttempts, lockoutDuration, clinicZone,
                currency, videoBaseUrl, passwordHashing);
    }

    /** A copy in another clinic time zone, for tests of daylight-saving days. */
    public ServerConfig withClinicZone(ZoneId zone) {
        return new ServerConfig(home, bindAddress, port, dbUrl, dbUser, dbPassword, dbPoolSize,
                sessionIdleTimeout, sessionMaxLifetime, lockoutAttempts, lockoutDuration, zone,
                currency, videoBaseUrl, passwordHashing);
    }
}
