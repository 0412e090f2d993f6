package org.medconnect.server.chart.document;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.HexFormat;
import java.util.Optional;
import org.medconnect.proto.chart.v1.DocumentServiceGrpc;
import org.medconnect.proto.chart.v1.DocumentUploadMetadata;
import org.medconnect.proto.chart.v1.DownloadDocumentRequest;
import org.medconnect.proto.chart.v1.DownloadDocumentResponse;
import org.medconnect.proto.chart.v1.ListDocumentsRequest;
import org.medconnect.proto.chart.v1.ListDocumentsResponse;
import org.medconnect.proto.chart.v1.MarkDocumentEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.MarkDocumentEnteredInErrorResponse;
import org.medconnect.proto.chart.v1.UploadDocumentRequest;
import org.medconnect.proto.chart.v1.UploadDocumentResponse;
import org.medconnect.server.chart.document.DocumentModel.Category;
import org.medconnect.server.chart.document.DocumentModel.ContentType;
import org.medconnect.server.chart.document.DocumentModel.Document;
import org.medconnect.server.chart.document.DocumentModel.UploadMetadata;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link DocumentService}: proto in, service calls, proto out, streams paced by flow control. */
public final class DocumentGrpcService extends DocumentServiceGrpc.DocumentServiceImplBase {

    /** Size of each downloaded piece. */
    static final int DOWNLOAD_CHUNK = 128 * 1024;

    private final DocumentService documents;
    private final GrpcCalls calls;

    public DocumentGrpcService(DocumentService documents, GrpcCalls calls) {
        this.documents = documents;
        this.calls = calls;
    }

    @Override
    public StreamObserver<UploadDocumentRequest> uploadDocument(StreamObserver<UploadDocumentResponse> response) {
        Principal caller = CallContext.principal();
        return new StreamObserver<>() {
            private DocumentService.Upload upload;
            private boolean finished;

            @Override
            public void onNext(UploadDocumentRequest r) {
                if (finished) {
                    return;
                }
                try {
                    if (upload == null) {
                        if (!r.hasMetadata()) {
                            throw DomainException.InvalidInput.of("metadata", "Send the document's details first, then the file.");
                        }
                        upload = documents.beginUpload(caller, metadata(r.getMetadata()));
                    } else if (r.hasMetadata()) {
                        throw DomainException.InvalidInput.of("metadata", "Send the document's details once, first.");
                    } else {
                        upload.write(r.getChunk().toByteArray());
                    }
                } catch (RuntimeException | Error e) {
                    fail(e);
                }
            }

            @Override
            public void onError(Throwable t) {
                // The client cancelled or the connection broke: nothing is kept.
                finished = true;
                if (upload != null) {
                    upload.abort();
                }
            }

            @Override
            public void onCompleted() {
                if (finished) {
                    return;
                }
                if (upload == null) {
                    fail(DomainException.InvalidInput.of("metadata", "Send the document's details first, then the file."));
                    return;
                }
                finished = true;
                calls.unary(response, () -> UploadDocumentResponse.newBuilder().setDocument(toProto(upload.finish())).build());
            }

            private void fail(Throwable e) {
                finished = true;
                if (upload != null) {
                    upload.abort();
                }
                calls.fail(response, e);
            }
        };
    }

