package org.medconnect.server.chart.plan;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.medconnect.server.chart.plan.PlanModel.LetterFacts;
import org.medconnect.server.chart.plan.PlanModel.Urgency;

/**
 * Lays out a referral letter to an outside provider (A4, PDFBox 3): the clinic's header, the
 * provider, the patient (name, date of birth, MRN), the reason, active problems, current
 * medications, allergies and the referring doctor's signature line. DejaVu Sans (the fonts
 * the invoices embed) is embedded as a subset, so names in Latin with accents, Greek or
 * Cyrillic print as typed.
 */
final class ReferralLetterPdf {

    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final Color GREY = new Color(0x55, 0x5f, 0x6d);
    private static final Color ACCENT = new Color(0x1f, 0x5f, 0x99);
    private static final Color RULE = new Color(0xc8, 0xd0, 0xda);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DOB = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final byte[] REGULAR = font("DejaVuSans.ttf");
    private static final byte[] BOLD = font("DejaVuSans-Bold.ttf");

    private final ZoneId zone;

    ReferralLetterPdf(ZoneId zone) {
        this.zone = zone;
    }

    byte[] letter(LetterFacts f, String provider, String address, String reason, Urgency urgency, OffsetDateTime at) {
        try (PDDocument doc = new PDDocument()) {
            Writer w = new Writer(doc, PDType0Font.load(doc, new ByteArrayInputStream(REGULAR), true),
                    PDType0Font.load(doc, new ByteArrayInputStream(BOLD), true));
            w.text(w.bold, 16, f.clinicName(), ACCENT);
            for (String line : (f.clinicAddress() + (f.clinicPhone().isBlank() ? "" : "\nTel. " + f.clinicPhone())).split("\\R")) {
                if (!line.isBlank()) {
                    w.text(w.regular, 9, line, GREY);
                }
            }
            w.gap(6);
            w.rule();
            w.gap(10);
            w.text(w.bold, 13, urgency == Urgency.URGENT ? "URGENT REFERRAL" : "REFERRAL", urgency == Urgency.URGENT ? Color.RED.darker() : Color.BLACK);
            w.text(w.regular, 10, DAY.format(at.atZoneSameInstant(zone)), GREY);
            w.gap(10);
            w.label("To");
            w.text(w.bold, 10.5f, provider, Color.BLACK);
            for (String line : address.split("\\R")) {
                if (!line.isBlank()) {
                    w.paragraph(line);
                }
            }
            w.gap(8);
            w.label("Patient");
            w.text(w.bold, 10.5f, f.patientName(), Color.BLACK);
            w.paragraph("Date of birth " + DOB.format(f.dateOfBirth()) + "    MRN " + f.mrn());
            w.gap(8);
            w.label("Reason for referral");
            w.paragraph(reason);
            w.gap(8);
            w.label("Active problems");
            w.list(f.activeProblems(), "None recorded.");
            w.gap(6);
            w.label("Current medications");
            w.list(f.medications(), "None recorded.");
            w.gap(6);
            w.label("Allergies");
            w.list(f.allergies(), "None recorded.");
            w.gap(36);
            w.line(MARGIN, w.y, MARGIN + 220, w.y);
            w.gap(4);
            w.text(w.bold, 10, f.doctorName(), Color.BLACK);
            w.text(w.regular, 9, f.clinicName(), GREY);
            w.close();
            doc.getDocumentInformation().setTitle("Referral of " + f.patientName());
            doc.getDocumentInformation().setAuthor(f.doctorName());
            doc.getDocumentInformation().setProducer("MedConnect");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cursor down the page that starts a new page when the text reaches the bottom margin. */
    private static final class Writer {
        final PDDocument doc;
        final PDFont regular;
        final PDFont bold;
        PDPageContentStream out;
        float y;

        Writer(PDDocument doc, PDFont regular, PDFont bold) throws IOException {
            this.doc = doc;
            this.regular = regular;
            this.bold = bold;
            newPage();
        }

        void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void need(float h) throws IOException {
            if (y - h < MARGIN) {
                newPage();
            }
        }

        void text(PDFont f, float size, String s, Color c) throws IOException {
            for (String line : wrap(f, size, s)) {
                need(size * 1.4f);
                out.beginText();
                out.setFont(f, size);
                out.setNonStrokingColor(c);
                out.newLineAtOffset(MARGIN, y - size);
                out.showText(printable(f, line));
                out.endText();
                y -= size * 1.4f;
            }
        }

        void label(String s) throws IOException {
            text(bold, 9, s.toUpperCase(Locale.ENGLISH), ACCENT);
            y -= 1;
        }

        void paragraph(String s) throws IOException {
            for (String para : s.split("\\R")) {
                text(regular, 10, para, Color.BLACK);
            }
        }

        void list(List<String> items, String none) throws IOException {
            if (items.isEmpty()) {
                text(regular, 10, none, GREY);
            }
            for (String item : items) {
                text(regular, 10, "•  " + item, Color.BLACK);
            }
        }

        void rule() throws IOException {
            line(MARGIN, y, MARGIN + WIDTH, y);
        }

        void line(float x1, float y1, float x2, float y2) throws IOException {
            out.setStrokingColor(RULE);
            out.setLineWidth(0.8f);
            out.moveTo(x1, y1);
            out.lineTo(x2, y2);
            out.stroke();
        }

        void gap(float h) {
            y -= h;
        }

        void close() throws IOException {
            out.close();
        }

        private static List<String> wrap(PDFont f, float size, String s) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : s.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (f.getStringWidth(printable(f, candidate)) / 1000 * size <= WIDTH || current.isEmpty()) {
                    current = new StringBuilder(candidate);
                } else {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                }
            }
            lines.add(current.toString());
            return lines;
        }

        /** Characters the font has no glyph for (rare scripts) print as '?', rather than failing the letter. */
        private static String printable(PDFont f, String s) {
            StringBuilder b = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    f.encode(ch);
                    b.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                    b.append('?');
                }
            });
            return b.toString();
        }
    }

    private static byte[] font(String name) {
        try (InputStream in = ReferralLetterPdf.class.getResourceAsStream("/org/medconnect/server/billing/fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Font " + name + " is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
