package org.medconnect.server.backup;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.backup.BackupArchive.Manifest;
import org.medconnect.server.backup.BackupCrypto.BackupRefused;
import org.medconnect.server.backup.BackupCrypto.Secret;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.MaintenanceGate;
import org.medconnect.server.platform.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores one of the folder's backups into the running server (decision 0047): the backup is
 * checked whole first; then, with every other call held off ({@link MaintenanceGate}) and the live
 * streams ended, it is loaded into a fresh schema beside the live one, and one transaction swaps
 * the two schemas and drops the old one. Until that commit the live data is untouched; after it
 * the clinic is the backup's, audited there. The documents folder is swapped right after.
 */
public final class LiveRestore {

    private static final Logger log = LoggerFactory.getLogger(LiveRestore.class);

    public static final String IN_PROGRESS = "RESTORE_IN_PROGRESS";
    public static final String IN_PROGRESS_MESSAGE =
            "A backup is being restored on the server; the clinic is back in a few minutes. Retrying then is safe.";
    static final String REFUSED = "BACKUP_REFUSED";
    /** Calls under way get this long to finish before a restore gives up (and changes nothing). */
    static final Duration DRAIN = Duration.ofSeconds(30);
    /** The swap waits this long for locks held by connections outside the server (a DBA's session). */
    static final Duration SWAP_LOCK_WAIT = Duration.ofSeconds(15);

    /** What the rest of the server does around a restore: streams, caches, and the clinic's name. */
    public interface Clinic {
        /** Ends every live stream with {@code why}; workstations reconnect afterwards. */
        void endStreams(DomainException why);

        /** The database was replaced: follow its newest events from now on. */
        void resync();

        /** The clinic's name now, which the admin types to confirm. */
        String clinicName();
    }

    /** What a backup holds, and why this server would refuse it (empty when it would not). */
    public record Description(Path file, long bytes, Manifest manifest, String serverSchemaVersion, Optional<String> refusal,
                              String clinicName) {}

    /** A finished restore. */
    public record Result(Manifest manifest, Duration took) {}

    private final BackupService backups;
    private final Database database;
    private final MaintenanceGate gate;
    private final Clinic clinic;
    private final Clock clock;
    private final String restoreMethod;
    private final AtomicBoolean running = new AtomicBoolean();

    /** @param restoreMethod the full gRPC method name of the restore, which the gate answers ABORTED while one runs */
    public LiveRestore(BackupService backups, Database database, MaintenanceGate gate, Clinic clinic, Clock clock,
                       String restoreMethod) {
        this.backups = backups;
        this.database = database;
        this.gate = gate;
        this.clinic = clinic;
        this.clock = clock;
        this.restoreMethod = restoreMethod;
    }

    /** Reads the whole backup and checks it; changes nothing. */
    public Description describe(String fileName) {
        Path file = backups.fileNamed(fileName);
        Manifest manifest = check(file);
        MigrationVersion known = database.newestKnownSchemaVersion();
        return new Description(file, size(file), manifest, known.getVersion(), newer(manifest, known), clinic.clinicName());
    }

    /**
     * Replaces the whole clinic with the backup, or changes nothing. One at a time: a second call
     * meanwhile is ABORTED.
     */
    public Result restore(Principal actor, String fileName, String confirmClinicName) {
        if (!running.compareAndSet(false, true)) {
            throw inProgress();
        }
        try {
            return restoreAlone(actor, fileName, confirmClinicName);
        } finally {
            running.set(false);
        }
    }

