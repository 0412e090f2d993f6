package org.medconnect.desktop.chart.prescription;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A prescription's PDF as the server archived it (bytes, SHA-256, file name) and its pages rendered
 * by PDFBox's {@link PDFRenderer} into ARGB pixels; made in the background, shown by the viewer.
 */
public record PrescriptionPaper(String fileName, String sha256, byte[] bytes, List<int[]> pixels, List<Integer> widths,
                                List<Integer> heights) {

    /** Screen resolution: an A4 page is about 800 px wide, which fits the viewer at 1366x768. */
    static final float DPI = 96f;

    public static PrescriptionPaper render(String fileName, String sha256, byte[] bytes) {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PDFRenderer renderer = new PDFRenderer(document);
            List<int[]> pixels = new ArrayList<>();
            List<Integer> widths = new ArrayList<>();
            List<Integer> heights = new ArrayList<>();
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, DPI);
                int w = image.getWidth();
                int h = image.getHeight();
                pixels.add(image.getRGB(0, 0, w, h, null, 0, w));
                widths.add(w);
                heights.add(h);
            }
            return new PrescriptionPaper(fileName, sha256, bytes, List.copyOf(pixels), List.copyOf(widths), List.copyOf(heights));
        } catch (IOException e) {
            throw new UncheckedIOException("The prescription PDF could not be read", e);
        }
    }

    public int pageCount() {
        return pixels.size();
    }
}
