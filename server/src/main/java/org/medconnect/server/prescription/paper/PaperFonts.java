package org.medconnect.server.prescription.paper;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts a prescription prints with (decision 0039) and the text preparation they need.
 * Each character takes the first font that has a glyph for it: DejaVu Sans (Latin, Greek,
 * Cyrillic, symbols), Noto Sans Arabic, Noto Sans Devanagari, Droid Sans Fallback (Chinese,
 * Japanese), Nanum Square (Korean Hangul). Arabic is shaped into its presentation forms with
 * ICU4J and put in visual order with the Unicode bidi algorithm, because PDFBox applies no
 * Arabic layout; Devanagari conjuncts and vowel signs are shaped by PDFBox's own GSUB support
 * for Devanagari.
 * A character no font has prints as "?". Fonts are embedded as subsets: only used glyphs.
 */
final class PaperFonts {

    /** One TrueType font file and the code points it covers. */
    private record Face(String name, byte[] bytes, BitSet covers) {}

    private static final Face REGULAR = face("/org/medconnect/server/billing/fonts/DejaVuSans.ttf");
    private static final Face BOLD = face("/org/medconnect/server/billing/fonts/DejaVuSans-Bold.ttf");
    private static final Face ARABIC = face("fonts/NotoSansArabic-Regular.ttf");
    private static final Face DEVANAGARI = face("fonts/NotoSansDevanagari-Regular.ttf");
    private static final Face CJK = face("fonts/DroidSansFallbackFull.ttf");
    private static final Face HANGUL = face("fonts/NanumSquareR.ttf");
    private static final List<Face> FALLBACKS = List.of(ARABIC, DEVANAGARI, CJK, HANGUL);

    private final PDDocument doc;
    private final PDFont[] loaded = new PDFont[6];

    PaperFonts(PDDocument doc) {
        this.doc = doc;
    }

    /** A stretch of already-visual text in one font. */
    record Run(PDFont font, String text) {}

    /** The text in drawing order, split by font. {@code bold} applies where DejaVu Sans Bold has the glyph. */
    List<Run> runs(String logical, boolean bold) {
        String visual = visual(logical);
        List<Run> runs = new ArrayList<>();
        Face current = null;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < visual.length(); ) {
            int cp = visual.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.FORMAT || Character.isISOControl(cp)) {
                continue;
            }
            Face f = faceFor(cp, bold);
            if (f == null) {
                cp = '?';
                f = bold ? BOLD : REGULAR;
            }
            if (f != current && b.length() > 0) {
                runs.add(new Run(font(current), b.toString()));
                b.setLength(0);
            }
            current = f;
            b.appendCodePoint(cp);
        }
        if (b.length() > 0) {
            runs.add(new Run(font(current), b.toString()));
        }
        return runs;
    }

    /** The width of the text at this size, in points. */
    float width(String logical, boolean bold, float size) {
        float w = 0;
        for (Run r : runs(logical, bold)) {
            try {
                w += r.font().getStringWidth(r.text()) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return w;
    }

    private static Face faceFor(int cp, boolean bold) {
        // Arabic letters take the Arabic font even where DejaVu has a few of them: one design per word.
        if (isArabic(cp) && ARABIC.covers().get(cp)) {
            return ARABIC;
        }
        Face first = bold ? BOLD : REGULAR;
        if (first.covers().get(cp)) {
            return first;
        }
        if (bold && REGULAR.covers().get(cp)) {
            return REGULAR;
        }
        for (Face f : FALLBACKS) {
            if (f.covers().get(cp)) {
                return f;
            }
        }
        return null;
    }

    private static boolean isArabic(int cp) {
        return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F)
                || (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
    }

    /** Arabic shaped into presentation forms, then the whole line in visual (left-to-right drawing) order. */
    static String visual(String logical) {
        if (!Bidi.requiresBidi(logical.toCharArray(), 0, logical.length())) {
            return logical;
        }
        String shaped;
        try {
            shaped = new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL
                    | ArabicShaping.LENGTH_GROW_SHRINK).shape(logical);
        } catch (ArabicShapingException e) {
            shaped = logical;
        }
        // The page reads left to right: a right-to-left name is one run inside a left-to-right line.
        Bidi bidi = new Bidi(shaped, Bidi.LTR);
        return bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
    }

    private PDFont font(Face f) {
        int i = f == REGULAR ? 0 : f == BOLD ? 1 : f == ARABIC ? 2 : f == DEVANAGARI ? 3 : f == CJK ? 4 : 5;
        if (loaded[i] == null) {
            try {
                loaded[i] = PDType0Font.load(doc, new ByteArrayInputStream(f.bytes()), true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the font " + f.name(), e);
            }
        }
        return loaded[i];
    }

    private static Face face(String resource) {
        try (InputStream in = PaperFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Font " + resource + " is missing from the server jar");
            }
            byte[] bytes = in.readAllBytes();
            BitSet covers = new BitSet(0x10000);
            try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
                CmapLookup cmap = ttf.getUnicodeCmapLookup();
                for (int cp = 0x20; cp < 0x10000; cp++) {
                    if (cmap.getGlyphId(cp) > 0) {
                        covers.set(cp);
                    }
                }
            }
            return new Face(resource.substring(resource.lastIndexOf('/') + 1), bytes, covers);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the font " + resource, e);
        }
    }
}
