package org.medconnect.server.prescription.drug;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.chart.coding.DrugCatalogue;
import org.medconnect.server.chart.coding.DrugEntry;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.shared.validation.Validation;

/**
 * The drugs a doctor can prescribe (issue 13, decision 0037): the shipped catalogue's ingredients
 * with their classes and common forms, and the clinic's own brand names, which an admin maps to
 * catalogue ingredients so the prescription checks can read them. Brands are clinic settings, not
 * patient data: changes are audited, and an edit from an older version is refused naming who changed it.
 */
public final class DrugService {

    /** A drug key naming a local brand: "brand:" + its id. */
    public static final String BRAND_PREFIX = "brand:";
    static final int MAX_QUERY = 100;
    static final int MAX_LIMIT = 50;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_NAME = 120;
    static final int MAX_INGREDIENTS = 10;

    /** A local brand name and the catalogue ingredients it contains. */
    public record Brand(UUID id, String name, List<String> ingredientKeys, boolean active, int version,
                        String updatedByName, OffsetDateTime updatedAt) {
        public Brand {
            ingredientKeys = List.copyOf(ingredientKeys);
        }

        public String drugKey() {
            return BRAND_PREFIX + id;
        }
    }

    /** What the prescriber picks from: an ingredient or a brand. */
    public enum ChoiceKind { INGREDIENT, BRAND }

    /** One search result: details are the classes of an ingredient or the ingredients of a brand. */
    public record DrugChoice(String drugKey, String name, ChoiceKind kind, List<String> details, List<String> commonForms) {
        public DrugChoice {
            details = List.copyOf(details);
            commonForms = List.copyOf(commonForms);
        }
    }

    /** A brand to add (no id; request id required) or change (id and the version it was read at). */
    public record SaveBrand(Optional<UUID> brandId, Optional<UUID> requestId, int expectedVersion, String name, List<String> ingredientKeys) {
        public SaveBrand {
            ingredientKeys = List.copyOf(ingredientKeys);
        }
    }

    /** A prescribable drug resolved to its catalogue ingredients (for prescribing and its checks). */
    public record ResolvedDrug(String drugKey, String name, List<String> ingredientKeys) {
        public ResolvedDrug {
            ingredientKeys = List.copyOf(ingredientKeys);
        }
    }

    private final DSLContext dsl;
    private final DrugCatalogue catalogue;
    private final Clock clock;
    private final ZoneId zone;

    public DrugService(DSLContext dsl, DrugCatalogue catalogue, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.catalogue = catalogue;
        this.clock = clock;
        this.zone = zone;
    }

    /** Ingredients and active brands whose names contain every query word at a word start; best first. */
    public List<DrugChoice> search(String query, int limit) {
        String q = query == null ? "" : query.strip();
        Validation v = new Validation();
        if (q.isEmpty()) {
            v.add("query", "Type at least one letter of the drug's name.");
        } else if (q.length() > MAX_QUERY) {
            v.add("query", "Search with at most " + MAX_QUERY + " characters.");
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            v.add("limit", "Ask for 1 to " + MAX_LIMIT + " results.");
        }
        throwIfInvalid(v);
        int max = limit == 0 ? DEFAULT_LIMIT : limit;
        List<String> words = words(q);
        if (words.isEmpty()) {
            return List.of();
        }
        record Hit(DrugChoice choice, int score) {}
        List<Hit> hits = new ArrayList<>();
        for (DrugEntry e : catalogue.search(q, max, EnumSet.of(DrugEntry.Kind.INGREDIENT))) {
            hits.add(new Hit(ingredientChoice(e), Math.max(1, score(words, q, e.name()))));
        }
        for (Brand b : new DrugBrandRepository(dsl).list(false)) {
            int s = score(words, q, b.name());
            if (s > 0) {
                hits.add(new Hit(brandChoice(b), s));
            }
        }
        hits.sort(Comparator.comparingInt((Hit h) -> -h.score()).thenComparingInt(h -> h.choice().name().length())
                .thenComparing(h -> h.choice().name().toLowerCase(Locale.ROOT)));
        return hits.stream().limit(max).map(Hit::choice).toList();
    }