    @Override
    public void downloadDocument(DownloadDocumentRequest r, StreamObserver<DownloadDocumentResponse> o) {
        ServerCallStreamObserver<DownloadDocumentResponse> out = (ServerCallStreamObserver<DownloadDocumentResponse>) o;
        DocumentService.Download download;
        try {
            download = documents.open(CallContext.principal(), ProtoTypes.uuid(r.getDocumentId(), "document_id"));
        } catch (DocumentService.Unreadable e) {
            out.onError(Status.DATA_LOSS.withDescription("This document cannot be read: " + e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            calls.fail(out, e);
            return;
        }
        out.onNext(DownloadDocumentResponse.newBuilder().setDocument(toProto(download.document())).build());
        // Send only while the client keeps up, so a slow reader never makes the server buffer the file.
        Runnable pump = new Runnable() {
            private final byte[] buffer = new byte[DOWNLOAD_CHUNK];
            private boolean done;

            @Override
            public synchronized void run() {
                try {
                    while (!done && out.isReady()) {
                        int n = download.read(buffer);
                        if (n < 0) {
                            done = true;
                            download.close();
                            out.onCompleted();
                            return;
                        }
                        out.onNext(DownloadDocumentResponse.newBuilder().setChunk(ByteString.copyFrom(buffer, 0, n)).build());
                    }
                } catch (DocumentService.Unreadable e) {
                    done = true;
                    download.close();
                    out.onError(Status.DATA_LOSS.withDescription("This document cannot be read: " + e.getMessage()).asRuntimeException());
                } catch (RuntimeException e) {
                    done = true;
                    download.close();
                    calls.fail(out, e);
                }
            }
        };
        out.setOnCancelHandler(download::close);
        out.setOnReadyHandler(pump);
        pump.run();
    }

    @Override
    public void listDocuments(ListDocumentsRequest r, StreamObserver<ListDocumentsResponse> o) {
        calls.unary(o, () -> {
            var patient = ProtoTypes.uuid(r.getPatientId(), "patient_id");
            Optional<Category> category = r.getCategory() == org.medconnect.proto.chart.v1.DocumentCategory.DOCUMENT_CATEGORY_UNSPECIFIED
                    ? Optional.empty() : Optional.of(category(r.getCategory(), "category"));
            int offset = Paging.offset(r.getPage());
            int size = Paging.size(r.getPage());
            var page = documents.list(CallContext.principal(), patient, category, offset, size);
            return ListDocumentsResponse.newBuilder()
                    .addAllDocuments(page.documents().stream().map(DocumentGrpcService::toProto).toList())
                    .setPage(Paging.response(offset, page.documents().size(), page.total(), offset + page.documents().size() < page.total()))
                    .build();
        });
    }

    @Override
    public void markDocumentEnteredInError(MarkDocumentEnteredInErrorRequest r, StreamObserver<MarkDocumentEnteredInErrorResponse> o) {
        calls.unary(o, () -> MarkDocumentEnteredInErrorResponse.newBuilder().setDocument(toProto(documents.markEnteredInError(
                CallContext.principal(), ProtoTypes.uuid(r.getDocumentId(), "document_id"), r.getExpectedVersion(), r.getReason())))
                .build());
    }

    // ---- mapping ----

    private static UploadMetadata metadata(DocumentUploadMetadata m) {
        if (m.getRequestId().isBlank()) {
            throw DomainException.InvalidInput.of("metadata.request_id", "A request id is required, so a retried upload is stored once.");
        }
        return new UploadMetadata(ProtoTypes.uuid(m.getRequestId(), "metadata.request_id"),
                ProtoTypes.uuid(m.getPatientId(), "metadata.patient_id"), category(m.getCategory(), "metadata.category"),
                m.getTitle(), m.getFileName().isBlank() ? Optional.empty() : Optional.of(m.getFileName().strip()),
                contentType(m.getDeclaredType(), "metadata.declared_type"),
                ProtoTypes.optionalUuid(m.getEncounterId(), "metadata.encounter_id"), m.getDeclaredSize());
    }

    private static Category category(org.medconnect.proto.chart.v1.DocumentCategory c, String field) {
        return switch (c) {
            case DOCUMENT_CATEGORY_LAB_REPORT -> Category.LAB_REPORT;
            case DOCUMENT_CATEGORY_IMAGING -> Category.IMAGING;
            case DOCUMENT_CATEGORY_CONSENT -> Category.CONSENT;
            case DOCUMENT_CATEGORY_LETTER -> Category.LETTER;
            case DOCUMENT_CATEGORY_OTHER -> Category.OTHER;
            default -> throw DomainException.InvalidInput.of(field, "Choose a category: lab report, imaging, consent form, letter or other.");
        };
    }

    private static ContentType contentType(org.medconnect.proto.chart.v1.DocumentContentType t, String field) {
        return switch (t) {
            case DOCUMENT_CONTENT_TYPE_PDF -> ContentType.PDF;
            case DOCUMENT_CONTENT_TYPE_PNG -> ContentType.PNG;
            case DOCUMENT_CONTENT_TYPE_JPEG -> ContentType.JPEG;
            default -> throw DomainException.InvalidInput.of(field, "Say what the file is: PDF, PNG or JPEG.");
        };
    }

    static org.medconnect.proto.chart.v1.Document toProto(Document d) {
        var b = org.medconnect.proto.chart.v1.Document.newBuilder()
                .setId(d.id().toString())
                .setPatientId(d.patientId().toString())
                .setEncounterId(d.encounterId().map(Object::toString).orElse(""))
                .setCategory(switch (d.category()) {
                    case LAB_REPORT -> org.medconnect.proto.chart.v1.DocumentCategory.DOCUMENT_CATEGORY_LAB_REPORT;
                    case IMAGING -> org.medconnect.proto.chart.v1.DocumentCategory.DOCUMENT_CATEGORY_IMAGING;
                    case CONSENT -> org.medconnect.proto.chart.v1.DocumentCategory.DOCUMENT_CATEGORY_CONSENT;
                    case LETTER -> org.medconnect.proto.chart.v1.DocumentCategory.DOCUMENT_CATEGORY_LETTER;
                    case OTHER -> org.medconnect.proto.chart.v1.DocumentCategory.DOCUMENT_CATEGORY_OTHER;
                })
                .setTitle(d.title())
                .setFileName(d.fileName().orElse(""))
                .setContentType(switch (d.contentType()) {
                    case PDF -> org.medconnect.proto.chart.v1.DocumentContentType.DOCUMENT_CONTENT_TYPE_PDF;
                    case PNG -> org.medconnect.proto.chart.v1.DocumentContentType.DOCUMENT_CONTENT_TYPE_PNG;
                    case JPEG -> org.medconnect.proto.chart.v1.DocumentContentType.DOCUMENT_CONTENT_TYPE_JPEG;
                })
                .setSizeBytes(d.sizeBytes())
                .setSha256(HexFormat.of().formatHex(d.sha256()))
                .setStatus(d.status() == DocumentModel.Status.AVAILABLE
                        ? org.medconnect.proto.chart.v1.DocumentStatus.DOCUMENT_STATUS_AVAILABLE
                        : org.medconnect.proto.chart.v1.DocumentStatus.DOCUMENT_STATUS_ENTERED_IN_ERROR)
                .setErrorReason(d.errorReason().orElse(""))
                .setVersion(d.version())
                .setUploadedByName(d.uploadedByName())
                .setUploadedAt(ProtoTypes.timestamp(d.uploadedAt()));
        return b.build();
    }
}
