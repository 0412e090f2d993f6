package org.medconnect.server.chart.medication;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** The medication list's values: medications as the chart shows them and the commands that change them. */
public final class MedicationModel {

    private MedicationModel() {}

    /** Where a medication stands; ENTERED_IN_ERROR rows stay for the record but leave the list. */
    public enum Status {
        ACTIVE,
        STOPPED,
        ENTERED_IN_ERROR
    }

    /** Where a row came from: recorded by hand, or written by a prescription (issue 13). */
    public enum Source {
        RECORDED,
        PRESCRIBED
    }

    /** Which medications a list shows. */
    public enum Filter {
        /** Current and past. */
        CURRENT_AND_PAST,
        CURRENT,
        PAST,
        /** Entered in error too. */
        ALL
    }

    /**
     * One medication with who started and stopped it and why (full names). An empty
     * {@code drugKey} is free text that prescription checks cannot read ("not checked").
     */
    public record Medication(UUID id, UUID patientId, Optional<String> drugKey, String name, Optional<String> strength,
                             Optional<String> form, Optional<String> dosage, Status status, Source source,
                             Optional<UUID> prescriptionId, Optional<LocalDate> startedOn, Optional<String> startedByName,
                             Optional<String> startReason, Optional<LocalDate> stoppedOn, Optional<String> stoppedByName,
                             Optional<String> stopReason, Optional<String> errorReason, int version, String updatedByName,
                             OffsetDateTime updatedAt) {

        public boolean notChecked() {
            return drugKey.isEmpty();
        }
    }

    /**
     * A medication to add: an ingredient key from the shipped drug catalogue (its name when
     * none is typed), or free text with a name.
     */
    public record NewMedication(Optional<UUID> requestId, UUID patientId, Optional<String> drugKey, String name, String strength,
                                String form, String dosage, Optional<LocalDate> startedOn, String reason) {}

    /** A correction of strength, form, dosage, start date and reason, made from {@code expectedVersion}. */
    public record MedicationChanges(UUID medicationId, int expectedVersion, String strength, String form, String dosage,
                                    Optional<LocalDate> startedOn, String reason) {}
}
