package org.medconnect.server.bench;

import static org.medconnect.server.db.Tables.APPOINTMENT;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.WatchAppointmentsRequest;
import org.medconnect.proto.appointment.v1.WatchAppointmentsResponse;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.SchedulingFixture;

/**
 * The live-feed benchmark: 1,000 workstations watch one clinic site over real gRPC while
 * appointments change at a steady rate; prints commit-to-delivery latency (p50/p99/max),
 * server heap per watcher, and whether every watcher received every event. The watchers run
 * in a child JVM, one TCP connection each, so the server's heap is measured on its own.
 * Not a test: {@code ./mvnw -B -Pbench-live -pl server -am verify -DskipTests}.
 */
public final class LiveFeedBenchmark {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("watchers")) {
            Watchers.main(args);
            return;
        }
        int watchers = Integer.getInteger("bench.watchers", 1000);
        int rate = Integer.getInteger("bench.rate", 10);
        int seconds = Integer.getInteger("bench.seconds", 20);
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Path dataDir = Path.of(System.getProperty("ot.epg.working-dir", "target"), "bench-live-pg");
        try (BenchClinic clinic = BenchClinic.start(dataDir, true, zone)) {
            var dsl = clinic.database().dsl();
            var fixture = new SchedulingFixture(dsl, clinic.services());
            fixture.staff("desk", "Front Desk", Role.RECEPTIONIST);
            UUID site = fixture.location("Riverside");
            UUID type = fixture.type("Consultation", 15, 0, false, false);
            List<UUID> appointments = new ArrayList<>();
            Instant day = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            for (int d = 0; d < 10; d++) {
                Principal doctor = fixture.doctor("doc" + d, "Dr Number " + d, "Family Medicine", "General Medicine");
                for (int slot = 0; slot < 30; slot++) {
                    UUID patient = fixture.patient("Patient", "P" + d + "-" + slot);
                    Instant start = day.plus(Duration.ofMinutes(8 * 60 + 15L * slot));
                    appointments.add(dsl.insertInto(APPOINTMENT)
                            .set(APPOINTMENT.REFERENCE, "A-" + d + "-" + slot).set(APPOINTMENT.PATIENT_ID, patient)
                            .set(APPOINTMENT.DOCTOR_ID, doctor.userId()).set(APPOINTMENT.LOCATION_ID, site)
                            .set(APPOINTMENT.TYPE_ID, type).set(APPOINTMENT.STARTS_AT, odt(start))
                            .set(APPOINTMENT.ENDS_AT, odt(start.plusSeconds(900)))
                            .set(APPOINTMENT.BLOCKS_UNTIL, odt(start.plusSeconds(900)))
                            .set(APPOINTMENT.STATUS, "CONFIRMED").set(APPOINTMENT.REASON, "Benchmark visit")
                            .returning(APPOINTMENT.ID).fetchSingle().getId());
                }
            }
            String token = clinic.services().auth().signIn("desk", "staff-pass-2026", "bench", "bench").token();

            long heapBefore = settledHeap();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                    "-cp", System.getProperty("java.class.path"), LiveFeedBenchmark.class.getName(),
                    "watchers", String.valueOf(clinic.port()), token, site.toString(), String.valueOf(watchers))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            expect(fromChild, "LIVE");
            long heapWatching = settledHeap();
            int serverWatchers = clinic.services().feed().watcherCount();

            // Warm-up at the same rate (JIT, connection buffers), not measured but counted.
            int warmup = rate * Integer.getInteger("bench.warmupSeconds", 10);
            change(dsl, appointments, rate, 0, warmup);
            Thread.sleep(1000);
            tell(child, "FROM " + Instant.now().toEpochMilli());

            // A steady stream of changes: each commit is one event every watcher must receive.
            int changes = rate * seconds;
            long t0 = System.nanoTime();
            change(dsl, appointments, rate, warmup, changes);
            double achievedRate = changes / ((System.nanoTime() - t0) / 1e9);
            tell(child, "EXPECT " + (warmup + changes));
            String result = expect(fromChild, "RESULT");
            child.waitFor(60, TimeUnit.SECONDS);

            String[] f = result.split(" ");
            long delivered = Long.parseLong(f[1]);
            long expected = (long) (warmup + changes) * watchers;
            System.out.println();
            System.out.println("MedConnect live-feed benchmark, " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            System.out.printf(Locale.ROOT, "machine: %d cores, %s; load average at end %.2f%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "watchers: %d (one TCP connection each, filter: one site), server sees %d%n", watchers, serverWatchers);
            System.out.printf(Locale.ROOT, "changes: %d warm-up, then %d measured, committed at %.1f/s for %d s (durable commits)%n",
                    warmup, changes, achievedRate, seconds);
            printTable(f, delivered, expected, (heapWatching - heapBefore) / 1024.0 / watchers);
            if (delivered != expected) {
                System.exit(1);
            }
        }
    }

    private static void change(org.jooq.DSLContext dsl, List<UUID> appointments, int rate, int first, int count)
            throws InterruptedException {
        long intervalNanos = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = t0 + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            dsl.update(APPOINTMENT).set(APPOINTMENT.VERSION, APPOINTMENT.VERSION.plus(1))
                    .where(APPOINTMENT.ID.eq(appointments.get((first + i) % appointments.size()))).execute();
        }
    }

    private static java.time.OffsetDateTime odt(Instant i) {
        return i.atOffset(java.time.ZoneOffset.UTC);
    }

    private static void tell(Process child, String line) throws java.io.IOException {
        child.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        child.getOutputStream().flush();
    }

    private static void printTable(String[] f, long delivered, long expected, double kibPerWatcher) {
        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| commit-to-delivery p50 | %s ms |%n", f[2]);
        System.out.printf(Locale.ROOT, "| commit-to-delivery p99 | %s ms |%n", f[3]);
        System.out.printf(Locale.ROOT, "| commit-to-delivery max | %s ms |%n", f[4]);
        System.out.printf(Locale.ROOT, "| deliveries (warm-up included) | %,d of %,d expected (%s) |%n", delivered, expected,
                delivered == expected ? "nothing lost" : "LOST " + (expected - delivered));
        System.out.printf(Locale.ROOT, "| duplicates or out-of-order | %s |%n", f[5]);
        System.out.printf(Locale.ROOT, "| server heap per watcher | %.1f KiB |%n", kibPerWatcher);
        System.out.printf(Locale.ROOT, "| streams ended by the server | %s |%n", f[6]);
        System.out.println();
    }

    private static String expect(BufferedReader in, String prefix) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.out.println("watchers: " + line);
        }
        throw new IllegalStateException("the watcher process ended before saying " + prefix);
    }

    private static long settledHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The child process: opens the watchers, reports when all are live, then latencies. */
    static final class Watchers {

        static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[1]);
            String token = args[2];
            String site = args[3];
            int count = Integer.parseInt(args[4]);
            CountDownLatch live = new CountDownLatch(count);
            AtomicLong delivered = new AtomicLong();
            AtomicLong disorder = new AtomicLong();
            AtomicLong ended = new AtomicLong();
            AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
            AtomicLong expectedEach = new AtomicLong(-1);
            Samples latency = new Samples();
            List<ManagedChannel> channels = new ArrayList<>();
            WatchAppointmentsRequest request = WatchAppointmentsRequest.newBuilder().setLocationId(site).build();
            for (int i = 0; i < count; i++) {
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                        .keepAliveTime(30, TimeUnit.SECONDS).build();
                channels.add(channel);
                AppointmentServiceGrpc.newStub(channel).withCallCredentials(Calls.bearer(token))
                        .watchAppointments(request, new StreamObserver<>() {
                            long last = -1;
                            boolean announced;

                            @Override
                            public void onNext(WatchAppointmentsResponse r) {
                                if (r.hasCheckpoint()) {
                                    if (!announced && r.getCheckpoint().getLive()) {
                                        announced = true;
                                        last = r.getCheckpoint().getSequence();
                                        live.countDown();
                                    }
                                    return;
                                }
                                Instant now = Instant.now();
                                var e = r.getEvent();
                                Instant committed = Instant.ofEpochSecond(e.getOccurredAt().getSeconds(), e.getOccurredAt().getNanos());
                                if (committed.toEpochMilli() >= measureFrom.get()) {
                                    latency.add(Duration.between(committed, now).toNanos());
                                }
                                if (e.getSequence() != last + 1) {
                                    disorder.incrementAndGet();
                                }
                                last = e.getSequence();
                                delivered.incrementAndGet();
                            }

                            @Override
                            public void onError(Throwable t) {
                                ended.incrementAndGet();
                            }

                            @Override
                            public void onCompleted() {
                                ended.incrementAndGet();
                            }
                        });
            }
            if (!live.await(120, TimeUnit.SECONDS)) {
                System.out.println("only " + (count - live.getCount()) + " of " + count + " watchers went live");
            }
            System.out.println("LIVE");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.split(" ");
                if (words[0].equals("FROM")) {
                    measureFrom.set(Long.parseLong(words[1]));
                } else if (words[0].equals("EXPECT")) {
                    expectedEach.set(Long.parseLong(words[1]));
                    break;
                }
            }
            long expected = expectedEach.get() * count;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.printf(Locale.ROOT, "RESULT %d %.1f %.1f %.1f %d %d%n", delivered.get(), latency.percentileMillis(50),
                    latency.percentileMillis(99), latency.percentileMillis(100), disorder.get(), ended.get());
            System.out.flush();
            channels.forEach(ManagedChannel::shutdownNow);
            System.exit(0);
        }
    }

    private LiveFeedBenchmark() {}
}
