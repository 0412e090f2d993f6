package org.medconnect.desktop.chart.prescription.paper;

import org.medconnect.desktop.platform.PdfPages;

/** A signed prescription's PDF as the server archived it, with its SHA-256, and its pages rendered for the viewer. */
public record PrescriptionPaper(String sha256, PdfPages pages) {

    /** Renders in the background (PDFBox), for {@link PrescriptionPaperView}. */
    public static PrescriptionPaper render(String fileName, String sha256, byte[] bytes) {
        return new PrescriptionPaper(sha256, PdfPages.render(fileName, bytes));
    }

    public String fileName() {
        return pages.fileName();
    }

    public byte[] bytes() {
        return pages.bytes();
    }

    public int pageCount() {
        return pages.pageCount();
    }
}
