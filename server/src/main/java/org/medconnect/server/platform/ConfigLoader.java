package org.medconnect.server.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import org.medconnect.server.platform.tls.TlsSettings;
import org.medconnect.shared.locale.ClinicLocale;

/**
 * Reads the server configuration: defaults in code, overridden by a properties file
 * ({@code MEDCONNECT_CONFIG}, else {@code <home>/medconnect.properties} when present),
 * overridden by environment variables. A property {@code db.url} is the variable
 * {@code MEDCONNECT_DB_URL}. Any bad value stops start-up with one line naming the setting.
 */
public final class ConfigLoader {

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public ServerConfig load() {
        Path home = Path.of(env.getOrDefault("MEDCONNECT_HOME",
                Path.of(System.getProperty("user.home"), ".medconnect").toString()));
        Properties file = readFile(home);
        Source source = new Source(file, env);

        String dbUrl = source.get("db.url").orElse("");
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(source.name("db.url") + " must be a PostgreSQL JDBC URL like "
                    + "jdbc:postgresql://dbhost:5432/medconnect (got '" + dbUrl + "')");
        }
        return new ServerConfig(
                home,
                source.get("bind").orElse("127.0.0.1"),
                source.integer("port", 50051, 1, 65535),
                dbUrl.isEmpty() ? Optional.empty() : Optional.of(dbUrl),
                source.get("db.user").orElse("medconnect"),
                source.get("db.password").orElse(""),
                source.integer("db.pool.size", 10, 1, 200),
                Duration.ofMinutes(source.integer("session.idle.minutes", 15, 1, 24 * 60)),
                Duration.ofHours(source.integer("session.max.hours", 12, 1, 24 * 7)),
                source.integer("lockout.attempts", 5, 1, 100),
                Duration.ofMinutes(source.integer("lockout.minutes", 15, 1, 24 * 60)),
                source.parsed("clinic.timezone", ZoneId.systemDefault(), ZoneId::of,
                        "a time zone like Europe/London or America/New_York"),
                source.parsed("currency", "USD", ConfigLoader::currency, "a three-letter currency code like USD"),
                source.parsed("video.base.url", "https://meet.jit.si", ConfigLoader::httpsUrl,
                        "an https:// address of a Jitsi Meet server like https://meet.jit.si"),
                new ServerConfig.PasswordHashing(
                        source.integer("argon2.memory.kib", ServerConfig.PasswordHashing.DEFAULT.memoryKiB(), 1024, 1 << 21),
                        source.integer("argon2.iterations", ServerConfig.PasswordHashing.DEFAULT.iterations(), 1, 20),
                        source.integer("argon2.parallelism", ServerConfig.PasswordHashing.DEFAULT.parallelism(), 1, 16)),
                reminders(source),
                tls(source, home),
                secondFactor(source),
                source.parsed("locale", ClinicLocale.DEFAULT, ClinicLocale::ofTag,
                        "a language tag like en-GB or en-US (it sets the date format and first day of week)"),

                reports(source),
                new ServerConfig.Documents(1024L * 1024 * source.integer("documents.max.mb", 50, 1, 2048)));
    }

    private static TlsSettings tls(Source source, Path home) {
        boolean plaintext = source.parsed("plaintext", false, ConfigLoader::bool, "true or false");
        Optional<Path> cert = source.get("tls.cert").map(home::resolve);
        Optional<Path> key = source.get("tls.key").map(home::resolve);
        List<String> names = source.parsed("tls.names", List.of(), ConfigLoader::names,
                "host names and IP addresses separated by commas, like clinic-server,192.168.1.10");
        return new TlsSettings(plaintext, cert, key, names);
    }

    private static List<String> names(String raw) {
        List<String> names = new java.util.ArrayList<>();
        for (String part : raw.split(",")) {
            String n = part.strip();
            if (n.isEmpty()) {
                continue;
            }
            if (!n.matches("[A-Za-z0-9.-]+") && !n.matches("[0-9A-Fa-f:]+")) {
                throw new IllegalArgumentException();
            }
            names.add(n);
        }
        return names;
    }

    /** MEDCONNECT_REPORT_DB_URL (+ _USER, _PASSWORD): where dashboards read; empty means the main database (decision 0027). */
    private static ServerConfig.Reports reports(Source source) {
        var defaults = ServerConfig.Reports.DEFAULT;
        String url = source.get("report.db.url").orElse("");
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(source.name("report.db.url") + " must be a PostgreSQL JDBC URL like "
                    + "jdbc:postgresql://replica:5432/medconnect (got '" + url + "')");
        }
        return new ServerConfig.Reports(url.isEmpty() ? Optional.empty() : Optional.of(url),
                source.get("report.db.user").orElse(""), source.get("report.db.password").orElse(""),
                source.integer("report.db.pool.size", defaults.poolSize(), 1, 20),
                Duration.ofMillis(source.integer("report.statement.timeout.ms", (int) defaults.statementTimeout().toMillis(), 100, 600_000)));
    }

    private static ServerConfig.SecondFactor secondFactor(Source source) {
        var defaults = ServerConfig.SecondFactor.DEFAULT;
        java.util.Set<Role> roles = source.parsed("totp.required.roles", defaults.requiredRoles(), ConfigLoader::roles,
                "roles separated by commas (ADMIN, DOCTOR, NURSE, RECEPTIONIST) or NONE");
        Duration window = Duration.ofMinutes(source.integer("step.up.minutes", (int) defaults.stepUpWindow().toMinutes(), 1, 60));
        return new ServerConfig.SecondFactor(roles, window, defaults.pendingLifetime());
    }

    private static java.util.Set<Role> roles(String raw) {
        if (raw.strip().equalsIgnoreCase("none")) {
            return java.util.Set.of();
        }
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                roles.add(Role.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            }
        }
        return roles;
    }

    private static ServerConfig.Reminders reminders(Source source) {
        var defaults = ServerConfig.Reminders.DEFAULT;
        List<Duration> leads = source.parsed("reminder.lead.times", defaults.leadTimes(), ConfigLoader::leadTimes,
                "lead times like 24h or 24h,2h (each from 1m to 30d, in m, h or d)");
        Optional<ServerConfig.Smtp> smtp = source.get("smtp.host").map(host -> {
            String username = source.get("smtp.username").orElse("");
            String from = source.get("smtp.from").orElseThrow(() -> new ConfigException(
                    Source.envName("smtp.from") + " must be set with " + source.name("smtp.host")
                            + ": the address reminders come from, like clinic@example.org"));
            if (!from.matches("[^@\\s]+@[^@\\s]+")) {
                throw new ConfigException(source.name("smtp.from") + " must be an email address like clinic@example.org (got '" + from + "')");
            }
            return new ServerConfig.Smtp(host, source.integer("smtp.port", 587, 1, 65535), username,
                    source.get("smtp.password").orElse(""), from,
                    source.parsed("smtp.starttls", true, ConfigLoader::bool, "true or false"));
        });
        return new ServerConfig.Reminders(leads, defaults.maxAttempts(), defaults.firstRetry(), smtp);
    }

    /** "24h", "24h,2h", "90m", "2d": distinct, longest first. */
    static List<Duration> leadTimes(String raw) {
        TreeSet<Duration> leads = new TreeSet<>(Comparator.reverseOrder());
        for (String part : raw.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (!p.matches("[0-9]{1,5}[mhd]")) {
                throw new IllegalArgumentException();
            }
            long n = Long.parseLong(p.substring(0, p.length() - 1));
            Duration d = switch (p.charAt(p.length() - 1)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(30)) > 0) {
                throw new IllegalArgumentException();
            }
            leads.add(d);
        }
        return List.copyOf(leads);
    }

    private static boolean bool(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException();
        };
    }

    private Properties readFile(Path home) {
        Properties props = new Properties();
        String explicit = env.get("MEDCONNECT_CONFIG");
        Path file = explicit != null ? Path.of(explicit) : home.resolve("medconnect.properties");
        if (!Files.exists(file)) {
            if (explicit != null) {
                throw new ConfigException("MEDCONNECT_CONFIG points at " + file + ", which does not exist");
            }
            return props;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot read the configuration file " + file + ": " + e.getMessage());
        }
        return props;
    }

    private static String httpsUrl(String raw) {
        String url = raw.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (!url.matches("https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?")) {
            throw new IllegalArgumentException();
        }
        return url;
    }

    private static String currency(String raw) {
        String code = raw.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException();
        }
        return code;
    }

    /** Where a setting's value comes from, so an error can name it the way the user wrote it. */
    private record Source(Properties file, Map<String, String> env) {

        static String envName(String key) {
            return "MEDCONNECT_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
        }

        String name(String key) {
            return env.containsKey(envName(key)) ? envName(key) : file.containsKey(key) ? "'" + key + "' in the configuration file" : envName(key);
        }

        Optional<String> get(String key) {
            String value = env.get(envName(key));
            if (value == null) {
                value = file.getProperty(key);
            }
            return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
        }

        int integer(String key, int fallback, int min, int max) {
            Optional<String> raw = get(key);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.get());
                if (value < min || value > max) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new ConfigException(name(key) + " must be a whole number from " + min + " to " + max
                        + " (got '" + raw.get() + "')");
            }
        }

        <T> T parsed(String key, T fallback, Function<String, T> parser, String expected) {
            Optional<String> raw = get(key);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                return parser.apply(raw.get());
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new ConfigException(name(key) + " must be " + expected + " (got '" + raw.get() + "')");
            }
        }
    }
}
