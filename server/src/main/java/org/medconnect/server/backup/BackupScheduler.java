package org.medconnect.server.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.medconnect.server.platform.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily backup inside the server, at the configured clinic time. With several server
 * instances on one database, an advisory lock lets one of them do it.
 */
public final class BackupScheduler {

    private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);
    /** pg advisory lock key for "the daily backup is running" ("MCBACKUP" as a number). */
    private static final long LOCK_KEY = 0x4D43_4241_434B_5550L;

    private final BackupService backups;
    private final Database database;
    private final LocalTime at;
    private final ZoneId zone;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public BackupScheduler(BackupService backups, Database database, LocalTime at, ZoneId zone, Clock clock) {
        this.backups = backups;
        this.database = database;
        this.at = at;
        this.zone = zone;
        this.clock = clock;
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("medconnect-backup").daemon().factory());
        scheduleNext();
        log.info("Daily backup at {} ({}) into {}, keeping {}", at, zone, backups.settings().backupDir(), backups.settings().keep());
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** How long until the next run at {@code at} in {@code zone} (today if still ahead, else tomorrow). */
    static Duration untilNext(ZonedDateTime now, LocalTime at) {
        ZonedDateTime next = now.toLocalDate().atTime(at).atZone(now.getZone());
        if (!next.isAfter(now)) {
            next = now.toLocalDate().plusDays(1).atTime(at).atZone(now.getZone());
        }
        return Duration.between(now, next);
    }

    private synchronized void scheduleNext() {
        if (timer == null) {
            return;
        }
        Duration wait = untilNext(ZonedDateTime.now(clock.withZone(zone)), at);
        timer.schedule(this::runOnce, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try (Connection c = database.openDedicatedConnection()) {
            if (lock(c)) {
                try {
                    backups.backupToFolder(Optional.empty());
                } finally {
                    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
                        ps.setLong(1, LOCK_KEY);
                        ps.execute();
                    }
                }
            } else {
                log.info("Another server instance is making the daily backup");
            }
        } catch (Exception e) {
            // The next day's run tries again; an admin sees the missing file in ListBackups.
            log.error("The daily backup failed: {}", e.getMessage(), e);
        } finally {
            scheduleNext();
        }
    }

    private static boolean lock(Connection c) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
