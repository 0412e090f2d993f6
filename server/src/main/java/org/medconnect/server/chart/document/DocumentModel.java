package org.medconnect.server.chart.document;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The values of the chart's documents feature. */
public final class DocumentModel {

    private DocumentModel() {}

    public enum Category {
        LAB_REPORT("Lab report"), IMAGING("Imaging"), CONSENT("Consent form"), LETTER("Letter"), OTHER("Other");

        private final String label;

        Category(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What a file is, by its content. */
    public enum ContentType {
        PDF("application/pdf", "PDF document"), PNG("image/png", "PNG image"), JPEG("image/jpeg", "JPEG image");

        private final String mime;
        private final String label;

        ContentType(String mime, String label) {
            this.mime = mime;
            this.label = label;
        }

        public String mime() {
            return mime;
        }

        public String label() {
            return label;
        }

        static ContentType ofMime(String mime) {
            for (ContentType t : values()) {
                if (t.mime.equals(mime)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(mime);
        }
    }

    public enum Status { AVAILABLE, ENTERED_IN_ERROR }

    /** One document as listed (never its content). */
    public record Document(UUID id, UUID patientId, Optional<UUID> encounterId, Category category, String title,
                           Optional<String> fileName, ContentType contentType, long sizeBytes, byte[] sha256,
                           Status status, Optional<String> errorReason, int version, String uploadedByName,
                           OffsetDateTime uploadedAt) {}

    /** The first message of an upload, as the service takes it. */
    public record UploadMetadata(UUID requestId, UUID patientId, Category category, String title, Optional<String> fileName,
                                 ContentType declaredType, Optional<UUID> encounterId, long declaredSize) {}

    /** A page of a patient's documents. */
    public record Page(List<Document> documents, int offset, int total) {}
}
