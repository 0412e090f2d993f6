package org.medconnect.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path home;

    private ServerConfig load(Map<String, String> env) {
        var all = new java.util.HashMap<>(env);
        all.putIfAbsent("MEDCONNECT_HOME", home.toString());
        return new ConfigLoader(all).load();
    }

    @Test
    void defaultsGiveAnEmbeddedDatabaseOnLoopback() {
        ServerConfig config = load(Map.of());
        assertThat(config.usesEmbeddedDatabase()).isTrue();
        assertThat(config.port()).isEqualTo(50051);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.sessionMaxLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(config.lockoutAttempts()).isEqualTo(5);
        assertThat(config.lockoutDuration()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theClinicLocaleDefaultsToBritishDatesAndFollowsMedconnectLocale() {
        assertThat(load(Map.of()).clinicLocale().datePattern()).isEqualTo("dd/MM/yyyy");
        ServerConfig american = load(Map.of("MEDCONNECT_LOCALE", "en-US"));
        assertThat(american.clinicLocale().datePattern()).isEqualTo("M/d/yyyy");
        assertThat(american.clinicLocale().firstDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults() throws Exception {
        Files.writeString(home.resolve("medconnect.properties"), "port=6000\nlockout.attempts=3\n");
        ServerConfig config = load(Map.of("MEDCONNECT_PORT", "7000"));
        assertThat(config.port()).isEqualTo(7000);
        assertThat(config.lockoutAttempts()).isEqualTo(3);
    }

    @Test
    void aDatabaseUrlSwitchesOffTheEmbeddedDatabase() {
        ServerConfig config = load(Map.of("MEDCONNECT_DB_URL", "jdbc:postgresql://db:5432/clinic", "MEDCONNECT_DB_USER", "mc"));
        assertThat(config.usesEmbeddedDatabase()).isFalse();
        assertThat(config.dbUser()).isEqualTo("mc");
    }

    @ParameterizedTest
    @CsvSource({
        "MEDCONNECT_PORT, abc, MEDCONNECT_PORT must be a whole number from 1 to 65535 (got 'abc')",
        "MEDCONNECT_PORT, 70000, MEDCONNECT_PORT must be a whole number from 1 to 65535 (got '70000')",
        "MEDCONNECT_DB_URL, mysql://x, MEDCONNECT_DB_URL must be a PostgreSQL JDBC URL",
        "MEDCONNECT_CLINIC_TIMEZONE, Mars/Olympus, MEDCONNECT_CLINIC_TIMEZONE must be a time zone",
        "MEDCONNECT_SESSION_IDLE_MINUTES, 0, MEDCONNECT_SESSION_IDLE_MINUTES must be a whole number",
        "MEDCONNECT_CURRENCY, dollars, MEDCONNECT_CURRENCY must be a three-letter currency code",
        "MEDCONNECT_REMINDER_LEAD_TIMES, tomorrow, MEDCONNECT_REMINDER_LEAD_TIMES must be lead times like 24h",
        "MEDCONNECT_REMINDER_LEAD_TIMES, 0m, MEDCONNECT_REMINDER_LEAD_TIMES must be lead times like 24h",
        "MEDCONNECT_SMTP_HOST, mail.clinic.test, MEDCONNECT_SMTP_FROM must be set with MEDCONNECT_SMTP_HOST",
    })
    void aBadSettingStopsStartUpWithOneLineNamingIt(String variable, String value, String expected) {
        assertThatThrownBy(() -> load(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void remindersGoOutADayAheadToTheOutboxUnlessConfigured() {
        var reminders = load(Map.of()).reminders();
        assertThat(reminders.leadTimes()).containsExactly(Duration.ofHours(24));
        assertThat(reminders.smtp()).isEmpty();
    }

    @Test
    void leadTimesAndAnSmtpServerAreRead() {
        var reminders = load(Map.of("MEDCONNECT_REMINDER_LEAD_TIMES", "2h, 2d,90m", "MEDCONNECT_SMTP_HOST", "mail.clinic.test",
                "MEDCONNECT_SMTP_PORT", "2525", "MEDCONNECT_SMTP_USERNAME", "reminders", "MEDCONNECT_SMTP_PASSWORD", "pw-secret",
                "MEDCONNECT_SMTP_FROM", "desk@clinic.test", "MEDCONNECT_SMTP_STARTTLS", "false")).reminders();
        assertThat(reminders.leadTimes()).containsExactly(Duration.ofDays(2), Duration.ofHours(2), Duration.ofMinutes(90));
        assertThat(reminders.smtp()).get().satisfies(smtp -> {
            assertThat(smtp.host()).isEqualTo("mail.clinic.test");
            assertThat(smtp.port()).isEqualTo(2525);
            assertThat(smtp.username()).isEqualTo("reminders");
            assertThat(smtp.password()).isEqualTo("pw-secret");
            assertThat(smtp.startTls()).isFalse();
            assertThat(smtp.toString()).doesNotContain("pw-secret");
        });
    }

    @Test
    void aBadValueInTheFileIsNamedAsTheFileKey() throws Exception {
        Files.writeString(home.resolve("medconnect.properties"), "port=eighty\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageStartingWith("'port' in the configuration file must be");
    }

    @Test
    void aMissingExplicitConfigFileIsReported() {
        assertThatThrownBy(() -> load(Map.of("MEDCONNECT_CONFIG", home.resolve("nope.properties").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }
}
