package org.medconnect.server.billing;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.medconnect.server.billing.BillingModel.Invoice;
import org.medconnect.server.billing.BillingModel.InvoiceKind;
import org.medconnect.server.billing.BillingModel.Line;
import org.medconnect.server.billing.BillingModel.Payment;
import org.medconnect.server.billing.BillingModel.PaymentKind;
import org.medconnect.server.billing.BillingModel.Profile;
import org.medconnect.shared.billing.InvoiceMath;

/**
 * Lays out invoice, credit-note and receipt PDFs (A4) with PDFBox 3. DejaVu Sans is embedded
 * (subset), so names in any European script print as typed. Holds no clinical text: lines
 * come from the price list or the desk.
 */
final class InvoicePdf {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final Color GREY = new Color(0x55, 0x5f, 0x6d);
    private static final Color RULE = new Color(0xc8, 0xd0, 0xda);
    private static final Color ACCENT = new Color(0x1f, 0x5f, 0x99);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final byte[] REGULAR = font("DejaVuSans.ttf");
    private static final byte[] BOLD = font("DejaVuSans-Bold.ttf");

    private final ZoneId zone;

    InvoicePdf(ZoneId zone) {
        this.zone = zone;
    }

    byte[] invoice(Profile clinic, String currency, Invoice inv) {
        boolean credit = inv.kind() == InvoiceKind.CREDIT_NOTE;
        try (Writer w = new Writer(inv.number().orElse("Draft"))) {
            w.header(clinic, credit ? "CREDIT NOTE" : "INVOICE", List.of(
                    new String[] {"Number", inv.number().orElse("Draft")},
                    new String[] {"Issue date", inv.issueDate().map(DAY::format).orElse("")},
                    new String[] {credit ? "Corrects" : "Due date",
                            credit ? inv.creditedInvoiceNumber().orElse("") : inv.dueDate().map(DAY::format).orElse("")}));
            List<String> billTo = new ArrayList<>(List.of(inv.patientName(), "Patient no. " + inv.patientMrn()));
            inv.appointmentReference().ifPresent(ref -> billTo.add("Visit " + ref));
            List<String> insurance = new ArrayList<>();
            if (!inv.insurer().isBlank()) {
                insurance.add(inv.insurer());
            }
            if (!inv.policyNumber().isBlank()) {
                insurance.add("Policy " + inv.policyNumber());
            }
            w.twoBlocks("Bill to", billTo, "Insurance", insurance);

            float[] cols = {WIDTH - 330, 45, 75, 60, 60, 90};
            String[] head = {"Description", "Qty", "Unit price", "Discount", "Tax", "Net"};
            w.tableHeader(cols, head);
            for (Line l : inv.lines()) {
                String tax = l.taxPercent().signum() == 0 ? "–" : pct(l.taxPercent()) + " %";
                w.tableRow(cols, head, new String[] {l.description(), qty(l.quantity()), money(l.unitPriceMinor(), currency),
                        l.discountMinor() == 0 ? "" : money(l.discountMinor(), currency), tax, money(l.netMinor(), currency)});
            }
            w.gap(6);
            w.rule();
            w.amountRow("Subtotal", money(inv.subtotalMinor(), currency), false);
            if (inv.discountMinor() != 0) {
                w.amountRow("Discount", money(-inv.discountMinor(), currency), false);
            }
            for (Map.Entry<String, long[]> t : taxBreakdown(inv).entrySet()) {
                w.amountRow(t.getKey() + " on " + money(t.getValue()[0], currency), money(t.getValue()[1], currency), false);
            }
            w.amountRow("Total " + currency, money(inv.totalMinor(), currency), true);
            if (!credit && !inv.payments().isEmpty()) {
                w.gap(10);
                w.section("Payments");
                for (Payment p : inv.payments()) {
                    w.amountRow(TIME.format(p.receivedAt().atZone(zone)) + "  " + method(p) + "  " + p.receiptNumber(),
                            money(p.kind() == PaymentKind.REFUND ? p.amountMinor() : -p.amountMinor(), currency), false);
                }
                w.amountRow("Still owed", money(inv.outstandingMinor(), currency), true);
            }
            if (!inv.note().isBlank()) {
                w.gap(14);
                w.paragraph(inv.note());
            }
            w.gap(14);
            w.small(credit ? "This credit note reduces invoice " + inv.creditedInvoiceNumber().orElse("") + " by "
                    + money(-inv.totalMinor(), currency) + " " + currency + ": the lines above are what it credits."
                    : "Please pay by " + inv.dueDate().map(DAY::format).orElse("the due date") + ", quoting " + inv.number().orElse("the invoice number") + ".");
            return w.finish(clinic);
        }
    }

