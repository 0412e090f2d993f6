package org.medconnect.desktop.chart.prescription.editor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** A signed prescription's PDF as archived (its bytes and SHA-256) and its pages rendered by PDFBox, made in the background. */
public record PrescriptionPdf(String fileName, byte[] bytes, String sha256, List<Page> pages) {

    /** About 800 px for an A4 page: readable in a window that fits 1366x768. */
    static final float DPI = 96f;

    /** One rendered page as ARGB pixels, which the viewer copies into an image on the FX thread. */
    public record Page(int width, int height, int[] argb) {}

    public static PrescriptionPdf render(String fileName, byte[] bytes, String sha256) {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PDFRenderer renderer = new PDFRenderer(document);
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, DPI);
                int w = image.getWidth();
                int h = image.getHeight();
                pages.add(new Page(w, h, image.getRGB(0, 0, w, h, null, 0, w)));
            }
            return new PrescriptionPdf(fileName, bytes, sha256, List.copyOf(pages));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the prescription PDF", e);
        }
    }
}
