package org.medconnect.server.chart.coding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.medconnect.server.chart.coding.DrugEntry.Kind;

/**
 * The shipped drug catalogue (server/src/main/resources/clinical/drugs/): generic ingredients
 * spelled as RxNorm spells them, drug classes, and which class each ingredient belongs to.
 * Read once, searched in memory; allergies, medications and the prescription checks share it.
 * Immutable and safe to share between threads.
 */
public final class DrugCatalogue {

    /** The folder on the classpath. */
    public static final String FOLDER = "/clinical/drugs/";
    /** The prefix of a class key: "class:penicillins". */
    public static final String CLASS_PREFIX = "class:";

    /** RxNorm ingredient spelling: lower case, with the odd capital letter RxNorm keeps ("penicillin G"). */
    static final Pattern INGREDIENT_NAME = Pattern.compile("[a-z0-9][a-zA-Z0-9 ,.'/()-]*[a-zA-Z0-9)]");
    static final Pattern CLASS_KEY = Pattern.compile("class:[a-z0-9]+(-[a-z0-9]+)*");

    /** What {@code forms_source} says of forms written from general knowledge and not checked against a source. */
    static final String UNCHECKED = "unchecked";

    /**
     * One ingredient row: its RxNorm name, the forms and strengths the file lists (may be empty),
     * and where those forms were checked ({@link #UNCHECKED} when they were not; empty when there are none).
     */
    record Ingredient(String name, String rxcui, List<String> forms, String formsSource) {
        /** The stable key: the name in lower case ("penicillin g"). */
        String key() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** One class row. */
    record DrugClass(String key, String name, String description, String source) {}

    private record Entry(DrugEntry entry, String[] words) {}

    private final Map<String, Entry> byKey;
    private final Map<String, Ingredient> ingredients;
    private final Map<String, DrugClass> classes;
    private final Map<String, List<String>> membersByClass;

    private DrugCatalogue(List<Ingredient> ingredientRows, List<DrugClass> classRows, List<String[]> memberships) {
        Map<String, Ingredient> ing = new LinkedHashMap<>();
        for (Ingredient i : ingredientRows) {
            if (ing.put(i.key(), i) != null) {
                throw new IllegalStateException("ingredient listed twice: " + i.name());
            }
        }
        Map<String, DrugClass> cls = new LinkedHashMap<>();
        for (DrugClass c : classRows) {
            if (cls.put(c.key(), c) != null) {
                throw new IllegalStateException("class listed twice: " + c.key());
            }
        }
        Map<String, Set<String>> classesOf = new TreeMap<>();
        Map<String, Set<String>> members = new TreeMap<>();
        for (String[] m : memberships) {
            String ingredientKey = m[0].toLowerCase(Locale.ROOT);
            if (!ing.containsKey(ingredientKey)) {
                throw new IllegalStateException("class membership names an unknown ingredient: " + m[0]);
            }
            if (!cls.containsKey(m[1])) {
                throw new IllegalStateException("class membership names an unknown class: " + m[1]);
            }
            classesOf.computeIfAbsent(ingredientKey, k -> new TreeSet<>()).add(m[1]);
            members.computeIfAbsent(m[1], k -> new TreeSet<>()).add(ingredientKey);
        }
        Map<String, Entry> keyed = new LinkedHashMap<>();
        for (Ingredient i : ing.values()) {
            DrugEntry e = new DrugEntry(i.key(), i.name(), Kind.INGREDIENT, List.copyOf(classesOf.getOrDefault(i.key(), Set.of())));
            keyed.put(e.key(), new Entry(e, TextIndex.wordArray(i.name())));
        }
        for (DrugClass c : cls.values()) {
            DrugEntry e = new DrugEntry(c.key(), c.name(), Kind.CLASS, List.of());
            String[] words = TextIndex.concat(TextIndex.wordArray(c.name()), TextIndex.wordArray(c.key().substring(CLASS_PREFIX.length())));
            keyed.put(e.key(), new Entry(e, words));
        }
        Map<String, List<String>> membersList = new LinkedHashMap<>();
        members.forEach((k, v) -> membersList.put(k, List.copyOf(v)));
        this.byKey = Map.copyOf(keyed);
        this.ingredients = Map.copyOf(ing);
        this.classes = Map.copyOf(cls);
        this.membersByClass = Map.copyOf(membersList);
    }

    /** Reads the shipped files from the classpath; fails loudly when one is missing or malformed. */
    public static DrugCatalogue load() {
        return new DrugCatalogue(
                read("ingredients.tsv", 4).stream().map(DrugCatalogue::ingredient).toList(),
                read("classes.tsv", 4).stream().map(DrugCatalogue::drugClass).toList(),
                read("ingredient_classes.tsv", 2));
    }

    private static Ingredient ingredient(String[] c) {
        if (!INGREDIENT_NAME.matcher(c[0]).matches()) {
            throw new IllegalStateException("ingredient name is not lower-case RxNorm spelling: " + c[0]);
        }
        if (!c[1].isEmpty() && !c[1].matches("[0-9]{1,8}")) {
            throw new IllegalStateException("rxcui is not a number: " + c[0]);
        }
        List<String> forms = c[2].isBlank() ? List.of() : List.of(c[2].split("\\s*;\\s*"));
        // Every listed form says where it was checked, or says plainly that it was not.
        if (forms.isEmpty() != c[3].isBlank()) {
            throw new IllegalStateException("forms_source must be given exactly when forms are: " + c[0]);
        }
        return new Ingredient(c[0], c[1], forms, c[3].strip());
    }