    byte[] receipt(Profile clinic, Invoice inv, Payment p) {
        boolean refund = p.kind() == PaymentKind.REFUND;
        String currency = p.currency();
        try (Writer w = new Writer(p.receiptNumber())) {
            w.header(clinic, refund ? "REFUND RECEIPT" : "RECEIPT", List.of(
                    new String[] {"Receipt", p.receiptNumber()},
                    new String[] {"Date", TIME.format(p.receivedAt().atZone(zone))},
                    new String[] {"Invoice", inv.number().orElse("")}));
            List<String> from = new ArrayList<>(List.of(inv.patientName(), "Patient no. " + inv.patientMrn()));
            List<String> how = new ArrayList<>(List.of(method(p)));
            if (!p.reference().isBlank()) {
                how.add("Ref. " + p.reference());
            }
            w.twoBlocks(refund ? "Refunded to" : "Received from", from, "Method", how);
            w.section(refund ? "Amount refunded" : "Amount received");
            w.amountRow(refund ? "Refund" : "Payment", money(p.amountMinor(), currency), true);
            // The invoice as it stood right after this payment (later ones are not on this receipt).
            long paid = 0;
            long refunded = 0;
            for (Payment q : inv.payments()) {
                if (q.kind() == PaymentKind.REFUND) {
                    refunded += q.amountMinor();
                } else {
                    paid += q.amountMinor();
                }
                if (q.id().equals(p.id())) {
                    break;
                }
            }
            w.gap(10);
            w.section("Invoice " + inv.number().orElse(""));
            w.amountRow("Invoice total", money(inv.totalMinor(), currency), false);
            if (inv.creditedMinor() != 0) {
                w.amountRow("Credited", money(inv.creditedMinor(), currency), false);
            }
            w.amountRow("Paid to date", money(paid, currency), false);
            if (refunded != 0) {
                w.amountRow("Refunded to date", money(refunded, currency), false);
            }
            w.amountRow("Still owed " + currency, money(inv.totalMinor() + inv.creditedMinor() - paid + refunded, currency), true);
            w.gap(14);
            w.small("Received by " + (p.receivedByName().isBlank() ? "the front desk" : p.receivedByName()) + ". Thank you.");
            return w.finish(clinic);
        }
    }

    private static Map<String, long[]> taxBreakdown(Invoice inv) {
        Map<String, long[]> byRate = new LinkedHashMap<>();
        for (Line l : inv.lines()) {
            if (l.taxPercent().signum() == 0) {
                continue;
            }
            String key = (l.taxName().isBlank() ? "Tax" : l.taxName()) + " " + pct(l.taxPercent()) + " %";
            long[] sums = byRate.computeIfAbsent(key, k -> new long[2]);
            sums[0] += l.netMinor();
            sums[1] += l.taxMinor();
        }
        return byRate;
    }

    private static String method(Payment p) {
        return switch (p.method()) {
            case CASH -> "Cash";
            case CARD -> "Card";
            case BANK_TRANSFER -> "Bank transfer";
            case INSURANCE -> "Insurance";
        };
    }

    private static String money(long minor, String currency) {
        return InvoiceMath.format(minor, currency);
    }

    private static String qty(BigDecimal q) {
        return q.stripTrailingZeros().toPlainString();
    }

