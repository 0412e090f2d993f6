package org.medconnect.server.chart.document;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where sealed documents live on disk: {@code <home>/documents/yyyy/mm/<uuid>.bin} (the
 * folder backups copy), written first as {@code <home>/documents-incoming/<uuid>.part}
 * (outside the backed-up folder) and moved into place only when complete and synced.
 */
final class DocumentStore {

    private final Path documents;
    private final Path incoming;

    DocumentStore(Path home) {
        this.documents = home.resolve("documents");
        this.incoming = home.resolve("documents-incoming");
    }

    /** A new temporary file for an upload, and the channel it is written through. */
    Incoming begin(UUID storageId) {
        try {
            Files.createDirectories(incoming);
            Path part = incoming.resolve(storageId + ".part");
            FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new Incoming(part, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a file for the upload in " + incoming, e);
        }
    }

    /** A temporary upload file: written, synced, then moved into place or deleted. */
    record Incoming(Path part, FileChannel channel) {
        OutputStream stream() {
            return Channels.newOutputStream(channel);
        }

        /** Forces every byte to disk; the stream is closed afterwards by the sealer. */
        void sync() throws IOException {
            channel.force(true);
        }
    }

    /** The stored name and path of a document uploaded at {@code at}. */
    static String storageName(UUID storageId) {
        return storageId + ".bin";
    }

    Path path(String storageName, OffsetDateTime uploadedAt) {
        return documents.resolve("%04d".formatted(uploadedAt.getYear())).resolve("%02d".formatted(uploadedAt.getMonthValue()))
                .resolve(storageName);
    }

    /** Moves a complete upload into place and syncs its folder. */
    Path keep(Path part, String storageName, OffsetDateTime uploadedAt) throws IOException {
        Path target = path(storageName, uploadedAt);
        Files.createDirectories(target.getParent());
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target);
        }
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Not every file system lets a folder be synced; the file itself was.
        }
        return target;
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Left for the clean-up at start; it holds only ciphertext.
        }
    }
}
