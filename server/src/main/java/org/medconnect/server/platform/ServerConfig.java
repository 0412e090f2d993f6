package org.medconnect.server.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.medconnect.server.platform.tls.TlsSettings;
import org.medconnect.shared.locale.ClinicLocale;

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
        PasswordHashing passwordHashing,
        Reminders reminders,
        TlsSettings tls,
        SecondFactor secondFactor,
        ClinicLocale clinicLocale,
        Reports reports,
        Documents documents) {

    /** Chart documents (decision 0034): the largest file an upload may send. */
    public record Documents(long maxBytes) {
        public static final Documents DEFAULT = new Documents(50L * 1024 * 1024);
    }

    /**
     * Where dashboard reports read (decision 0027): empty URL means the main database, through its own
     * small read-only pool; every report query is cut off after {@code statementTimeout}.
     */
    public record Reports(Optional<String> dbUrl, String dbUser, String dbPassword, int poolSize, Duration statementTimeout) {
        public static final Reports DEFAULT = new Reports(Optional.empty(), "", "", 3, Duration.ofSeconds(5));

        @Override
        public String toString() {
            return "Reports[" + dbUrl.map(u -> u.replaceAll("\\?.*", "")).orElse("main database") + ", pool " + poolSize
                    + ", timeout " + statementTimeout + "]";
        }
    }

    /**
     * TOTP second factor: which roles must use it, how long a verified code counts for a step-up
     * (sensitive operations), and how long a half-done sign-in (password accepted, code not yet) lasts.
     */
    public record SecondFactor(Set<Role> requiredRoles, Duration stepUpWindow, Duration pendingLifetime) {
        public static final SecondFactor DEFAULT = new SecondFactor(Set.of(Role.ADMIN), Duration.ofMinutes(5), Duration.ofMinutes(5));

        public SecondFactor {
            requiredRoles = Set.copyOf(requiredRoles);
        }
    }

    /** Argon2id cost. The defaults follow OWASP's 2023 recommendation (19 MiB, 2 passes). */
    public record PasswordHashing(int memoryKiB, int iterations, int parallelism) {
        public static final PasswordHashing DEFAULT = new PasswordHashing(19_456, 2, 1);
    }

    /**
     * Appointment reminders: how long before the start each goes out, how often a failed send
     * is tried (waiting {@code firstRetry}, then twice as long each time), and the SMTP server
     * to send through; without one, reminders go to the outbox table.
     */
    public record Reminders(List<Duration> leadTimes, int maxAttempts, Duration firstRetry, Optional<Smtp> smtp) {
        public static final Reminders DEFAULT = new Reminders(List.of(Duration.ofHours(24)), 5, Duration.ofMinutes(5), Optional.empty());

        public Reminders {
            leadTimes = List.copyOf(leadTimes);
        }

        public Reminders withSmtp(Smtp server) {
            return new Reminders(leadTimes, maxAttempts, firstRetry, Optional.of(server));
        }
    }

    /** An SMTP server for reminders. Empty username means no authentication. */
    public record Smtp(String host, int port, String username, String password, String from, boolean startTls) {
        @Override
        public String toString() {
            // Never print the password.
            return "Smtp[" + host + ":" + port + ", user " + (username.isEmpty() ? "none" : username) + ", from " + from
                    + ", starttls " + startTls + "]";
        }
    }

    public boolean usesEmbeddedDatabase() {
        return dbUrl.isEmpty();
    }

    /** A copy for tests or tools that need one setting changed. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(home, bindAddress, newPort, dbUrl, dbUser, dbPassword, dbPoolSize,
                sessionIdleTimeout, sessionMaxLifetime, lockoutAttempts, lockoutDuration, clinicZone,
                currency, videoBaseUrl, passwordHashing, reminders, tls, secondFactor, clinicLocale, reports, documents);
    }

    /** A copy with other reminder settings, for tests of sending. */
    public ServerConfig withReminders(Reminders newReminders) {
        return new ServerConfig(home, bindAddress, port, dbUrl, dbUser, dbPassword, dbPoolSize,
                sessionIdleTimeout, sessionMaxLifetime, lockoutAttempts, lockoutDuration, clinicZone,
                currency, videoBaseUrl, passwordHashing, newReminders, tls, secondFactor, clinicLocale, reports, documents);
    }

    /** A copy with other second-factor settings, for tests. */
    public ServerConfig withSecondFactor(SecondFactor newSecondFactor) {
        return new ServerConfig(home, bindAddress, port, dbUrl, dbUser, dbPassword, dbPoolSize,
                sessionIdleTimeout, sessionMaxLifetime, lockoutAttempts, lockoutDuration, clinicZone,
                currency, videoBaseUrl, passwordHashing, reminders, tls, newSecondFactor, clinicLocale, reports, documents);
    }

    /** A copy with other document settings (a smaller size limit), for tests. */
    public ServerConfig withDocuments(Documents newDocuments) {
        return new ServerConfig(home, bindAddress, port, dbUrl, dbUser, dbPassword, dbPoolSize,
                sessionIdleTimeout, sessionMaxLifetime, lockoutAttempts, lockoutDuration, clinicZone,
                currency, videoBaseUrl, passwordHashing, reminders, tls, secondFactor, clinicLocale, reports, newDocuments);
    }

    /** A copy with another home directory, for tests that write files there. */
    public ServerConfig withHome(Path newHome) {
        return new ServerConfig(newHome, bindAddress, port, dbUrl, dbUser, dbPassword, dbPoolSize,
                sessionIdleTimeout, sessionMaxLifetime, lockoutAttempts, lockoutDuration, clinicZone,
                currency, videoBaseUrl, passwordHashing, reminders, tls, secondFactor, clinicLocale, reports, documents);
    }

    /** A copy in another clinic time zone, for tests of daylight-saving days. */
    public ServerConfig withClinicZone(ZoneId zone) {
        return new ServerConfig(home, bindAddress, port, dbUrl, dbUser, dbPassword, dbPoolSize,
                sessionIdleTimeout, sessionMaxLifetime, lockoutAttempts, lockoutDuration, zone,
                currency, videoBaseUrl, passwordHashing, reminders, tls, secondFactor, clinicLocale, reports, documents);
    }

    /** A copy with another clinic locale (date format, first day of week). */
    public ServerConfig withClinicLocale(ClinicLocale locale) {
        return new ServerConfig(home, bindAddress, port, dbUrl, dbUser, dbPassword, dbPoolSize,
                sessionIdleTimeout, sessionMaxLifetime, lockoutAttempts, lockoutDuration, clinicZone,
                currency, videoBaseUrl, passwordHashing, reminders, tls, secondFactor, locale, reports, documents);
    }
}
