package org.medconnect.server.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops an embedded PostgreSQL left running on our data directory by a server that did
 * not stop cleanly ({@code kill -9}, a power-cut JVM): PostgreSQL's own {@code postmaster.pid}
 * names it, and it is ours only if that process is a {@code postgres} binary started with
 * {@code -D <our data directory>}. Only called while this server holds the home's lock
 * ({@link HomeLock}), so no live MedConnect server is using it. Decision 0019.
 */
public final class OrphanedPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);

    /** What the data directory's pid file says about the PostgreSQL that wrote it. */
    public sealed interface Finding {
        /** No pid file: PostgreSQL stopped cleanly (or never ran here). */
        record None() implements Finding {}

        /** A pid file whose process is gone or is something else now: PostgreSQL will replace it. */
        record Stale(long pid) implements Finding {}

        /** Our postgres, still running with nobody to talk to. */
        record Orphan(long pid) implements Finding {}
    }

    /** The command line of a live process, if there is one with that pid. */
    @FunctionalInterface
    public interface Processes {
        Optional<List<String>> commandLine(long pid);
    }

    private final Processes processes;

    public OrphanedPostgres(Processes processes) {
        this.processes = processes;
    }

    /** Reads the live system: {@code /proc/<pid>/cmdline} on Linux, else what the JDK can see. */
    public static OrphanedPostgres ofThisMachine() {
        return new OrphanedPostgres(OrphanedPostgres::commandLineOf);
    }

    /** Looks at {@code dataDir/postmaster.pid}. */
    public Finding examine(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        String contents;
        try {
            contents = Files.readString(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Finding.None();
        }
        return examine(dataDir, contents);
    }

    /** The decision alone, for a pid file's contents. */
    public Finding examine(Path dataDir, String pidFileContents) {
        String first = pidFileContents.lines().findFirst().orElse("").strip();
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            return new Finding.Stale(-1);
        }
        Optional<List<String>> command = processes.commandLine(pid);
        if (command.isEmpty() || command.get().isEmpty()) {
            return new Finding.Stale(pid);
        }
        List<String> args = command.get();
        String binary = Path.of(args.getFirst()).getFileName().toString();
        if (!binary.equals("postgres")) {
            return new Finding.Stale(pid);
        }
        Path ours = normalize(dataDir);
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            String dir = a.equals("-D") && i + 1 < args.size() ? args.get(i + 1)
                    : a.startsWith("-D") && a.length() > 2 ? a.substring(2) : null;
            if (dir != null && normalize(Path.of(dir)).equals(ours)) {
                return new Finding.Orphan(pid);
            }
        }
        return new Finding.Stale(pid);
    }

    /**
     * Stops an orphan on {@code dataDir} if there is one: fast shutdown (SIGINT), then immediate
     * (SIGQUIT), then SIGKILL. Returns what it found.
     */
    public Finding stopOrphan(Path dataDir) {
        Finding finding = examine(dataDir);
        if (finding instanceof Finding.Orphan(long pid)) {
            log.warn("The embedded PostgreSQL of a MedConnect server that did not stop cleanly is still running "
                    + "(pid {}, data in {}); stopping it before starting our own", pid, dataDir);
            if (!signalAndWait(pid, "INT", 15) && !signalAndWait(pid, "QUIT", 5)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                waitForExit(pid, 5);
            }
            log.info("Stopped the orphaned embedded PostgreSQL (pid {})", pid);
        } else if (finding instanceof Finding.Stale(long pid) && processes.commandLine(pid).isPresent()) {
            // The pid now belongs to another process; PostgreSQL would refuse to start over it.
            try {
                Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
                log.info("Removed a stale postmaster.pid naming pid {}, which is not our PostgreSQL", pid);
            } catch (IOException e) {
                log.warn("Cannot remove the stale {}: {}", dataDir.resolve("postmaster.pid"), e.getMessage());
            }
        }
        return finding;
    }

    private static boolean signalAndWait(long pid, String signal, int seconds) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            log.warn("Cannot signal pid {}: {}", pid, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return waitForExit(pid, seconds);
    }

    private static boolean waitForExit(long pid, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static Optional<List<String>> commandLineOf(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                String raw = Files.readString(proc, StandardCharsets.UTF_8);
                List<String> args = Arrays.stream(raw.split("\0")).filter(s -> !s.isEmpty()).toList();
                return args.isEmpty() ? Optional.empty() : Optional.of(args);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> {
            var info = p.info();
            return info.command().map(c -> {
                var all = new java.util.ArrayList<String>();
                all.add(c);
                info.arguments().ifPresent(a -> all.addAll(Arrays.asList(a)));
                return List.copyOf(all);
            });
        });
    }

    private static Path normalize(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
