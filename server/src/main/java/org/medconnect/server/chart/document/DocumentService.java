package org.medconnect.server.chart.document;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.chart.document.DocumentModel.Category;
import org.medconnect.server.chart.document.DocumentModel.Document;
import org.medconnect.server.chart.document.DocumentModel.Page;
import org.medconnect.server.chart.document.DocumentModel.UploadMetadata;
import org.medconnect.server.notification.ChartNews;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the chart's documents (decision 0034): who may upload and read, what a file
 * must be, and the order that keeps an interrupted upload invisible: the file is sealed into
 * a temporary file, checked, synced and moved into place, and only then is its row written,
 * in one transaction with its ledger version and the doctors' inbox items.
 */
public final class DocumentService {

    private static final Logger log = LoggerFactory.getLogger(DocumentService.class);
    /** Largest piece of a file in one upload message. */
    public static final int MAX_CHUNK = 1024 * 1024;
    /** Doctors with an appointment this close to an upload hear of a new lab report or image. */
    private static final Duration NEWS_WINDOW = Duration.ofDays(90);

    private final DSLContext dsl;
    private final DocumentKey key;
    private final DocumentStore store;
    private final long maxBytes;
    private final Clock clock;
    private final ZoneId zone;

    public DocumentService(DSLContext dsl, DocumentKey key, Path home, long maxBytes, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.key = key;
        this.store = new DocumentStore(home);
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.zone = zone;
    }

    /** The stored document cannot be read back: damaged, cut short, or sealed under another clinic key. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    // ---------------------------------------------------------------- upload

    /**
     * Checks the metadata and the caller's right to file it, and opens the upload. A doctor
     * files into a chart they may open; a receptionist files consent scans only.
     */
    public Upload beginUpload(Principal caller, UploadMetadata m) {
        validate(m);
        Optional<Document> earlier = dsl.transactionResult(cfg -> {
            DocumentRepository repo = new DocumentRepository(cfg.dsl());
            requireUpload(cfg.dsl(), caller, m);
            m.encounterId().ifPresent(e -> repo.encounterDoctor(e, m.patientId()).orElseThrow(() ->
                    DomainException.InvalidInput.of("metadata.encounter_id", "That encounter is not this patient's.")));
            return repo.byRequestId(m.requestId()).map(s -> sameRequest(s.document(), m));
        });
        if (earlier.isPresent()) {
            return new Upload(caller, m, earlier);
        }
        return new Upload(caller, m, Optional.empty());
    }

    private void requireUpload(DSLContext tx, Principal caller, UploadMetadata m) {
        if (caller.role() == Role.RECEPTIONIST) {
            if (m.category() != Category.CONSENT) {
                throw new DomainException.PermissionDenied(
                        "Reception files scanned consent forms only; clinical documents are uploaded by the patient's doctors.");
            }
            if (!new DocumentRepository(tx).patientExists(m.patientId())) {
                throw new DomainException.NotFound("No patient with that id.");
            }
            return;
        }
        ChartAccess.in(tx, clock, zone).requireFullChart(caller, m.patientId());
    }

    private static Document sameRequest(Document earlier, UploadMetadata m) {
        if (!earlier.patientId().equals(m.patientId())) {
            throw DomainException.InvalidInput.of("metadata.request_id", "This request id was used for another upload; make a new one.");
        }
        return earlier;
    }

