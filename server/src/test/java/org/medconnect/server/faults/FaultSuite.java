package org.medconnect.server.faults;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.patient.v1.SearchPatientsRequest;
import org.medconnect.proto.schedule.v1.ListAppointmentTypesRequest;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.schedule.v1.SearchSlotsRequest;
import org.medconnect.proto.schedule.v1.Slot;
import org.medconnect.server.testing.Calls;

/**
 * The fault suite (not a test; docs/reliability.md): the real server as a separate process with
 * its embedded PostgreSQL, receptionists booking over gRPC, each retrying a failed booking with the
 * same request id, while a fault is injected: the server killed with {@code kill -9} and started
 * again, its PostgreSQL killed under it, its data directory's disk full. It counts acknowledged
 * bookings lost and duplicated (both must be 0) and how long until bookings succeed again.
 *
 * <pre>./mvnw -B -Pfaults -pl server -am verify -DskipTests</pre>
 */
public final class FaultSuite {

    private static final Path ROOT = Path.of(System.getProperty("faults.dir", "target/faults")).toAbsolutePath();
    private static final int PORT = Integer.getInteger("faults.port", 52290);
    private static final int CLIENTS = Integer.getInteger("faults.clients", 4);
    /** How long a server may take to start (seeding the demo clinic on a busy machine takes minutes). */
    private static final int START_SECONDS = Integer.getInteger("faults.startSeconds", 300);
    private static final String PASSWORD = "demo-pass-2026";
    private static final List<String> RECEPTIONISTS = List.of("maria.lopez", "james.wilson", "aisha.khan");
    private static final List<String> report = new ArrayList<>();
    /** Every server process this suite started: stopped when it ends, however it ends. */
    private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private FaultSuite() {}

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
        Files.createDirectories(ROOT);
        report.add("| fault | bookings acknowledged | lost | duplicated | refused (slot taken) | INTERNAL answers | UNAVAILABLE answers "
                + "| fault to first answer again (booking or refusal) | fault to first booking again |");
        report.add("|---|---|---|---|---|---|---|---|---|");
        // -Dfaults.only=kill-server,kill-db,full-disk,external runs only the named scenarios.
        var only = java.util.Set.of(System.getProperty("faults.only", "").split(","));
        boolean all = only.equals(java.util.Set.of(""));
        boolean ok = true;
        if (all || only.contains("kill-server")) {
            ok &= killServerUnderLoad();
        }
        if (all || only.contains("kill-db")) {
            ok &= killDatabaseUnderLoad();
        }
        if (all || only.contains("full-disk")) {
            ok &= fullDisk();
        }
        if (all || only.contains("external")) {
            ok &= externalRestartUnderTwoInstances();
        }
        System.out.println();
        System.out.println("Fault suite on " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version") + ", " + Instant.now());
        report.forEach(System.out::println);
        Files.write(ROOT.resolve("report.md"), report, StandardCharsets.UTF_8);
        if (!ok) {
            System.out.println("FAULT SUITE FAILED: see above");
            System.exit(1);
        }
    }

    // ---------------------------------------------------------------- scenarios

    /** kill -9 of the server under booking load, then a plain restart on the same home. */
    static boolean killServerUnderLoad() throws Exception {
        Path home = freshHome("kill-server");
        ServerProcess server = ServerProcess.start(home, PORT, "kill-server-1");
        Load load = Load.begin(PORT, 0);
        Thread.sleep(5_000);
        long pgPid = server.postmasterPid();
        server.process.destroyForcibly();
        long fault = System.nanoTime();
        server.process.waitFor();
        ServerProcess again = ServerProcess.start(home, PORT, "kill-server-2");
        long restartedMillis = (System.nanoTime() - fault) / 1_000_000;
        boolean orphanGone = !ProcessHandle.of(pgPid).map(ProcessHandle::isAlive).orElse(false);
        load.awaitBookingsAfter(fault);
        Result r = load.finish(fault);
        boolean ok = r.record("server kill -9, then a plain restart (came up on the first try in " + restartedMillis
                + " ms after the kill; the old PostgreSQL was gone: " + orphanGone + ")", again.currentDbPort(), home, fault);
        again.stop();
        return ok;
    }

