package org.medconnect.server.chart.problem;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** The problem list's values: problems as the chart shows them and the commands that change them. */
public final class ProblemModel {

    private ProblemModel() {}

    /** Where a problem stands; ENTERED_IN_ERROR problems stay for the record but leave the list. */
    public enum Status {
        ACTIVE,
        RESOLVED,
        ENTERED_IN_ERROR
    }

    /** Which problems a list shows. */
    public enum Filter {
        /** Active and resolved. */
        CURRENT_AND_PAST,
        ACTIVE,
        RESOLVED,
        /** Entered in error too. */
        ALL
    }

    /** One problem with who created and last changed it (full names). */
    public record Problem(UUID id, UUID patientId, Optional<String> icd10Code, String title, Status status,
                         Optional<LocalDate> onsetDate, Optional<LocalDate> resolvedDate, Optional<String> note,
                         Optional<UUID> encounterId, Optional<String> errorReason, int version,
                         String createdByName, OffsetDateTime createdAt, String updatedByName, OffsetDateTime updatedAt) {}

    /**
     * A new problem: a code from the shipped ICD-10-CM list, or free text (no code, a title).
     * An empty title takes the code's title.
     */
    public record NewProblem(Optional<UUID> requestId, UUID patientId, Optional<String> icd10Code, String title,
                             Optional<LocalDate> onsetDate, String note, Optional<UUID> encounterId) {}

    /** A correction of code, title, onset and note, made from {@code expectedVersion}. */
    public record ProblemChanges(UUID problemId, int expectedVersion, Optional<String> icd10Code, String title,
                                 Optional<LocalDate> onsetDate, String note) {}
}
