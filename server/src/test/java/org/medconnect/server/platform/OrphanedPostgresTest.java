package org.medconnect.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.server.platform.OrphanedPostgres.Finding;

class OrphanedPostgresTest {

    @TempDir
    Path home;

    private static final String PG = "/opt/pg/bin/postgres";

    private static OrphanedPostgres machineWith(Map<Long, List<String>> running) {
        return new OrphanedPostgres(pid -> Optional.ofNullable(running.get(pid)));
    }

    private static String pidFile(long pid, Path dataDir) {
        return pid + "\n" + dataDir + "\n1796516718\n46035\n/tmp\nlocalhost\n  5399462        39\nready   \n";
    }

    @Test
    void noPidFileMeansNothingIsRunning() {
        assertThat(machineWith(Map.of()).examine(home.resolve("pgdata"))).isInstanceOf(Finding.None.class);
    }

    @Test
    void aPidFileNamingADeadProcessIsStale() {
        Path data = home.resolve("pgdata");
        assertThat(machineWith(Map.of()).examine(data, pidFile(4242, data))).isEqualTo(new Finding.Stale(4242));
    }

    @Test
    void ourPostgresOnOurDataDirectoryIsAnOrphan() {
        Path data = home.resolve("pgdata");
        var machine = machineWith(Map.of(4242L, List.of(PG, "-D", data.toString(), "-p", "46035", "-F")));
        assertThat(machine.examine(data, pidFile(4242, data))).isEqualTo(new Finding.Orphan(4242));
    }

    @Test
    void theDataDirectoryIsComparedAsAPath() {
        Path data = home.resolve("pgdata");
        var machine = machineWith(Map.of(4242L, List.of(PG, "-D" + home.resolve("x/../pgdata/"))));
        assertThat(machine.examine(data, pidFile(4242, data))).isEqualTo(new Finding.Orphan(4242));
    }

    @Test
    void aPostgresOnAnotherDataDirectoryIsNotOurs() {
        Path data = home.resolve("pgdata");
        var machine = machineWith(Map.of(4242L, List.of(PG, "-D", "/var/lib/other/pgdata")));
        assertThat(machine.examine(data, pidFile(4242, data))).isEqualTo(new Finding.Stale(4242));
    }

    @Test
    void anotherProgramThatGotThePidIsNotOurs() {
        Path data = home.resolve("pgdata");
        var machine = machineWith(Map.of(4242L, List.of("/usr/bin/vim", "-D", data.toString())));
        assertThat(machine.examine(data, pidFile(4242, data))).isEqualTo(new Finding.Stale(4242));
    }

    @Test
    void aStalePidFileWhosePidWasReusedIsRemovedSoPostgresCanStart() throws Exception {
        Path data = Files.createDirectories(home.resolve("pgdata"));
        Files.writeString(data.resolve("postmaster.pid"), pidFile(4242, data));
        var machine = machineWith(Map.of(4242L, List.of("/usr/bin/vim")));
        assertThat(machine.stopOrphan(data)).isEqualTo(new Finding.Stale(4242));
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void readsTheLiveSystem() {
        // This JVM is alive and is not a postgres: its own pid in a pid file is not an orphan.
        Path data = home.resolve("pgdata");
        long self = ProcessHandle.current().pid();
        assertThat(OrphanedPostgres.ofThisMachine().examine(data, pidFile(self, data))).isEqualTo(new Finding.Stale(self));
        assertThat(OrphanedPostgres.commandLineOf(self)).isPresent();
    }
}
