package org.medconnect.server.chart.document;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Real PDF, PNG and JPEG files for document tests and the benchmark. */
public final class TestFiles {

    private TestFiles() {}

    /** A one-page PDF whose bytes contain {@code marker} in the clear (uncompressed). */
    public static byte[] pdf(String marker) {
        try (PDDocument doc = page(marker)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid PDF of about {@code bytes} bytes (a page plus an unused stream of random filler), written to {@code file}. */
    public static void largePdf(Path file, long bytes) {
        try (PDDocument doc = page("Large scan")) {
            COSStream filler = doc.getDocument().createCOSStream();
            Random random = new Random(7);
            byte[] block = new byte[1 << 16];
            try (OutputStream o = filler.createRawOutputStream()) {
                for (long written = 0; written < bytes; written += block.length) {
                    random.nextBytes(block);
                    o.write(block);
                }
            }
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Filler"), filler);
            doc.save(file.toFile(), CompressParameters.NO_COMPRESSION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A lab report of {@code pages} pages, each headed with its number (for viewer tests and screenshots). */
    public static byte[] report(String patient, int pages) {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    line(text, HELVETICA_BOLD, 20, 72, 700, "Riverside Clinical Laboratory");
                    line(text, HELVETICA, 12, 72, 676, "Patient: " + patient + "        Page " + i + " of " + pages);
                    line(text, HELVETICA_BOLD, 14, 72, 640, i == 1 ? "Full blood count" : "Renal function");
                    String[][] rows = i == 1
                            ? new String[][] {{"Haemoglobin", "13.9 g/dL", "13.0 - 17.0"}, {"White cells", "6.1 x10^9/L", "4.0 - 10.0"},
                                    {"Platelets", "250 x10^9/L", "150 - 400"}, {"MCV", "88 fL", "80 - 100"}}
                            : new String[][] {{"Sodium", "139 mmol/L", "135 - 145"}, {"Potassium", "4.2 mmol/L", "3.5 - 5.0"},
                                    {"Creatinine", "84 umol/L", "60 - 110"}, {"eGFR", "> 90 mL/min", "> 60"}};
                    float y = 612;
                    for (String[] r : rows) {
                        line(text, HELVETICA, 12, 72, y, r[0]);
                        line(text, HELVETICA, 12, 250, y, r[1]);
                        line(text, HELVETICA, 12, 400, y, r[2]);
                        y -= 20;
                    }
                    text.setLineWidth(1);
                    text.moveTo(72, 660);
                    text.lineTo(540, 660);
                    text.stroke();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font HELVETICA_BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private static void line(PDPageContentStream text, PDType1Font font, float size, float x, float y, String s) throws IOException {
        text.beginText();
        text.setFont(font, size);
        text.newLineAtOffset(x, y);
        text.showText(s);
        text.endText();
    }

    /** A valid PDF of exactly {@code size} bytes (at least a few KB): a page plus a filler stream sized to fit. */
    public static byte[] pdf(String marker, int size) {
        int filler = Math.max(0, size - pdf(marker).length - 100);
        for (int attempt = 0; attempt < 5; attempt++) {
            byte[] made = withFiller(marker, filler);
            if (made.length == size) {
                return made;
            }
            filler += size - made.length;
        }
        throw new IllegalStateException("cannot make a PDF of exactly " + size + " bytes");
    }

    private static byte[] withFiller(String marker, int filler) {
        try (PDDocument doc = page(marker)) {
            COSStream stream = doc.getDocument().createCOSStream();
            byte[] data = new byte[filler];
            new Random(filler).nextBytes(data);
            try (OutputStream o = stream.createRawOutputStream()) {
                o.write(data);
            }
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Filler"), stream);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDDocument page(String marker) throws IOException {
        PDDocument doc = new PDDocument();
        PDPage page = new PDPage();
        doc.addPage(page);
        doc.getDocumentInformation().setTitle(marker);
        try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
            text.beginText();
            text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 20);
            text.newLineAtOffset(72, 700);
            text.showText("Full blood count");
            text.endText();
            text.beginText();
            text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            text.newLineAtOffset(72, 670);
            text.showText("Haemoglobin 13.9 g/dL    White cells 6.1 x10^9/L    Platelets 250 x10^9/L");
            text.endText();
        }
        return doc;
    }

    public static byte[] png() {
        return image("png");
    }

    public static byte[] jpeg() {
        return image("jpeg");
    }

    private static byte[] image(String format) {
        BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, 320, 200);
        g.setColor(Color.LIGHT_GRAY);
        g.fillOval(60, 30, 200, 140);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
