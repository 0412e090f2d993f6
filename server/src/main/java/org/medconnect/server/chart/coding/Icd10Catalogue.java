package org.medconnect.server.chart.coding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shipped ICD-10-CM subset (server/src/main/resources/clinical/icd10cm/codes.tsv), read
 * once and searched in memory: by code prefix ("J45", "j45.9") or by words in any order
 * ("asthma mild"). Immutable and safe to share between threads.
 */
public final class Icd10Catalogue {

    /** Where the list lives on the classpath. */
    public static final String RESOURCE = "/clinical/icd10cm/codes.tsv";

    /** A billable code as the file spells it: letter, digit, letter or digit, then a dot and 1-4 more. */
    static final Pattern CODE_FORMAT = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");
    /** A query that reads as the start of a code: a letter and a digit first. */
    private static final Pattern CODE_QUERY = Pattern.compile("[A-Za-z][0-9][0-9A-Za-z]?\\.?[0-9A-Za-z]{0,4}");

    /** Common clinical abbreviations a doctor types, spelled out as words of the titles. */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("htn", "hypertension"),
            Map.entry("dm", "diabetes mellitus"),
            Map.entry("t2dm", "type 2 diabetes mellitus"),
            Map.entry("t1dm", "type 1 diabetes mellitus"),
            Map.entry("copd", "chronic obstructive pulmonary"),
            Map.entry("uti", "urinary tract infection"),
            Map.entry("uri", "upper respiratory infection"),
            Map.entry("gerd", "gastro esophageal reflux"),
            Map.entry("chf", "heart failure"),
            Map.entry("afib", "atrial fibrillation"),
            Map.entry("ckd", "chronic kidney disease"),
            Map.entry("lbp", "low back pain"),
            Map.entry("ocd", "obsessive compulsive"),
            Map.entry("adhd", "attention deficit hyperactivity"));

    private record Entry(Icd10Code code, String bare, String[] words) {}

    private final List<Entry> entries;
    private final Map<String, Icd10Code> byBareCode;

    private Icd10Catalogue(List<Icd10Code> codes) {
        List<Entry> list = new ArrayList<>(codes.size());
        Map<String, Icd10Code> index = new HashMap<>();
        for (Icd10Code c : codes) {
            String bare = bare(c.code());
            list.add(new Entry(c, bare, TextIndex.wordArray(c.title())));
            index.put(bare, c);
        }
        list.sort(Comparator.comparing(Entry::bare));
        this.entries = List.copyOf(list);
        this.byBareCode = Map.copyOf(index);
    }

    /** Reads the shipped list from the classpath; fails loudly when it is missing or malformed. */
    public static Icd10Catalogue load() {
        try (InputStream in = Icd10Catalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("ICD-10-CM list missing from the classpath: " + RESOURCE);
            }
            return new Icd10Catalogue(parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A catalogue over the given codes (tests). */
    static Icd10Catalogue of(List<Icd10Code> codes) {
        return new Icd10Catalogue(codes);
    }

    static List<Icd10Code> parse(InputStream in) throws IOException {
        List<Icd10Code> codes = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 2 || !CODE_FORMAT.matcher(cols[0]).matches() || cols[1].isBlank()) {
                throw new IllegalStateException(RESOURCE + " line " + lineNo + " is not 'code<TAB>title'");
            }
            codes.add(new Icd10Code(cols[0], cols[1].strip()));
        }
        return codes;
    }

    /** Every code, in code order. */
    public List<Icd10Code> all() {
        return entries.stream().map(Entry::code).toList();
    }

    /** The code, written with or without its dot, in any case. */
    public Optional<Icd10Code> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byBareCode.get(bare(code.strip())));
    }

    /**
     * At most {@code limit} codes, best first. A query that reads as a code ("J45", "j45.9")
     * lists the codes it begins, shortest (most general) first; otherwise every word of the query
     * must begin a word of the title (or of the code), and titles that match whole words, start
     * with the first word and are shorter come first. A blank query finds nothing.
     */
    public List<Icd10Code> search(String query, int limit) {
        if (query == null || query.isBlank() || limit <= 0) {
            return List.of();
        }
        String q = query.strip();
        if (CODE_QUERY.matcher(q).matches()) {
            List<Icd10Code> byCode = byCodePrefix(bare(q), limit);
            if (!byCode.isEmpty()) {
                return byCode;
            }
        }
        return byWords(expand(TextIndex.words(q)), limit);
    }

    private List<Icd10Code> byCodePrefix(String prefix, int limit) {
        List<Icd10Code> out = new ArrayList<>();
        // Entries are sorted by bare code: find the first at or after the prefix, walk while it matches.
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).bare().compareTo(prefix) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<Entry> matches = new ArrayList<>();
        for (int i = lo; i < entries.size() && entries.get(i).bare().startsWith(prefix); i++) {
            matches.add(entries.get(i));
        }
        matches.sort(Comparator.comparingInt((Entry e) -> e.bare().length()).thenComparing(Entry::bare));
        for (int i = 0; i < matches.size() && out.size() < limit; i++) {
            out.add(matches.get(i).code());
        }
        return out;
    }

    private record Hit(Entry entry, int score) {}

    private List<Icd10Code> byWords(List<String> words, int limit) {
        if (words.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            int score = TextIndex.score(words, e.words());
            if (score == 0) {
                score = codeWordScore(words, e);
            }
            if (score > 0) {
                hits.add(new Hit(e, score));
            }
        }
        hits.sort(Comparator.comparingInt((Hit h) -> -h.score())
                .thenComparingInt(h -> h.entry().words().length)
                .thenComparing(h -> h.entry().bare()));
        return hits.stream().limit(limit).map(h -> h.entry().code()).toList();
    }

    /** Mixed queries ("j45 mild"): a word that begins the code counts as a whole-word match. */
    private static int codeWordScore(List<String> words, Entry e) {
        String code = e.bare().toLowerCase(Locale.ROOT);
        List<String> rest = new ArrayList<>();
        boolean codeMatched = false;
        for (String w : words) {
            if (!codeMatched && w.length() >= 2 && code.startsWith(w.replace(".", ""))) {
                codeMatched = true;
            } else {
                rest.add(w);
            }
        }
        if (!codeMatched) {
            return 0;
        }
        if (rest.isEmpty()) {
            return 2;
        }
        int score = TextIndex.score(rest, e.words());
        return score == 0 ? 0 : score + 2;
    }

    private static List<String> expand(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            String full = ABBREVIATIONS.get(w);
            if (full == null) {
                out.add(w);
            } else {
                out.addAll(TextIndex.words(full));
            }
        }
        return out;
    }

    private static String bare(String code) {
        return code.replace(".", "").toUpperCase(Locale.ROOT);
    }
}
