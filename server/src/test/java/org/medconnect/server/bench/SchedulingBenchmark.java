package org.medconnect.server.bench;

import com.google.protobuf.Timestamp;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.medconnect.proto.appointment.v1.AppointmentListView;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.schedule.v1.SearchSlotsRequest;
import org.medconnect.server.bench.ClinicLoader.Clinic;
import org.medconnect.server.bench.ClinicLoader.Doctor;
import org.medconnect.server.bench.ClinicLoader.FreeSlot;
import org.medconnect.server.testing.Calls;
import org.medconnect.shared.schedule.ClinicDays;

/**
 * The scheduling benchmark: loads a year of a 50-doctor clinic (about a million
 * appointments) into its own PostgreSQL, starts the whole server over real gRPC on this
 * machine, and prints one table: booking throughput and latency at 1, 8 and 64 clients
 * against PostgreSQL's own single-row insert rate, slot search, the day board and the
 * doctor list. Not a test: run it with {@code ./mvnw -B -Pbench -pl server -am verify -DskipTests}
 * (see docs/performance.md).
 */
public final class SchedulingBenchmark {

    private static final int[] CONCURRENCY = {1, 8, 64};
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final double READ_TARGET_MS = 50.0;

    /** Settings, from -Dbench.* system properties or --name=value arguments. */
    record Options(int appointments, int patients, int seconds, int samples, int warmup, boolean durable,
                   ZoneId zone, Path dataDir) {

        static Options parse(String[] args) {
            Map<String, String> values = new TreeMap<>();
            for (String name : List.of("appointments", "patients", "seconds", "samples", "warmup", "durable", "zone")) {
                String v = System.getProperty("bench." + name);
                if (v != null && !v.isBlank()) {
                    values.put(name, v.strip());
                }
            }
            for (String a : args) {
                if (!a.startsWith("--") || !a.contains("=")) {
                    throw new IllegalArgumentException("Arguments look like --appointments=20000; got " + a);
                }
                values.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
            return new Options(
                    Integer.parseInt(values.getOrDefault("appointments", "1000000")),
                    Integer.parseInt(values.getOrDefault("patients", "100000")),
                    Integer.parseInt(values.getOrDefault("seconds", "10")),
                    Integer.parseInt(values.getOrDefault("samples", "500")),
                    Integer.parseInt(values.getOrDefault("warmup", "100")),
                    !values.getOrDefault("durable", "on").equals("off"),
                    ZoneId.of(values.getOrDefault("zone", "Europe/Berlin")),
                    Path.of(System.getProperty("bench.data-dir", "target/bench-pgdata")));
        }
    }

    /** One line of the result table. */
    record Row(String name, int count, double opsPerSecond, Samples client, Samples server, double[] cpuMillis, String note) {}

    /** A signed-in workstation: its own connection and session. */
    record Client(ManagedChannel channel, AppointmentServiceGrpc.AppointmentServiceBlockingStub appointments,
                  ScheduleServiceGrpc.ScheduleServiceBlockingStub schedule) {
        AppointmentServiceGrpc.AppointmentServiceBlockingStub appointmentsNow() {
            return appointments.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }

        ScheduleServiceGrpc.ScheduleServiceBlockingStub scheduleNow() {
            return schedule.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final Options options;
    private final BenchClinic clinic;
    private final Clinic data;
    private final List<Client> clients = new ArrayList<>();
    private final AtomicInteger nextFreeSlot = new AtomicInteger();
    private final AtomicLong nextRawRow = new AtomicLong();
    private final List<Row> rows = new ArrayList<>();
    private final String loadAtStart = loadAverage();

    private SchedulingBenchmark(Options options, BenchClinic clinic, Clinic data) {
        this.options = options;
        this.clinic = clinic;
        this.data = data;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(Locale.ROOT, "MedConnect scheduling benchmark: %,d appointments, %,d patients, %d s per write run, "
                + "%d samples per read, durable commits %s, clinic zone %s%n", options.appointments(), options.patients(),
                options.seconds(), options.samples(), options.durable() ? "on" : "off", options.zone());
        try {
            measure(options);
        } catch (BenchmarkFailed e) {
            // After the clinic (and its PostgreSQL) closed: exit non-zero so a script or CI sees it.
            System.err.println("FAILED: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void measure(Options options) throws Exception {
        long t0 = System.nanoTime();
        try (BenchClinic clinic = BenchClinic.start(options.dataDir(), options.durable(), options.zone())) {
            System.out.printf("PostgreSQL: %s%nServer: 127.0.0.1:%d (Netty, plaintext), connection pool %d%nLoading...%n",
                    postgresVersion(clinic), clinic.port(), BenchClinic.SERVER_POOL_SIZE);
            Clinic data = new ClinicLoader(clinic.database().dataSource(), clinic.services().staff(), options.zone(),
                    options.appointments(), options.patients()).load();
            System.out.printf(Locale.ROOT, "Loaded in %.1f s: %d doctors, %d departments, %d locations, %,d patients, "
                    + "%,d appointments (%,d holding time) from %s to %s; %,d free slots set aside for booking%n",
                    data.loadSeconds(), data.doctors().size(), data.departmentIds().size(), data.locationIds().size(),
                    data.patientIds().size() + ClinicLoader.NEW_PATIENTS, data.appointments(), data.holdingTime(),
                    data.firstDay(), data.lastDay(), data.freeSlots().size());
            SchedulingBenchmark bench = new SchedulingBenchmark(options, clinic, data);
            try {
                bench.run();
            } finally {
                bench.closeClients();
            }
            System.out.printf(Locale.ROOT, "%nTotal run time %.0f s.%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    private void run() throws Exception {
        signIn(CONCURRENCY[CONCURRENCY.length - 1]);
        System.out.println("Warming up...");
        // Long enough for the JIT to compile the booking path (the reads warm up before each read).
        rawInserts(8, Duration.ofSeconds(Math.min(5, options.seconds())));
        bookings(8, Duration.ofSeconds(Math.min(20, 2L * options.seconds())));
        List<Row> raw = new ArrayList<>();
        List<Row> booked = new ArrayList<>();
        Duration run = Duration.ofSeconds(options.seconds());
        for (int c : CONCURRENCY) {
            System.out.printf("Writes with %d concurrent client%s...%n", c, c == 1 ? "" : "s");
            raw.add(rawInserts(c, run));
            booked.add(bookings(c, run));
        }
        rows.addAll(booked);
        rows.addAll(raw);

        System.out.println("Reads...");
        LocalDate today = data.today();
        String from = today.toString();
        String to = today.plusDays(89).toString();
        Random random = new Random(11);
        Client client = clients.getFirst();
        rows.add(reads("SearchSlots, 1 doctor, 90 days", "SearchSlots", () -> {
            Doctor d = data.doctors().get(random.nextInt(data.doctors().size()));
            return client.scheduleNow().searchSlots(SearchSlotsRequest.newBuilder().setDoctorId(d.id().toString())
                    .setAppointmentTypeId(data.consultationTypeId().toString()).setFromDate(from).setToDate(to).build()).getSlotsCount();
        }));
        rows.add(reads("SearchSlots, department (10 doctors), 90 days", "SearchSlots", () -> {
            UUID dept = data.departmentIds().get(random.nextInt(data.departmentIds().size()));
            return client.scheduleNow().searchSlots(SearchSlotsRequest.newBuilder().setDepartmentId(dept.toString())
                    .setAppointmentTypeId(data.consultationTypeId().toString()).setFromDate(from).setToDate(to).build()).getSlotsCount();
        }));
        List<LocalDate> workdays = data.firstDay().datesUntil(data.lastDay().plusDays(1))
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY).toList();
        // The board asks for the board view, as the reception workstation does; the whole
        // appointments of the same days are listed after it for comparison (no target).
        for (AppointmentListView view : List.of(AppointmentListView.APPOINTMENT_LIST_VIEW_BOARD,
                AppointmentListView.APPOINTMENT_LIST_VIEW_UNSPECIFIED)) {
            String name = view == AppointmentListView.APPOINTMENT_LIST_VIEW_BOARD
                    ? "Day board: ListAppointments, 1 location, 1 day" : "Same, whole appointments (no target)";
            Random days = new Random(13);
            rows.add(reads(name, "ListAppointments", () -> {
                LocalDate day = workdays.get(days.nextInt(workdays.size()));
                UUID location = data.locationIds().get(days.nextInt(data.locationIds().size()));
                return client.appointmentsNow().listAppointments(ListAppointmentsRequest.newBuilder()
                        .setFrom(timestamp(ClinicDays.startOf(day, options.zone())))
                        .setTo(timestamp(ClinicDays.endOf(day, options.zone())))
                        .setLocationId(location.toString()).setView(view).build()).getAppointmentsCount();
            }));
        }
        rows.add(reads("ListDoctors (all)", "ListDoctors", () ->
                client.scheduleNow().listDoctors(ListDoctorsRequest.getDefaultInstance()).getDoctorsCount()));

        printTable(raw, booked);
        List<String> unmeasured = unmeasured(rows);
        if (!unmeasured.isEmpty()) {
            // A table of "not measured" that exits 0 reads as a pass in CI and in docs/performance.md.
            throw new BenchmarkFailed("Every call failed, nothing was measured: " + String.join("; ", unmeasured));
        }
    }

    /** The benchmark ran but measured nothing for some rows: it must fail loudly (non-zero exit). */
    static final class BenchmarkFailed extends RuntimeException {
        BenchmarkFailed(String message) {
            super(message);
        }
    }

    /** Rows with no successful call (every read or write failed), named with their error note. */
    static List<String> unmeasured(List<Row> rows) {
        return rows.stream().filter(r -> r.count() == 0)
                .map(r -> r.name() + (r.note().isBlank() ? "" : " (" + r.note() + ")")).toList();
    }

    // ---------------------------------------------------------------- writes

    /** Books distinct free slots from {@code concurrency} workstations for a while. */
    private Row bookings(int concurrency, Duration length) throws Exception {
        clinic.timings().reset();
        Samples latencies = new Samples();
        Map<String, Integer> errors = new TreeMap<>();
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        long end = started + length.toNanos();
        AtomicInteger exhausted = new AtomicInteger();
        CpuMeter.Reading cpuBefore = clinic.cpu().read();
        runThreads(concurrency, i -> {
            Client client = clients.get(i);
            while (System.nanoTime() < end) {
                int n = nextFreeSlot.getAndIncrement();
                if (n >= data.freeSlots().size()) {
                    exhausted.incrementAndGet();
                    return;
                }
                FreeSlot slot = data.freeSlots().get(n);
                BookAppointmentRequest request = BookAppointmentRequest.newBuilder()
                        .setRequestId(UUID.randomUUID().toString())
                        .setPatientId(slot.patientId().toString())
                        .setDoctorId(slot.doctor().id().toString())
                        .setLocationId(slot.doctor().locationId().toString())
                        .setAppointmentTypeId(data.consultationTypeId().toString())
                        .setStartsAt(timestamp(slot.start()))
                        .build();
                long t = System.nanoTime();
                try {
                    client.appointmentsNow().bookAppointment(request);
                    latencies.add(System.nanoTime() - t);
                    done.incrementAndGet();
                } catch (StatusRuntimeException e) {
                    if (countError(errors, e)) {
                        return;
                    }
                }
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        double[] cpu = CpuMeter.perOperation(cpuBefore, clinic.cpu().read(), done.get());
        String note = errorNote(errors) + (exhausted.get() > 0 ? " free slots ran out" : "");
        return new Row("BookAppointment, " + clientsLabel(concurrency), done.get(), done.get() / seconds, latencies,
                clinic.timings().of("BookAppointment"), cpu, note.strip());
    }

    /**
     * PostgreSQL's own ceiling: single-row autocommit INSERTs of an appointment row (same
     * table, constraints and indexes as booking) from {@code concurrency} threads through
     * HikariCP, each row at a time no other row holds.
     */
    private Row rawInserts(int concurrency, Duration length) throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("raw-insert");
        hc.setJdbcUrl(clinic.jdbcUrl());
        hc.setUsername("postgres");
        hc.setPassword("postgres");
        hc.setMaximumPoolSize(concurrency);
        hc.setMinimumIdle(concurrency);
        Samples latencies = new Samples();
        Map<String, Integer> errors = new TreeMap<>();
        AtomicInteger done = new AtomicInteger();
        // Far beyond the loaded year, every row ten minutes after the one before: nothing overlaps.
        Instant base = ClinicDays.startOf(data.lastDay().plusDays(400), options.zone());
        long started;
        double[] cpu;
        try (HikariDataSource pool = new HikariDataSource(hc)) {
            CpuMeter.Reading cpuBefore = clinic.cpu().read();
            started = System.nanoTime();
            long end = started + length.toNanos();
            String sql = "insert into appointment (reference, request_id, patient_id, doctor_id, location_id, type_id, "
                    + "starts_at, ends_at, blocks_until, status, booked_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CONFIRMED', ?)";
            runThreads(concurrency, i -> {
                while (System.nanoTime() < end) {
                    long n = nextRawRow.getAndIncrement();
                    Doctor doctor = data.doctors().get((int) (n % data.doctors().size()));
                    OffsetDateTime start = base.plusSeconds(n * 600).atOffset(ZoneOffset.UTC);
                    OffsetDateTime finish = start.plusMinutes(ClinicLoader.SLOT_MINUTES);
                    long t = System.nanoTime();
                    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, "R-" + n);
                        ps.setObject(2, UUID.randomUUID());
                        ps.setObject(3, data.patientIds().get((int) (n % data.patientIds().size())));
                        ps.setObject(4, doctor.id());
                        ps.setObject(5, doctor.locationId());
                        ps.setObject(6, data.consultationTypeId());
                        ps.setObject(7, start);
                        ps.setObject(8, finish);
                        ps.setObject(9, finish);
                        ps.setObject(10, data.receptionistId());
                        ps.executeUpdate();
                        latencies.add(System.nanoTime() - t);
                        done.incrementAndGet();
                    } catch (java.sql.SQLException e) {
                        synchronized (errors) {
                            errors.merge(e.getSQLState(), 1, Integer::sum);
                        }
                        return;
                    }
                }
            });
            cpu = CpuMeter.perOperation(cpuBefore, clinic.cpu().read(), done.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Row("Raw INSERT (JDBC), " + threadsLabel(concurrency), done.get(), done.get() / seconds, latencies,
                new Samples(), cpu, errorNote(errors));
    }

    // ---------------------------------------------------------------- reads

    /** One workstation calling one read again and again: warm-up, then the measured calls. */
    private Row reads(String name, String method, IntSupplier call) {
        Map<String, Integer> errors = new TreeMap<>();
        for (int i = 0; i < options.warmup(); i++) {
            try {
                call.getAsInt();
            } catch (StatusRuntimeException e) {
                countError(errors, e);
                return new Row(name, 0, Double.NaN, new Samples(), new Samples(), new double[] {Double.NaN, Double.NaN},
                        errorNote(errors));
            }
        }
        clinic.timings().reset();
        Samples latencies = new Samples();
        long items = 0;
        CpuMeter.Reading cpuBefore = clinic.cpu().read();
        for (int i = 0; i < options.samples(); i++) {
            long t = System.nanoTime();
            try {
                items += call.getAsInt();
                latencies.add(System.nanoTime() - t);
            } catch (StatusRuntimeException e) {
                if (countError(errors, e)) {
                    break;
                }
            }
        }
        int n = latencies.count();
        double[] cpu = CpuMeter.perOperation(cpuBefore, clinic.cpu().read(), n);
        String note = String.format(Locale.ROOT, "%,.0f rows per call", n == 0 ? 0.0 : (double) items / n);
        return new Row(name, n, Double.NaN, latencies, clinic.timings().of(method), cpu, (note + " " + errorNote(errors)).strip());
    }

    // ---------------------------------------------------------------- plumbing

    private void signIn(int count) {
        for (int i = 0; i < count; i++) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", clinic.port()).usePlaintext().build();
            String username = data.receptionists().get(i % data.receptionists().size());
            String token = AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(ClinicLoader.PASSWORD)
                            .setWorkstation("BENCH-" + (i + 1)).build()).getSessionToken();
            clients.add(new Client(channel,
                    AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token)),
                    ScheduleServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token))));
        }
    }

    private void closeClients() throws InterruptedException {
        for (Client c : clients) {
            c.channel().shutdownNow();
        }
        for (Client c : clients) {
            c.channel().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A worker body; {@code i} is the worker's number. */
    private interface Worker {
        void run(int i) throws Exception;
    }

    private static void runThreads(int count, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    worker.run(n);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts an error; true when it is one that repeating will not fix (the worker stops). */
    private static boolean countError(Map<String, Integer> errors, StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        String reason = Calls.reason(e);
        String key = code + (reason.isEmpty() ? "" : " " + reason);
        synchronized (errors) {
            if (errors.isEmpty() && code != Status.Code.ABORTED) {
                System.out.println("  first error: " + code + " " + e.getStatus().getDescription());
            }
            errors.merge(key, 1, Integer::sum);
        }
        return code == Status.Code.UNIMPLEMENTED || code == Status.Code.PERMISSION_DENIED
                || code == Status.Code.UNAUTHENTICATED || code == Status.Code.INVALID_ARGUMENT
                || code == Status.Code.INTERNAL || code == Status.Code.FAILED_PRECONDITION;
    }

    private static String errorNote(Map<String, Integer> errors) {
        synchronized (errors) {
            if (errors.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder("errors:");
            errors.forEach((k, v) -> sb.append(' ').append(k).append(" x").append(v));
            return sb.toString();
        }
    }

    private static String clientsLabel(int n) {
        return n + (n == 1 ? " client" : " clients");
    }

    private static String threadsLabel(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static String postgresVersion(BenchClinic clinic) throws Exception {
        try (Connection c = clinic.database().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('server_version'), current_setting('fsync'), "
                     + "current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
            rs.next();
            return rs.getString(1) + " (fsync=" + rs.getString(2) + ", synchronous_commit=" + rs.getString(3)
                    + ", shared_buffers=" + rs.getString(4) + ")";
        }
    }

    // ---------------------------------------------------------------- the table

    private void printTable(List<Row> raw, List<Row> booked) {
        String format = "%-48s %7s %7s %8s %8s %8s %8s %8s %8s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nResults (%s, %d cores, JDK %s; client and server on this machine, latencies in ms)%n",
                data.today(), Runtime.getRuntime().availableProcessors(), Runtime.version()));
        out.append(String.format(Locale.ROOT, "Load average (1, 5, 15 min) at the start: %s; now: %s%n", loadAtStart, loadAverage()));
        out.append(String.format(Locale.ROOT, format, "", "", "", "client", "client", "server", "server", "CPU/op", "CPU/op", ""));
        out.append(String.format(Locale.ROOT, format, "measurement", "n", "ops/s", "p50", "p99", "p50", "p99", "JVM", "PG", "note"));
        out.append("-".repeat(140)).append('\n');
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, format, r.name(), String.format(Locale.ROOT, "%,d", r.count()),
                    Double.isNaN(r.opsPerSecond()) ? "" : String.format(Locale.ROOT, "%,.0f", r.opsPerSecond()),
                    ms(r.client(), 50), ms(r.client(), 99), ms(r.server(), 50), ms(r.server(), 99),
                    number(r.cpuMillis()[0]), number(r.cpuMillis()[1]), r.note()));
        }
        out.append("-".repeat(140)).append('\n');
        out.append("Latencies and CPU in ms. CPU/op: CPU time per call of this JVM (workstations and server together) and of\n"
                + "PostgreSQL (all its processes); unlike latency it hardly changes when other processes share the machine.\n");
        out.append("Targets\n");
        for (int i = 0; i < CONCURRENCY.length; i++) {
            boolean measured = booked.get(i).count() > 0 && raw.get(i).count() > 0;
            double ratio = booked.get(i).opsPerSecond() / raw.get(i).opsPerSecond();
            out.append(String.format(Locale.ROOT, "  booking / raw insert, %-11s %5.2f  (target >= 0.33)  %s%n",
                    clientsLabel(CONCURRENCY[i]) + ":", measured ? ratio : Double.NaN,
                    measured ? verdict(ratio >= 1.0 / 3) : "not measured"));
        }
        for (Row r : rows) {
            if (r.name().startsWith("SearchSlots") || r.name().startsWith("Day board")) {
                double p99 = r.server().percentileMillis(99);
                out.append(String.format(Locale.ROOT, "  %-48s server p99 %s ms (target < 50)  %s%n", r.name() + ":",
                        ms(r.server(), 99), Double.isNaN(p99) ? "not measured" : verdict(p99 < READ_TARGET_MS)));
            }
        }
        System.out.print(out);
    }

    /** The machine's load average, to show whether other processes shared the CPU during the run. */
    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String ms(Samples s, double p) {
        return number(s.percentileMillis(p));
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    private static String verdict(boolean ok) {
        return ok ? "PASS" : "FAIL";
    }
}
