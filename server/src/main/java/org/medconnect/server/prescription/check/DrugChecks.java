package org.medconnect.server.prescription.check;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The safety checks a prescription passes on every save and on sign (issue 13, decision 0037):
 * allergies (ingredient and class cross-sensitivity), drug-drug interactions within the
 * prescription and against the current medication list, and duplicate therapy. Pure: it reads
 * only what it is given and the shipped rule files, so it is fast and testable without a database.
 */
public interface DrugChecks {

    /** Every finding for these lines, each alert once, HIGH first, in a stable order. */
    List<Alert> check(Input input);

    /** What the checks read. */
    record Input(List<Line> lines, List<CurrentMedication> medications, AllergyState allergyState, List<KnownAllergy> allergies) {
        public Input {
            lines = List.copyOf(lines);
            medications = List.copyOf(medications);
            allergies = List.copyOf(allergies);
        }
    }

    /** One prescription line: its 1-based position, its name as written, its ingredient keys (empty: free text, "not checked"). */
    record Line(int position, String name, List<String> ingredientKeys) {
        public Line {
            ingredientKeys = List.copyOf(ingredientKeys);
        }
    }

    /** An active medication on the list (not those written by the prescription being checked). */
    record CurrentMedication(UUID id, String name, List<String> ingredientKeys) {
        public CurrentMedication {
            ingredientKeys = List.copyOf(ingredientKeys);
        }
    }

    /** Whether allergies were asked: "no known allergies" is a statement, "not asked" is not. */
    enum AllergyState { RECORDED, NO_KNOWN_ALLERGIES, NOT_ASKED }

    /** An active allergy: substanceKey is an ingredient key or "class:..." key, empty for free text. */
    record KnownAllergy(UUID id, Optional<String> substanceKey, String substance, String severity) {}

    enum Kind { ALLERGY, INTERACTION, DUPLICATE_THERAPY, NOT_CHECKED, ALLERGIES_NOT_RECORDED }

    enum Severity { HIGH, MODERATE, LOW }

    /**
     * One finding. The key is stable for the same rule and the same drugs (an override names it);
     * linePositions are the prescription lines involved.
     */
    record Alert(String key, Kind kind, Severity severity, String title, String consequence, String action, String source,
                 List<Integer> linePositions, Optional<UUID> medicationId, Optional<UUID> allergyId) {
        public Alert {
            linePositions = List.copyOf(linePositions);
        }
    }
}
