package org.medconnect.server.prescription.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.medconnect.server.chart.coding.DrugCatalogue;
import org.medconnect.server.chart.coding.DrugEntry;
import org.medconnect.server.prescription.check.RuleFiles.AllergyClass;
import org.medconnect.server.prescription.check.RuleFiles.CrossClassRule;
import org.medconnect.server.prescription.check.RuleFiles.DuplicateClass;
import org.medconnect.server.prescription.check.RuleFiles.InteractionRule;

/**
 * The shipped, cited rule set behind the prescription checks (decision 0037): the ONC panel's
 * high-priority and non-interruptive interaction pairs, allergy cross-sensitivity and duplicate
 * therapy. Every drug is normalised to its catalogue ingredients and their classes; a rule side
 * matches a drug when one of its ingredients, or a class of one, is on that side. Immutable and
 * thread-safe; reads nothing but its input and the files it loaded.
 */
public final class RuleBook implements DrugChecks {

    static final String ALLERGY_SOURCE = "The patient's allergy record; class membership from the drug catalogue (FDA established pharmacologic class)";
    static final String DUPLICATE_SOURCE = "Drug catalogue classes (FDA established pharmacologic class); duplicate-therapy classes in clinical/interactions/duplicate_classes.tsv";
    static final String NOT_CHECKED_SOURCE = "MedConnect checks only drugs it can match to its drug catalogue";

    private final DrugCatalogue catalogue;
    private final List<InteractionRule> interactions;
    private final Map<String, AllergyClass> allergyClasses;
    private final List<CrossClassRule> crossClassRules;
    private final Map<String, DuplicateClass> duplicateClasses;

    private RuleBook(DrugCatalogue catalogue, List<InteractionRule> interactions, List<AllergyClass> allergyClasses,
                     List<CrossClassRule> crossClassRules, List<DuplicateClass> duplicateClasses) {
        this.catalogue = catalogue;
        this.interactions = List.copyOf(interactions);
        Map<String, AllergyClass> allergy = new LinkedHashMap<>();
        allergyClasses.forEach(a -> allergy.put(a.classKey(), a));
        this.allergyClasses = Map.copyOf(allergy);
        this.crossClassRules = List.copyOf(crossClassRules);
        Map<String, DuplicateClass> duplicates = new LinkedHashMap<>();
        duplicateClasses.forEach(d -> duplicates.put(d.classKey(), d));
        this.duplicateClasses = Map.copyOf(duplicates);
    }

    /** Reads the shipped rule files; fails loudly when one is missing, malformed or names a key the catalogue lacks. */
    public static RuleBook load(DrugCatalogue catalogue) {
        RuleFiles files = new RuleFiles(catalogue);
        return new RuleBook(catalogue, files.interactions(), files.allergyClasses(), files.crossClassRules(), files.duplicateClasses());
    }

    /** The interaction rules as loaded (for tests and the decision record's counts). */
    List<InteractionRule> interactionRules() {
        return interactions;
    }

    List<AllergyClass> allergyClassRules() {
        return List.copyOf(allergyClasses.values());
    }

    List<CrossClassRule> crossClassRules() {
        return crossClassRules;
    }

    List<DuplicateClass> duplicateClassRules() {
        return List.copyOf(duplicateClasses.values());
    }

    @Override
    public List<Alert> check(Input input) {
        List<Drug> lines = new ArrayList<>();
        for (Line line : input.lines()) {
            lines.add(drug(Optional.of(line.position()), Optional.empty(), line.name(), line.ingredientKeys()));
        }
        List<Drug> medications = new ArrayList<>();
        for (CurrentMedication m : input.medications()) {
            medications.add(drug(Optional.empty(), Optional.ofNullable(m.id()), m.name(), m.ingredientKeys()));
        }
        Alerts alerts = new Alerts();
        notChecked(lines, medications, input, alerts);
        if (!lines.isEmpty() && input.allergyState() == AllergyState.NOT_ASKED) {
            alerts.add("allergies-not-recorded", Kind.ALLERGIES_NOT_RECORDED, Severity.MODERATE,
                    "Allergies not recorded",
                    "Nobody has asked this patient about allergies, so this prescription could not be checked against them.",
                    "Ask about allergies and record them (or record no known allergies) before signing.",
                    "MedConnect allergy review", List.of(), Optional.empty(), Optional.empty());
        }
        allergies(lines, input.allergies(), alerts);
        interactions(lines, medications, alerts);
        duplicates(lines, medications, alerts);
        return alerts.sorted();
    }

