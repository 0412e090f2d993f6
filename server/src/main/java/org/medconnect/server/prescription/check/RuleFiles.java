package org.medconnect.server.prescription.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.medconnect.server.chart.coding.DrugCatalogue;
import org.medconnect.server.prescription.check.DrugChecks.Severity;

/**
 * Reads the shipped rule files (server/src/main/resources/clinical/interactions/): tab-separated,
 * a header line, '#' comments. Every key a rule names must exist in the drug catalogue, or loading
 * fails: a misspelt key would otherwise be a rule that silently never fires.
 */
final class RuleFiles {

    static final String FOLDER = "/clinical/interactions/";

    /** An interaction between any drug of side A and any drug of side B. */
    record InteractionRule(String id, Severity severity, Set<String> sideA, Set<String> sideB,
                           String title, String consequence, String action, String source) {}

    /** A class whose members cross-react: an allergy to one member flags the others. */
    record AllergyClass(String classKey, Severity severity, String note, String source) {}

    /** An allergy on one side flags drugs on the other (penicillin allergy and a cephalosporin). */
    record CrossClassRule(String id, Severity severity, Set<String> allergySide, Set<String> drugSide,
                          String title, String consequence, String action, String source) {}

    /** A class where two members at once are a duplication of therapy. */
    record DuplicateClass(String classKey, Severity severity, String note) {}

    private final DrugCatalogue catalogue;

    RuleFiles(DrugCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    List<InteractionRule> interactions() {
        List<InteractionRule> rules = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String[] c : read("interactions.tsv", 8)) {
            requireUnique(ids, c[0], "interactions.tsv");
            rules.add(new InteractionRule(c[0], severity(c[1], c[0]), keys(c[2], c[0]), keys(c[3], c[0]),
                    text(c[4], c[0]), text(c[5], c[0]), text(c[6], c[0]), text(c[7], c[0])));
        }
        return List.copyOf(rules);
    }

    List<AllergyClass> allergyClasses() {
        List<AllergyClass> rows = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String[] c : read("allergy_classes.tsv", 4)) {
            requireUnique(ids, c[0], "allergy_classes.tsv");
            rows.add(new AllergyClass(classKey(c[0]), severity(c[1], c[0]), text(c[2], c[0]), text(c[3], c[0])));
        }
        return List.copyOf(rows);
    }

    List<CrossClassRule> crossClassRules() {
        List<CrossClassRule> rows = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String[] c : read("allergy_cross_class.tsv", 8)) {
            requireUnique(ids, c[0], "allergy_cross_class.tsv");
            rows.add(new CrossClassRule(c[0], severity(c[1], c[0]), keys(c[2], c[0]), keys(c[3], c[0]),
                    text(c[4], c[0]), text(c[5], c[0]), text(c[6], c[0]), text(c[7], c[0])));
        }
        return List.copyOf(rows);
    }

    List<DuplicateClass> duplicateClasses() {
        List<DuplicateClass> rows = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String[] c : read("duplicate_classes.tsv", 3)) {
            requireUnique(ids, c[0], "duplicate_classes.tsv");
            rows.add(new DuplicateClass(classKey(c[0]), severity(c[1], c[0]), text(c[2], c[0])));
        }
        return List.copyOf(rows);
    }

    private static void requireUnique(Set<String> seen, String id, String file) {
        if (!seen.add(id)) {
            throw new IllegalStateException(file + " lists " + id + " twice");
        }
    }

    private static Severity severity(String value, String id) {
        try {
            return Severity.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("rule " + id + " has an unknown severity: " + value, e);
        }
    }

    private static String text(String value, String id) {
        if (value.isBlank()) {
            throw new IllegalStateException("rule " + id + " has an empty column");
        }
        return value;
    }

    private String classKey(String key) {
        if (!key.startsWith(DrugCatalogue.CLASS_PREFIX) || catalogue.find(key).isEmpty()) {
            throw new IllegalStateException("not a class of the drug catalogue: " + key);
        }
        return key;
    }

    /** A ';'-separated list of ingredient or class keys, each of which must be in the catalogue. */
    private Set<String> keys(String list, String id) {
        Set<String> keys = new LinkedHashSet<>();
        for (String part : list.split(";")) {
            String key = part.strip().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            if (catalogue.find(key).isEmpty()) {
                throw new IllegalStateException("rule " + id + " names a key the drug catalogue does not have: " + key);
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("rule " + id + " has an empty side");
        }
        return Set.copyOf(keys);
    }

    private static List<String[]> read(String file, int columns) {
        String resource = FOLDER + file;
        try (InputStream in = RuleFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("rule file missing from the classpath: " + resource);
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
}
