package org.medconnect.server.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (client and server together) and by the benchmark's PostgreSQL
 * (the postmaster, its live children, and children that already exited), from /proc. Unlike
 * latency, CPU per call hardly changes when other processes share the machine, so it says
 * what a call costs even on a busy box. Linux only; elsewhere every reading is NaN.
 */
final class CpuMeter {

    /** CPU seconds at one moment. */
    record Reading(double jvmSeconds, double postgresSeconds) {}

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long postmasterPid;

    CpuMeter(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /** The postmaster's pid, from the first line of postmaster.pid in the data directory. */
    static CpuMeter forDataDirectory(Path dataDir) {
        try {
            return new CpuMeter(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip()));
        } catch (IOException | RuntimeException e) {
            return new CpuMeter(-1);
        }
    }

    Reading read() {
        double jvm = Double.NaN;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            jvm = os.getProcessCpuTime() / 1e9 - compilerSeconds();
        }
        return new Reading(jvm, postgresSeconds());
    }

    /**
     * CPU of the JIT compiler threads, left out of the JVM's figure: in a run of minutes the
     * compiler is still busy and would be counted against whatever happens to run meanwhile.
     * (The benchmark JVM runs with -XX:-UseDynamicNumberOfCompilerThreads so none of them exit.)
     */
    private static double compilerSeconds() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            long ticks = 0;
            for (Path t : tasks.toList()) {
                String comm;
                try {
                    comm = Files.readString(t.resolve("comm")).strip();
                } catch (IOException e) {
                    continue;
                }
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    long[] stat = stat(t);
                    if (stat != null) {
                        ticks += stat[2] + stat[3];
                    }
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private double postgresSeconds() {
        if (postmasterPid < 0) {
            return Double.NaN;
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            long ticks = 0;
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long[] stat = stat(p);
                if (stat == null) {
                    continue;
                }
                if (stat[0] == postmasterPid) {
                    ticks += stat[2] + stat[3] + stat[4] + stat[5]; // its own time and its waited-for children's
                } else if (stat[1] == postmasterPid) {
                    ticks += stat[2] + stat[3];
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** pid (the directory's name), ppid, utime, stime, cutime, cstime; null when the process is gone. */
    private static long[] stat(Path proc) {
        String s;
        try {
            s = Files.readString(proc.resolve("stat"));
        } catch (IOException e) {
            return null;
        }
        // The command name is in parentheses and may hold spaces: fields count from after it.
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(proc.getFileName().toString()), Long.parseLong(f[1]),
                Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    /** CPU milliseconds per operation between two readings, for JVM and PostgreSQL. */
    static double[] perOperation(Reading before, Reading after, int operations) {
        if (operations == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {(after.jvmSeconds() - before.jvmSeconds()) * 1000 / operations,
                (after.postgresSeconds() - before.postgresSeconds()) * 1000 / operations};
    }
}