    // ---- normalising ----

    /** A drug as the rules see it: its known ingredients, each with its tokens (the ingredient and its classes). */
    private record Drug(Optional<Integer> position, Optional<UUID> medicationId, String name,
                        Map<String, Set<String>> tokensByIngredient, Set<String> tokens, List<String> unknownKeys) {

        boolean isLine() {
            return position.isPresent();
        }

        Set<String> ingredients() {
            return tokensByIngredient.keySet();
        }

        /** Stable words for an alert key: a line by its ingredients, a medication by its id. */
        String descriptor() {
            if (medicationId.isPresent()) {
                return "medication-" + medicationId.get();
            }
            return String.join("+", new TreeSet<>(ingredients()));
        }

        /**
         * The ingredients of this drug that a rule side names, directly or through a class. On the
         * hot path (every rule against every drug): a drug that meets nothing allocates nothing.
         */
        Set<String> matching(Set<String> side) {
            Set<String> found = null;
            for (Map.Entry<String, Set<String>> e : tokensByIngredient.entrySet()) {
                for (String t : e.getValue()) {
                    if (side.contains(t)) {
                        if (found == null) {
                            found = new LinkedHashSet<>();
                        }
                        found.add(e.getKey());
                        break;
                    }
                }
            }
            return found == null ? Set.of() : found;
        }

        /** Whether one of its ingredients is, or belongs to, this key. */
        boolean has(String key) {
            return tokens.contains(key);
        }
    }

