package org.medconnect.server.chart.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.Document;
import org.medconnect.proto.chart.v1.DocumentCategory;
import org.medconnect.proto.chart.v1.DocumentContentType;
import org.medconnect.proto.chart.v1.DocumentServiceGrpc;
import org.medconnect.proto.chart.v1.DocumentStatus;
import org.medconnect.proto.chart.v1.DocumentUploadMetadata;
import org.medconnect.proto.chart.v1.DownloadDocumentRequest;
import org.medconnect.proto.chart.v1.ListDocumentsRequest;
import org.medconnect.proto.chart.v1.MarkDocumentEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.UploadDocumentRequest;
import org.medconnect.proto.chart.v1.UploadDocumentResponse;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** Chart documents as a workstation meets them over gRPC (in-process): encrypted round trips, refusals, races, access. */
class DocumentApiTest {

    static final long LIMIT = 2L * 1024 * 1024;
    static final String MARKER = "PLAINTEXT-MARKER-4b1d7e";

    @TempDir
    Path home;
    MedConnectServer server;
    ManagedChannel channel;
    ClinicServices services;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    DSLContext dsl;
    UUID patient;
    Principal okafor;
    Principal lee;

    @BeforeEach
    void start() throws Exception {
        String name = "documents-" + UUID.randomUUID();
        var db = TestDatabase.fresh();
        dsl = db.dsl();
        ServerConfig config = TestConfig.defaults().withHome(home).withDocuments(new ServerConfig.Documents(LIMIT));
        services = new ClinicServices(config, db, clock);
        // Not directExecutor: uploads block on disk and downloads pace themselves by flow control, as over Netty.
        server = new MedConnectServer(InProcessServerBuilder.forName(name), services).start();
        channel = InProcessChannelBuilder.forName(name).build();
        var fixture = new SchedulingFixture(dsl, services);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        lee = fixture.doctor("lee", "Dr Min Lee", "Family Medicine", "General Medicine");
        fixture.doctor("stranger", "Dr Sam Stranger", "Cardiology", "Cardiology");
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("root", "Ada Admin", Role.ADMIN);
        fixture.staff("nina", "Nina Nurse", Role.NURSE);
        patient = fixture.patient("Ana", "Souza");
        encounter(okafor);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }

    UUID encounter(Principal doctor) {
        return dsl.resultQuery("""
                insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at)
                values (?, ?, 'WALK_IN', now(), ?, now()) returning id
                """, patient, doctor.userId(), doctor.userId()).fetchSingle(0, UUID.class);
    }