    /** The clinic's brands by name: active ones, and retired ones when asked. */
    public List<DrugChoiceBrand> listBrands(boolean includeRetired) {
        return new DrugBrandRepository(dsl).list(includeRetired).stream().map(this::withNames).toList();
    }

    /** A brand with its ingredients' catalogue names, for display. */
    public record DrugChoiceBrand(Brand brand, List<String> ingredientNames) {
        public DrugChoiceBrand {
            ingredientNames = List.copyOf(ingredientNames);
        }
    }

    /** Adds a brand (a retry with the same request id answers the first) or changes one from the version the caller read. */
    public DrugChoiceBrand save(Principal caller, SaveBrand in) {
        Validation v = new Validation();
        String name = in.name() == null ? "" : in.name().strip().replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            v.add("name", "Give the brand a name.");
        } else if (name.length() > MAX_NAME) {
            v.add("name", "A brand name has at most " + MAX_NAME + " characters.");
        }
        List<String> keys = ingredientKeys(in.ingredientKeys(), v);
        if (in.brandId().isEmpty() && in.requestId().isEmpty()) {
            v.add("request_id", "Send a request id with a new brand.");
        }
        if (in.brandId().isPresent() && in.expectedVersion() < 1) {
            v.add("expected_version", "Send the version you started from.");
        }
        throwIfInvalid(v);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (in.brandId().isPresent()) {
            UUID id = in.brandId().get();
            try {
                return withNames(dsl.transactionResult(cfg -> {
                    var brands = new DrugBrandRepository(cfg.dsl());
                    Brand current = brands.find(id).orElseThrow(() -> new DomainException.NotFound("That brand does not exist."));
                    if (!current.active()) {
                        throw new DomainException.FailedPrecondition("RETIRED", "This brand was retired; add it again instead.");
                    }
                    if (!brands.update(id, in.expectedVersion(), name, keys, caller.userId(), now)) {
                        Brand latest = brands.find(id).orElseThrow();
                        throw ChartLedger.staleEdit(latest.updatedByName(), latest.updatedAt(), now, zone);
                    }
                    Brand changed = brands.find(id).orElseThrow();
                    AuditTrail.in(cfg.dsl()).record(caller.userId(), "DRUG_BRAND_CHANGED", "drug_brand", id, "version " + changed.version(), now);
                    return changed;
                }));
            } catch (DataAccessException e) {
                throw translate(e, name);
            }
        }
        Optional<UUID> earlier = InsertOnce.earlier(in.requestId(), new DrugBrandRepository(dsl)::idByRequest);
        if (earlier.isPresent()) {
            return withNames(new DrugBrandRepository(dsl).find(earlier.get()).orElseThrow());
        }
        UUID id = InsertOnce.insert(dsl, in.requestId(), DrugBrandRepository.REQUEST_ID_KEY, new DrugBrandRepository(dsl)::idByRequest,
                tx -> {
                    UUID created = new DrugBrandRepository(tx).insert(in.requestId(), name, keys, caller.userId(), now);
                    AuditTrail.in(tx).record(caller.userId(), "DRUG_BRAND_ADDED", "drug_brand", created, "version 1", now);
                    return created;
                }, e -> translate(e, name));
        return withNames(new DrugBrandRepository(dsl).find(id).orElseThrow());
    }

    /** Retires a brand: it is no longer offered; prescriptions that named it keep their ingredients. */
    public DrugChoiceBrand retire(Principal caller, UUID brandId, int expectedVersion) {
        if (expectedVersion < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version you started from.");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return withNames(dsl.transactionResult(cfg -> {
            var brands = new DrugBrandRepository(cfg.dsl());
            Brand current = brands.find(brandId).orElseThrow(() -> new DomainException.NotFound("That brand does not exist."));
            if (!current.active()) {
                throw new DomainException.FailedPrecondition("RETIRED", "This brand is already retired.");
            }
            if (!brands.retire(brandId, expectedVersion, caller.userId(), now)) {
                Brand latest = brands.find(brandId).orElseThrow();
                throw ChartLedger.staleEdit(latest.updatedByName(), latest.updatedAt(), now, zone);
            }
            Brand retired = brands.find(brandId).orElseThrow();
            AuditTrail.in(cfg.dsl()).record(caller.userId(), "DRUG_BRAND_RETIRED", "drug_brand", brandId, "version " + retired.version(), now);
            return retired;
        }));
    }

    /**
     * A drug key as prescribing stores it, resolved to catalogue ingredients: an ingredient key
     * ("amoxicillin") or a brand ("brand:&lt;id&gt;", retired brands too, so old prescriptions resolve).
     * Empty for anything else (free text is "not checked").
     */
    public Optional<ResolvedDrug> resolve(DSLContext tx, String drugKey) {
        if (drugKey == null || drugKey.isBlank()) {
            return Optional.empty();
        }
        String key = drugKey.strip();
        if (key.startsWith(BRAND_PREFIX)) {
            UUID id;
            try {
                id = UUID.fromString(key.substring(BRAND_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            return new DrugBrandRepository(tx).find(id).map(b -> new ResolvedDrug(b.drugKey(), b.name(), b.ingredientKeys()));
        }
        return catalogue.find(key).filter(e -> e.kind() == DrugEntry.Kind.INGREDIENT)
                .map(e -> new ResolvedDrug(e.key(), e.name(), List.of(e.key())));
    }

    // ---- rules ----

    private List<String> ingredientKeys(List<String> raw, Validation v) {
        if (raw.isEmpty()) {
            v.add("ingredient_keys", "Pick at least one ingredient from the catalogue.");
            return List.of();
        }
        if (raw.size() > MAX_INGREDIENTS) {
            v.add("ingredient_keys", "A brand has at most " + MAX_INGREDIENTS + " ingredients.");
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String k : raw) {
            Optional<DrugEntry> e = catalogue.find(k == null ? "" : k).filter(x -> x.kind() == DrugEntry.Kind.INGREDIENT);
            if (e.isEmpty()) {
                v.add("ingredient_keys", "Every ingredient must be picked from the catalogue (a class is not an ingredient).");
                return List.of();
            }
            keys.add(e.get().key());
        }
        return List.copyOf(keys);
    }

    private static RuntimeException translate(DataAccessException e, String name) {
        if (Constraints.violated(e, Constraints.UNIQUE_VIOLATION).filter(DrugBrandRepository.ACTIVE_NAME_KEY::equals).isPresent()) {
            return new DomainException.Conflict("name", "There is already a brand called " + name + ".");
        }
        return e;
    }

    private DrugChoice ingredientChoice(DrugEntry e) {
        List<String> classNames = e.classKeys().stream().map(k -> catalogue.find(k).map(DrugEntry::name).orElse(k)).toList();
        return new DrugChoice(e.key(), e.name(), ChoiceKind.INGREDIENT, classNames, catalogue.formsOf(e.key()));
    }

    private DrugChoice brandChoice(Brand b) {
        List<String> forms = b.ingredientKeys().size() == 1 ? catalogue.formsOf(b.ingredientKeys().getFirst()) : List.of();
        return new DrugChoice(b.drugKey(), b.name(), ChoiceKind.BRAND, names(b.ingredientKeys()), forms);
    }

    private DrugChoiceBrand withNames(Brand b) {
        return new DrugChoiceBrand(b, names(b.ingredientKeys()));
    }

    private List<String> names(List<String> ingredientKeys) {
        return ingredientKeys.stream().map(k -> catalogue.find(k).map(DrugEntry::name).orElse(k)).toList();
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** 0: no match; 1: every word begins a word of the name; 2: the name starts with the query; 3: the exact name. */
    static int score(List<String> queryWords, String query, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String q = query.toLowerCase(Locale.ROOT);
        if (n.equals(q)) {
            return 3;
        }
        List<String> nameWords = words(n);
        for (String w : queryWords) {
            if (nameWords.stream().noneMatch(x -> x.startsWith(w))) {
                return 0;
            }
        }
        return n.startsWith(q) ? 2 : 1;
    }

    private static void throwIfInvalid(Validation v) {
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
    }
}