    /** The embedded PostgreSQL killed under a running server: the server restarts it. */
    static boolean killDatabaseUnderLoad() throws Exception {
        Path home = freshHome("kill-db");
        ServerProcess server = ServerProcess.start(home, PORT, "kill-db");
        Load load = Load.begin(PORT, 0);
        Thread.sleep(5_000);
        long fault = System.nanoTime();
        ProcessHandle.of(server.postmasterPid()).orElseThrow().destroyForcibly();
        load.awaitBookingsAfter(fault);
        Result r = load.finish(fault);
        boolean ok = r.record("embedded PostgreSQL kill -9 under a running server", server.currentDbPort(), home, fault);
        server.stop();
        return ok;
    }

    /** The data directory on a small tmpfs that fills up; then space is freed. Needs root (mount). */
    static boolean fullDisk() throws Exception {
        Path home = freshHome("full-disk");
        Path mount = home.resolve("pgdata");
        Files.createDirectories(mount);
        if (run("mount", "-t", "tmpfs", "-o", "size=160m", "tmpfs", mount.toString()) != 0) {
            report.add("| full disk | not run: cannot mount a tmpfs here (needs root) | | | | | | | |");
            return true;
        }
        try {
            ServerProcess server = ServerProcess.start(home, PORT, "full-disk");
            Load load = Load.begin(PORT, 0);
            Thread.sleep(3_000);
            Path filler = home.resolve("pgdata/filler");
            run("sh", "-c", "dd if=/dev/zero of=" + filler + " bs=1M 2>/dev/null; true");
            long fault = System.nanoTime();
            Thread.sleep(8_000);
            Files.deleteIfExists(filler);
            long freed = System.nanoTime();
            load.awaitBookingsAfter(freed);
            Result r = load.finish(freed);
            boolean ok = r.record("data disk full for 8 s, then freed (time counted from freeing; full for "
                    + (freed - fault) / 1_000_000 + " ms)", server.currentDbPort(), home, freed);
            server.stop();
            return ok;
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    /**
     * A standalone PostgreSQL (zonky's binaries, run as the {@code postgres} user on its own port)
     * under two server instances, restarted while both take bookings.
     */
    static boolean externalRestartUnderTwoInstances() throws Exception {
        Path root = freshHome("external");
        Path bin = Files.list(Path.of(System.getProperty("ot.epg.working-dir", ROOT.resolve("embedded-pg").toString())))
                .filter(p -> p.getFileName().toString().startsWith("PG-")).findFirst().orElseThrow().resolve("bin");
        Path data = root.resolve("pgdata");
        Files.createDirectories(data);
        int dbPort = PORT + 10;
        if (run("chown", "postgres", data.toString()) != 0
                || run("runuser", "-u", "postgres", "--", bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8") != 0) {
            report.add("| external PostgreSQL restarted under two instances | not run: cannot run initdb as the postgres user | | | | | | | |");
            return true;
        }
        String[] pgCtl = {"runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-o", "-p " + dbPort + " -c fsync=on -c max_connections=100", "-l", data.resolve("server.log").toString(), "-w"};
        run(concat(pgCtl, "start"));
        try {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "")) {
                c.createStatement().execute("create database medconnect");
            }
            Map<String, String> env = Map.of("MEDCONNECT_DB_URL", "jdbc:postgresql://localhost:" + dbPort + "/medconnect",
                    "MEDCONNECT_DB_USER", "postgres", "MEDCONNECT_DB_PASSWORD", "");
            ServerProcess a = ServerProcess.start(Files.createDirectories(root.resolve("a")), PORT + 1, "server-a", env);
            ServerProcess b = ServerProcess.start(Files.createDirectories(root.resolve("b")), PORT + 2, "server-b", env);
            Load loadA = Load.begin(PORT + 1, 0);
            Load loadB = Load.begin(PORT + 2, CLIENTS);
            Thread.sleep(5_000);
            long fault = System.nanoTime();
            run(concat(pgCtl, "-m", "fast", "restart"));
            // The target is "serving within a second of the database's return": count from when pg_ctl says
            // it is back (a call sent in the moment before the shutdown began would otherwise count as "after").
            long back = System.nanoTime();
            long backMillis = (back - fault) / 1_000_000;
            loadA.awaitBookingsAfter(back);
            loadB.awaitBookingsAfter(back);
            Result ra = loadA.finish(back);
            Result rb = loadB.finish(back);
            boolean ok = ra.merge(rb).record("external PostgreSQL restarted (pg_ctl restart -m fast, took " + backMillis
                    + " ms) under two server instances (times counted from its return)", dbPort, root, back);
            a.stop();
            b.stop();
            return ok;
        } finally {
            run(concat(pgCtl, "-m", "fast", "stop"));
        }
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    // ---------------------------------------------------------------- the load

    /** Receptionists booking distinct slots; a failed booking is retried with the same request id. */
    static final class Load {
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        /** When each successful booking call was sent and answered. */
        final Queue<long[]> successTimes = new ConcurrentLinkedQueue<>();
        /** When each refused booking call (slot or patient taken: the database answered) was sent and answered. */
        final Queue<long[]> refusalTimes = new ConcurrentLinkedQueue<>();
        final AtomicInteger refused = new AtomicInteger();
        final Map<String, Integer> refusedBecause = new ConcurrentHashMap<>();
        final AtomicInteger internal = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicLong lastInternal = new AtomicLong();
        /** Every failed booking call: sent, answered (nanos), and what it said; printed after a fault to show why serving again took as long as it did. */
        final Queue<Object[]> failures = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        volatile boolean running = true;

        /** {@code offset}: which doctors this load's clients book with, so two loads do not contend. */
        static Load begin(int port, int offset) throws Exception {
            Load load = new Load();
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            String token = null;
            // A server just started on a busy machine may need a while for its first call.
            for (int attempt = 1; token == null; attempt++) {
                try {
                    token = signIn(channel, RECEPTIONISTS.getFirst());
                } catch (RuntimeException e) {
                    if (attempt == 10) {
                        throw e;
                    }
                }
            }
            var schedule = ScheduleServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token));
            String type = schedule.listAppointmentTypes(ListAppointmentTypesRequest.getDefaultInstance()).getTypes(0).getTypeId();
            var doctors = schedule.listDoctors(ListDoctorsRequest.getDefaultInstance()).getDoctorsList();
            var patients = PatientServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token))
                    .searchPatients(SearchPatientsRequest.newBuilder().setQuery("an").setPage(PageRequest.newBuilder().setPageSize(100)).build())
                    .getPatientsList();
            channel.shutdownNow();
            for (int c = 0; c < CLIENTS; c++) {
                String doctor = doctors.get((c + offset) % doctors.size()).getDoctorId();
                List<String> mine = new ArrayList<>();
                for (int p = c; p < patients.size(); p += CLIENTS) {
                    mine.add(patients.get(p).getPatientId());
                }
                String receptionist = RECEPTIONISTS.get(c % RECEPTIONISTS.size());
                Thread t = Thread.ofPlatform().name("booker-" + c).start(() -> load.book(port, receptionist, doctor, type, mine));
                load.threads.add(t);
            }
            return load;
        }

        void book(int port, String receptionist, String doctor, String type, List<String> patients) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                String token = null;
                List<Slot> slots = null;
                while (slots == null && running) {
                    try {
                        token = signIn(channel, receptionist);
                        slots = ScheduleServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token))
                                .withDeadlineAfter(30, TimeUnit.SECONDS).searchSlots(SearchSlotsRequest.newBuilder()
                                .setDoctorId(doctor).setAppointmentTypeId(type).setFromDate(LocalDate.now().plusDays(1).toString())
                                .setToDate(LocalDate.now().plusDays(90).toString()).setLimit(2000).build()).getSlotsList();
                    } catch (RuntimeException e) {
                        // the fault may strike before this client has started: try again
                        sleep(200);
                    }
                }
                if (slots == null) {
                    return;
                }
                int n = 0;
                for (Slot slot : slots) {
                    if (!running) {
                        return;
                    }
                    String requestId = UUID.randomUUID().toString();
                    BookAppointmentRequest request = BookAppointmentRequest.newBuilder().setRequestId(requestId)
                            .setPatientId(patients.get(n++ % patients.size())).setDoctorId(doctor).setLocationId(slot.getLocationId())
                            .setAppointmentTypeId(type).setStartsAt(slot.getStartsAt()).setReason("fault-suite " + requestId).build();
                    while (running) {
                        long sent = System.nanoTime();
                        try {
                            var answer = AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token))
                                    .withDeadlineAfter(5, TimeUnit.SECONDS).bookAppointment(request);
                            acknowledged.put(requestId, answer.getAppointment().getAppointmentId());
                            successTimes.add(new long[] {sent, System.nanoTime()});
                            break;
                        } catch (RuntimeException e) {
                            Status.Code code = Calls.code(e);
                            failures.add(new Object[] {sent, System.nanoTime(), Thread.currentThread().getName() + " " + code + " " + Calls.reason(e)});
                            if (code == Status.Code.ABORTED || code == Status.Code.FAILED_PRECONDITION || code == Status.Code.ALREADY_EXISTS) {
                                refusalTimes.add(new long[] {sent, System.nanoTime()});
                                refused.incrementAndGet();
                                refusedBecause.merge(Calls.reason(e), 1, Integer::sum);
                                break;
                            }
                            if (code == Status.Code.RESOURCE_EXHAUSTED) {
                                refusedBecause.merge("(retried) " + Calls.reason(e), 1, Integer::sum);
                            }
                            if (code == Status.Code.INTERNAL) {
                                internal.incrementAndGet();
                                lastInternal.set(System.nanoTime());
                            } else if (code == Status.Code.UNAVAILABLE) {
                                unavailable.incrementAndGet();
                                // A workstation retries the server at once too, not after gRPC's growing backoff.
                                channel.resetConnectBackoff();
                            } else if (code == Status.Code.UNAUTHENTICATED) {
                                try {
                                    token = signIn(channel, receptionist);
                                } catch (RuntimeException again) {
                                    // the server is still away; retry below
                                }
                            }
                            // Anything else (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL): the same request again.
                            sleep(100);
                        }
                    }
                }
            } finally {
                channel.shutdownNow();
            }
        }

        /** Until ten bookings have succeeded after {@code fault} (at most 90 s), then two seconds more. */
        void awaitBookingsAfter(long fault) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (successTimes.stream().filter(t -> t[0] > fault).count() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(2_000);
        }

        Result finish(long fault) throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(15_000);
            }
            if (!refusedBecause.isEmpty()) {
                System.out.println("Refused bookings by reason: " + refusedBecause);
            }
            // Only calls sent after the fault: an answer already on its way when it struck proves nothing.
            long firstAfterSent = successTimes.stream().filter(t -> t[0] > fault).mapToLong(t -> t[1]).min().orElse(Long.MAX_VALUE);
            failures.stream().filter(f -> (long) f[0] > fault - 1_000_000_000L && (long) f[0] < firstAfterSent)
                    .limit(200).forEach(f -> System.out.printf("  +%d ms .. +%d ms  %s%n",
                            ((long) f[0] - fault) / 1_000_000, ((long) f[1] - fault) / 1_000_000, f[2]));
            long firstAfter = successTimes.stream().filter(t -> t[0] > fault).mapToLong(t -> t[1]).min().orElse(-1L);
            // Serving again: the first call sent after the fault that the server answered from its database,
            // a booking or a refusal (a taken slot says nothing about recovery, but it is an answer).
            long firstAnswer = java.util.stream.Stream.concat(successTimes.stream(), refusalTimes.stream()).filter(t -> t[0] > fault)
                    .mapToLong(t -> t[1]).min().orElse(-1L);
            return new Result(Map.copyOf(acknowledged), refused.get(), internal.get(), unavailable.get(),
                    firstAfter < 0 ? -1 : (firstAfter - fault) / 1_000_000, firstAnswer < 0 ? -1 : (firstAnswer - fault) / 1_000_000);
        }
    }

    record Result(Map<String, String> acknowledged, int refused, int internal, int unavailable, long serveAgainMillis,
                  long answerAgainMillis) {

        /** Both loads together; serving again is when both did. */
        Result merge(Result other) {
            var all = new java.util.HashMap<>(acknowledged);
            all.putAll(other.acknowledged);
            long again = serveAgainMillis < 0 || other.serveAgainMillis < 0 ? -1 : Math.max(serveAgainMillis, other.serveAgainMillis);
            long answered = answerAgainMillis < 0 || other.answerAgainMillis < 0 ? -1 : Math.max(answerAgainMillis, other.answerAgainMillis);
            return new Result(all, refused + other.refused, internal + other.internal, unavailable + other.unavailable, again, answered);
        }

        /** Checks the acknowledged bookings against the database and adds a report row. */
        boolean record(String fault, int dbPort, Path home, long faultNanos) throws Exception {
            int lost = 0;
            int duplicated;
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/medconnect", "postgres", "postgres")) {
                for (var e : acknowledged.entrySet()) {
                    try (var ps = c.prepareStatement("select request_id::text from appointment where id = ?::uuid")) {
                        ps.setString(1, e.getValue());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next() || !rs.getString(1).equals(e.getKey())) {
                                lost++;
                            }
                        }
                    }
                }
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery("""
                        select coalesce(sum(n - 1), 0) from (
                          select count(*) n from appointment where reason like 'fault-suite %' group by reason
                          union all
                          select count(*) n from appointment where reason like 'fault-suite %' and status not in ('CANCELLED', 'DECLINED')
                          group by doctor_id, starts_at) d""")) {
                    rs.next();
                    duplicated = rs.getInt(1);
                }
            }
            report.add("| " + fault + " | " + acknowledged.size() + " | " + lost + " | " + duplicated + " | " + refused + " | " + internal
                    + " | " + unavailable + " | " + (answerAgainMillis < 0 ? "never" : answerAgainMillis + " ms")
                    + " | " + (serveAgainMillis < 0 ? "never" : serveAgainMillis + " ms") + " |");
            System.out.println(report.getLast());
            return lost == 0 && duplicated == 0 && serveAgainMillis >= 0 && !acknowledged.isEmpty();
        }
    }

    // ---------------------------------------------------------------- the server process

    static final class ServerProcess {
        final Process process;
        final Path home;
        final int dbPort;

        private ServerProcess(Process process, Path home, int dbPort) {
            this.process = process;
            this.home = home;
            this.dbPort = dbPort;
        }

        static ServerProcess start(Path home, int port, String name) throws Exception {
            return start(home, port, name, Map.of());
        }

        static ServerProcess start(Path home, int port, String name, Map<String, String> env) throws Exception {
            Path log = home.resolve(name + ".log");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                    "-Dot.epg.working-dir=" + System.getProperty("ot.epg.working-dir", ROOT.resolve("embedded-pg").toString()),
                    "-cp", System.getProperty("java.class.path"), "org.medconnect.server.MedConnectServer", "--demo");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("MEDCONNECT_HOME", home.toString());
            pb.environment().put("MEDCONNECT_PORT", Integer.toString(port));
            // The clients here speak plaintext on loopback (allowed only there); TLS is not what these faults are about.
            pb.environment().put("MEDCONNECT_PLAINTEXT", "true");
            pb.environment().putAll(env);
            Process p = pb.start();
            STARTED.add(p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            Pattern dbPort = Pattern.compile("\\(port (\\d+)\\)|localhost:(\\d+)/");
            while (System.nanoTime() < deadline) {
                String text = Files.exists(log) ? Files.readString(log) : "";
                Matcher m = dbPort.matcher(text);
                if (text.contains("listening on") && m.find()) {
                    return new ServerProcess(p, home, Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("The server did not start; see " + log + ":\n" + text);
                }
                sleep(100);
            }
            throw new IllegalStateException("The server did not start within " + START_SECONDS + " s; see " + log);
        }

        long postmasterPid() throws IOException {
            return Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).getFirst().strip());
        }

        int currentDbPort() throws IOException {
            return Integer.parseInt(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(3).strip());
        }

        boolean healthy() {
            ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", PORT).usePlaintext().build();
            try {
                return HealthGrpc.newBlockingStub(ch).withDeadlineAfter(2, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance())
                        .getStatus() == io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
            } finally {
                ch.shutdownNow();
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static String signIn(ManagedChannel channel, String username) {
        return AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(PASSWORD).build()).getSessionToken();
    }

    static Path freshHome(String name) throws Exception {
        Path home = ROOT.resolve(name);
        if (Files.exists(home)) {
            run("umount", "-l", home.resolve("pgdata").toString());
            run("rm", "-rf", home.toString());
        }
        return Files.createDirectories(home);
    }

    static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
