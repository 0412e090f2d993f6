package org.medconnect.server.bench;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.report.v1.GetReportPanelRequest;
import org.medconnect.proto.report.v1.Panel;
import org.medconnect.proto.report.v1.ReportFilter;
import org.medconnect.proto.report.v1.ReportServiceGrpc;
import org.medconnect.server.bench.ClinicLoader.Clinic;
import org.medconnect.server.bench.ClinicLoader.Doctor;
import org.medconnect.server.bench.ClinicLoader.FreeSlot;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.testing.Calls;
import org.medconnect.shared.schedule.SlotGrid;

/**
 * The dashboard benchmark (issue 14; not a test, see docs/performance.md): the scheduling
 * benchmark's year (about a million appointments) with an issued invoice for every completed
 * visit and its payments, the whole server over real gRPC on this machine. Prints one table:
 * every dashboard panel over the whole year, as the admin sees the clinic and as one doctor
 * sees their own figures, server-side median and p99, first alone and then while eight
 * workstations book; booking throughput alone (before and after) and while the dashboards are
 * read back to back; a verdict per target. Any failed report call fails the run (exit 2).
 * {@code ./mvnw -B -Pbench-dashboard -pl server -am verify -DskipTests [-Dbench.appointments=20000]}
 */
public final class DashboardBenchmark {

    static final double PANEL_TARGET_MS = 300.0;
    static final double DROP_TARGET_PERCENT = 10.0;
    private static final long DEADLINE_MS = 30_000;
    private static final String ADMIN = "admin.bench";

    /** Settings, from -Dbench.* system properties. */
    record Options(int appointments, int patients, int seconds, int dashboardSeconds, int samples, int warmup, int clients,
                   int readers, boolean durable, ZoneId zone, Path dataDir) {

        static Options fromSystemProperties() {
            return new Options(Integer.getInteger("bench.appointments", 1_000_000), Integer.getInteger("bench.patients", 100_000),
                    Integer.getInteger("bench.seconds", 30), Integer.getInteger("bench.dashboard.seconds", 60),
                    Integer.getInteger("bench.samples", 30), Integer.getInteger("bench.warmup", 3),
                    Integer.getInteger("bench.clients", 8), Integer.getInteger("bench.readers", 1),
                    !"off".equals(System.getProperty("bench.durable", "on")), ZoneId.of(System.getProperty("bench.zone", "Europe/Berlin")),
                    Path.of(System.getProperty("bench.data-dir", "target/bench-dashboard-pgdata")));
        }
    }

    /** Whose dashboard: the admin's (the whole clinic) or one doctor's own. */
    enum View {
        CLINIC("admin, clinic"), DOCTOR("doctor, own");

        final String label;

        View(String label) {
            this.label = label;
        }
    }

    /** One panel as one viewer asks for it. */
    record Variant(Panel panel, View view) {
        String key() {
            return panel.name() + "." + view.name();
        }