    private void validate(UploadMetadata m) {
        String title = m.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            throw DomainException.InvalidInput.of("metadata.title", "Give the document a title of 1 to 200 characters.");
        }
        if (m.fileName().filter(n -> n.length() > 255).isPresent()) {
            throw DomainException.InvalidInput.of("metadata.file_name", "The file name is longer than 255 characters.");
        }
        if (m.declaredSize() < 0) {
            throw DomainException.InvalidInput.of("metadata.declared_size", "A file size is never negative.");
        }
        if (m.declaredSize() > maxBytes) {
            throw tooLarge();
        }
    }

    private DomainException.InvalidInput tooLarge() {
        return DomainException.InvalidInput.of("chunk", "This file is larger than the clinic's limit of "
                + (maxBytes >= 1024 * 1024 ? (maxBytes / (1024 * 1024)) + " MB" : maxBytes + " bytes")
                + "; scan it at a lower resolution or split it.");
    }

    /**
     * One upload in progress: chunks are sealed into a temporary file as they come (never
     * more than a segment in memory). {@link #finish()} stores it; {@link #abort()} (a cancel,
     * a failure, a refused chunk) deletes the temporary file. A retry of an upload that
     * already succeeded reads and drops the chunks and answers the first document.
     */
    public final class Upload {
        private final Principal caller;
        private final UploadMetadata metadata;
        private final Optional<Document> earlier;
        private final UUID storageId = UUID.randomUUID();
        private final byte[] documentKey = SealedFile.newKey();
        private final byte[] head = new byte[8];
        private final MessageDigest sha = sha256();
        private DocumentStore.Incoming incoming;
        private OutputStream sealing;
        private long size;
        private boolean done;

        private Upload(Principal caller, UploadMetadata metadata, Optional<Document> earlier) {
            this.caller = caller;
            this.metadata = metadata;
            this.earlier = earlier;
            if (earlier.isEmpty()) {
                incoming = store.begin(storageId);
                try {
                    sealing = SealedFile.seal(new Syncing(incoming), documentKey, bytes(storageId));
                } catch (IOException e) {
                    abort();
                    throw new UncheckedIOException(e);
                }
            }
        }

        /** Adds the next piece; INVALID_ARGUMENT (and the upload is dropped) once past the size limit. */
        public void write(byte[] chunk) {
            if (done) {
                throw new IllegalStateException("upload finished");
            }
            if (chunk.length == 0 || chunk.length > MAX_CHUNK) {
                abort();
                throw DomainException.InvalidInput.of("chunk", "Send the file in pieces of 1 byte to 1 MiB.");
            }
            if (size + chunk.length > maxBytes) {
                abort();
                throw tooLarge();
            }
            if (size < head.length) {
                System.arraycopy(chunk, 0, head, (int) size, (int) Math.min(chunk.length, head.length - size));
            }
            size += chunk.length;
            if (earlier.isPresent()) {
                return;
            }
            sha.update(chunk);
            try {
                sealing.write(chunk);
            } catch (IOException e) {
                abort();
                throw new UncheckedIOException("Cannot write the upload to disk", e);
            }
        }

        /** Checks and stores the complete file, then writes its row; the document, or the first one for a retry. */
        public Document finish() {
            if (earlier.isPresent()) {
                done = true;
                return earlier.get();
            }
            Path stored = null;
            try {
                if (size == 0) {
                    throw DomainException.InvalidInput.of("chunk", "The file is empty.");
                }
                var actual = ContentCheck.sniff(head, (int) Math.min(size, head.length));
                ContentCheck.agrees(metadata.declaredType(), actual);
                sealing.close();
                try (SealedFile.Reader reader = SealedFile.open(incoming.part(), documentKey, bytes(storageId))) {
                    ContentCheck.opens(actual, reader);
                }
                OffsetDateTime now = OffsetDateTime.now(clock);
                String storageName = DocumentStore.storageName(storageId);
                stored = store.keep(incoming.part(), storageName, now);
                done = true;
                byte[] digest = sha.digest();
                UUID id = UUID.randomUUID();
                var row = new DocumentRepository.NewDocument(id, metadata.requestId(), metadata.patientId(), metadata.encounterId(),
                        metadata.category(), metadata.title().strip(), metadata.fileName(), actual, size, digest, storageName,
                        key.wrap(documentKey, bytes(storageId)), caller.userId(), now);
                Path file = stored;
                Document result = dsl.transactionResult(cfg -> record(cfg.dsl(), row));
                if (!result.id().equals(id)) {
                    // A retry with the same request id stored first: that one is the document.
                    DocumentStore.deleteQuietly(file);
                } else {
                    log.info("Document {} stored for patient {} ({} bytes)", id, metadata.patientId(), size);
                }
                return result;
            } catch (IOException e) {
                abort();
                if (stored != null) {
                    DocumentStore.deleteQuietly(stored);
                }
                throw new UncheckedIOException("Cannot store the upload", e);
            } catch (RuntimeException e) {
                abort();
                if (stored != null) {
                    DocumentStore.deleteQuietly(stored);
                }
                throw e;
            }
        }

        /** Drops the upload and its temporary file; safe to call more than once. */
        public void abort() {
            done = true;
            if (incoming != null) {
                try {
                    incoming.channel().close();
                } catch (IOException ignored) {
                    // The file is deleted next either way.
                }
                DocumentStore.deleteQuietly(incoming.part());
            }
        }

        private Document record(DSLContext tx, DocumentRepository.NewDocument row) {
            DocumentRepository repo = new DocumentRepository(tx);
            if (!repo.insert(row)) {
                return sameRequest(repo.byRequestId(row.requestId()).orElseThrow().document(), metadata);
            }
            Document d = repo.find(row.id()).orElseThrow().document();
            ChartLedger.in(tx).record(new ChartLedger.Change(d.patientId(), "DOCUMENT", d.id(), d.version(), "CREATED",
                    caller.userId(), row.at(), fields(d)));
            tellDoctors(tx, d, row.at(), caller.userId());
            return d;
        }
    }

    /** Forces the temporary file to disk before it is closed, so a stored document survives a crash. */
    private static final class Syncing extends FilterOutputStream {
        private final DocumentStore.Incoming incoming;

        Syncing(DocumentStore.Incoming incoming) {
            super(incoming.stream());
            this.incoming = incoming;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            try {
                out.flush();
                incoming.sync();
            } finally {
                out.close();
            }
        }
    }

    private void tellDoctors(DSLContext tx, Document d, OffsetDateTime now, UUID uploader) {
        if (d.category() != Category.LAB_REPORT && d.category() != Category.IMAGING) {
            return;
        }
        DocumentRepository repo = new DocumentRepository(tx);
        Set<UUID> doctors = new LinkedHashSet<>(repo.doctorsAround(d.patientId(), now.minus(NEWS_WINDOW), now.plus(NEWS_WINDOW)));
        d.encounterId().flatMap(e -> repo.encounterDoctor(e, d.patientId())).ifPresent(doctors::add);
        doctors.remove(uploader);
        if (doctors.isEmpty()) {
            return;
        }
        // Names only: a title may itself be clinical ("HIV test"), so it stays out of the inbox.
        String patient = repo.patientName(d.patientId());
        String what = d.category() == Category.LAB_REPORT ? "lab report" : "imaging document";
        ChartNews news = ChartNews.in(tx);
        for (UUID doctor : doctors) {
            news.tell(doctor, Kind.NEW_DOCUMENT, "New " + what + " for " + patient,
                    "Filed by " + d.uploadedByName() + ". Open the chart's documents to read it.", d.patientId(), now.toInstant());
        }
    }

    // ---------------------------------------------------------------- download

    /**
     * Opens a document for reading after checking the caller may see the patient's full
     * chart, and logs the read. The file is checked before the first byte goes out (its key,
     * header and last segment), then segment by segment, and its SHA-256 at the end.
     */
    public Download open(Principal caller, UUID documentId) {
        DocumentRepository.Stored s = dsl.transactionResult(cfg -> {
            DocumentRepository repo = new DocumentRepository(cfg.dsl());
            DocumentRepository.Stored found = repo.find(documentId)
                    .orElseThrow(() -> new DomainException.NotFound("No document with that id."));
            ChartAccess access = ChartAccess.in(cfg.dsl(), clock, zone);
            var granted = access.requireFullChart(caller, found.document().patientId());
            access.recordDocumentRead(caller, found.document().patientId(), documentId, granted);
            return found;
        });
        byte[] storageId = bytes(UUID.fromString(s.storageName().substring(0, 36)));
        try {
            byte[] documentKey = key.unwrap(s.wrappedKey(), storageId);
            Path file = store.path(s.storageName(), s.document().uploadedAt());
            SealedFile.Reader reader = SealedFile.open(file, documentKey, storageId);
            try {
                if (reader.length() != s.document().sizeBytes()) {
                    throw new SealedFile.Unreadable("The stored document's length does not match its record.");
                }
                reader.verifyEnd().seek(0);
            } catch (IOException e) {
                reader.close();
                throw e;
            }
            return new Download(s.document(), reader);
        } catch (SealedFile.Unreadable e) {
            log.error("Document {} cannot be read: {}", documentId, e.getMessage());
            throw new Unreadable(e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            log.error("Document {} has no stored file", documentId);
            throw new Unreadable("The stored file of this document is missing; restore the documents folder from a backup.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document being read: its listing, then its bytes in order; the SHA-256 is checked at the end. */
    public static final class Download implements AutoCloseable {
        private final Document document;
        private final SealedFile.Reader reader;
        private final MessageDigest sha = sha256();

        private Download(Document document, SealedFile.Reader reader) {
            this.document = document;
            this.reader = reader;
        }

        public Document document() {
            return document;
        }

        /** Fills {@code buffer} as far as it can; -1 at the end, once the SHA-256 agrees. */
        public int read(byte[] buffer) {
            try {
                int filled = 0;
                while (filled < buffer.length) {
                    int n = reader.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        break;
                    }
                    filled += n;
                }
                if (filled > 0) {
                    sha.update(buffer, 0, filled);
                    return filled;
                }
                if (!MessageDigest.isEqual(sha.digest(), document.sha256())) {
                    throw new Unreadable("The stored document does not match its SHA-256; it was damaged or replaced.");
                }
                return -1;
            } catch (SealedFile.Unreadable e) {
                throw new Unreadable(e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException ignored) {
                // Read-only; nothing to lose.
            }
        }
    }

    // ---------------------------------------------------------------- list and withdraw

    /** The patient's documents, newest first. */
    public Page list(Principal caller, UUID patientId, Optional<Category> category, int offset, int limit) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, patientId);
            DocumentRepository repo = new DocumentRepository(cfg.dsl());
            return new Page(repo.page(patientId, category, offset, limit), offset, repo.count(patientId, category));
        });
    }

    /** Withdraws a document with a reason; ABORTED "Changed by ..." when it changed since {@code expectedVersion}. */
    public Document markEnteredInError(Principal caller, UUID documentId, int expectedVersion, String reason) {
        String why = reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw DomainException.InvalidInput.of("reason", "Say why the document is withdrawn, in 1 to 500 characters.");
        }
        if (expectedVersion < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version you are looking at (1 or more).");
        }
        return dsl.transactionResult(cfg -> {
            DocumentRepository repo = new DocumentRepository(cfg.dsl());
            Document before = repo.find(documentId).orElseThrow(() -> new DomainException.NotFound("No document with that id."))
                    .document();
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, before.patientId());
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (!repo.markEnteredInError(documentId, expectedVersion, why, caller.userId(), now)) {
                if (before.status() == DocumentModel.Status.ENTERED_IN_ERROR && before.version() == expectedVersion) {
                    throw new DomainException.FailedPrecondition("ALREADY_ENTERED_IN_ERROR", "This document was already withdrawn.");
                }
                var last = repo.lastChange(documentId);
                throw ChartLedger.staleEdit(last.displayName(), last.at(), now, zone);
            }
            Document after = repo.find(documentId).orElseThrow().document();
            ChartLedger.in(cfg.dsl()).record(new ChartLedger.Change(after.patientId(), "DOCUMENT", after.id(), after.version(),
                    "ENTERED_IN_ERROR", caller.userId(), now, fields(after)));
            return after;
        });
    }

    // ---------------------------------------------------------------- helpers

    private static List<ChartLedger.Field> fields(Document d) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Category", d.category().label());
        f.put("Title", d.title());
        f.put("File name", d.fileName().orElse(""));
        f.put("Type", d.contentType().label());
        f.put("Size", d.sizeBytes() + " bytes");
        f.put("SHA-256", HexFormat.of().formatHex(d.sha256()));
        f.put("Status", d.status() == DocumentModel.Status.AVAILABLE ? "Available" : "Entered in error");
        f.put("Reason", d.errorReason().orElse(""));
        return ChartLedger.fields(f);
    }

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
