package org.medconnect.server.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The out-of-the-box PostgreSQL, data under {@code <home>/pgdata}, and what keeps it tied to its
 * server (decision 0019): the home's {@link HomeLock}, an orphan left by a killed server stopped
 * before start, a watchdog that stops PostgreSQL when this JVM dies however it dies, and a restart
 * on the same port when PostgreSQL stops under the running server.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /**
     * Waits for end-of-file on its stdin, which comes when this JVM exits (the kernel closes the
     * pipe even after kill -9), then fast-stops the postmaster named by the data directory's
     * postmaster.pid if that process is a postgres on this data directory. Ignores the terminal's
     * Ctrl-C: the JVM stops its own database then, and the pipe still closes.
     */
    private static final String WATCHDOG = """
            trap '' INT TERM HUP
            cat >/dev/null 2>&1
            pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null) || exit 0
            case "$pid" in ''|*[!0-9]*) exit 0 ;; esac
            if tr '\\000' '\\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$1"; then kill -INT "$pid"; fi
            """;

    private final Path dataDir;
    private final HomeLock homeLock;
    private final int port;
    private final Process watchdog;
    private EmbeddedPostgres postgres;
    private long postmasterPid;
    private long nextRestartNanos;
    private long restartBackoffMillis = 1_000;
    // zonky's own shutdown hook stops PostgreSQL while ours still runs: that is not an outage to repair.
    private volatile boolean closing;

    private EmbeddedDatabase(Path dataDir, HomeLock homeLock, EmbeddedPostgres postgres, Process watchdog) {
        this.dataDir = dataDir;
        this.homeLock = homeLock;
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.watchdog = watchdog;
        this.postmasterPid = readPostmasterPid(dataDir).orElse(-1L);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> closing = true));
    }

    /** Locks the home, stops an orphan of ours, starts PostgreSQL and its watchdog. */
    static EmbeddedDatabase start(Path home) {
        HomeLock lock = HomeLock.acquire(home);
        try {
            Path dataDir = home.resolve("pgdata").toAbsolutePath().normalize();
            OrphanedPostgres.ofThisMachine().stopOrphan(dataDir);
            EmbeddedPostgres pg = startPostgres(dataDir, 0);
            return new EmbeddedDatabase(dataDir, lock, pg, startWatchdog(dataDir));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir.getParent());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky starts PostgreSQL for throwaway test data (fsync and synchronous
                    // commit off); the clinic's own database must survive a power cut.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // The data sits on the workstation's or server's SSD: index lookups are
                    // cheap, so the day board joins patients by key instead of hashing the table.
                    .setServerConfig("random_page_cost", "1.1")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("Cannot start the embedded PostgreSQL in " + dataDir + ": " + rootMessage(e));
        }
    }

    private static Process startWatchdog(Path dataDir) {
        try {
            return new ProcessBuilder("/bin/sh", "-c", WATCHDOG, "medconnect-pg-watchdog", dataDir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            // Without /bin/sh (Windows) the next start stops an orphan instead.
            log.warn("No watchdog for the embedded PostgreSQL ({}); after a crash the next start stops it", e.getMessage());
            return null;
        }
    }

    synchronized DataSource adminDataSource() {
        return postgres.getPostgresDatabase();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The postmaster's pid as of the last start (for tests and the fault suite). */
    synchronized long postmasterPid() {
        return postmasterPid;
    }

    /**
     * Called while the database cannot be reached: if the postmaster has died (killed, or stopped
     * after a failed write to a full disk) start it again on the same port, at most every few
     * seconds. A postmaster that is alive is left alone: it is starting or recovering by itself.
     */
    synchronized void restartIfStopped() {
        if (closing) {
            return;
        }
        if (postmasterPid > 0 && isRunning(postmasterPid)) {
            return;
        }
        long now = System.nanoTime();
        if (now < nextRestartNanos) {
            return;
        }
        log.warn("The embedded PostgreSQL (pid {}) has stopped; starting it again on port {}", postmasterPid, port);
        long started = System.nanoTime();
        closeStopped(postgres);
        try {
            OrphanedPostgres.ofThisMachine().stopOrphan(dataDir);
            postgres = startPostgres(dataDir, port);
            postmasterPid = readPostmasterPid(dataDir).orElse(-1L);
            restartBackoffMillis = 1_000;
            log.warn("The embedded PostgreSQL is running again (pid {}), started in {} ms", postmasterPid,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            nextRestartNanos = System.nanoTime() + restartBackoffMillis * 1_000_000;
            log.error("{}; trying again in {} s", e.getMessage(), restartBackoffMillis / 1000);
            restartBackoffMillis = Math.min(restartBackoffMillis * 2, 15_000);
        }
    }

    /**
     * Releases zonky's hold on the data directory. Its {@code pg_ctl stop} fails on a dead postmaster
     * and zonky logs that with a stack trace; we said what happened already, so keep it quiet.
     */
    private static void closeStopped(EmbeddedPostgres dead) {
        org.slf4j.Logger zonky = LoggerFactory.getLogger(EmbeddedPostgres.class);
        ch.qos.logback.classic.Level before = null;
        if (zonky instanceof ch.qos.logback.classic.Logger logback) {
            before = logback.getLevel();
            logback.setLevel(ch.qos.logback.classic.Level.OFF);
        }
        try {
            dead.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the stopped PostgreSQL: {}", e.getMessage());
        } finally {
            if (zonky instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(before);
            }
        }
    }

    /** Alive and not a zombie waiting for init to reap it (a killed postmaster stays one for a while). */
    private static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    static Optional<Long> readPostmasterPid(Path dataDir) {
        try {
            String first = Files.readString(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return Optional.of(Long.parseLong(first.strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse(root.getClass().getSimpleName());
    }

    @Override
    public synchronized void close() {
        closing = true;
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        if (watchdog != null) {
            try {
                // End of file: it looks, finds PostgreSQL stopped, and exits.
                watchdog.getOutputStream().close();
            } catch (IOException ignored) {
                // it exits with this JVM anyway
            }
        }
        homeLock.close();
    }
}
