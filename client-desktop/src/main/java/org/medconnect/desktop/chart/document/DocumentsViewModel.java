package org.medconnect.desktop.chart.document;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.Document;
import org.medconnect.proto.chart.v1.DocumentCategory;
import org.medconnect.proto.chart.v1.DocumentContentType;
import org.medconnect.proto.chart.v1.DocumentUploadMetadata;
import org.medconnect.proto.chart.v1.DownloadDocumentRequest;
import org.medconnect.proto.chart.v1.ListDocumentsRequest;
import org.medconnect.proto.chart.v1.UploadDocumentRequest;
import org.medconnect.proto.chart.v1.UploadDocumentResponse;

/**
 * The chart's documents page: the patient's documents, an upload with progress and cancel, and
 * the open document (a PDF page rendered by PDFBox, or an image) with page navigation and zoom.
 * Every transfer and every rendering runs in the background; results arrive on the FX thread.
 */
public final class DocumentsViewModel {

    static final int CHUNK = 128 * 1024;
    /** 100% zoom: a Letter or A4 page fits the viewer's width at 1366x768. */
    static final float BASE_DPI = 80f;
    static final double[] ZOOMS = {0.5, 0.75, 1.0, 1.25, 1.5, 2.0};
    private static final Duration TRANSFER_DEADLINE = Duration.ofMinutes(10);

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String patientId;

    private final ObservableList<Document> documents = FXCollections.observableArrayList();
    private final ObjectProperty<Document> open = new SimpleObjectProperty<>();
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>();
    private final IntegerProperty pageIndex = new SimpleIntegerProperty();
    private final IntegerProperty pageCount = new SimpleIntegerProperty();
    private final IntegerProperty zoomStep = new SimpleIntegerProperty(2);
    private final StringProperty pageText = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty uploading = new SimpleBooleanProperty();
    private final DoubleProperty uploadProgress = new SimpleDoubleProperty();
    private final ObjectProperty<DocumentCategory> category = new SimpleObjectProperty<>(DocumentCategory.DOCUMENT_CATEGORY_LAB_REPORT);
    private final StringProperty title = new SimpleStringProperty("");
    private final BooleanProperty rendering = new SimpleBooleanProperty();
    private volatile AtomicBoolean cancel = new AtomicBoolean();
    private byte[] openBytes;

    public DocumentsViewModel(ServerConnection connection, ServerCalls calls, String patientId) {
        this.connection = connection;
        this.calls = calls;
        this.patientId = patientId;
        pageIndex.addListener((o, a, b) -> updatePageText());
        pageCount.addListener((o, a, b) -> updatePageText());
    }

    // ---------------------------------------------------------------- list

    public void refresh() {
        calls.call(busy, () -> connection.documents().listDocuments(ListDocumentsRequest.newBuilder().setPatientId(patientId).build())
                .getDocumentsList(), list -> {
                    documents.setAll(list);
                    status.set(list.isEmpty() ? "No documents yet." : list.size() + (list.size() == 1 ? " document" : " documents"));
                }, this::failed);
    }

    // ---------------------------------------------------------------- upload

