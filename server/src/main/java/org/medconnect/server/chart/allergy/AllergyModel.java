package org.medconnect.server.chart.allergy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The values the allergy feature works with. */
public final class AllergyModel {

    private AllergyModel() {}

    public enum Category { DRUG, DRUG_CLASS, FOOD, ENVIRONMENT, OTHER }

    public enum Severity { MILD, MODERATE, SEVERE, UNKNOWN }

    public enum Status { ACTIVE, INACTIVE, RESOLVED, ENTERED_IN_ERROR }

    /** Whether anyone has asked: distinct states, never inferred from an empty list alone. */
    public enum ReviewState { NOT_ASKED, NO_KNOWN_ALLERGIES, HAS_ALLERGIES }

    /** One recorded allergy or intolerance. */
    public record Allergy(UUID id, UUID patientId, Optional<String> substanceCode, String substance, Category category,
                          Optional<String> reaction, Severity severity, Status status, Optional<LocalDate> onset,
                          Optional<String> errorReason, int version, String recordedByName, OffsetDateTime recordedAt,
                          String updatedByName, OffsetDateTime updatedAt) {}

    /** The review state and the "no known allergies" statement's version (0 when never made). */
    public record Review(ReviewState state, int version, Optional<String> updatedByName, Optional<OffsetDateTime> updatedAt) {}

    /** What a user entered for a new allergy; substance text may be empty when a catalogue code is given. */
    public record NewAllergy(UUID patientId, Optional<String> substanceCode, String substance, Optional<Category> category,
                             String reaction, Severity severity, Status status, Optional<LocalDate> onset) {}

    /** The fields an update may change. */
    public record AllergyChange(Category category, String reaction, Severity severity, Status status, Optional<LocalDate> onset) {}

    /** The list and the review state. */
    public record Listing(List<Allergy> allergies, Review review) {}

    /** A new allergy and the review state after it. */
    public record Recorded(Allergy allergy, Review review) {}

    /**
     * The drug and drug-class list an allergy's substance may come from (the coding feature's
     * DrugCatalogue); only what allergies need of it.
     */
    public interface SubstanceCatalogue {
        /** The catalogue entry for a key like "amoxicillin" or "class:penicillins". */
        Optional<Substance> find(String key);
    }

    /** One catalogue entry: its key, its name as a person reads it, and whether it is a class. */
    public record Substance(String key, String name, boolean drugClass) {}
}
