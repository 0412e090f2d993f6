package org.medconnect.server.chart.document;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.medconnect.server.chart.document.DocumentModel.ContentType;
import org.medconnect.server.platform.DomainException;

/**
 * Decides what an uploaded file is from its content, never its name (decision 0034): the
 * first bytes must be a PDF, PNG or JPEG signature and agree with what the sender declared,
 * and the file must open: a PDF loads with PDFBox and has pages and its end marker, an image
 * decodes to its last row (decoded subsampled, so a huge image costs little memory).
 */
final class ContentCheck {

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final long MAX_PIXELS = 200_000_000L;

    private ContentCheck() {}

    /** The type the first bytes show, or INVALID_ARGUMENT when they show none we take. */
    static ContentType sniff(byte[] head, int length) {
        byte[] h = Arrays.copyOf(head, length);
        if (startsWith(h, PDF)) {
            return ContentType.PDF;
        }
        if (startsWith(h, PNG)) {
            return ContentType.PNG;
        }
        if (startsWith(h, JPEG)) {
            return ContentType.JPEG;
        }
        throw DomainException.InvalidInput.of("chunk",
                "This file is not a PDF, PNG or JPEG (its content was checked, not its name); scan or save it as one of those.");
    }

    /** Refuses a file whose content is not what the sender said it is. */
    static void agrees(ContentType declared, ContentType actual) {
        if (declared != actual) {
            throw DomainException.InvalidInput.of("declared_type", "The file was sent as a " + declared.label()
                    + " but its content is a " + actual.label() + "; choose the right file or type.");
        }
    }

    /** Opens the whole file as its type; INVALID_ARGUMENT when it is damaged or cut short. */
    static void opens(ContentType type, SealedFile.Reader file) throws SealedFile.Unreadable {
        try {
            switch (type) {
                case PDF -> pdf(file);
                case PNG, JPEG -> image(type, file);
            }
        } catch (SealedFile.Unreadable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            throw corrupt(type);
        }
    }

    private static void pdf(SealedFile.Reader file) throws IOException {
        // A PDF ends with %%EOF (allowing trailing whitespace); PDFBox would quietly repair a cut-off one.
        long tailStart = Math.max(0, file.length() - 1024);
        byte[] tail = new byte[(int) (file.length() - tailStart)];
        file.seek(tailStart);
        file.readFully(tail);
        if (indexOf(tail, "%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) < 0) {
            throw corrupt(ContentType.PDF);
        }
        file.seek(0);
        // PDFBox reads straight from the sealed file (it seeks and makes views for object streams).
        try (PDDocument doc = Loader.loadPDF(file)) {
            if (doc.getNumberOfPages() < 1) {
                throw corrupt(ContentType.PDF);
            }
            for (var page : doc.getPages()) {
                page.getMediaBox();
                page.getResources();
            }
        }
    }

    private static void image(ContentType type, SealedFile.Reader file) throws IOException {
        file.seek(0);
        // Straight from the sealed file: ImageIO's own stream would cache the plaintext in a temp file.
        try (ImageInputStream in = new SealedImageInput(file)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type == ContentType.PNG ? "png" : "jpeg");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1 || w * h > MAX_PIXELS) {
                    throw DomainException.InvalidInput.of("chunk", "This image is " + w + " x " + h
                            + " pixels; images up to " + (MAX_PIXELS / 1_000_000) + " megapixels are taken.");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) (w * h) / 1_000_000)));
                param.setSourceSubsampling(step, step, 0, 0);
                reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
        if (type == ContentType.PNG) {
            // The PNG reader stops after the last image data; a cut-off file has no IEND chunk.
            long tailStart = Math.max(0, file.length() - 12);
            byte[] tail = new byte[(int) (file.length() - tailStart)];
            file.seek(tailStart);
            file.readFully(tail);
            if (indexOf(tail, new byte[] {'I', 'E', 'N', 'D'}) < 0) {
                throw corrupt(type);
            }
        }
    }

    /** An ImageIO stream over the sealed file's random access, so no plaintext is cached anywhere. */
    private static final class SealedImageInput extends ImageInputStreamImpl {
        private final SealedFile.Reader file;

        SealedImageInput(SealedFile.Reader file) {
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            file.seek(streamPos);
            int b = file.read();
            if (b >= 0) {
                streamPos++;
                bitOffset = 0;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            file.seek(streamPos);
            int n = file.read(b, off, len);
            if (n > 0) {
                streamPos += n;
                bitOffset = 0;
            }
            return n;
        }

        @Override
        public long length() {
            return file.length();
        }
    }

    private static DomainException.InvalidInput corrupt(ContentType type) {
        return DomainException.InvalidInput.of("chunk", "This " + type.label()
                + " is damaged or incomplete and cannot be opened; upload the file again from its original.");
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