    private static DrugClass drugClass(String[] c) {
        if (!CLASS_KEY.matcher(c[0]).matches() || c[1].isBlank() || c[3].isBlank()) {
            throw new IllegalStateException("class row needs a key 'class:name', a name and a source: " + c[0]);
        }
        return new DrugClass(c[0], c[1], c[2], c[3]);
    }

    /** Rows of a tab-separated file with a header line; lines starting with '#' are comments. */
    private static List<String[]> read(String file, int columns) {
        String resource = FOLDER + file;
        try (InputStream in = DrugCatalogue.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("drug catalogue file missing from the classpath: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            int lineNo = 0;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length != columns) {
                    throw new IllegalStateException(resource + " line " + lineNo + " has " + cols.length + " columns, not " + columns);
                }
                for (int i = 0; i < cols.length; i++) {
                    cols[i] = cols[i].strip();
                }
                rows.add(cols);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ingredient by its RxNorm name ("amoxicillin") or a class by its key ("class:penicillins"). */
    public Optional<DrugEntry> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Entry e = byKey.get(key.strip().toLowerCase(Locale.ROOT));
        return Optional.ofNullable(e).map(Entry::entry);
    }

    /** The class keys of an ingredient, sorted; empty for an unknown ingredient. */
    public List<String> classesOf(String ingredientKey) {
        return find(ingredientKey).filter(e -> e.kind() == Kind.INGREDIENT).map(DrugEntry::classKeys).orElse(List.of());
    }

    /** The ingredient keys of a class, sorted; empty for an unknown class. */
    public List<String> ingredientsOf(String classKey) {
        return classKey == null ? List.of() : membersByClass.getOrDefault(classKey.strip().toLowerCase(Locale.ROOT), List.of());
    }

    /** The forms and strengths listed for an ingredient ("oral capsule 500 mg"); empty when none are listed. */
    public List<String> formsOf(String ingredientKey) {
        Ingredient i = ingredientKey == null ? null : ingredients.get(ingredientKey.strip().toLowerCase(Locale.ROOT));
        return i == null ? List.of() : i.forms();
    }

    /**
     * Whether an ingredient's listed forms were checked against a cited source; false when they
     * were written from general knowledge ({@code forms_source} "unchecked": every listed entry
     * today, see clinical/drugs/README.md) or when none are listed.
     */
    public boolean formsChecked(String ingredientKey) {
        Ingredient i = ingredientKey == null ? null : ingredients.get(ingredientKey.strip().toLowerCase(Locale.ROOT));
        return i != null && !i.forms().isEmpty() && !i.formsSource().equals(UNCHECKED);
    }

    /** How many ingredients list forms nobody checked against a source (the data README states the same number). */
    public long uncheckedFormsCount() {
        return ingredients.values().stream().filter(i -> i.formsSource().equals(UNCHECKED)).count();
    }

    /** The RxCUI of an ingredient when the file gives one (only those checked against a source). */
    public Optional<String> rxcuiOf(String ingredientKey) {
        Ingredient i = ingredientKey == null ? null : ingredients.get(ingredientKey.strip().toLowerCase(Locale.ROOT));
        return i == null || i.rxcui().isEmpty() ? Optional.empty() : Optional.of(i.rxcui());
    }

    /** A class's description and source as the catalogue states them. */
    public Optional<String> describe(String classKey) {
        DrugClass c = classKey == null ? null : classes.get(classKey.strip().toLowerCase(Locale.ROOT));
        return c == null ? Optional.empty() : Optional.of(c.description());
    }

    /** Every entry: ingredients then classes. */
    public List<DrugEntry> all() {
        return byKey.values().stream().map(Entry::entry)
                .sorted(Comparator.comparing((DrugEntry e) -> e.kind()).thenComparing(DrugEntry::key)).toList();
    }

    /** Like {@link #search(String, int, Set)} over both kinds. */
    public List<DrugEntry> search(String query, int limit) {
        return search(query, limit, EnumSet.allOf(Kind.class));
    }

    /**
     * At most {@code limit} entries of the given kinds, best first: every query word must begin a
     * word of the name; an exact name comes first, then names that start with the query, then
     * whole-word matches, then shorter names. A blank query finds nothing.
     */
    public List<DrugEntry> search(String query, int limit, Set<Kind> kinds) {
        if (query == null || query.isBlank() || limit <= 0 || kinds.isEmpty()) {
            return List.of();
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<String> words = TextIndex.words(q);
        if (words.isEmpty()) {
            return List.of();
        }
        record Hit(DrugEntry entry, int score, int length) {}
        List<Hit> hits = new ArrayList<>();
        for (Entry e : byKey.values()) {
            if (!kinds.contains(e.entry().kind())) {
                continue;
            }
            int score = TextIndex.score(words, e.words());
            if (score == 0) {
                continue;
            }
            String name = e.entry().name().toLowerCase(Locale.ROOT);
            if (name.equals(q) || e.entry().key().equals(q)) {
                score += 100;
            } else if (name.startsWith(q)) {
                score += 50;
            }
            hits.add(new Hit(e.entry(), score, name.length()));
        }
        hits.sort(Comparator.comparingInt((Hit h) -> -h.score()).thenComparingInt(Hit::length).thenComparing(h -> h.entry().key()));
        return hits.stream().limit(limit).map(Hit::entry).toList();
    }
}
