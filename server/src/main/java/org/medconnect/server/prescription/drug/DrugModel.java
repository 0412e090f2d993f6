package org.medconnect.server.prescription.drug;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The values of the drugs feature: local brands, search results, and drugs resolved to ingredients. */
public final class DrugModel {

    /** A drug key naming a local brand: "brand:" + its id. */
    public static final String BRAND_PREFIX = "brand:";

    private DrugModel() {}

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

    /** A brand with its ingredients' catalogue names, for display. */
    public record DrugChoiceBrand(Brand brand, List<String> ingredientNames) {
        public DrugChoiceBrand {
            ingredientNames = List.copyOf(ingredientNames);
        }
    }
}