    String token(String username) {
        String password = Stream.of("okafor", "lee", "stranger").anyMatch(username::equals) ? "doctor-pass-2026" : "staff-pass-2026";
        return AuthServiceGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password).build())
                .getSessionToken();
    }

    DocumentServiceGrpc.DocumentServiceBlockingStub blocking(String username) {
        return DocumentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token(username)))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    DocumentServiceGrpc.DocumentServiceStub async(String username) {
        return DocumentServiceGrpc.newStub(channel).withCallCredentials(Calls.bearer(token(username)))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    static DocumentUploadMetadata.Builder meta(UUID patient, DocumentCategory category, DocumentContentType type) {
        return DocumentUploadMetadata.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                .setCategory(category).setTitle("Full blood count").setFileName("fbc.pdf").setDeclaredType(type);
    }

    DocumentUploadMetadata.Builder pdfMeta() {
        return meta(patient, DocumentCategory.DOCUMENT_CATEGORY_LAB_REPORT, DocumentContentType.DOCUMENT_CONTENT_TYPE_PDF);
    }

    /** Uploads in 64 KiB chunks and waits for the answer; throws the call's status on failure. */
    static Document upload(DocumentServiceGrpc.DocumentServiceStub stub, DocumentUploadMetadata metadata, byte[] file) {
        CompletableFuture<UploadDocumentResponse> answer = new CompletableFuture<>();
        StreamObserver<UploadDocumentRequest> requests = stub.uploadDocument(observer(answer));
        requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(metadata).build());
        for (int at = 0; at < file.length && !answer.isDone(); at += 64 * 1024) {
            requests.onNext(UploadDocumentRequest.newBuilder()
                    .setChunk(ByteString.copyFrom(file, at, Math.min(64 * 1024, file.length - at))).build());
        }
        requests.onCompleted();
        return join(answer).getDocument();
    }

    static <T> StreamObserver<T> observer(CompletableFuture<T> answer) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] download(DocumentServiceGrpc.DocumentServiceBlockingStub stub, String id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var it = stub.downloadDocument(DownloadDocumentRequest.newBuilder().setDocumentId(id).build());
        assertThat(it.next().hasDocument()).isTrue();
        while (it.hasNext()) {
            it.next().getChunk().writeTo(out);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    List<Path> storedFiles() throws IOException {
        Path docs = home.resolve("documents");
        if (!Files.isDirectory(docs)) {
            return List.of();
        }
        try (var walk = Files.walk(docs)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    List<Path> incomingFiles() throws IOException {
        Path dir = home.resolve("documents-incoming");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.toList();
        }
    }

    int rows() {
        return dsl.fetchCount(dsl.selectFrom("chart_document"));
    }

    @Nested
    class RoundTrip {
        @Test
        void aDownloadGivesBackTheSameBytesAndSha256() throws Exception {
            byte[] pdf = TestFiles.pdf(MARKER);
            Document d = upload(async("okafor"), pdfMeta().build(), pdf);

            assertThat(d.getSha256()).isEqualTo(sha256(pdf));
            assertThat(d.getSizeBytes()).isEqualTo(pdf.length);
            assertThat(d.getContentType()).isEqualTo(DocumentContentType.DOCUMENT_CONTENT_TYPE_PDF);
            assertThat(d.getUploadedByName()).isEqualTo("Dr Amara Okafor");
            byte[] back = download(blocking("okafor"), d.getId());
            assertThat(back).isEqualTo(pdf);
            assertThat(sha256(back)).isEqualTo(d.getSha256());
        }

        @Test
        void aCompressedMultiPagePdfRoundTrips() throws Exception {
            // Object streams make PDFBox open views of the sealed file while checking it.
            byte[] pdf = TestFiles.report("Ana Souza", 3);
            Document d = upload(async("okafor"), pdfMeta().build(), pdf);
            assertThat(download(blocking("okafor"), d.getId())).isEqualTo(pdf);
        }

        @Test
        void imagesOfEachKindRoundTrip() throws Exception {
            byte[] png = TestFiles.png();
            byte[] jpeg = TestFiles.jpeg();
            Document p = upload(async("okafor"), meta(patient, DocumentCategory.DOCUMENT_CATEGORY_IMAGING,
                    DocumentContentType.DOCUMENT_CONTENT_TYPE_PNG).setFileName("chest.png").build(), png);
            Document j = upload(async("okafor"), meta(patient, DocumentCategory.DOCUMENT_CATEGORY_IMAGING,
                    DocumentContentType.DOCUMENT_CONTENT_TYPE_JPEG).setFileName("knee.jpg").build(), jpeg);

            assertThat(download(blocking("okafor"), p.getId())).isEqualTo(png);
            assertThat(download(blocking("okafor"), j.getId())).isEqualTo(jpeg);
        }

        @Test
        void aFileOfExactlyOneSegmentAndOneOfSeveralRoundTrip() throws Exception {
            // Sizes on and around the 64 KiB segment edge exercise the last-segment rules.
            for (int extra : new int[] {0, 1}) {
                byte[] pdf = TestFiles.pdf(MARKER, SealedFile.SEGMENT * 3 + extra);
                Document d = upload(async("okafor"), pdfMeta().build(), pdf);
                assertThat(download(blocking("okafor"), d.getId())).isEqualTo(pdf);
            }
        }

        @Test
        void theFileOnDiskIsSealedAndHoldsNoPlaintext() throws Exception {
            byte[] pdf = TestFiles.pdf(MARKER);
            assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains(MARKER).contains("%PDF-");
            upload(async("okafor"), pdfMeta().build(), pdf);

            List<Path> files = storedFiles();
            assertThat(files).hasSize(1);
            assertThat(files.getFirst().getFileName().toString()).matches("[0-9a-f-]{36}\\.bin");
            assertThat(home.relativize(files.getFirst()).toString())
                    .matches("documents/\\d{4}/\\d{2}/[0-9a-f-]{36}\\.bin");
            String onDisk = new String(Files.readAllBytes(files.getFirst()), StandardCharsets.ISO_8859_1);
            assertThat(onDisk).doesNotContain(MARKER).doesNotContain("%PDF").doesNotContain("/Catalog");
            // The row keeps no key in the clear either: only the wrapped key.
            byte[] wrapped = dsl.fetchSingle("select wrapped_key from chart_document").get(0, byte[].class);
            assertThat(wrapped).hasSize(1 + 12 + 32 + 16);
            assertThat(incomingFiles()).isEmpty();
        }

        @Test
        void theListShowsDocumentsNewestFirstAndFiltersByCategory() {
            upload(async("okafor"), pdfMeta().setTitle("First").build(), TestFiles.pdf(MARKER));
            clock.advance(Duration.ofMinutes(5));
            upload(async("okafor"), meta(patient, DocumentCategory.DOCUMENT_CATEGORY_LETTER,
                    DocumentContentType.DOCUMENT_CONTENT_TYPE_PDF).setTitle("Referral letter").build(), TestFiles.pdf(MARKER));

            var all = blocking("okafor").listDocuments(ListDocumentsRequest.newBuilder().setPatientId(patient.toString()).build());
            var letters = blocking("okafor").listDocuments(ListDocumentsRequest.newBuilder().setPatientId(patient.toString())
                    .setCategory(DocumentCategory.DOCUMENT_CATEGORY_LETTER).build());

            assertThat(all.getDocumentsList()).extracting(Document::getTitle).containsExactly("Referral letter", "First");
            assertThat(all.getPage().getTotalCount()).isEqualTo(2);
            assertThat(letters.getDocumentsList()).extracting(Document::getTitle).containsExactly("Referral letter");
        }
    }


    @Nested
    class Integrity {
        @Test
        void aWrongClinicKeyFailsTheDownloadClearly() throws Exception {
            Document d = upload(async("okafor"), pdfMeta().build(), TestFiles.pdf(MARKER));
            var otherKey = new DocumentKey(SealedFile.newKey(), home.resolve("keys/other.key"));
            var elsewhere = new DocumentService(dsl, otherKey, home, LIMIT, java.time.Clock.systemUTC(), java.time.ZoneId.of("UTC"));

            Throwable t = catchThrowable(() -> elsewhere.open(okafor, UUID.fromString(d.getId())));

            assertThat(t).isInstanceOf(DocumentService.Unreadable.class)
                    .hasMessageContaining("different clinic document key");
        }

        @Test
        void aDamagedStoredFileEndsTheDownloadWithDataLoss() throws Exception {
            byte[] pdf = TestFiles.pdf(MARKER, 300_000);
            Document d = upload(async("okafor"), pdfMeta().build(), pdf);
            Path file = storedFiles().getFirst();
            byte[] sealed = Files.readAllBytes(file);
            sealed[SealedFile.HEADER + 100_000] ^= 0x01;
            Files.write(file, sealed);

            Throwable t = catchThrowable(() -> download(blocking("okafor"), d.getId()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.DATA_LOSS);
            assertThat(Calls.message(t)).contains("integrity check");
        }

        @Test
        void aCutShortStoredFileIsRefusedBeforeAnyByteIsSent() throws Exception {
            Document d = upload(async("okafor"), pdfMeta().build(), TestFiles.pdf(MARKER, 200_000));
            Path file = storedFiles().getFirst();
            byte[] sealed = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(sealed, SealedFile.HEADER + 2 * (SealedFile.SEGMENT + SealedFile.TAG)));

            Throwable t = catchThrowable(() -> blocking("okafor").downloadDocument(
                    DownloadDocumentRequest.newBuilder().setDocumentId(d.getId()).build()).next());

            assertThat(Calls.code(t)).isEqualTo(Status.Code.DATA_LOSS);
        }
    }

    @Nested
    class Refusals {
        @Test
        void aMislabelledFileIsRefusedSayingWhatItReallyIs() {
            var m = meta(patient, DocumentCategory.DOCUMENT_CATEGORY_IMAGING, DocumentContentType.DOCUMENT_CONTENT_TYPE_PNG)
                    .setFileName("scan.png").build();

            Throwable t = catchThrowable(() -> upload(async("okafor"), m, TestFiles.pdf(MARKER)));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.message(t)).contains("sent as a PNG image").contains("content is a PDF document");
            assertThat(Calls.badFields(t)).containsExactly("declared_type");
            assertThat(rows()).isZero();
        }

        @Test
        void aTruncatedPdfIsRefusedAsDamaged() throws Exception {
            byte[] pdf = TestFiles.pdf(MARKER);
            byte[] cut = java.util.Arrays.copyOf(pdf, pdf.length * 2 / 3);

            Throwable t = catchThrowable(() -> upload(async("okafor"), pdfMeta().build(), cut));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.message(t)).contains("PDF document is damaged or incomplete");
            assertThat(rows()).isZero();
            assertThat(storedFiles()).isEmpty();
            assertThat(incomingFiles()).isEmpty();
        }

        @Test
        void aTruncatedPngIsRefusedAsDamaged() {
            byte[] png = TestFiles.png();
            var m = meta(patient, DocumentCategory.DOCUMENT_CATEGORY_IMAGING, DocumentContentType.DOCUMENT_CONTENT_TYPE_PNG).build();

            Throwable t = catchThrowable(() -> upload(async("okafor"), m, java.util.Arrays.copyOf(png, png.length / 2)));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.message(t)).contains("PNG image is damaged");
        }

        @Test
        void aFileThatIsNoneOfTheTypesIsRefusedWhateverItsName() {
            byte[] text = "Just text, named like a PDF".getBytes(StandardCharsets.UTF_8);

            Throwable t = catchThrowable(() -> upload(async("okafor"), pdfMeta().setFileName("report.pdf").build(), text));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.message(t)).contains("not a PDF, PNG or JPEG");
        }

        @Test
        void aDeclaredOversizeFileIsRefusedBeforeAnyByteIsSent() {
            CompletableFuture<UploadDocumentResponse> answer = new CompletableFuture<>();
            var requests = async("okafor").uploadDocument(observer(answer));
            requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(pdfMeta().setDeclaredSize(LIMIT + 1)).build());

            Throwable t = catchThrowable(() -> join(answer));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.message(t)).contains("larger than the clinic's limit of 2 MB");
        }

        @Test
        void anOversizeStreamIsStoppedAsSoonAsItPassesTheLimitAndLeavesNothing() throws Exception {
            CompletableFuture<UploadDocumentResponse> answer = new CompletableFuture<>();
            var requests = async("okafor").uploadDocument(observer(answer));
            requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(pdfMeta()).build());
            byte[] chunk = new byte[256 * 1024];
            chunk[0] = '%';
            long sent = 0;
            // Never half-close: the refusal must come while the client is still sending, not at the end.
            while (!answer.isDone() && sent < 20 * LIMIT) {
                requests.onNext(UploadDocumentRequest.newBuilder().setChunk(ByteString.copyFrom(chunk)).build());
                sent += chunk.length;
                Thread.sleep(5);
            }

            Throwable t = catchThrowable(() -> join(answer));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            // Refused while the client was still sending (it never half-closed), long before the 40 MB it would send.
            assertThat(sent).isLessThan(20 * LIMIT);
            assertThat(rows()).isZero();
            waitUntil(() -> incomingFiles().isEmpty());
        }

        @Test
        void aCancelledUploadLeavesNoRowAndNoFile() throws Exception {
            CompletableFuture<UploadDocumentResponse> answer = new CompletableFuture<>();
            CountDownLatch started = new CountDownLatch(1);
            var requests = async("okafor").uploadDocument(observer(answer));
            requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(pdfMeta()).build());
            byte[] pdf = TestFiles.pdf(MARKER, 1_000_000);
            requests.onNext(UploadDocumentRequest.newBuilder().setChunk(ByteString.copyFrom(pdf, 0, 500_000)).build());
            waitUntil(() -> !incomingFiles().isEmpty());

            requests.onError(Status.CANCELLED.withDescription("user pressed Cancel").asRuntimeException());

            waitUntil(() -> incomingFiles().isEmpty());
            assertThat(rows()).isZero();
            assertThat(storedFiles()).isEmpty();
            started.countDown();
        }

        @Test
        void metadataMustComeFirstAndBeComplete() {
            CompletableFuture<UploadDocumentResponse> answer = new CompletableFuture<>();
            var requests = async("okafor").uploadDocument(observer(answer));
            requests.onNext(UploadDocumentRequest.newBuilder().setChunk(ByteString.copyFromUtf8("%PDF-")).build());
            Throwable t = catchThrowable(() -> join(answer));
            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).containsExactly("metadata");

            Throwable untitled = catchThrowable(() -> upload(async("okafor"), pdfMeta().setTitle("  ").build(), TestFiles.pdf(MARKER)));
            assertThat(Calls.badFields(untitled)).containsExactly("metadata.title");

            Throwable noCategory = catchThrowable(() -> upload(async("okafor"),
                    pdfMeta().setCategory(DocumentCategory.DOCUMENT_CATEGORY_UNSPECIFIED).build(), TestFiles.pdf(MARKER)));
            assertThat(Calls.badFields(noCategory)).containsExactly("metadata.category");

            Throwable controlChar = catchThrowable(() -> upload(async("okafor"), pdfMeta().setTitle("a\u0007b").build(), TestFiles.pdf(MARKER)));
            assertThat(Calls.code(controlChar)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.call()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(20);
        }
    }

    @Nested
    class Races {
        @Test
        void twentyConcurrentUploadsWithOneRequestIdStoreOneDocument() throws Exception {
            var m = pdfMeta().build();
            byte[] pdf = TestFiles.pdf(MARKER, 200_000);
            var stub = async("okafor");
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Object>> results = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        try {
                            return upload(stub, m, pdf).getId();
                        } catch (StatusRuntimeException e) {
                            return e.getStatus().getCode();
                        }
                    }));
                }
                go.countDown();
                List<Object> answers = new ArrayList<>();
                for (var f : results) {
                    answers.add(f.get(120, TimeUnit.SECONDS));
                }
                assertThat(answers).doesNotContain(Status.Code.INTERNAL, Status.Code.UNKNOWN);
                assertThat(answers.stream().distinct().toList()).hasSize(1);
                assertThat(answers.getFirst()).isInstanceOf(String.class);
            } finally {
                pool.shutdownNow();
            }
            assertThat(rows()).isEqualTo(1);
            waitUntil(() -> storedFiles().size() == 1 && incomingFiles().isEmpty());
        }

        @Test
        void aStaleWithdrawalIsRefusedNamingWhoChangedItFirst() {
            Document d = upload(async("okafor"), pdfMeta().build(), TestFiles.pdf(MARKER));
            encounter(lee);
            var first = blocking("okafor").markDocumentEnteredInError(MarkDocumentEnteredInErrorRequest.newBuilder()
                    .setDocumentId(d.getId()).setExpectedVersion(1).setReason("Wrong patient's report").build()).getDocument();

            Throwable t = catchThrowable(() -> blocking("lee").markDocumentEnteredInError(MarkDocumentEnteredInErrorRequest.newBuilder()
                    .setDocumentId(d.getId()).setExpectedVersion(1).setReason("Duplicate").build()));

            assertThat(first.getStatus()).isEqualTo(DocumentStatus.DOCUMENT_STATUS_ENTERED_IN_ERROR);
            assertThat(first.getVersion()).isEqualTo(2);
            assertThat(Calls.code(t)).isEqualTo(Status.Code.ABORTED);
            assertThat(Calls.message(t)).startsWith("Changed by Dr Amara Okafor at ");
            assertThat(dsl.fetchCount(dsl.selectFrom("chart_entry_history").where("entry_kind = 'DOCUMENT'"))).isEqualTo(2);
        }
    }

    @Nested
    class Access {
        Document stored;

        @BeforeEach
        void storeOne() {
            stored = upload(async("okafor"), pdfMeta().build(), TestFiles.pdf(MARKER));
        }

        @Test
        void onlyTheCaringDoctorsMayReadAndEachReadIsLogged() throws Exception {
            for (String who : List.of("maria", "root", "nina", "stranger")) {
                Throwable t = catchThrowable(() -> download(blocking(who), stored.getId()));
                assertThat(Calls.code(t)).as(who).isEqualTo(Status.Code.PERMISSION_DENIED);
                Throwable list = catchThrowable(() -> blocking(who).listDocuments(
                        ListDocumentsRequest.newBuilder().setPatientId(patient.toString()).build()));
                assertThat(Calls.code(list)).as(who).isEqualTo(Status.Code.PERMISSION_DENIED);
            }
            download(blocking("okafor"), stored.getId());

            var reads = dsl.fetch("select user_id, action, target_id from chart_access_log where action = 'READ_DOCUMENT'");
            assertThat(reads).hasSize(1);
            assertThat(reads.getFirst().get("target_id", UUID.class)).isEqualTo(UUID.fromString(stored.getId()));
        }

        @Test
        void receptionFilesConsentScansButNoClinicalDocument() {
            Document consent = upload(async("maria"), meta(patient, DocumentCategory.DOCUMENT_CATEGORY_CONSENT,
                    DocumentContentType.DOCUMENT_CONTENT_TYPE_JPEG).setTitle("Consent to treatment").build(), TestFiles.jpeg());
            Throwable lab = catchThrowable(() -> upload(async("maria"), pdfMeta().build(), TestFiles.pdf(MARKER)));

            assertThat(consent.getCategory()).isEqualTo(DocumentCategory.DOCUMENT_CATEGORY_CONSENT);
            assertThat(Calls.code(lab)).isEqualTo(Status.Code.PERMISSION_DENIED);
            Throwable read = catchThrowable(() -> download(blocking("maria"), consent.getId()));
            assertThat(Calls.code(read)).isEqualTo(Status.Code.PERMISSION_DENIED);
        }

        @Test
        void anUnrelatedDoctorMayNotFileIntoTheChart() {
            Throwable t = catchThrowable(() -> upload(async("stranger"), pdfMeta().build(), TestFiles.pdf(MARKER)));
            assertThat(Calls.code(t)).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Calls.reason(t)).isEqualTo("BREAK_GLASS_REQUIRED");
        }

        @Test
        void aNewLabReportTellsThePatientsOtherDoctorsByNameOnly() {
            UUID leeEncounter = encounter(lee);
            upload(async("okafor"), pdfMeta().setTitle("HIV viral load").setEncounterId(leeEncounter.toString()).build(),
                    TestFiles.pdf(MARKER));

            var news = dsl.fetch("select recipient_user_id, kind, title, body from notification where kind = 'NEW_DOCUMENT'");
            assertThat(news).hasSize(1);
            assertThat(news.getFirst().get("recipient_user_id", UUID.class)).isEqualTo(lee.userId());
            assertThat(news.getFirst().get("title", String.class)).isEqualTo("New lab report for Ana Souza");
            assertThat(news.getFirst().get("title", String.class) + news.getFirst().get("body", String.class))
                    .doesNotContain("HIV").contains("Dr Amara Okafor");
        }
    }
}
