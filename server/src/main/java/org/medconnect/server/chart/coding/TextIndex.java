package org.medconnect.server.chart.coding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word matching shared by both catalogues: a query's words, in any order, must each begin a
 * word of the text. Scores favour whole words and texts that start with the first query word.
 */
final class TextIndex {

    private TextIndex() {}

    /** Lower-case words of letters and digits; everything else separates. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * How well the query words match the text's words: 0 when any query word begins no text word;
     * otherwise 2 per whole-word match, 1 per prefix match, plus 1 when the text's first word
     * matches the first query word.
     */
    static int score(List<String> queryWords, String[] textWords) {
        int score = 0;
        for (String q : queryWords) {
            int best = 0;
            for (String w : textWords) {
                if (w.equals(q)) {
                    best = 2;
                    break;
                }
                if (w.startsWith(q)) {
                    best = 1;
                }
            }
            if (best == 0) {
                return 0;
            }
            score += best;
        }
        if (textWords.length > 0 && textWords[0].startsWith(queryWords.get(0))) {
            score += 1;
        }
        return score;
    }

    static String[] wordArray(String text) {
        return words(text).toArray(String[]::new);
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