    private Result restoreAlone(Principal actor, String fileName, String confirmClinicName) {
        String name = clinic.clinicName();
        if (!name.strip().equalsIgnoreCase(confirmClinicName.strip())) {
            throw DomainException.InvalidInput.of("confirm_clinic_name",
                    "Type the clinic's name exactly as it is, \"" + name + "\", to confirm the restore.");
        }
        Path file = backups.fileNamed(fileName);
        Manifest manifest = check(file);
        newer(manifest, database.newestKnownSchemaVersion()).ifPresent(why -> {
            throw new DomainException.FailedPrecondition(REFUSED, why);
        });
        Secret secret = BackupService.secret(backups.settings(), false);
        Instant started = clock.instant();
        boolean closed;
        try {
            // This restore's own call is one of those under way.
            closed = gate.close(new MaintenanceGate.Closed(IN_PROGRESS, IN_PROGRESS_MESSAGE, restoreMethod, IN_PROGRESS,
                    "A restore is already under way; wait for it to finish."), DRAIN, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException.Unavailable("INTERRUPTED", "The server is stopping; nothing was restored.");
        }
        if (!closed) {
            throw new DomainException.Aborted("CALLS_UNDER_WAY", "Other calls were still running after " + DRAIN.toSeconds()
                    + " seconds, so nothing was restored. Try again in a quieter moment.");
        }
        backups.restoring(true);
        String temp = "medconnect_restore_" + started.toEpochMilli();
        Path home = backups.settings().home();
        Path incoming = home.resolve("documents-restoring");
        try {
            log.info("Restore of {} by {} started: the clinic is closed until it ends", fileName, actor.username());
            clinic.endStreams(new DomainException.Unavailable(IN_PROGRESS, IN_PROGRESS_MESSAGE));
            evictPool();
            try (Connection c = database.openDedicatedConnection()) {
                refuseOtherInstances(c);
                deleteTree(incoming);
                build(c, temp, file, secret, manifest, incoming);
                swap(c, temp, actor, fileName, manifest);
            }
            swapDocuments(home.resolve("documents"), incoming, started);
            evictPool();
            clinic.resync();
            Duration took = Duration.between(started, clock.instant());
            log.info("Restore of {} by {} finished in {} ms: the clinic is as it was at {}", fileName, actor.username(),
                    took.toMillis(), manifest.createdAt());
            return new Result(manifest, took);
        } catch (SQLException | IOException | RuntimeException e) {
            dropQuietly(temp);
            deleteTreeQuietly(incoming);
            evictPool();
            clinic.resync();
            auditFailure(actor, fileName, e);
            throw translate(e);
        } finally {
            backups.restoring(false);
            gate.open();
        }
    }

    /** Decrypts the whole file and checks every checksum; a damaged or changed backup is refused. */
    private Manifest check(Path file) {
        Secret secret = BackupService.secret(backups.settings(), false);
        try (InputStream in = BackupService.open(file, secret)) {
            return BackupArchive.check(in);
        } catch (BackupRefused e) {
            throw new DomainException.FailedPrecondition(REFUSED, e.getMessage() + " Nothing was changed.");
        } catch (IOException e) {
            throw new DomainException.FailedPrecondition(REFUSED, "This backup cannot be read (" + e.getMessage()
                    + "): it is damaged or was changed. Nothing was changed.");
        } catch (org.medconnect.server.platform.ConfigException e) {
            throw new DomainException.FailedPrecondition(REFUSED, e.getMessage());
        }
    }

    private static Optional<String> newer(Manifest manifest, MigrationVersion known) {
        if (MigrationVersion.fromVersion(manifest.schemaVersion()).compareTo(known) > 0) {
            return Optional.of("This backup is from a newer MedConnect (schema version " + manifest.schemaVersion()
                    + "); this server knows up to version " + known.getVersion() + ". Restore it with that version or newer. "
                    + "Nothing was changed.");
        }
        return Optional.empty();
    }

    /**
     * Other server instances (and command-line tools) on this database would go on writing into
     * the schema being replaced, and keep caches of it: refuse while any is connected. They are
     * told apart by the name every MedConnect pool gives its connections.
     */
    private void refuseOtherInstances(Connection c) throws SQLException {
        List<String> others = new ArrayList<>();
        try (var ps = c.prepareStatement("""
                select distinct application_name from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid()
                  and application_name like 'medconnect server %' and application_name <> ?
                order by 1""")) {
            ps.setString(1, Database.CONNECTION_NAME);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    others.add(rs.getString(1));
                }
            }
        }
        if (!others.isEmpty()) {
            throw new DomainException.FailedPrecondition("OTHER_INSTANCES", "Another MedConnect server (or a backup or restore "
                    + "command) is using this database (" + String.join(", ", others) + "). Stop the other instances first, "
                    + "restore here, then start them again. Nothing was changed.");
        }
    }

    /** The backup, loaded into a schema of its own next to the live one, then migrated to this server's newest version. */
    private void build(Connection c, String temp, Path file, Secret secret, Manifest manifest, Path documents)
            throws SQLException, IOException {
        execute(c, "create schema " + BackupRepository.ident(temp));
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").schemas(temp)
                .defaultSchema(temp).createSchemas(false).target(manifest.schemaVersion()).load().migrate();
        execute(c, "set search_path to " + BackupRepository.ident(temp) + ", public");
        c.setAutoCommit(false);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(documents);
            BackupService.load(c, file, secret, manifest, documents, written, step -> log.info("Restore: {}", step.strip()));
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").schemas(temp)
                .defaultSchema(temp).createSchemas(false).load().migrate();
        evictPool();
    }

    /**
     * One transaction: the audit entry in the restored data, the live schema renamed away, the
     * restored one renamed into its place, the extensions moved over, the old schema dropped.
     * Refuses to commit if dropping the old schema would take anything of the new one with it.
     */
    private void swap(Connection c, String temp, Principal actor, String fileName, Manifest manifest) throws SQLException {
        String old = "medconnect_replaced_" + temp.substring("medconnect_restore_".length());
        c.setAutoCommit(false);
        try {
            execute(c, "set local lock_timeout = '" + SWAP_LOCK_WAIT.toMillis() + "ms'");
            execute(c, "set local search_path to " + BackupRepository.ident(temp) + ", public");
            var tx = DSL.using(c, SQLDialect.POSTGRES);
            boolean actorKnown = tx.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("staff_user")))
                    .where(DSL.field(DSL.name("id"), java.util.UUID.class).eq(actor.userId())));
            AuditTrail.in(tx).record(actorKnown ? actor.userId() : null, "DATABASE_RESTORED", "backup", fileName,
                    "restored from the console by " + actor.username() + ": backup of " + manifest.createdAt() + ", schema "
                            + manifest.schemaVersion() + ", " + manifest.tables().size() + " tables, " + manifest.totalRows()
                            + " rows, " + manifest.documents().size() + " documents",
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            execute(c, "alter schema public rename to " + BackupRepository.ident(old));
            execute(c, "alter schema " + BackupRepository.ident(temp) + " rename to public");
            List<String> extensions = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("""
                    select e.extname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
                    where n.nspname = '%s' order by 1""".formatted(old))) {
                while (rs.next()) {
                    extensions.add(rs.getString(1));
                }
            }
            for (String e : extensions) {
                execute(c, "alter extension " + BackupRepository.ident(e) + " set schema public");
            }
            long before = objectsInPublic(c);
            execute(c, "drop schema " + BackupRepository.ident(old) + " cascade");
            long after = objectsInPublic(c);
            if (after != before) {
                throw new IllegalStateException("Dropping the replaced schema would also drop " + (before - after)
                        + " objects of the restored one");
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static long objectsInPublic(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("""
                select (select count(*) from pg_class k join pg_namespace n on n.oid = k.relnamespace where n.nspname = 'public')
                     + (select count(*) from pg_constraint k join pg_namespace n on n.oid = k.connamespace where n.nspname = 'public')
                     + (select count(*) from pg_proc k join pg_namespace n on n.oid = k.pronamespace where n.nspname = 'public')
                     + (select count(*) from pg_trigger t join pg_class k on k.oid = t.tgrelid
                        join pg_namespace n on n.oid = k.relnamespace where n.nspname = 'public')""")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The restored documents take the live folder's place (the database already switched). */
    private static void swapDocuments(Path live, Path incoming, Instant started) throws IOException {
        Path replaced = live.resolveSibling("documents-replaced-" + started.toEpochMilli());
        if (Files.exists(live)) {
            Files.move(live, replaced);
        }
        Files.move(incoming, live);
        deleteTreeQuietly(replaced);
    }

    private void auditFailure(Principal actor, String fileName, Exception e) {
        try {
            database.dsl().transaction(cfg -> AuditTrail.in(cfg.dsl()).record(actor.userId(), "DATABASE_RESTORE_FAILED", "backup",
                    fileName, "nothing was changed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
        } catch (RuntimeException auditFailed) {
            log.warn("Could not audit the failed restore of {}: {}", fileName, auditFailed.getMessage());
        }
    }

    private static RuntimeException translate(Exception e) {
        if (e instanceof DomainException de) {
            return de;
        }
        if (e instanceof BackupRefused br) {
            return new DomainException.FailedPrecondition(REFUSED, br.getMessage() + " Nothing was changed.");
        }
        if (e instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
            return new DomainException.Aborted("DATABASE_BUSY", "Another connection to the database held the clinic's tables, "
                    + "so nothing was restored. Close other database sessions and try again.");
        }
        log.error("Restore failed; nothing was changed", e);
        return new DomainException.FailedPrecondition("RESTORE_FAILED", "The restore failed and nothing was changed: "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()));
    }

    private static DomainException inProgress() {
        return new DomainException.Aborted(IN_PROGRESS, "A restore is already under way; wait for it to finish.");
    }

    private void evictPool() {
        try {
            var bean = database.dataSource().unwrap(HikariDataSource.class).getHikariPoolMXBean();
            if (bean != null) {
                bean.softEvictConnections();
            }
        } catch (SQLException e) {
            log.warn("Could not renew the pool's connections: {}", e.getMessage());
        }
    }

    private void dropQuietly(String schema) {
        try (Connection c = database.openDedicatedConnection()) {
            execute(c, "drop schema if exists " + BackupRepository.ident(schema) + " cascade");
        } catch (SQLException e) {
            log.warn("Could not drop the unfinished restore schema {}: {}", schema, e.getMessage());
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteTreeQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }
}