    private Drug drug(Optional<Integer> position, Optional<UUID> medicationId, String name, List<String> keys) {
        Map<String, Set<String>> tokens = new LinkedHashMap<>();
        Set<String> all = new java.util.HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : keys) {
            String key = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            Optional<DrugEntry> entry = catalogue.find(key);
            if (entry.isEmpty() || entry.get().kind() != DrugEntry.Kind.INGREDIENT) {
                unknown.add(key);
                continue;
            }
            Set<String> t = new LinkedHashSet<>();
            t.add(key);
            t.addAll(entry.get().classKeys());
            tokens.put(key, Set.copyOf(t));
            all.addAll(t);
        }
        return new Drug(position, medicationId, name == null ? "" : name.strip(), tokens, all, unknown);
    }

    // ---- not checked ----

    private void notChecked(List<Drug> lines, List<Drug> medications, Input input, Alerts alerts) {
        if (lines.isEmpty()) {
            return;
        }
        for (Drug line : lines) {
            if (line.ingredients().isEmpty()) {
                alerts.add("not-checked:" + normalised(line.name()), Kind.NOT_CHECKED, Severity.LOW,
                        "Not checked: " + line.name(),
                        "This drug does not match the drug catalogue, so allergies, interactions and duplicates were not checked for it.",
                        "Pick the drug from the catalogue (or a brand mapped to it), or check it yourself.",
                        NOT_CHECKED_SOURCE, List.of(line.position().orElseThrow()), Optional.empty(), Optional.empty());
            } else if (!line.unknownKeys().isEmpty()) {
                alerts.add("not-checked:" + line.descriptor() + ":" + String.join("+", new TreeSet<>(line.unknownKeys())),
                        Kind.NOT_CHECKED, Severity.LOW,
                        "Partly checked: " + line.name(),
                        "Part of this drug does not match the drug catalogue and was not checked.",
                        "Check the unmatched part yourself.",
                        NOT_CHECKED_SOURCE, List.of(line.position().orElseThrow()), Optional.empty(), Optional.empty());
            }
        }
        for (Drug m : medications) {
            if (m.ingredients().isEmpty()) {
                alerts.add("not-checked:" + m.descriptor(), Kind.NOT_CHECKED, Severity.LOW,
                        "Not checked: current medication " + m.name(),
                        "This current medication is recorded as free text, so this prescription was not checked against it.",
                        "Check it yourself, or record it from the catalogue.",
                        NOT_CHECKED_SOURCE, List.of(), m.medicationId(), Optional.empty());
            }
        }
        for (KnownAllergy a : input.allergies()) {
            if (a.substanceKey().isEmpty() || catalogue.find(a.substanceKey().get()).isEmpty()) {
                alerts.add("not-checked:allergy-" + a.id(), Kind.NOT_CHECKED, Severity.LOW,
                        "Not checked: allergy to " + a.substance(),
                        "This allergy is recorded as free text, so the prescription was not checked against it.",
                        "Check it yourself, or record the allergy from the catalogue.",
                        NOT_CHECKED_SOURCE, List.of(), Optional.empty(), Optional.ofNullable(a.id()));
            }
        }
    }

    private static String normalised(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    // ---- allergies ----

    private void allergies(List<Drug> lines, List<KnownAllergy> allergies, Alerts alerts) {
        for (KnownAllergy allergy : allergies) {
            if (allergy.substanceKey().isEmpty()) {
                continue;
            }
            String key = allergy.substanceKey().get().strip().toLowerCase(Locale.ROOT);
            Optional<DrugEntry> entry = catalogue.find(key);
            if (entry.isEmpty()) {
                continue;
            }
            boolean isClass = entry.get().kind() == DrugEntry.Kind.CLASS;
            Set<String> allergyTokens = new LinkedHashSet<>();
            allergyTokens.add(key);
            allergyTokens.addAll(entry.get().classKeys());
            for (Drug line : lines) {
                if (line.ingredients().isEmpty()) {
                    continue;
                }
                allergyToLine(allergy, key, isClass, allergyTokens, line, alerts);
            }
        }
    }

    private void allergyToLine(KnownAllergy allergy, String key, boolean isClass, Set<String> allergyTokens, Drug line, Alerts alerts) {
        String alertKey = "allergy:" + key + ":" + line.descriptor();
        List<Integer> positions = List.of(line.position().orElseThrow());
        Optional<UUID> allergyId = Optional.ofNullable(allergy.id());
        Set<String> direct = line.matching(Set.of(key));
        if (!direct.isEmpty()) {
            String what = isClass
                    ? line.name() + " contains " + String.join(", ", direct) + ", a member of " + allergy.substance() + "."
                    : line.name() + " contains " + String.join(", ", direct) + ".";
            alerts.add(alertKey, Kind.ALLERGY, Severity.HIGH,
                    "Allergy to " + allergy.substance() + ": " + line.name(),
                    "The patient has a recorded allergy to " + allergy.substance() + severityNote(allergy) + ". " + what,
                    "Do not give; choose an alternative, or correct the allergy record if it is wrong.",
                    ALLERGY_SOURCE, positions, Optional.empty(), allergyId);
            return;
        }
        if (!isClass) {
            // An allergy to one member of an allergy-relevant class flags the other members.
            AllergyClass strongest = null;
            Set<String> members = Set.of();
            for (String classKey : allergyTokens) {
                AllergyClass ac = allergyClasses.get(classKey);
                if (ac == null) {
                    continue;
                }
                Set<String> found = line.matching(Set.of(classKey));
                if (!found.isEmpty() && (strongest == null || ac.severity().compareTo(strongest.severity()) < 0)) {
                    strongest = ac;
                    members = found;
                }
            }
            if (strongest != null) {
                String className = catalogue.find(strongest.classKey()).map(DrugEntry::name).orElse(strongest.classKey());
                alerts.add(alertKey, Kind.ALLERGY, strongest.severity(),
                        "Possible cross-sensitivity: allergy to " + allergy.substance() + ", " + line.name(),
                        "The patient has a recorded allergy to " + allergy.substance() + severityNote(allergy) + "; "
                                + String.join(", ", members) + " is also one of the " + className + ". " + strongest.note(),
                        "Avoid unless the reaction history makes cross-sensitivity unlikely; record why if you go ahead.",
                        strongest.source(), positions, Optional.empty(), allergyId);
                return;
            }
        }
        for (CrossClassRule rule : crossClassRules) {
            if (rule.allergySide().stream().anyMatch(allergyTokens::contains) && !line.matching(rule.drugSide()).isEmpty()) {
                alerts.add(alertKey, Kind.ALLERGY, rule.severity(),
                        rule.title() + ": " + line.name(),
                        "The patient has a recorded allergy to " + allergy.substance() + severityNote(allergy) + ". " + rule.consequence(),
                        rule.action(), rule.source(), positions, Optional.empty(), allergyId);
                return;
            }
        }
    }

    private static String severityNote(KnownAllergy allergy) {
        return allergy.severity() == null || allergy.severity().isBlank() ? "" : " (" + allergy.severity().strip().toLowerCase(Locale.ROOT) + ")";
    }

    // ---- interactions ----

    /**
     * Every rule against every line, pair of lines and line with a current medication. Each drug
     * is matched to a rule's two sides once per rule, not once per pair (a 10-line prescription
     * against 15 medications is 205 pairs per rule), and a line that meets neither side is skipped.
     */
    private void interactions(List<Drug> lines, List<Drug> medications, Alerts alerts) {
        int n = lines.size();
        int m = medications.size();
        List<Set<String>> lineA = new ArrayList<>(n);
        List<Set<String>> lineB = new ArrayList<>(n);
        List<Set<String>> medA = new ArrayList<>(m);
        List<Set<String>> medB = new ArrayList<>(m);
        for (InteractionRule rule : interactions) {
            boolean anyLine = false;
            lineA.clear();
            lineB.clear();
            for (Drug x : lines) {
                Set<String> a = x.matching(rule.sideA());
                Set<String> b = x.matching(rule.sideB());
                lineA.add(a);
                lineB.add(b);
                anyLine |= !a.isEmpty() || !b.isEmpty();
            }
            if (!anyLine) {
                continue;
            }
            medA.clear();
            medB.clear();
            for (Drug y : medications) {
                medA.add(y.matching(rule.sideA()));
                medB.add(y.matching(rule.sideB()));
            }
            for (int i = 0; i < n; i++) {
                Set<String> xa = lineA.get(i);
                Set<String> xb = lineB.get(i);
                if (xa.isEmpty() && xb.isEmpty()) {
                    continue;
                }
                Drug x = lines.get(i);
                // x with itself: the ingredients of one combination drug.
                if (meets(xa, xb)) {
                    interaction(rule, x, x, alerts);
                }
                for (int j = i + 1; j < n; j++) {
                    if (meets(xa, lineB.get(j)) || meets(lineA.get(j), xb)) {
                        interaction(rule, x, lines.get(j), alerts);
                    }
                }
                for (int k = 0; k < m; k++) {
                    if (meets(xa, medB.get(k)) || meets(medA.get(k), xb)) {
                        interaction(rule, x, medications.get(k), alerts);
                    }
                }
            }
        }
    }

    private static boolean meets(Set<String> a, Set<String> b) {
        for (String i : a) {
            for (String j : b) {
                if (!i.equals(j)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void interaction(InteractionRule rule, Drug x, Drug y, Alerts alerts) {
        List<Integer> positions = new ArrayList<>();
        x.position().ifPresent(positions::add);
        y.position().ifPresent(positions::add);
        Optional<UUID> medication = y.isLine() ? Optional.empty() : y.medicationId();
        String names = x == y ? x.name() : x.name() + " + " + y.name() + (y.isLine() ? "" : " (current medication)");
        alerts.add("interaction:" + rule.id() + ":" + pairDescriptor(x, y), Kind.INTERACTION, rule.severity(),
                rule.title() + ": " + names, rule.consequence(), rule.action(), rule.source(), positions, medication, Optional.empty());
    }

    private static String pairDescriptor(Drug x, Drug y) {
        String a = x.descriptor();
        String b = y.descriptor();
        return x == y ? a : (a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a);
    }

    // ---- duplicate therapy ----

    private void duplicates(List<Drug> lines, List<Drug> medications, Alerts alerts) {
        for (int i = 0; i < lines.size(); i++) {
            Drug x = lines.get(i);
            for (int j = i + 1; j < lines.size(); j++) {
                duplicate(x, lines.get(j), alerts);
            }
            for (Drug m : medications) {
                duplicate(x, m, alerts);
            }
        }
    }

    private void duplicate(Drug x, Drug y, Alerts alerts) {
        if (x.ingredients().isEmpty() || y.ingredients().isEmpty() || !sharesAny(x, y)) {
            return;
        }
        List<Integer> positions = new ArrayList<>();
        x.position().ifPresent(positions::add);
        y.position().ifPresent(positions::add);
        Optional<UUID> medication = y.isLine() ? Optional.empty() : y.medicationId();
        String names = x.name() + " + " + y.name() + (y.isLine() ? "" : " (current medication)");
        Set<String> shared = new TreeSet<>(x.ingredients());
        shared.retainAll(y.ingredients());
        if (!shared.isEmpty()) {
            alerts.add("duplicate:" + String.join("+", shared) + ":" + pairDescriptor(x, y), Kind.DUPLICATE_THERAPY, Severity.MODERATE,
                    "Same drug twice: " + names,
                    "Both contain " + String.join(", ", shared) + ": a double dose if both are taken.",
                    y.isLine() ? "Keep one line, or make the doses add up to what you intend."
                            : "If this renews or replaces the current medication, stop the old entry; otherwise check the combined dose.",
                    DUPLICATE_SOURCE, positions, medication, Optional.empty());
            return;
        }
        for (DuplicateClass dc : duplicateClasses.values()) {
            if (x.has(dc.classKey()) && y.has(dc.classKey())) {
                String className = catalogue.find(dc.classKey()).map(DrugEntry::name).orElse(dc.classKey());
                alerts.add("duplicate:" + dc.classKey() + ":" + pairDescriptor(x, y), Kind.DUPLICATE_THERAPY, dc.severity(),
                        "Two " + className + ": " + names, dc.note(),
                        "Check that both are intended; usually keep one.",
                        DUPLICATE_SOURCE, positions, medication, Optional.empty());
            }
        }
    }

    /** Whether the two share an ingredient or a duplicate-therapy class: the cheap test before any alert is built. */
    private boolean sharesAny(Drug x, Drug y) {
        for (String ingredient : x.ingredients()) {
            if (y.ingredients().contains(ingredient)) {
                return true;
            }
        }
        for (String classKey : duplicateClasses.keySet()) {
            if (x.has(classKey) && y.has(classKey)) {
                return true;
            }
        }
        return false;
    }

    // ---- collecting ----

    /** Alerts by key: a finding reached twice (two identical lines) is one alert naming both lines. */
    private static final class Alerts {
        private final Map<String, Alert> byKey = new LinkedHashMap<>();

        void add(String key, Kind kind, Severity severity, String title, String consequence, String action, String source,
                 List<Integer> positions, Optional<UUID> medicationId, Optional<UUID> allergyId) {
            Alert existing = byKey.get(key);
            if (existing == null) {
                byKey.put(key, new Alert(key, kind, severity, title, consequence, action, source,
                        List.copyOf(new TreeSet<>(positions)), medicationId, allergyId));
                return;
            }
            TreeSet<Integer> merged = new TreeSet<>(existing.linePositions());
            merged.addAll(positions);
            byKey.put(key, new Alert(key, existing.kind(), existing.severity(), existing.title(), existing.consequence(),
                    existing.action(), existing.source(), List.copyOf(merged), existing.medicationId(), existing.allergyId()));
        }

        List<Alert> sorted() {
            List<Alert> all = new ArrayList<>(byKey.values());
            all.sort(Comparator.comparing(Alert::severity)
                    .thenComparing(a -> a.kind().ordinal())
                    .thenComparingInt(a -> a.linePositions().isEmpty() ? Integer.MAX_VALUE : a.linePositions().getFirst())
                    .thenComparing(Alert::key));
            return List.copyOf(all);
        }
    }
}
