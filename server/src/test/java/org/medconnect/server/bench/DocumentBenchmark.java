package org.medconnect.server.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.DocumentCategory;
import org.medconnect.proto.chart.v1.DocumentContentType;
import org.medconnect.proto.chart.v1.DocumentServiceGrpc;
import org.medconnect.proto.chart.v1.DocumentUploadMetadata;
import org.medconnect.proto.chart.v1.DownloadDocumentRequest;
import org.medconnect.proto.chart.v1.UploadDocumentRequest;
import org.medconnect.proto.chart.v1.UploadDocumentResponse;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.chart.document.TestFiles;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * A 50 MB PDF uploaded and downloaded through the real DocumentService (in-process gRPC, sealed on
 * disk), printing MB/s and the heap in use before, during (peak sampled) and after. Not a test: run it
 * with a small heap to show the heap does not grow with the file, e.g.
 * {@code java -Xmx96m -cp <server test class path> org.medconnect.server.bench.DocumentBenchmark 50}.
 */
public final class DocumentBenchmark {

    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path home = Files.createTempDirectory("document-bench");
        Path file = home.resolve("scan.pdf");
        TestFiles.largePdf(file, (long) mb * 1024 * 1024 - 4096);
        long size = Files.size(file);
        var db = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(TestConfig.defaults().withHome(home), db, Clock.systemUTC());
        MedConnectServer server = new MedConnectServer(InProcessServerBuilder.forName("bench"), services).start();
        ManagedChannel channel = InProcessChannelBuilder.forName("bench").build();
        try {
            var fixture = new SchedulingFixture(db.dsl(), services);
            Principal doctor = fixture.doctor("bench", "Dr Bench", "Family Medicine", "General Medicine");
            UUID patient = fixture.patient("Ana", "Souza");
            db.dsl().query("insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at) "
                    + "values (?::uuid, ?::uuid, 'WALK_IN', now(), ?::uuid, now())", patient, doctor.userId(), doctor.userId()).execute();
            String token = AuthServiceGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUsername("bench")
                    .setPassword("doctor-pass-2026").build()).getSessionToken();
            var async = DocumentServiceGrpc.newStub(channel).withCallCredentials(Calls.bearer(token)).withDeadlineAfter(10, TimeUnit.MINUTES);
            var blocking = DocumentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token))
                    .withDeadlineAfter(10, TimeUnit.MINUTES);

            HeapWatch heap = new HeapWatch();
            long before = heap.settled();
            heap.start();
            long t0 = System.nanoTime();
            CompletableFuture<UploadDocumentResponse> answer = new CompletableFuture<>();
            StreamObserver<UploadDocumentRequest> requests = async.uploadDocument(new StreamObserver<>() {
                public void onNext(UploadDocumentResponse v) { answer.complete(v); }
                public void onError(Throwable t) { answer.completeExceptionally(t); }
                public void onCompleted() { }
            });
            requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(DocumentUploadMetadata.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                    .setCategory(DocumentCategory.DOCUMENT_CATEGORY_IMAGING).setTitle("Bench scan").setFileName("scan.pdf")
                    .setDeclaredType(DocumentContentType.DOCUMENT_CONTENT_TYPE_PDF).setDeclaredSize(size)).build());
            var call = (io.grpc.stub.ClientCallStreamObserver<UploadDocumentRequest>) requests;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[128 * 1024];
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    while (!call.isReady()) {
                        Thread.sleep(1);
                    }
                    requests.onNext(UploadDocumentRequest.newBuilder().setChunk(ByteString.copyFrom(buf, 0, n)).build());
                }
            }
            requests.onCompleted();
            String id = answer.get(10, TimeUnit.MINUTES).getDocument().getId();
            double upload = (System.nanoTime() - t0) / 1e9;
            long peakUpload = heap.peakAndReset();

            long t1 = System.nanoTime();
            long received = 0;
            var parts = blocking.downloadDocument(DownloadDocumentRequest.newBuilder().setDocumentId(id).build());
            while (parts.hasNext()) {
                received += parts.next().getChunk().size();
            }
            double download = (System.nanoTime() - t1) / 1e9;
            long peakDownload = heap.peakAndReset();
            heap.stopWatching();
            long after = heap.settled();
            double mib = size / 1048576.0;
            System.out.printf("file            %.1f MiB (received back %.1f MiB)%n", mib, received / 1048576.0);
            System.out.printf("max heap        %d MiB%n", Runtime.getRuntime().maxMemory() / 1048576);
            System.out.printf("upload          %.2f s  %.1f MiB/s  (seal, check with PDFBox, fsync, row)  heap peak %d MiB%n",
                    upload, mib / upload, peakUpload / 1048576);
            System.out.printf("download        %.2f s  %.1f MiB/s  (open, GCM check, SHA-256)            heap peak %d MiB%n",
                    download, mib / download, peakDownload / 1048576);
            System.out.printf("heap in use     before %d MiB, after %d MiB%n", before / 1048576, after / 1048576);
        } finally {
            channel.shutdownNow();
            server.stop(Duration.ofSeconds(1));
        }
        System.exit(0);
    }

    /** Samples used heap every 5 ms on its own thread. */
    static final class HeapWatch extends Thread {
        private volatile boolean running = true;
        private volatile long peak;

        HeapWatch() {
            setDaemon(true);
        }

        long settled() throws InterruptedException {
            System.gc();
            Thread.sleep(200);
            Runtime r = Runtime.getRuntime();
            return r.totalMemory() - r.freeMemory();
        }

        long peakAndReset() {
            long p = peak;
            peak = 0;
            return p;
        }

        @Override
        public void run() {
            Runtime r = Runtime.getRuntime();
            while (running) {
                peak = Math.max(peak, r.totalMemory() - r.freeMemory());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopWatching() {
            running = false;
        }
    }
}
