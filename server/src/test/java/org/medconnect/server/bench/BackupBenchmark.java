package org.medconnect.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.medconnect.server.backup.BackupService;
import org.medconnect.server.platform.Database;

/**
 * Backs up a large clinic (the scheduling benchmark's load) and restores it into a new
 * database on the same PostgreSQL; prints one table. Not a test (docs/performance.md):
 * {@code ./mvnw -B -Pbench-backup -pl server -am verify -DskipTests [-Dbench.appointments=20000]}.
 */
public final class BackupBenchmark {

    private BackupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int appointments = Integer.getInteger("bench.appointments", 1_000_000);
        int patients = Integer.getInteger("bench.patients", 100_000);
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Path base = Path.of("target").toAbsolutePath();
        Path home = base.resolve("bench-backup-home");
        deleteTree(home);
        Files.createDirectories(home);
        try (BenchClinic clinic = BenchClinic.start(base.resolve("bench-pgdata"), true, zone)) {
            System.out.printf(Locale.ROOT, "MedConnect backup benchmark: %,d appointments, %,d patients; loading...%n", appointments, patients);
            var data = new ClinicLoader(clinic.database().dataSource(), clinic.services().staff(), zone, appointments, patients).load();
            System.out.printf(Locale.ROOT, "Loaded in %.1f s%n", data.loadSeconds());
            clinic.database().dsl().execute("vacuum analyze");
            var settings = BackupService.Settings.from(home, Map.of());
            var service = new BackupService(settings, clinic.database(), Clock.systemUTC());
            Path file = home.resolve("bench.mcbk");

            long t0 = System.nanoTime();
            var made = service.backupTo(file, Optional.empty());
            double backupSeconds = (System.nanoTime() - t0) / 1e9;

            try (Connection c = DriverManager.getConnection(clinic.jdbcUrl(), "postgres", "postgres"); Statement st = c.createStatement()) {
                st.execute("create database restored");
            }
            String url = clinic.jdbcUrl().replace("/postgres?", "/restored?");
            double restoreSeconds;
            try (Database target = Database.connectWithoutMigrating(url, "postgres", "postgres", 4)) {
                long t1 = System.nanoTime();
                BackupService.restore(target, file, settings, line -> { });
                restoreSeconds = (System.nanoTime() - t1) / 1e9;
            }
            System.out.println();
            System.out.println("| what | rows | file | time |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| backup (%d tables, encrypted) | %,d | %,.1f MB | %.1f s |%n", made.manifest().tables().size(),
                    made.manifest().totalRows(), made.bytes() / 1e6, backupSeconds);
            System.out.printf(Locale.ROOT, "| restore into an empty database (checks, load, counts) | %,d | | %.1f s |%n",
                    made.manifest().totalRows(), restoreSeconds);
        } finally {
            deleteTree(home);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
