package org.medconnect.server.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.DSLContext;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.backup.BackupArchive.DocumentEntry;
import org.medconnect.server.backup.BackupArchive.Manifest;
import org.medconnect.server.backup.BackupArchive.TableEntry;
import org.medconnect.server.backup.BackupCrypto.BackupRefused;
import org.medconnect.server.backup.BackupCrypto.Secret;
import org.medconnect.server.backup.BackupRepository.Sequence;
import org.medconnect.server.backup.BackupRepository.Table;
import org.medconnect.server.platform.ConfigException;
import org.medconnect.server.platform.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups that restore (decision 0024): an encrypted archive of every table (one snapshot)
 * and the documents folder, written to a file or to the backup folder with retention, and
 * the restore of such a file into an empty database.
 */
public final class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    static final String SUFFIX = ".mcbk";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    /**
     * Where backups go and when. From the environment: MEDCONNECT_BACKUP_DIR (default
     * {@code <home>/backups}), MEDCONNECT_BACKUP_KEEP (14), MEDCONNECT_BACKUP_TIME (02:30,
     * clinic time; "off" for no scheduled backups), MEDCONNECT_BACKUP_PASSPHRASE (instead of
     * the key file {@code <home>/backup.key}).
     */
    public record Settings(Path home, Path backupDir, Path documentsDir, Path keyFile, int keep, Optional<LocalTime> dailyAt,
                           Optional<String> passphrase) {

        public static Settings from(Path home, Map<String, String> env) {
            Path dir = Optional.ofNullable(env.get("MEDCONNECT_BACKUP_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                    .orElse(home.resolve("backups"));
            int keep;
            try {
                keep = Integer.parseInt(env.getOrDefault("MEDCONNECT_BACKUP_KEEP", "14").strip());
            } catch (NumberFormatException e) {
                throw new ConfigException("MEDCONNECT_BACKUP_KEEP must be a whole number of backups to keep");
            }
            if (keep < 1) {
                throw new ConfigException("MEDCONNECT_BACKUP_KEEP must be at least 1");
            }
            String at = env.getOrDefault("MEDCONNECT_BACKUP_TIME", "02:30").strip();
            Optional<LocalTime> daily;
            try {
                daily = at.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(LocalTime.parse(at));
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException("MEDCONNECT_BACKUP_TIME must be a time of day like 02:30, or off");
            }
            return new Settings(home, dir, home.resolve("documents"), home.resolve("backup.key"), keep, daily,
                    Optional.ofNullable(env.get("MEDCONNECT_BACKUP_PASSPHRASE")).filter(s -> !s.isEmpty()));
        }
    }

    /** A finished backup. */
    public record Made(Path file, long bytes, Manifest manifest) {}

    /** A finished restore. */
    public record Restored(Manifest manifest, String schemaVersionNow) {}

    private final Settings settings;
    private final Database database;
    private final Clock clock;
    private volatile boolean restoring;

    public BackupService(Settings settings, Database database, Clock clock) {
        this.settings = settings;
        this.database = database;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /** A backup in the backup folder, named by its time; older ones beyond the retention are deleted. */
    public Made backupToFolder(Optional<UUID> actor) {
        Path file = settings.backupDir().resolve("medconnect-" + STAMP.format(clock.instant().atOffset(ZoneOffset.UTC)) + SUFFIX);
        Made made = backupTo(file, actor);
        prune();
        return made;
    }

    /** A backup to this file (written next to it first, then moved into place). */
    public Made backupTo(Path file, Optional<UUID> actor) {
        if (restoring) {
            throw new org.medconnect.server.platform.DomainException.Unavailable(LiveRestore.IN_PROGRESS, LiveRestore.IN_PROGRESS_MESSAGE);
        }
        Secret secret = secret(true);
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "a file of that name is already there");
            }
            Manifest manifest;
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                 Connection c = database.dataSource().getConnection()) {
                setOwnerOnly(tmp);
                manifest = BackupArchive.write(c, Optional.of(settings.documentsDir()), BackupCrypto.encrypt(raw, secret),
                        clock.instant());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            long size = Files.size(target);
            database.dsl().transaction(cfg -> AuditTrail.in(cfg.dsl()).record(actor.orElse(null), "BACKUP_CREATED", "backup",
                    target.getFileName().toString(), manifest.tables().size() + " tables, " + manifest.totalRows() + " rows, "
                            + manifest.documents().size() + " documents, schema " + manifest.schemaVersion(),
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
            log.info("Backup written to {} ({} bytes, {} rows)", target, size, manifest.totalRows());
            return new Made(target, size, manifest);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Cannot write the backup to " + target + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            deleteQuietly(tmp);
            throw new IllegalStateException("Reading the database for the backup failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** While a console restore runs (decision 0047): no backup is started meanwhile. */
    void restoring(boolean now) {
        this.restoring = now;
    }

    /** The backup of the folder with this name, as {@link #list()} shows it. */
    Path fileNamed(String fileName) {
        return list().stream().filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
                .orElseThrow(() -> new org.medconnect.server.platform.DomainException.NotFound(
                        "There is no backup named " + fileName + " in the backup folder."));
    }

    /** Backups in the backup folder, newest first. */
    public List<Path> list() {
        if (!Files.isDirectory(settings.backupDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(settings.backupDir())) {
            return files.filter(p -> p.getFileName().toString().startsWith("medconnect-") && p.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the newest {@code keep} backups of the folder. */
    public void prune() {
        List<Path> all = list();
        for (Path old : all.subList(Math.min(settings.keep(), all.size()), all.size())) {
            deleteQuietly(old);
            log.info("Old backup {} deleted (keeping the newest {})", old.getFileName(), settings.keep());
        }
    }

    /**
     * Restores a backup into {@code target}, which must be an empty database (never migrated):
     * checks the whole file first, migrates to the backup's schema version, loads every table
     * in one transaction with triggers off and secondary indexes and constraints dropped (then
     * rebuilt and checked), sets the sequences, checks row counts, then
     * migrates to the newest schema this server knows.
     */
    public static Restored restore(Database target, Path file, Settings settings, Consumer<String> progress) {
        Secret secret = secret(settings, false);
        try {
            progress.accept("Checking " + file + " ...");
            Manifest manifest;
            try (InputStream in = open(file, secret)) {
                manifest = BackupArchive.check(in);
            }
            MigrationVersion backupVersion = MigrationVersion.fromVersion(manifest.schemaVersion());
            MigrationVersion known = target.newestKnownSchemaVersion();
            if (backupVersion.compareTo(known) > 0) {
                throw new BackupRefused("This backup is from a newer MedConnect (schema version " + manifest.schemaVersion()
                        + "); this server knows up to version " + known.getVersion() + ". Restore it with that version or newer.");
            }
            try (Connection c = target.dataSource().getConnection()) {
                long relations = new BackupRepository(c).relationCount();
                if (relations > 0) {
                    throw new BackupRefused("The database is not empty (" + relations + " tables or sequences). "
                            + "Restore only into a new, empty database; nothing was changed.");
                }
            }
            if (!manifest.documents().isEmpty() && Files.isDirectory(settings.documentsDir())) {
                try (Stream<Path> s = Files.list(settings.documentsDir())) {
                    if (s.findAny().isPresent()) {
                        throw new BackupRefused("The documents folder " + settings.documentsDir() + " is not empty; nothing was changed.");
                    }
                }
            }
            progress.accept("Creating the schema at version " + manifest.schemaVersion() + " ...");
            target.migrateTo(Optional.of(manifest.schemaVersion()));
            List<Path> written = new ArrayList<>();
            try (Connection c = target.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try {
                    load(c, file, secret, manifest, settings.documentsDir(), written, progress);
                    c.commit();
                } catch (SQLException | IOException | RuntimeException e) {
                    c.rollback();
                    written.forEach(BackupService::deleteQuietly);
                    throw e;
                }
            }
            target.migrateTo(Optional.empty());
            String now;
            try (Connection c = target.dataSource().getConnection()) {
                now = new BackupRepository(c).schemaVersion().orElseThrow();
            }
            progress.accept("Restored " + manifest.tables().size() + " tables (" + manifest.totalRows() + " rows) and "
                    + manifest.documents().size() + " documents from the backup of " + manifest.createdAt() + ".");
            return new Restored(manifest, now);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the backup " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Restoring into the database failed: " + e.getMessage(), e);
        }
    }

    static void load(Connection c, Path file, Secret secret, Manifest manifest, Path documentsDir, List<Path> written,
                             Consumer<String> progress) throws SQLException, IOException {
        var repo = new BackupRepository(c);
        List<Table> here = repo.tables();
        for (TableEntry t : manifest.tables()) {
            Table mine = here.stream().filter(h -> h.name().equals(t.name())).findFirst()
                    .orElseThrow(() -> new BackupRefused("Table " + t.name() + " of the backup does not exist at schema version "
                            + manifest.schemaVersion() + " here."));
            if (!mine.columns().containsAll(t.columns()) || !t.columns().containsAll(mine.columns())) {
                throw new BackupRefused("Table " + t.name() + " has other columns here than in the backup.");
            }
        }
        repo.triggersOff(here);
        // Migrations seed some rows (history, clocks, the audit chain head): the backup's replace them.
        repo.truncateAll(here);
        List<String> putBack = repo.dropIndexesAndConstraints();
        BackupArchive.load(open(file, secret), manifest, new BackupArchive.Loader() {
            @Override
            public void table(TableEntry table, InputStream data) throws SQLException, IOException {
                long rows = repo.copyIn(table.table(), data);
                if (rows != table.rows()) {
                    throw new BackupRefused("Table " + table.name() + " loaded " + rows + " rows; the backup says " + table.rows() + ".");
                }
                progress.accept("  " + table.name() + ": " + rows + " rows");
            }

            @Override
            public void document(DocumentEntry document, InputStream data) throws IOException {
                Path dest = documentsDir.resolve(document.path()).normalize();
                if (!dest.startsWith(documentsDir.normalize())) {
                    throw new BackupRefused("The backup names a document outside the documents folder: " + document.path());
                }
                Files.createDirectories(dest.getParent());
                Files.copy(data, dest);
                written.add(dest);
            }
        });
        progress.accept("Rebuilding " + putBack.size() + " indexes and constraints ...");
        for (String statement : putBack) {
            repo.execute(statement);
        }
        for (Sequence s : manifest.sequences()) {
            repo.setSequence(s);
        }
        repo.triggersOn(here);
        for (TableEntry t : manifest.tables()) {
            long rows = repo.count(t.table());
            if (rows != t.rows()) {
                throw new BackupRefused("Table " + t.name() + " holds " + rows + " rows after loading; the backup says " + t.rows() + ".");
            }
        }
    }

    static InputStream open(Path file, Secret secret) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BackupRefused("There is no backup file at " + file + ".");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return BackupCrypto.decrypt(raw, secret);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private Secret secret(boolean createKey) {
        return secret(settings, createKey);
    }

    /**
     * The passphrase when one is set, else the clinic's key file (made on the first backup;
     * it must have owner-only permissions, and a copy must be kept away from the server).
     */
    static Secret secret(Settings settings, boolean createKey) {
        if (settings.passphrase().isPresent()) {
            return new Secret.Passphrase(settings.passphrase().get().toCharArray());
        }
        Path key = settings.keyFile();
        try {
            if (!Files.exists(key)) {
                if (!createKey) {
                    throw new BackupRefused("There is no backup key at " + key + ". Put the clinic's backup.key there "
                            + "(or set MEDCONNECT_BACKUP_PASSPHRASE if the backup was made with a passphrase).");
                }
                Files.createDirectories(key.getParent());
                Files.createFile(key, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(key, Base64.getEncoder().encodeToString(BackupCrypto.newKey()) + "\n");
                log.warn("Created the backup key {}. Keep a copy of it away from this server: without it no backup can be restored.", key);
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(key);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new ConfigException("The backup key " + key + " can be read by others; run: chmod 600 " + key);
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(key).strip());
            if (bytes.length != 32) {
                throw new ConfigException("The backup key " + key + " is not a MedConnect backup key (32 bytes, Base64).");
            }
            return new Secret.KeyFile(bytes, key.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("The backup key " + key + " is not valid Base64.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the backup key " + key + ": " + e.getMessage(), e);
        }
    }

    private static void setOwnerOnly(Path p) {
        try {
            Files.setPosixFilePermissions(p, OWNER_ONLY);
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Cannot make {} readable by its owner only: {}", p, e.getMessage());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", p, e.getMessage());
        }
    }
}
