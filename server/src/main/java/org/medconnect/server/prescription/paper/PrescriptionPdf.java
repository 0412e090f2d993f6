package org.medconnect.server.prescription.paper;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Line;
import org.medconnect.server.prescription.paper.PrescriptionPaperModel.Paper;
import org.medconnect.shared.locale.ClinicLocale;

/**
 * Lays out a prescription (A4, PDFBox 3): the clinic's letterhead, prescriber, patient, one
 * block per drug (never split over a page), validity, the signature line and the QR code with
 * the signed payload, drawn module by module from zxing's matrix. The signature and QR code
 * always share a page with the last drug; when the drugs run over a page, every page says
 * "page N of M" and, before the last, where the signature is. Fonts: {@link PaperFonts}.
 */
final class PrescriptionPdf {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float QR_SIZE = 124;
    private static final float SEAM = 0.08f;
    private static final Color GREY = new Color(0x55, 0x5f, 0x6d);
    private static final Color RULE = new Color(0xc8, 0xd0, 0xda);
    private static final Color ACCENT = new Color(0x1f, 0x5f, 0x99);
    private static final Color WARN = new Color(0x9a, 0x3b, 0x12);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final ClinicLocale locale;
    private final ZoneId zone;

    PrescriptionPdf(ClinicLocale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    /** The PDF of this prescription with this signed payload in its QR code. */
    byte[] render(Paper p, String qrPayload, String keyId) {
        try (Writer w = new Writer(p)) {
            w.header();
            w.people();
            w.section("Prescribed");
            List<Line> lines = p.lines();
            for (int i = 0; i < lines.size(); i++) {
                // The last line goes with the signature and the QR code: a signature never stands alone on a page.
                w.line(lines.get(i), i == lines.size() - 1 ? w.closingHeight(keyId) : 0);
            }
            w.closing(qrPayload, keyId);
            return w.finish();
        }
    }

    /** "1 tablet twice daily for 7 days"; as needed: "1 puff when needed, at most four times daily, for 30 days". */
    static String sig(Line l) {
        String amount = l.doseAmount().stripTrailingZeros().toPlainString();
        String unit = plural(l.doseUnit(), l.doseAmount());
        String how = switch (l.frequency()) {
            case "ONCE" -> "once";
            case "ONCE_DAILY" -> "once daily";
            case "TWICE_DAILY" -> "twice daily";
            case "THREE_TIMES_DAILY" -> "three times daily";
            case "FOUR_TIMES_DAILY" -> "four times daily";
            case "EVERY_4_HOURS" -> "every 4 hours";
            case "EVERY_6_HOURS" -> "every 6 hours";
            case "EVERY_8_HOURS" -> "every 8 hours";
            case "AT_NIGHT" -> "at night";
            case "IN_THE_MORNING" -> "in the morning";
            case "WEEKLY" -> "once a week";
            default -> l.frequency().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
        String days = l.durationDays() == 1 ? "1 day" : l.durationDays() + " days";
        if (l.asNeeded()) {
            return amount + " " + unit + " when needed, at most " + how + ", for up to " + days;
        }
        return amount + " " + unit + " " + how + (l.frequency().equals("ONCE") ? "" : " for " + days);
    }

    /** "tablet" -> "tablets" for more than one; units such as mg or mL stay as written. */
    static String plural(String unit, BigDecimal amount) {
        String u = unit.strip();
        boolean word = u.length() > 2 && u.chars().allMatch(Character::isLowerCase) && !u.endsWith("s");
        return word && amount.compareTo(BigDecimal.ONE) > 0 ? u + "s" : u;
    }

    static String route(String route) {
        return switch (route) {
            case "ORAL" -> "by mouth";
            case "SUBLINGUAL" -> "under the tongue";
            case "TOPICAL" -> "on the skin";
            case "TRANSDERMAL" -> "patch on the skin";
            case "INHALED" -> "inhaled";
            case "NASAL" -> "in the nose";
            case "OPHTHALMIC" -> "in the eye";
            case "OTIC" -> "in the ear";
            case "RECTAL" -> "rectal";
            case "VAGINAL" -> "vaginal";
            case "SUBCUTANEOUS" -> "under the skin (injection)";
            case "INTRAMUSCULAR" -> "into a muscle (injection)";
            case "INTRAVENOUS" -> "into a vein";
            default -> route.toLowerCase(Locale.ROOT);
        };
    }

    /** A top-to-bottom writer over as many pages as the prescription needs. */
    private final class Writer implements AutoCloseable {
        private final PDDocument doc = new PDDocument();
        private final PaperFonts fonts = new PaperFonts(doc);
        private final Paper p;
        private PDPageContentStream out;
        private float y;

        Writer(Paper p) {
            this.p = p;
            newPage();
        }

        private void newPage() {
            try {
                if (out != null) {
                    out.close();
                }
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                out = new PDPageContentStream(doc, page);
                y = PDRectangle.A4.getHeight() - MARGIN;
                if (doc.getNumberOfPages() > 1) {
                    // Continuation pages say whose prescription they belong to.
                    text(true, 9, MARGIN, y - 9, p.patient().fullName() + "  ·  " + p.patient().mrn() + "  ·  continued", GREY);
                    y -= 22;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void need(float height) {
            if (y - height < MARGIN + 24) {
                newPage();
            }
        }

        void header() {
            var c = p.clinic();
            float top = y;
            text(true, 16, MARGIN, y - 16, c.name(), ACCENT);
            float left = y - 32;
            for (String l : c.address().split("\\R")) {
                if (!l.isBlank()) {
                    text(false, 9, MARGIN, left, l.strip(), GREY);
                    left -= 12;
                }
            }
            List<String> contact = new ArrayList<>();
            if (!c.phone().isBlank()) {
                contact.add("Tel. " + c.phone().strip());
            }
            if (!c.email().isBlank()) {
                contact.add(c.email().strip());
            }
            if (!contact.isEmpty()) {
                text(false, 9, MARGIN, left, String.join("  ·  ", contact), GREY);
                left -= 12;
            }
            float right = top - 16;
            textRight(true, 18, MARGIN + WIDTH, right, "PRESCRIPTION", Color.BLACK);
            right -= 20;
            fact(right, "Issued", p.prescription().signedAt().map(t -> locale.format(t.atZoneSameInstant(zone).toLocalDate())).orElse(""));
            right -= 13;
            fact(right, "Valid until", p.prescription().validUntil().map(locale::format).orElse(""));
            right -= 13;
            y = Math.min(left, right) - 6;
            rule();
            gap(6);
        }

        private void fact(float baseline, String label, String value) {
            textRight(false, 9, MARGIN + WIDTH - 80, baseline, label, GREY);
            textRight(true, 9, MARGIN + WIDTH, baseline, value, Color.BLACK);
        }

        void people() {
            float top = y;
            float half = WIDTH / 2 - 10;
            text(true, 8, MARGIN, top - 10, "PATIENT", GREY);
            float ly = top - 25;
            for (String l : wrap(p.patient().fullName(), true, 12, half)) {
                text(true, 12, MARGIN, ly, l, Color.BLACK);
                ly -= 15;
            }
            text(false, 9.5f, MARGIN, ly, "Date of birth " + locale.format(p.patient().dateOfBirth()), Color.BLACK);
            ly -= 13;
            text(false, 9.5f, MARGIN, ly, "MRN " + p.patient().mrn(), Color.BLACK);
            ly -= 13;

            float x = MARGIN + WIDTH / 2 + 10;
            text(true, 8, x, top - 10, "PRESCRIBER", GREY);
            float ry = top - 25;
            for (String l : wrap(p.doctor().name(), true, 12, half)) {
                text(true, 12, x, ry, l, Color.BLACK);
                ry -= 15;
            }
            if (!p.doctor().qualification().isBlank()) {
                for (String l : wrap(p.doctor().qualification(), false, 9.5f, half)) {
                    text(false, 9.5f, x, ry, l, Color.BLACK);
                    ry -= 13;
                }
            }
            text(false, 9.5f, x, ry, "Registration no. " + (p.doctor().registrationNumber().isBlank() ? "not recorded" : p.doctor().registrationNumber()),
                    Color.BLACK);
            ry -= 13;
            y = Math.min(ly, ry) - 8;
            rule();
            gap(4);
        }

        void section(String name) {
            need(40);
            text(true, 10, MARGIN, y - 10, name, ACCENT);
            y -= 18;
        }

        /** One drug's block; {@code keepWith}: the height that must follow it on the same page (the closing, after the last). */
        void line(Line l, float keepWith) {
            float indent = 18;
            float inner = WIDTH - indent;
            String title = l.drugName() + (l.strength().isBlank() ? "" : " " + l.strength()) + (l.form().isBlank() ? "" : " " + l.form());
            List<String> titleLines = wrap(title, true, 10.5f, inner);
            List<String> sigLines = wrap(sig(l) + ", " + route(l.route()) + ".", false, 10, inner);
            String supply = "Quantity " + l.quantity().stripTrailingZeros().toPlainString() + " " + plural(l.quantityUnit(), l.quantity())
                    + "  ·  Refills " + l.refills();
            List<String> instructions = l.instructions().isBlank() ? List.of() : wrapAll("Instructions: " + l.instructions(), false, 9, inner);
            List<String> warnings = l.warnings().isBlank() ? List.of() : wrapAll("Warning: " + l.warnings(), true, 9, inner);
            float height = titleLines.size() * 13 + sigLines.size() * 12.5f + 12 + instructions.size() * 11.5f + warnings.size() * 11.5f + 10;
            need(height + keepWith);
            text(true, 10.5f, MARGIN, y - 10.5f, l.position() + ".", Color.BLACK);
            for (String s : titleLines) {
                text(true, 10.5f, MARGIN + indent, y - 10.5f, s, Color.BLACK);
                y -= 13;
            }
            for (String s : sigLines) {
                text(false, 10, MARGIN + indent, y - 10, s, Color.BLACK);
                y -= 12.5f;
            }
            text(false, 9, MARGIN + indent, y - 9, supply, GREY);
            y -= 12;
            for (String s : instructions) {
                text(false, 9, MARGIN + indent, y - 9, s, Color.BLACK);
                y -= 11.5f;
            }
            for (String s : warnings) {
                text(true, 9, MARGIN + indent, y - 9, s, WARN);
                y -= 11.5f;
            }
            y -= 4;
            line(MARGIN + indent, y, MARGIN + WIDTH, y, RULE, 0.4f);
            y -= 6;
        }

        private List<String> howToCheck(String keyId) {
            return wrapAll("To check this prescription, scan the code with MedConnect (Verify prescription), or run "
                    + "\"medconnect verify-prescription --key=clinic-key.pem --payload=<code text>\" with the clinic's public key "
                    + "(key id " + keyId.substring(0, 16) + "…; full id " + keyId + ").", false, 7.5f, WIDTH - QR_SIZE - 20);
        }

        /** The height {@link #closing} needs on its page, its gap included. */
        float closingHeight(String keyId) {
            return Math.max(QR_SIZE + 8, 20 + 40 + 30 + howToCheck(keyId).size() * 9.5f + 12) + 10;
        }

        void closing(String payload, String keyId) {
            String until = p.prescription().validUntil().map(locale::format).orElse("");
            String id = p.prescription().id().toString();
            List<String> how = howToCheck(keyId);
            need(closingHeight(keyId));
            gap(6);
            float top = y;
            text(true, 10, MARGIN, y - 10, "Valid until " + until + ". Dispense only within this date.", Color.BLACK);
            y -= 16;
            text(false, 8.5f, MARGIN, y - 8.5f, "Prescription ID " + id, GREY);
            y -= 40;
            line(MARGIN, y, MARGIN + 200, y, Color.BLACK, 0.7f);
            y -= 11;
            String signed = p.prescription().signedAt()
                    .map(t -> "Signed electronically on " + locale.format(t.atZoneSameInstant(zone).toLocalDate()) + " at "
                            + TIME.format(t.atZoneSameInstant(zone)))
                    .orElse("");
            text(false, 9, MARGIN, y - 9, p.doctor().name() + (p.doctor().qualification().isBlank() ? "" : ", " + p.doctor().qualification()), Color.BLACK);
            y -= 12;
            text(false, 8, MARGIN, y - 8, signed, GREY);
            y -= 16;
            for (String s : how) {
                text(false, 7.5f, MARGIN, y - 7.5f, s, GREY);
                y -= 9.5f;
            }
            qr(payload, MARGIN + WIDTH - QR_SIZE, top - QR_SIZE - 4);
            y = Math.min(y, top - QR_SIZE - 8);
        }

        /** The QR code, module by module (dark runs per row as one rectangle), with the page as its quiet zone. */
        private void qr(String payload, float x, float bottom) {
            try {
                QRCode code = Encoder.encode(payload, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"));
                var matrix = code.getMatrix();
                int n = matrix.getWidth();
                float module = QR_SIZE / n;
                out.setNonStrokingColor(Color.BLACK);
                for (int row = 0; row < n; row++) {
                    int col = 0;
                    while (col < n) {
                        if (matrix.get(col, row) != 1) {
                            col++;
                            continue;
                        }
                        int start = col;
                        while (col < n && matrix.get(col, row) == 1) {
                            col++;
                        }
                        // A hair taller than a module, so anti-aliased rows leave no light seam between them.
                        out.addRect(x + start * module, bottom + (n - 1 - row) * module - SEAM, (col - start) * module, module + SEAM);
                    }
                }
                out.fill();
            } catch (WriterException e) {
                throw new IllegalStateException("Cannot encode the prescription's QR code", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void rule() {
            line(MARGIN, y, MARGIN + WIDTH, y, RULE, 0.8f);
            y -= 4;
        }

        private void gap(float h) {
            y -= h;
        }

        byte[] finish() {
            try {
                int pages = doc.getNumberOfPages();
                out.close();
                out = null;
                for (int i = 0; i < pages; i++) {
                    try (PDPageContentStream foot = new PDPageContentStream(doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true)) {
                        out = foot;
                        if (i < pages - 1) {
                            // A page without the signature says where it is, so no page passes for the whole prescription.
                            textRight(true, 8.5f, MARGIN + WIDTH, MARGIN - 4, "Continued on page " + (i + 2) + " of " + pages
                                    + "; signed on page " + pages + ".", ACCENT);
                        }
                        text(false, 7.5f, MARGIN, MARGIN - 20, p.clinic().name() + "  ·  Prescription " + p.prescription().id()
                                + "  ·  page " + (i + 1) + " of " + pages, GREY);
                    }
                }
                out = null;
                PDDocumentInformation info = doc.getDocumentInformation();
                info.setTitle("Prescription " + p.prescription().id());
                info.setAuthor(p.clinic().name());
                info.setProducer("MedConnect");
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                doc.save(bytes);
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                if (out != null) {
                    out.close();
                }
                doc.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void text(boolean bold, float size, float x, float baseline, String s, Color c) {
            try {
                out.beginText();
                out.setNonStrokingColor(c);
                out.newLineAtOffset(x, baseline);
                for (PaperFonts.Run r : fonts.runs(s, bold)) {
                    out.setFont(r.font(), size);
                    out.showText(r.text());
                }
                out.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void textRight(boolean bold, float size, float right, float baseline, String s, Color c) {
            text(bold, size, right - fonts.width(s, bold, size), baseline, s, c);
        }

        private void line(float x1, float y1, float x2, float y2, Color c, float thickness) {
            try {
                out.setStrokingColor(c);
                out.setLineWidth(thickness);
                out.moveTo(x1, y1);
                out.lineTo(x2, y2);
                out.stroke();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Every paragraph of the text, each wrapped to the width. */
        private List<String> wrapAll(String s, boolean bold, float size, float width) {
            List<String> lines = new ArrayList<>();
            for (String para : s.split("\\R")) {
                lines.addAll(wrap(para, bold, size, width));
            }
            return lines;
        }

        /** Greedy word wrap; a word longer than the line is cut by characters. */
        private List<String> wrap(String s, boolean bold, float size, float width) {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : s.strip().split("\\s+")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (fonts.width(candidate, bold, size) <= width) {
                    current.setLength(0);
                    current.append(candidate);
                    continue;
                }
                if (!current.isEmpty()) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                String rest = word;
                while (fonts.width(rest, bold, size) > width) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && fonts.width(rest.substring(0, cut), bold, size) > width) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                current.append(rest);
            }
            if (!current.isEmpty() || lines.isEmpty()) {
                lines.add(current.toString());
            }
            return lines;
        }
    }
}
