package org.medconnect.server.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.platform.tls.TlsSettings;

/** Server settings for tests: defaults of a real clinic, but cheap password hashing and UTC. */
public final class TestConfig {

    private TestConfig() {}

    public static ServerConfig defaults() {
        return new ServerConfig(Path.of("target", "test-home"), "127.0.0.1", 0, Optional.empty(), "postgres", "",
                10, Duration.ofMinutes(15), Duration.ofHours(12), 5, Duration.ofMinutes(15), ZoneId.of("UTC"), "USD", "https://meet.example.test",
                // Real Argon2id, low cost: hundreds of hashes per test run.
                new ServerConfig.PasswordHashing(1024, 1, 1),
                ServerConfig.Reminders.DEFAULT,
                // Tests talk to in-process servers; the TLS suite builds its own credentials.
                new TlsSettings(true, Optional.empty(), Optional.empty(), List.of()),
                // No role must enrol by default, so existing sign-in tests stay one step; the second-factor tests turn it on.
                new ServerConfig.SecondFactor(Set.of(), ServerConfig.SecondFactor.DEFAULT.stepUpWindow(),
                        ServerConfig.SecondFactor.DEFAULT.pendingLifetime()),
                org.medconnect.shared.locale.ClinicLocale.DEFAULT,

                ServerConfig.Reports.DEFAULT,
                ServerConfig.Documents.DEFAULT);
    }
}