    /** The type the workstation declares from the file name; the server checks the content agrees. */
    static Optional<DocumentContentType> declaredType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf")) {
            return Optional.of(DocumentContentType.DOCUMENT_CONTENT_TYPE_PDF);
        }
        if (name.endsWith(".png")) {
            return Optional.of(DocumentContentType.DOCUMENT_CONTENT_TYPE_PNG);
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return Optional.of(DocumentContentType.DOCUMENT_CONTENT_TYPE_JPEG);
        }
        return Optional.empty();
    }

    /** Suggests a title from a chosen file's name when none is typed yet. */
    public void fileChosen(Path file) {
        if (title.get().isBlank()) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            title.set((dot > 0 ? name.substring(0, dot) : name).replace('_', ' ').replace('-', ' ').strip());
        }
    }

    /** Uploads {@code file} under the chosen category and title, in chunks, showing progress; cancel stops it. */
    public void upload(Path file) {
        error.set("");
        Optional<DocumentContentType> type = declaredType(file);
        if (type.isEmpty()) {
            error.set("Choose a PDF, PNG or JPEG file.");
            return;
        }
        String typed = title.get().strip();
        if (typed.isEmpty() || typed.length() > 200) {
            error.set("Give the document a title of 1 to 200 characters.");
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        cancel = cancelled;
        uploading.set(true);
        uploadProgress.set(0);
        DocumentUploadMetadata metadata;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            uploading.set(false);
            error.set("Cannot read " + file.getFileName() + ".");
            return;
        }
        metadata = DocumentUploadMetadata.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patientId)
                .setCategory(category.get()).setTitle(typed).setFileName(file.getFileName().toString())
                .setDeclaredType(type.get()).setDeclaredSize(size).build();
        calls.call(busy, () -> send(file, size, metadata, cancelled), stored -> {
            uploading.set(false);
            uploadProgress.set(1);
            title.set("");
            status.set("Uploaded \u201c" + stored.getTitle() + "\u201d.");
            refresh();
            openDocument(stored);
        }, failure -> {
            uploading.set(false);
            uploadProgress.set(0);
            if (cancelled.get()) {
                status.set("Upload cancelled; nothing was kept.");
            } else {
                failed(failure);
            }
        });
    }

    public void cancelUpload() {
        cancel.set(true);
    }

    private Document send(Path file, long size, DocumentUploadMetadata metadata, AtomicBoolean cancelled) throws Exception {
        CompletableFuture<UploadDocumentResponse> answer = new CompletableFuture<>();
        CompletableFuture<ClientCallStreamObserver<UploadDocumentRequest>> started = new CompletableFuture<>();
        connection.documentUpload(TRANSFER_DEADLINE).uploadDocument(new ClientResponseObserver<UploadDocumentRequest, UploadDocumentResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<UploadDocumentRequest> requests) {
                started.complete(requests);
            }

            @Override
            public void onNext(UploadDocumentResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        ClientCallStreamObserver<UploadDocumentRequest> requests = started.get();
        requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(metadata).build());
        long sent = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                while (!requests.isReady() && !answer.isDone() && !cancelled.get()) {
                    Thread.sleep(2); // flow control: never queue the file in memory
                }
                if (cancelled.get()) {
                    requests.onError(Status.CANCELLED.withDescription("Cancelled at the workstation").asRuntimeException());
                    throw Status.CANCELLED.withDescription("Upload cancelled").asRuntimeException();
                }
                if (answer.isDone()) {
                    break; // refused part way (too large, say): the answer says why
                }
                requests.onNext(UploadDocumentRequest.newBuilder().setChunk(ByteString.copyFrom(buffer, 0, n)).build());
                sent += n;
                double progress = (double) sent / Math.max(1, size);
                Platform.runLater(() -> uploadProgress.set(progress));
            }
        }
        if (!answer.isDone()) {
            requests.onCompleted();
        }
        try {
            return answer.get(TRANSFER_DEADLINE.toSeconds(), TimeUnit.SECONDS).getDocument();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    // ---------------------------------------------------------------- viewer

    /** Downloads the document and shows its first page (or the image), in the background. */
    public void openDocument(Document document) {
        error.set("");
        open.set(document);
        page.set(null);
        openBytes = null;
        rendering.set(true);
        calls.call(busy, () -> {
            byte[] bytes = download(document.getId());
            return new Rendered(bytes, render(document, bytes, 0, zoom()));
        }, rendered -> {
            rendering.set(false);
            if (open.get() != document) {
                return;
            }
            openBytes = rendered.bytes();
            show(rendered.page(), 0);
        }, failure -> {
            rendering.set(false);
            failed(failure);
        });
    }

    private byte[] download(String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var parts = connection.documentDownload(TRANSFER_DEADLINE).downloadDocument(DownloadDocumentRequest.newBuilder().setDocumentId(id).build());
        while (parts.hasNext()) {
            var part = parts.next();
            if (part.hasChunk()) {
                try {
                    part.getChunk().writeTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out.toByteArray();
    }

    /** One page (or the image) as ARGB pixels: made off the FX thread; the view turns it into an image. */
    public record Page(int[] pixels, int width, int height, int pageCount) {}

    record Rendered(byte[] bytes, Page page) {}

    static Page render(Document document, byte[] bytes, int index, double zoom) throws IOException {
        BufferedImage image;
        int pages = 1;
        if (document.getContentType() == DocumentContentType.DOCUMENT_CONTENT_TYPE_PDF) {
            try (PDDocument pdf = Loader.loadPDF(bytes)) {
                pages = pdf.getNumberOfPages();
                image = new PDFRenderer(pdf).renderImageWithDPI(Math.min(index, pages - 1), (float) (BASE_DPI * zoom));
            }
        } else {
            BufferedImage full = javax.imageio.ImageIO.read(new ByteArrayInputStream(bytes));
            if (full == null) {
                throw new IOException("The image cannot be decoded.");
            }
            int w = Math.max(1, (int) Math.round(full.getWidth() * zoom));
            int h = Math.max(1, (int) Math.round(full.getHeight() * zoom));
            image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            var g = image.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(full, 0, 0, w, h, null);
            g.dispose();
        }
        int w = image.getWidth();
        int h = image.getHeight();
        return new Page(image.getRGB(0, 0, w, h, null, 0, w), w, h, pages);
    }

    private void show(Page rendered, int index) {
        pageCount.set(rendered.pageCount());
        pageIndex.set(index);
        page.set(rendered);
    }

    private void renderPage(int index) {
        Document document = open.get();
        byte[] bytes = openBytes;
        if (document == null || bytes == null) {
            return;
        }
        rendering.set(true);
        double zoom = zoom();
        calls.call(busy, () -> render(document, bytes, index, zoom), rendered -> {
            rendering.set(false);
            if (open.get() == document) {
                show(rendered, index);
            }
        }, failure -> {
            rendering.set(false);
            failed(failure);
        });
    }

    public void nextPage() {
        if (pageIndex.get() + 1 < pageCount.get()) {
            renderPage(pageIndex.get() + 1);
        }
    }

    public void previousPage() {
        if (pageIndex.get() > 0) {
            renderPage(pageIndex.get() - 1);
        }
    }

    public void zoomIn() {
        if (zoomStep.get() + 1 < ZOOMS.length) {
            zoomStep.set(zoomStep.get() + 1);
            renderPage(pageIndex.get());
        }
    }

    public void zoomOut() {
        if (zoomStep.get() > 0) {
            zoomStep.set(zoomStep.get() - 1);
            renderPage(pageIndex.get());
        }
    }

    double zoom() {
        return ZOOMS[zoomStep.get()];
    }

    /** Writes the open document's bytes, exactly as stored, to {@code target}. */
    public void saveCopy(Path target) {
        byte[] bytes = openBytes;
        if (bytes == null) {
            return;
        }
        calls.call(busy, () -> Files.write(target, bytes), written -> status.set("Saved a copy as " + target.getFileName() + "."),
                this::failed);
    }

    /** The file name "Save a copy" suggests. */
    public String suggestedFileName() {
        Document d = open.get();
        if (d == null) {
            return "document";
        }
        if (!d.getFileName().isBlank()) {
            return d.getFileName();
        }
        return d.getTitle() + switch (d.getContentType()) {
            case DOCUMENT_CONTENT_TYPE_PNG -> ".png";
            case DOCUMENT_CONTENT_TYPE_JPEG -> ".jpg";
            default -> ".pdf";
        };
    }

    private void updatePageText() {
        pageText.set(pageCount.get() == 0 ? "" : "Page " + (pageIndex.get() + 1) + " of " + pageCount.get());
    }

    private void failed(CallFailure failure) {
        error.set(failure.message());
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<Document> documents() {
        return documents;
    }

    public ObjectProperty<Document> openProperty() {
        return open;
    }

    /** The shown page's pixels, or null while nothing is open. */
    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public IntegerProperty pageIndexProperty() {
        return pageIndex;
    }

    public IntegerProperty pageCountProperty() {
        return pageCount;
    }

    public IntegerProperty zoomStepProperty() {
        return zoomStep;
    }

    public StringProperty pageTextProperty() {
        return pageText;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty uploadingProperty() {
        return uploading;
    }

    public ReadOnlyBooleanProperty renderingProperty() {
        return rendering;
    }

    public DoubleProperty uploadProgressProperty() {
        return uploadProgress;
    }

    public ObjectProperty<DocumentCategory> categoryProperty() {
        return category;
    }

    public StringProperty titleProperty() {
        return title;
    }
}
