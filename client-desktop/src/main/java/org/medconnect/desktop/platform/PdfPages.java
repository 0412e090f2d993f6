package org.medconnect.desktop.platform;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** A PDF as the server archived it (its bytes) and its pages rendered by PDFBox for the screen; made in the background. */
public record PdfPages(String fileName, byte[] bytes, List<int[]> pixels, List<Integer> widths, List<Integer> heights) {

    /** Screen resolution: an A4 page is about 800 px wide, which fits beside a form or in a viewer at 1366x768. */
    static final float DPI = 96f;

    /** Renders every page with PDFBox ({@code renderImageWithDPI}) into ARGB pixels the view copies into images. */
    public static PdfPages render(String fileName, byte[] bytes) {
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
            return new PdfPages(fileName, bytes, List.copyOf(pixels), List.copyOf(widths), List.copyOf(heights));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the PDF " + fileName, e);
        }
    }

    public int pageCount() {
        return pixels.size();
    }
}