    private static String pct(BigDecimal p) {
        return p.stripTrailingZeros().toPlainString();
    }

    private static byte[] font(String name) {
        try (InputStream in = InvoicePdf.class.getResourceAsStream("fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Font " + name + " is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A top-to-bottom writer over as many pages as the content needs. */
    private static final class Writer implements AutoCloseable {
        private final PDDocument doc = new PDDocument();
        private final PDFont regular;
        private final PDFont bold;
        private final String title;
        private PDPageContentStream out;
        private float y;
        private float[] repeatCols;
        private String[] repeatHead;

        Writer(String title) {
            this.title = title;
            try {
                regular = PDType0Font.load(doc, new ByteArrayInputStream(REGULAR));
                bold = PDType0Font.load(doc, new ByteArrayInputStream(BOLD));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void need(float height) {
            if (y - height < MARGIN + 20) {
                newPage();
                if (repeatCols != null) {
                    tableHeader(repeatCols, repeatHead);
                }
            }
        }

        void header(Profile clinic, String kind, List<String[]> facts) {
            float top = y;
            text(bold, 16, MARGIN, y - 16, clinic.clinicName(), ACCENT);
            float left = y - 34;
            for (String line : clinicLines(clinic)) {
                text(regular, 9, MARGIN, left, line, GREY);
                left -= 12;
            }
            float right = top - 16;
            textRight(bold, 18, MARGIN + WIDTH, right, kind, Color.BLACK);
            right -= 22;
            for (String[] f : facts) {
                textRight(regular, 9, MARGIN + WIDTH - 110, right, f[0], GREY);
                textRight(bold, 9, MARGIN + WIDTH, right, f[1], Color.BLACK);
                right -= 13;
            }
            y = Math.min(left, right) - 10;
            rule();
            gap(8);
        }

        private static List<String> clinicLines(Profile c) {
            List<String> lines = new ArrayList<>();
            for (String l : c.address().split("\\R")) {
                if (!l.isBlank()) {
                    lines.add(l.strip());
                }
            }
            String contact = String.join("  ·  ", java.util.stream.Stream.of(c.phone(), c.email()).filter(s -> !s.isBlank()).toList());
            if (!contact.isBlank()) {
                lines.add(contact);
            }
            if (!c.taxId().isBlank()) {
                lines.add("Tax ID " + c.taxId());
            }
            return lines;
        }

        void twoBlocks(String leftTitle, List<String> left, String rightTitle, List<String> right) {
            float top = y;
            text(bold, 8, MARGIN, top - 10, leftTitle.toUpperCase(Locale.ROOT), GREY);
            float ly = top - 24;
            for (int i = 0; i < left.size(); i++) {
                text(i == 0 ? bold : regular, i == 0 ? 11 : 9, MARGIN, ly, left.get(i), Color.BLACK);
                ly -= i == 0 ? 14 : 12;
            }
            float ry = top - 24;
            if (!right.isEmpty()) {
                float x = MARGIN + WIDTH / 2 + 20;
                text(bold, 8, x, top - 10, rightTitle.toUpperCase(Locale.ROOT), GREY);
                for (String r : right) {
                    text(regular, 9, x, ry, r, Color.BLACK);
                    ry -= 12;
                }
            }
            y = Math.min(ly, ry) - 12;
        }

        void tableHeader(float[] cols, String[] head) {
            repeatCols = cols;
            repeatHead = head;
            need(24);
            fill(MARGIN, y - 18, WIDTH, 18, new Color(0xee, 0xf2, 0xf6));
            cells(bold, 8.5f, cols, head, y - 12.5f, GREY);
            y -= 22;
        }

        void tableRow(float[] cols, String[] head, String[] values) {
            List<String> wrapped = wrap(regular, 9, values[0], cols[0] - 8);
            float height = wrapped.size() * 11 + 5;
            need(height);
            String[] first = values.clone();
            first[0] = wrapped.getFirst();
            cells(regular, 9, cols, first, y - 9, Color.BLACK);
            for (int i = 1; i < wrapped.size(); i++) {
                text(regular, 9, MARGIN + 4, y - 9 - 11 * i, wrapped.get(i), Color.BLACK);
            }
            y -= height;
            line(MARGIN, y + 1, MARGIN + WIDTH, y + 1, RULE, 0.4f);
            y -= 3;
        }

        private void cells(PDFont f, float size, float[] cols, String[] values, float baseline, Color c) {
            float x = MARGIN;
            for (int i = 0; i < cols.length; i++) {
                if (i == 0) {
                    text(f, size, x + 4, baseline, values[i], c);
                } else {
                    textRight(f, size, x + cols[i] - 4, baseline, values[i], c);
                }
                x += cols[i];
            }
        }

        void amountRow(String label, String amount, boolean strong) {
            repeatCols = null;
            need(strong ? 20 : 14);
            PDFont f = strong ? bold : regular;
            float size = strong ? 11 : 9.5f;
            textRight(f, size, MARGIN + WIDTH - 100, y - size, label, strong ? Color.BLACK : GREY);
            textRight(f, size, MARGIN + WIDTH - 4, y - size, amount, Color.BLACK);
            y -= strong ? 18 : 14;
        }

        void section(String name) {
            repeatCols = null;
            need(20);
            text(bold, 10, MARGIN, y - 10, name, ACCENT);
            y -= 16;
        }

        void paragraph(String s) {
            for (String para : s.split("\\R")) {
                for (String l : wrap(regular, 9, para, WIDTH)) {
                    need(12);
                    text(regular, 9, MARGIN, y - 9, l, Color.BLACK);
                    y -= 12;
                }
            }
        }

        void small(String s) {
            for (String l : wrap(regular, 8, s, WIDTH)) {
                need(11);
                text(regular, 8, MARGIN, y - 8, l, GREY);
                y -= 11;
            }
        }

        void rule() {
            line(MARGIN, y, MARGIN + WIDTH, y, RULE, 0.8f);
            y -= 4;
        }

        void gap(float h) {
            y -= h;
        }

        byte[] finish(Profile clinic) {
            try {
                int pages = doc.getNumberOfPages();
                out.close();
                out = null;
                for (int i = 0; i < pages; i++) {
                    try (PDPageContentStream foot = new PDPageContentStream(doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true)) {
                        String s = clinic.clinicName() + "  ·  " + title + "  ·  page " + (i + 1) + " of " + pages;
                        foot.beginText();
                        foot.setFont(regular, 7.5f);
                        foot.setNonStrokingColor(GREY);
                        foot.newLineAtOffset(MARGIN, MARGIN - 20);
                        foot.showText(s);
                        foot.endText();
                    }
                }
                PDDocumentInformation info = doc.getDocumentInformation();
                info.setTitle(title);
                info.setAuthor(clinic.clinicName());
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

        private void text(PDFont f, float size, float x, float baseline, String s, Color c) {
            try {
                out.beginText();
                out.setFont(f, size);
                out.setNonStrokingColor(c);
                out.newLineAtOffset(x, baseline);
                out.showText(printable(f, s));
                out.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void textRight(PDFont f, float size, float right, float baseline, String s, Color c) {
            text(f, size, right - width(f, size, s), baseline, s, c);
        }

        private void fill(float x, float yy, float w, float h, Color c) {
            try {
                out.setNonStrokingColor(c);
                out.addRect(x, yy, w, h);
                out.fill();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

        private static float width(PDFont f, float size, String s) {
            try {
                return f.getStringWidth(printable(f, s)) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Drops characters the font has no glyph for (rare scripts), rather than failing the whole document. */
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

        private static List<String> wrap(PDFont f, float size, String s, float maxWidth) {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : s.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (width(f, size, candidate) <= maxWidth || current.isEmpty()) {
                    current = new StringBuilder(candidate);
                } else {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                }
            }
            lines.add(current.toString());
            return lines;
        }
    }

}
