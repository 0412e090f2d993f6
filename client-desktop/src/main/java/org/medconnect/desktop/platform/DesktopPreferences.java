package org.medconnect.desktop.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small per-workstation settings (last server, last username, default currency, the pinned certificate
 * fingerprint of each server) in a properties file.
 */
public final class DesktopPreferences {

    public static final String HOME_PROPERTY = "medconnect.desktop.home";
    private static final Logger log = LoggerFactory.getLogger(DesktopPreferences.class);

    private final Path file;
    private final Properties values = new Properties();

    public DesktopPreferences(Path directory) {
        this.file = directory.resolve("desktop.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException e) {
                log.warn("Could not read {}; starting with defaults", file, e);
            }
        }
    }

    /** The directory named by -Dmedconnect.desktop.home, else ~/.medconnect/desktop. */
    public static DesktopPreferences fromSystem() {
        return new DesktopPreferences(home());
    }

    /** The desktop's home: -Dmedconnect.desktop.home, else ~/.medconnect/desktop (also where note crash copies live). */
    public static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        return configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".medconnect", "desktop")
                : Path.of(configured);
    }

    public Optional<String> lastServer() {
        return get("server.address");
    }

    public Optional<String> lastUsername() {
        return get("last.username");
    }

    public String currency() {
        return get("default.currency").orElse("USD");
    }

    public void rememberSignIn(String serverAddress, String username) {
        values.setProperty("server.address", serverAddress);
        values.setProperty("last.username", username);
        save();
    }

    /** The SHA-256 fingerprint of the certificate this workstation trusts for {@code serverAddress}. */
    public Optional<String> pinnedCertificate(String serverAddress) {
        return get("server.pin." + serverAddress);
    }

    /** Trusts the certificate with this fingerprint for {@code serverAddress} from now on. */
    public void pinCertificate(String serverAddress, String fingerprint) {
        values.setProperty("server.pin." + serverAddress, fingerprint);
        save();
    }

    private Optional<String> get(String key) {
        String value = values.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                values.store(out, "MedConnect workstation settings");
            }
        } catch (IOException e) {
            log.warn("Could not save {}", file, e);
        }
    }
}
