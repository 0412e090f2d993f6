package org.medconnect.server.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.medconnect.server.platform.ServerConfig;

/** Server settings for tests: defaults of a real clinic, but cheap password hashing and UTC. */
public final class TestConfig {

    private TestConfig() {}

    public static ServerConfig defaults() {
        return new ServerConfig(Path.of("target", "test-home"), "127.0.0.1", 0, Optional.empty(), "postgres", "",
                10, Duration.ofMinutes(15), Duration.ofHours(12), 5, Duration.ofMinutes(15), ZoneId.of("UTC"), "USD", "https://meet.example.test",
                // Real Argon2id, low cost: hundreds of hashes per test run.
                new ServerConfig.PasswordHashing(1024, 1, 1),
                ServerConfig.Reminders.DEFAULT, org.medconnect.shared.locale.ClinicLocale.DEFAULT);
    }
}