        String name() {
            return panel.name().substring("PANEL_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A panel's figures: alone ({@code quiet}) and while booking ran ({@code busy}), server-side; client-side alone. */
    record PanelResult(Variant variant, Samples quiet, Samples quietClient, double[] cpuMillis, Samples busy, int rows) {}

    /** One booking run. */
    record Booking(String name, int count, double opsPerSecond, Samples server, String note) {}

    private final Options options;
    private final BenchClinic clinic;
    private final Clinic data;
    private final List<FreeSlot> slots;
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<AppointmentServiceGrpc.AppointmentServiceBlockingStub> bookers = new ArrayList<>();
    private final Map<View, ReportServiceGrpc.ReportServiceBlockingStub> readers = new LinkedHashMap<>();
    /** Every failed report call, "panel (view): STATUS description"; any one fails the run. */
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final String loadAtStart = loadAverage();
    /** Server-side timings of the panels read while booking ran, by variant key. */
    private final Map<String, Samples> busyTimings = new ConcurrentHashMap<>();

    private DashboardBenchmark(Options options, BenchClinic clinic, Clinic data) {
        this.options = options;
        this.clinic = clinic;
        this.data = data;
        this.slots = new ArrayList<>(data.freeSlots());
        this.slots.addAll(slotsAfterTheYear(data, options.zone()));
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.fromSystemProperties();
        System.out.printf(Locale.ROOT, "MedConnect dashboard benchmark: %,d appointments, %,d patients, %d booking clients, %d dashboard "
                + "reader(s), %d s booking alone (before and after), %d s booking while dashboards are read, %d samples per panel, "
                + "durable commits %s, clinic zone %s%n", options.appointments(), options.patients(), options.clients(), options.readers(),
                options.seconds(), options.dashboardSeconds(), options.samples(), options.durable() ? "on" : "off", options.zone());
        try {
            measure(options);
        } catch (SchedulingBenchmark.BenchmarkFailed e) {
            // After the clinic (and its PostgreSQL) closed: exit non-zero so a script or CI sees it.
            System.err.println("FAILED: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void measure(Options options) throws Exception {
        long t0 = System.nanoTime();
        explainSlowQueries();
        try (BenchClinic clinic = BenchClinic.start(options.dataDir().toAbsolutePath(), options.durable(), options.zone())) {
            System.out.println("Loading the year...");
            Clinic data = new ClinicLoader(clinic.database().dataSource(), clinic.services().staff(), options.zone(),
                    options.appointments(), options.patients()).load();
            System.out.printf(Locale.ROOT, "Loaded in %.1f s: %,d appointments from %s to %s%n", data.loadSeconds(), data.appointments(),
                    data.firstDay(), data.lastDay());
            BillingLoader.Loaded billing = new BillingLoader(clinic.database().dataSource(), options.zone(), clinic.config().currency(),
                    data.receptionistId()).load();
            System.out.printf(Locale.ROOT, "Billing loaded in %.1f s: %,d issued invoices (one per completed visit), %,d payments and refunds "
                    + "%s, %,d completions in the visit history, %,d sign-in events%n", billing.seconds(), billing.invoices(),
                    billing.payments(), billing.byMethod(), billing.history(), billing.signIns());
            DashboardBenchmark bench = new DashboardBenchmark(options, clinic, data);
            try {
                bench.run();
            } finally {
                bench.close();
            }
            System.out.printf(Locale.ROOT, "%nTotal run time %.0f s.%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    private void run() throws Exception {
        signIn();
        List<Variant> variants = new ArrayList<>();
        for (View view : View.values()) {
            for (Panel p : Panel.values()) {
                if (p != Panel.PANEL_UNSPECIFIED && p != Panel.UNRECOGNIZED) {
                    variants.add(new Variant(p, view));
                }
            }
        }
        System.out.println("Warming up (booking, and each panel)...");
        book("warm-up", Math.min(20, options.seconds()), false);
        for (Variant v : variants) {
            for (int i = 0; i < options.warmup(); i++) {
                read(v);
            }
        }

        System.out.println("Each panel alone...");
        Map<String, PanelResult> results = new LinkedHashMap<>();
        for (Variant v : variants) {
            clinic.timings().reset();
            Samples client = new Samples();
            int rows = 0;
            CpuMeter.Reading before = clinic.cpu().read();
            int done = 0;
            for (int i = 0; i < options.samples(); i++) {
                long t = System.nanoTime();
                Optional<Integer> r = read(v);
                if (r.isPresent()) {
                    client.add(System.nanoTime() - t);
                    rows = r.get();
                    done++;
                }
            }
            double[] cpu = CpuMeter.perOperation(before, clinic.cpu().read(), done);
            results.put(v.key(), new PanelResult(v, clinic.timings().of("GetReportPanel"), client, cpu, new Samples(), rows));
        }

        System.out.println("Booking alone...");
        List<Booking> booked = new ArrayList<>();
        booked.add(book("BookAppointment, " + options.clients() + " clients, alone (before)", options.seconds(), false));
        System.out.println("Booking while the dashboards are read...");
        Booking busy = book("BookAppointment, " + options.clients() + " clients, dashboards read", options.dashboardSeconds(), true);
        booked.add(busy);
        for (Variant v : variants) {
            PanelResult r = results.get(v.key());
            results.put(v.key(), new PanelResult(v, r.quiet(), r.quietClient(), r.cpuMillis(),
                    busyTimings.getOrDefault(v.key(), new Samples()), r.rows()));
        }
        System.out.println("Booking alone again...");
        booked.add(book("BookAppointment, " + options.clients() + " clients, alone (after)", options.seconds(), false));

        List<PanelResult> panels = new ArrayList<>(results.values());
        System.out.print(table(panels, booked));
        List<String> problems = problems(panels, booked, failures);
        if (!problems.isEmpty()) {
            throw new SchedulingBenchmark.BenchmarkFailed(String.join("; ", problems));
        }
    }

    /**
     * Why the run cannot be taken as a measurement: any failed report call, any panel with no
     * timing, a booking run that booked nothing. Empty when everything was measured (the targets
     * themselves are verdicts, not failures).
     */
    static List<String> problems(List<PanelResult> panels, List<Booking> booked, List<String> failures) {
        List<String> out = new ArrayList<>();
        if (!failures.isEmpty()) {
            Map<String, Integer> distinct = new TreeMap<>();
            failures.forEach(f -> distinct.merge(f, 1, Integer::sum));
            distinct.forEach((f, n) -> out.add("report call failed: " + f + (n > 1 ? " (x" + n + ")" : "")));
        }
        for (PanelResult p : panels) {
            if (p.quiet().count() == 0 || p.busy().count() == 0) {
                out.add("not measured: " + p.variant().name() + " (" + p.variant().view().label + ")"
                        + (p.quiet().count() == 0 ? " alone" : " while booking"));
            }
        }
        for (Booking b : booked) {
            if (b.count() == 0) {
                out.add("nothing booked: " + b.name() + (b.note().isBlank() ? "" : " (" + b.note() + ")"));
            }
        }
        return out;
    }

    /** How much booking slowed while the dashboards were read, in percent of the mean rate alone (before and after). */
    static double dropPercent(double aloneBefore, double withDashboards, double aloneAfter) {
        double alone = (aloneBefore + aloneAfter) / 2;
        return 100.0 * (alone - withDashboards) / alone;
    }

    /**
     * {@code -Dbench.explain=MS}: PostgreSQL logs the plan (EXPLAIN ANALYZE, with buffers) of every
     * statement slower than that into target/bench-dashboard-pglog/, which outlives the run.
     */
    private static void explainSlowQueries() throws java.io.IOException {
        String ms = System.getProperty("bench.explain", "").strip();
        if (ms.isEmpty() || ms.equals("off")) {
            return;
        }
        Path logs = Path.of("target", "bench-dashboard-pglog").toAbsolutePath();
        java.nio.file.Files.createDirectories(logs);
        System.setProperty("bench.pg.shared_preload_libraries", "auto_explain");
        System.setProperty("bench.pg.auto_explain.log_min_duration", ms);
        System.setProperty("bench.pg.auto_explain.log_analyze", "on");
        System.setProperty("bench.pg.auto_explain.log_buffers", "on");
        System.setProperty("bench.pg.logging_collector", "on");
        System.setProperty("bench.pg.log_directory", logs.toString());
        System.setProperty("bench.pg.log_filename", "postgresql-%H%M.log");
        System.out.println("Plans of statements slower than " + ms + " ms go to " + logs);
    }

    // ---------------------------------------------------------------- reads

    /** One panel over the whole loaded year; its row count, or empty (and a recorded failure) when the call failed. */
    private Optional<Integer> read(Variant v) {
        Metadata label = new Metadata();
        label.put(ServerTimings.LABEL, v.key());
        try {
            var answer = readers.get(v.view()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(label))
                    .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                    .getReportPanel(GetReportPanelRequest.newBuilder().setPanel(v.panel()).setFilter(ReportFilter.newBuilder()
                            .setFromDate(data.firstDay().toString()).setToDate(data.lastDay().toString())).build());
            return Optional.of(answer.getTable().getRowsCount());
        } catch (StatusRuntimeException e) {
            String failure = v.name() + " (" + v.view().label + "): " + e.getStatus().getCode() + " " + e.getStatus().getDescription();
            if (failures.isEmpty()) {
                System.out.println("  first failed report call: " + failure);
            }
            failures.add(failure);
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * {@code clients} workstations book distinct free slots for {@code seconds}; with
     * {@code dashboards}, {@code readers} threads meanwhile read every panel back to back (admin's
     * then the doctor's), at least one full round each, and their server-side timings are kept.
     */
    private Booking book(String name, int seconds, boolean dashboards) throws Exception {
        clinic.timings().reset();
        Samples latencies = new Samples();
        Map<String, Integer> errors = new TreeMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger readersLeft = new AtomicInteger(dashboards ? options.readers() : 0);
        List<Variant> variants = new ArrayList<>();
        for (View view : View.values()) {
            Arrays.stream(Panel.values()).filter(p -> p != Panel.PANEL_UNSPECIFIED && p != Panel.UNRECOGNIZED)
                    .forEach(p -> variants.add(new Variant(p, view)));
        }
        long started = System.nanoTime();
        long end = started + seconds * 1_000_000_000L;
        int threads = options.clients() + readersLeft.get();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < options.clients(); i++) {
                AppointmentServiceGrpc.AppointmentServiceBlockingStub stub = bookers.get(i);
                futures.add(pool.submit(() -> {
                    while (!stop.get() && (readersLeft.get() > 0 || System.nanoTime() < end)) {
                        int n = nextSlot.getAndIncrement();
                        if (n >= slots.size()) {
                            synchronized (errors) {
                                errors.merge("free slots ran out", 1, Integer::sum);
                            }
                            return null;
                        }
                        FreeSlot slot = slots.get(n);
                        long t = System.nanoTime();
                        try {
                            stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS).bookAppointment(BookAppointmentRequest.newBuilder()
                                    .setRequestId(UUID.randomUUID().toString()).setPatientId(slot.patientId().toString())
                                    .setDoctorId(slot.doctor().id().toString()).setLocationId(slot.doctor().locationId().toString())
                                    .setAppointmentTypeId(data.consultationTypeId().toString()).setStartsAt(timestamp(slot.start()))
                                    .build());
                            latencies.add(System.nanoTime() - t);
                            done.incrementAndGet();
                        } catch (StatusRuntimeException e) {
                            synchronized (errors) {
                                errors.merge(e.getStatus().getCode() + " " + Calls.reason(e), 1, Integer::sum);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int r = 0; r < readersLeft.get(); r++) {
                int offset = r * variants.size() / Math.max(1, options.readers());
                futures.add(pool.submit(() -> {
                    try {
                        boolean fullRound = false;
                        while (!fullRound || System.nanoTime() < end) {
                            for (int k = 0; k < variants.size(); k++) {
                                Variant v = variants.get((offset + k) % variants.size());
                                read(v); // the server records each call under its panel's label
                            }
                            fullRound = true;
                        }
                    } finally {
                        readersLeft.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        if (dashboards) {
            for (Variant v : variants) {
                busyTimings.put(v.key(), clinic.timings().of("GetReportPanel/" + v.key()));
            }
        }
        String note;
        synchronized (errors) {
            note = errors.isEmpty() ? "" : "errors: " + errors;
        }
        return new Booking(name, done.get(), done.get() / elapsed, clinic.timings().of("BookAppointment"), note);
    }

    /**
     * Free slots after the loaded year, so long runs never run out: every weekday slot of each
     * doctor for 200 days after the last loaded day, for the patients ClinicLoader set aside for
     * that doctor (a patient only ever books one doctor, whose slots never overlap).
     */
    static List<FreeSlot> slotsAfterTheYear(Clinic data, ZoneId zone) {
        Map<UUID, List<UUID>> patientsOf = new LinkedHashMap<>();
        for (FreeSlot s : data.freeSlots()) {
            List<UUID> list = patientsOf.computeIfAbsent(s.doctor().id(), d -> new ArrayList<>());
            if (list.size() < 400 && !list.contains(s.patientId())) {
                list.add(s.patientId());
            }
        }
        List<FreeSlot> out = new ArrayList<>();
        for (Doctor d : data.doctors()) {
            List<UUID> patients = patientsOf.getOrDefault(d.id(), List.of());
            if (patients.isEmpty()) {
                continue;
            }
            int n = 0;
            for (LocalDate day = data.lastDay().plusDays(1); !day.isAfter(data.lastDay().plusDays(200)); day = day.plusDays(1)) {
                if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                for (int s = 0; s < ClinicLoader.SLOTS_PER_DAY; s++) {
                    Instant start = SlotGrid.instant(day, ClinicLoader.DAY_START.plusMinutes((long) s * ClinicLoader.SLOT_MINUTES), zone)
                            .orElse(null);
                    if (start != null) {
                        out.add(new FreeSlot(d, start, patients.get(n++ % patients.size())));
                    }
                }
            }
        }
        Collections.shuffle(out, new Random(43));
        return out;
    }

    // ---------------------------------------------------------------- plumbing

    private void signIn() throws Exception {
        clinic.services().staff().createUser((UUID) null, new NewUser(Optional.empty(), ADMIN, "Clinic Administrator",
                ADMIN + "@clinic.test", "", Optional.of(Role.ADMIN), Optional.empty(), ClinicLoader.PASSWORD), false);
        String doctor = clinic.database().dsl().resultQuery("select username from staff_user where id = ?::uuid",
                data.doctors().getFirst().id()).fetchSingle(0, String.class);
        ManagedChannel admin = channel();
        readers.put(View.CLINIC, ReportServiceGrpc.newBlockingStub(admin).withCallCredentials(Calls.bearer(token(admin, ADMIN))));
        ManagedChannel own = channel();
        readers.put(View.DOCTOR, ReportServiceGrpc.newBlockingStub(own).withCallCredentials(Calls.bearer(token(own, doctor))));
        for (int i = 0; i < options.clients(); i++) {
            String username = data.receptionists().get(i % data.receptionists().size());
            ManagedChannel channel = channel();
            bookers.add(AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token(channel, username))));
        }
    }

    private ManagedChannel channel() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", clinic.port()).usePlaintext().build();
        channels.add(channel);
        return channel;
    }

    private static String token(ManagedChannel channel, String username) {
        return AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(ClinicLoader.PASSWORD)
                        .setWorkstation("BENCH-DASH").build()).getSessionToken();
    }

    private void close() throws InterruptedException {
        for (ManagedChannel c : channels) {
            c.shutdownNow();
        }
        for (ManagedChannel c : channels) {
            c.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    // ---------------------------------------------------------------- the table

    private String table(List<PanelResult> panels, List<Booking> booked) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nResults (%s, %d cores, JDK %s; client and server on this machine)%n", data.today(),
                Runtime.getRuntime().availableProcessors(), Runtime.version()));
        out.append(String.format(Locale.ROOT, "Load average (1, 5, 15 min) at the start: %s; now: %s%n", loadAtStart, loadAverage()));
        out.append(String.format(Locale.ROOT, "Each panel over the loaded year, %s to %s (%,d appointments); latencies in ms, server-side "
                + "unless marked client%n", data.firstDay(), data.lastDay(), data.appointments()));
        String format = "%-24s %-14s %5s %8s %8s %8s %8s %8s %6s %8s %8s %6s%n";
        out.append(String.format(Locale.ROOT, format, "", "", "", "alone", "alone", "client", "CPU/op", "CPU/op", "", "booking",
                "booking", ""));
        out.append(String.format(Locale.ROOT, format, "panel", "view", "n", "p50", "p99", "p99", "JVM", "PG", "n", "p50", "p99", "rows"));
        out.append("-".repeat(128)).append('\n');
        for (PanelResult p : panels) {
            out.append(String.format(Locale.ROOT, format, p.variant().name(), p.variant().view().label, p.quiet().count(),
                    ms(p.quiet(), 50), ms(p.quiet(), 99), ms(p.quietClient(), 99), number(p.cpuMillis()[0]), number(p.cpuMillis()[1]),
                    p.busy().count(), ms(p.busy(), 50), ms(p.busy(), 99), p.rows()));
        }
        out.append("-".repeat(128)).append('\n');
        String bformat = "%-52s %7s %7s %8s %8s  %s%n";
        out.append(String.format(Locale.ROOT, bformat, "booking", "n", "ops/s", "p50", "p99", "note"));
        for (Booking b : booked) {
            out.append(String.format(Locale.ROOT, bformat, b.name(), String.format(Locale.ROOT, "%,d", b.count()),
                    String.format(Locale.ROOT, "%,.0f", b.opsPerSecond()), ms(b.server(), 50), ms(b.server(), 99), b.note()));
        }
        out.append("-".repeat(128)).append('\n');
        out.append(String.format(Locale.ROOT, "Targets (each panel's server p99 read while %d clients book < %.0f ms; booking drop < %.0f%%)%n",
                options.clients(), PANEL_TARGET_MS, DROP_TARGET_PERCENT));
        for (PanelResult p : panels) {
            double p99 = p.busy().percentileMillis(99);
            out.append(String.format(Locale.ROOT, "  %-40s server p99 %8s ms while booking (alone %8s)  %s%n",
                    p.variant().name() + " (" + p.variant().view().label + "):", ms(p.busy(), 99), ms(p.quiet(), 99),
                    Double.isNaN(p99) ? "NOT MEASURED" : verdict(p99 < PANEL_TARGET_MS)));
        }
        double drop = dropPercent(booked.get(0).opsPerSecond(), booked.get(1).opsPerSecond(), booked.get(2).opsPerSecond());
        out.append(String.format(Locale.ROOT, "  booking while dashboards are read: %,.0f ops/s against %,.0f alone (mean of before and after): "
                        + "drop %.1f%% (target < %.0f%%)  %s%n", booked.get(1).opsPerSecond(),
                (booked.get(0).opsPerSecond() + booked.get(2).opsPerSecond()) / 2, drop, DROP_TARGET_PERCENT,
                Double.isNaN(drop) ? "NOT MEASURED" : verdict(drop < DROP_TARGET_PERCENT)));
        return out.toString();
    }

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
