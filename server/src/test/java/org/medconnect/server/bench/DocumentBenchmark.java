package org.medconnect.server.bench;

import com.google.protobuf.ByteString;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.DocumentCategory;
import org.medconnect.proto.chart.v1.DocumentContentType;
import org.medconnect.proto.chart.v1.DocumentServiceGrpc;
import org.medconnect.proto.chart.v1.DocumentUploadMetadata;
import org.medconnect.proto.chart.v1.DownloadDocumentRequest;
import org.medconnect.proto.chart.v1.UploadDocumentRequest;
import org.medconnect.proto.chart.v1.UploadDocumentResponse;
import org.medconnect.server.chart.document.TestFiles;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * The document benchmark (issue 12; not a test, see docs/performance.md): a PDF of
 * {@code bench.document.mb} MiB (default 50, just under the clinic limit of the same size)
 * uploaded and downloaded through the real DocumentService over Netty on 127.0.0.1, as the
 * workstation does it (128 KiB messages, flow control), {@code bench.warmup} unmeasured then
 * {@code bench.runs} measured round trips. The workstation side runs in its own JVM, so the
 * heap measured is the server's alone. Prints MiB/s of each direction (median, min, max)
 * and the server's heap: settled before and after each run, the largest heap in use (sampled every
 * 5 ms, garbage included) and the largest heap left after a garbage collection during the
 * transfer (what the process actually holds: if the server kept the file in memory, this would
 * grow by the file's size). Run with a small heap (the profile uses -Xmx160m), so a server that
 * held the file would also run out of memory.
 * {@code ./mvnw -B -Pbench-document -pl server -am verify -DskipTests [-Dbench.document.mb=50 -Dbench.runs=5]}
 */
public final class DocumentBenchmark {

    private static final double TARGET_MIB_PER_S = 50;
    private static final int CHUNK = 128 * 1024;

    private DocumentBenchmark() {}

    /** One measured round trip. */
    record Run(double uploadSeconds, double downloadSeconds, double uploadCpu, double downloadCpu, Heap.Span upload, Heap.Span download,
               long before, long after) {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU seconds this JVM (the server; the client runs in its own) has used so far. */
    private static double cpu() {
        return OS.getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--client")) {
            Client.run(args);
            return;
        }
        int mb = Integer.getInteger("bench.document.mb", 50);
        int runs = Integer.getInteger("bench.runs", 5);
        int warmup = Integer.getInteger("bench.warmup", 2);
        long limit = (long) mb * 1024 * 1024;
        Path home = Path.of("target", "bench-document-home").toAbsolutePath();
        deleteTree(home);
        Files.createDirectories(home);
        Path file = home.resolve("scan.pdf");
        // The filler is written in 64 KiB blocks and the PDF around it takes about 1.3 KB: a filler
        // 64 KiB short of the limit keeps the whole file under it (the old run made a file 1.3 KB over
        // the limit, was refused on the first message, and then waited forever for the closed call to be ready).
        TestFiles.largePdf(file, limit - 64 * 1024);
        long size = Files.size(file);
        if (size > limit) {
            throw new IllegalStateException("The test file (" + size + " bytes) is over the clinic limit of " + limit + " bytes");
        }
        Heap heap = new Heap();
        ServerConfig config = TestConfig.defaults().withHome(home).withDocuments(new ServerConfig.Documents(limit));
        List<Run> measured = new ArrayList<>();
        try (TestClinic clinic = TestClinic.start(Clock.systemUTC(), config)) {
            var fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
            Principal doctor = fixture.doctor("bench", "Dr Bench", "Family Medicine", "General Medicine");
            UUID patient = fixture.patient("Ana", "Souza");
            // An encounter makes the doctor one of the patient's: the full chart, no break the glass.
            clinic.database().dsl().query("insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at) "
                    + "values (?::uuid, ?::uuid, 'WALK_IN', now(), ?::uuid, now())", patient, doctor.userId(), doctor.userId()).execute();
            String token = AuthServiceGrpc.newBlockingStub(clinic.channel()).signIn(SignInRequest.newBuilder().setUsername("bench")
                    .setPassword("doctor-pass-2026").setWorkstation("BENCH-DOCUMENT").build()).getSessionToken();
            System.out.printf(Locale.ROOT, "MedConnect document benchmark: %.2f MiB PDF, %d warm-up + %d measured round trips;"
                    + " server JVM max heap %d MiB, the workstation side in its own JVM (-Xmx64m)%n",
                    size / 1048576.0, warmup, runs, Runtime.getRuntime().maxMemory() / 1048576);

            // The client runs in its own JVM, so the heap measured here is the server's alone. The two
            // sides step together over the child's stdin/stdout: the server settles its heap, says go,
            // the child transfers and says how long it took.
            try (Client.Handle client = Client.start(clinic.port(), token, patient, file)) {
                for (int i = 0; i < warmup + runs; i++) {
                    long before = heap.settled();
                    heap.startSpan();
                    double c0 = cpu();
                    String[] up = client.step("upload");
                    double upCpu = cpu() - c0;
                    Heap.Span upSpan = heap.endSpan();

                    heap.startSpan();
                    double c1 = cpu();
                    String[] down = client.step("download " + up[1]);
                    double downCpu = cpu() - c1;
                    Heap.Span downSpan = heap.endSpan();
                    if (Long.parseLong(down[1]) != size) {
                        throw new IllegalStateException("Downloaded " + down[1] + " bytes of " + size);
                    }
                    long after = heap.settled();
                    double upSeconds = Double.parseDouble(up[0]);
                    double downSeconds = Double.parseDouble(down[0]);
                    Run run = new Run(upSeconds, downSeconds, upCpu, downCpu, upSpan, downSpan, before, after);
                    System.out.printf(Locale.ROOT, "%s %d: upload %.2f s (%.1f MiB/s, server CPU %.2f s), download %.2f s (%.1f MiB/s,"
                            + " server CPU %.2f s), server heap %d -> %d MiB%n", i < warmup ? "warm-up" : "run", i < warmup ? i + 1 : i - warmup + 1,
                            upSeconds, size / 1048576.0 / upSeconds, upCpu, downSeconds, size / 1048576.0 / downSeconds, downCpu,
                            before >> 20, after >> 20);
                    if (i >= warmup) {
                        measured.add(run);
                    }
                }
                // One more round trip, not timed, to read what the server really keeps: a full GC every
                // 50 ms while it runs. (A young collection's "after" figure counts old-generation garbage
                // too, so the spans above overstate what is live.)
                long base = heap.settled();
                long upLive;
                long downLive;
                try (Heap.Probe probe = heap.probe()) {
                    String id = client.step("upload")[1];
                    upLive = probe.maxLive();
                    probe.reset();
                    client.step("download " + id);
                    downLive = probe.maxLive();
                }
                probed = new Probed(base, upLive, downLive, size);
            }
        } finally {
            heap.close();
            deleteTree(home);
        }
        report(size, measured);
        System.out.printf(Locale.ROOT, "server live heap during a transfer (full GC every 50 ms): baseline %d MiB, upload max %d MiB (+%d),"
                + " download max %d MiB (+%d); file %.1f MiB: %s%n", probed.base() >> 20, probed.up() >> 20, (probed.up() - probed.base()) >> 20,
                probed.down() >> 20, (probed.down() - probed.base()) >> 20, size / 1048576.0,
                probed.holdsFile() ? "heap MISSED (the server holds a large part of the file)" : "heap met (the server does not hold the file)");
        System.exit(0);
    }

    /** The forced-GC probe's result: the live heap before and the most live during each direction. */
    record Probed(long base, long up, long down, long size) {
        boolean holdsFile() {
            return up - base >= size / 2 || down - base >= size / 2;
        }
    }

    private static Probed probed;

    /**
     * The workstation side: its own JVM on the same class path, connected over Netty to the
     * server's port. Reads one command per line ("upload", "download <id>", "quit") and answers
     * "<seconds> <id or bytes>" when the transfer is done.
     */
    static final class Client {

        private Client() {}

        /** The child process as the server side drives it. */
        record Handle(Process process, java.io.BufferedReader out, java.io.PrintStream in) implements AutoCloseable {
            String[] step(String command) throws IOException {
                in.println(command);
                in.flush();
                String line = out.readLine();
                if (line == null || line.startsWith("ERROR")) {
                    throw new IllegalStateException("The client process failed: " + line);
                }
                return line.split(" ");
            }

            @Override
            public void close() throws InterruptedException {
                in.println("quit");
                in.flush();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        static Handle start(int port, String token, UUID patient, Path file) throws IOException {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(javaBin, "-Xmx64m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                    "-cp", System.getProperty("java.class.path"), DocumentBenchmark.class.getName(), "--client",
                    Integer.toString(port), token, patient.toString(), file.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Handle(p, new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)), new java.io.PrintStream(p.getOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8));
        }

        static void run(String[] args) throws Exception {
            int port = Integer.parseInt(args[1]);
            String token = args[2];
            UUID patient = UUID.fromString(args[3]);
            Path file = Path.of(args[4]);
            long size = Files.size(file);
            // Answers go to the real stdout; anything the libraries print goes to stderr.
            java.io.PrintStream answers = System.out;
            System.setOut(System.err);
            var channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try (var commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
                var documents = DocumentServiceGrpc.newStub(channel).withCallCredentials(Calls.bearer(token));
                var blocking = DocumentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token));
                String line;
                while ((line = commands.readLine()) != null && !line.equals("quit")) {
                    try {
                        long t0 = System.nanoTime();
                        if (line.equals("upload")) {
                            String id = upload(documents, patient, file, size);
                            answers.printf(Locale.ROOT, "%.6f %s%n", (System.nanoTime() - t0) / 1e9, id);
                        } else if (line.startsWith("download ")) {
                            long received = 0;
                            var parts = blocking.withDeadlineAfter(10, TimeUnit.MINUTES)
                                    .downloadDocument(DownloadDocumentRequest.newBuilder().setDocumentId(line.substring(9)).build());
                            while (parts.hasNext()) {
                                received += parts.next().getChunk().size();
                            }
                            answers.printf(Locale.ROOT, "%.6f %d%n", (System.nanoTime() - t0) / 1e9, received);
                        } else {
                            answers.println("ERROR unknown command " + line);
                        }
                    } catch (RuntimeException e) {
                        answers.println("ERROR " + e);
                    }
                    answers.flush();
                }
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
            System.exit(0);
        }
    }

    /** Sends the metadata, then the file in 128 KiB messages, each only when the transport is ready; the stored document's id. */
    private static String upload(DocumentServiceGrpc.DocumentServiceStub documents, UUID patient, Path file, long size)
            throws IOException, InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        CompletableFuture<UploadDocumentResponse> answer = new CompletableFuture<>();
        Object ready = new Object();
        CompletableFuture<ClientCallStreamObserver<UploadDocumentRequest>> started = new CompletableFuture<>();
        documents.withDeadlineAfter(10, TimeUnit.MINUTES).uploadDocument(new ClientResponseObserver<UploadDocumentRequest, UploadDocumentResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<UploadDocumentRequest> call) {
                call.setOnReadyHandler(() -> {
                    synchronized (ready) {
                        ready.notifyAll();
                    }
                });
                started.complete(call);
            }

            @Override
            public void onNext(UploadDocumentResponse v) {
                answer.complete(v);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
                synchronized (ready) {
                    ready.notifyAll();
                }
            }

            @Override
            public void onCompleted() {
                answer.completeExceptionally(new IllegalStateException("The upload closed without an answer"));
            }
        });
        ClientCallStreamObserver<UploadDocumentRequest> call = started.get();
        call.onNext(UploadDocumentRequest.newBuilder().setMetadata(DocumentUploadMetadata.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                .setCategory(DocumentCategory.DOCUMENT_CATEGORY_IMAGING).setTitle("Bench scan").setFileName("scan.pdf")
                .setDeclaredType(DocumentContentType.DOCUMENT_CONTENT_TYPE_PDF).setDeclaredSize(size)).build());
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0 && !answer.isDone()) {
                synchronized (ready) {
                    // A refused upload answers early and is never ready again: stop instead of waiting for it.
                    while (!call.isReady() && !answer.isDone()) {
                        ready.wait(50);
                    }
                }
                if (answer.isDone()) {
                    break;
                }
                call.onNext(UploadDocumentRequest.newBuilder().setChunk(ByteString.copyFrom(buf, 0, n)).build());
            }
        }
        if (!answer.isDone()) {
            call.onCompleted();
        }
        return answer.get(10, TimeUnit.MINUTES).getDocument().getId();
    }

    private static void report(long size, List<Run> runs) {
        double mib = size / 1048576.0;
        List<Double> up = runs.stream().map(r -> mib / r.uploadSeconds()).sorted().toList();
        List<Double> down = runs.stream().map(r -> mib / r.downloadSeconds()).sorted().toList();
        long before = runs.stream().mapToLong(Run::before).min().orElse(0);
        long after = runs.stream().mapToLong(Run::after).max().orElse(0);
        long peakUp = runs.stream().mapToLong(r -> r.upload().peakUsed()).max().orElse(0);
        long peakDown = runs.stream().mapToLong(r -> r.download().peakUsed()).max().orElse(0);
        long liveUp = runs.stream().mapToLong(r -> r.upload().peakAfterGc()).max().orElse(-1);
        long liveDown = runs.stream().mapToLong(r -> r.download().peakAfterGc()).max().orElse(-1);
        long gcsUp = runs.stream().mapToLong(r -> r.upload().collections()).sum();
        long gcsDown = runs.stream().mapToLong(r -> r.download().collections()).sum();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-9s | %4s | %12s | %12s | %12s | %11s | %14s | %22s | %s%n", "direction", "n", "median", "min", "max",
                "srv CPU/MiB", "srv heap peak", "srv heap after GC", "target >= 50 MiB/s, heap not +file");
        System.out.println("-".repeat(145));
        row("upload", up, runs.stream().mapToDouble(Run::uploadCpu).average().orElse(0) / mib, peakUp, liveUp, gcsUp, before, size);
        row("download", down, runs.stream().mapToDouble(Run::downloadCpu).average().orElse(0) / mib, peakDown, liveDown, gcsDown, before, size);
        System.out.printf(Locale.ROOT, "heap in use (settled, after a full GC): before the runs %d MiB, after them %d MiB (file %.1f MiB)%n",
                before >> 20, after >> 20, mib);
        System.out.println("upload: seal (AES-256-GCM, 64 KiB segments), write, fsync, PDF check with PDFBox over the sealed file, row;"
                + " download: key unwrap, last segment checked, then segment by segment, SHA-256 at the end");
    }

    private static void row(String label, List<Double> rates, double cpuPerMib, long peak, long live, long gcs, long before, long size) {
        double median = median(rates);
        // Only an indication: a young collection's "after" counts old-generation garbage; the forced-GC
        // probe below the table gives the verdict on the heap.
        boolean heapOk = live < 0 || live - before < size / 2;
        System.out.printf(Locale.ROOT, "%-9s | %4d | %7.1f MiB/s | %7.1f MiB/s | %7.1f MiB/s | %8.1f ms | %10d MiB | %9s (%3d GCs) | %s%n",
                label, rates.size(), median, rates.getFirst(), rates.getLast(), cpuPerMib * 1000, peak >> 20, live < 0 ? "no GC" : (live >> 20) + " MiB", gcs,
                (median >= TARGET_MIB_PER_S ? "rate met" : "rate MISSED") + ", " + (heapOk ? "after-GC under +file/2" : "after-GC over +file/2"));
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The heap of this JVM (the server's alone: the client runs in its own JVM):
     * in use, sampled every 5 ms on its own thread, and left after each collection, from the
     * collectors' notifications.
     */
    static final class Heap implements AutoCloseable {

        /** What one transfer saw; {@code peakAfterGc} is -1 when no collection ran during it. */
        record Span(long peakUsed, long peakAfterGc, long collections) {}

        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong(-1);
        private final AtomicLong collections = new AtomicLong();
        private final List<Runnable> unsubscribe = new ArrayList<>();
        private final Thread sampler;
        private volatile boolean watching;
        private volatile boolean running = true;

        Heap() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    javax.management.NotificationListener listener = (n, handback) -> {
                        if (!watching || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                            return;
                        }
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                        collections.incrementAndGet();
                        peakAfterGc.accumulateAndGet(used, Math::max);
                    };
                    emitter.addNotificationListener(listener, null, null);
                    unsubscribe.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (javax.management.ListenerNotFoundException ignored) {
                            // already gone
                        }
                    });
                }
            }
            sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (running) {
                    if (watching) {
                        peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        /** Forces a full collection every 50 ms on its own thread and keeps the most heap left live. */
        final class Probe implements AutoCloseable {
            private final AtomicLong max = new AtomicLong();
            private final Thread thread;
            private volatile boolean on = true;

            Probe() {
                thread = Thread.ofPlatform().daemon().name("heap-probe").start(() -> {
                    var memory = ManagementFactory.getMemoryMXBean();
                    while (on) {
                        System.gc();
                        max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }

            long maxLive() {
                return max.get();
            }

            void reset() {
                max.set(0);
            }

            @Override
            public void close() throws InterruptedException {
                on = false;
                thread.join();
            }
        }

        Probe probe() {
            return new Probe();
        }

        /** Heap in use after a full collection. */
        long settled() throws InterruptedException {
            System.gc();
            Thread.sleep(200);
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        void startSpan() {
            peakUsed.set(0);
            peakAfterGc.set(-1);
            collections.set(0);
            watching = true;
        }

        Span endSpan() throws InterruptedException {
            Thread.sleep(20); // the last notification arrives on the service thread
            watching = false;
            return new Span(peakUsed.get(), peakAfterGc.get(), collections.get());
        }

        @Override
        public void close() {
            running = false;
            sampler.interrupt();
            unsubscribe.forEach(Runnable::run);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
