package org.medconnect.desktop.chart.encounter;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local crash copy of a note being typed (decision 0030): one file per encounter under the
 * desktop's home, readable only by the user, written on every edit and removed once the server
 * has the text, so a closed window, an ended session or a dropped server loses no typed word.
 */
public final class NoteCrashCopy {

    private static final Logger log = LoggerFactory.getLogger(NoteCrashCopy.class);

    /** A note as it was typed, on top of which server version, and when. */
    public record Copy(String subjective, String objective, String assessment, String plan, int baseVersion, Instant typedAt) {}

    private final Path directory;

    public NoteCrashCopy(Path desktopHome) {
        this.directory = desktopHome.resolve("note-drafts");
    }

    public void save(String encounterId, Copy copy) {
        try {
            ensureDirectory();
            Path tmp = Files.createTempFile(directory, "draft", ".tmp");
            ownerOnly(tmp);
            Properties p = new Properties();
            p.setProperty("subjective", copy.subjective());
            p.setProperty("objective", copy.objective());
            p.setProperty("assessment", copy.assessment());
            p.setProperty("plan", copy.plan());
            p.setProperty("baseVersion", Integer.toString(copy.baseVersion()));
            p.setProperty("typedAt", copy.typedAt().toString());
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            Files.move(tmp, file(encounterId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Never the note's text in the log; the server copy is still being attempted.
            log.warn("Could not keep the local copy of a note draft", e);
        }
    }

    public Optional<Copy> load(String encounterId) {
        Path f = file(encounterId);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new Copy(p.getProperty("subjective", ""), p.getProperty("objective", ""),
                    p.getProperty("assessment", ""), p.getProperty("plan", ""), Integer.parseInt(p.getProperty("baseVersion", "0")),
                    Instant.parse(p.getProperty("typedAt"))));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read the local copy of a note draft", e);
            return Optional.empty();
        }
    }

    public void remove(String encounterId) {
        try {
            Files.deleteIfExists(file(encounterId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String encounterId) {
        // Encounter ids are UUIDs from the server; anything else cannot name a path outside the folder.
        return directory.resolve(encounterId.replaceAll("[^0-9a-fA-F-]", "_") + ".draft");
    }

    private void ensureDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            try {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                directory.toFile().setReadable(false, false);
                directory.toFile().setReadable(true, true);
            }
        }
    }

    private static void ownerOnly(Path f) throws IOException {
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            f.toFile().setReadable(false, false);
            f.toFile().setReadable(true, true);
        }
    }
}
