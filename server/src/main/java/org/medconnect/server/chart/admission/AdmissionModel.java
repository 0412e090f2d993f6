package org.medconnect.server.chart.admission;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Value types of admissions and discharge. */
public final class AdmissionModel {

    private AdmissionModel() {}

    public enum Status { ADMITTED, DISCHARGED, ENTERED_IN_ERROR }

    /**
     * One stay. {@code reason} and {@code dischargeSummary} are clinical: empty in what a
     * caller who may not read the chart receives (see {@link #withoutClinicalText()}).
     */
    public record Admission(UUID id, UUID patientId, String patientName, String patientMrn, LocalDate patientDateOfBirth,
                            UUID admittingDoctorId, String admittingDoctorName, Optional<String> ward, Optional<String> bed,
                            Optional<String> reason, OffsetDateTime admittedAt, Status status, Optional<OffsetDateTime> dischargedAt,
                            Optional<String> dischargedByName, Optional<String> dischargeSummary, Optional<String> errorReason,
                            int version, String updatedByName, OffsetDateTime updatedAt) {

        /** The stay as a ward list shows it to someone who may not read the patient's chart. */
        public Admission withoutClinicalText() {
            return new Admission(id, patientId, patientName, patientMrn, patientDateOfBirth, admittingDoctorId, admittingDoctorName,
                    ward, bed, Optional.empty(), admittedAt, status, dischargedAt, dischargedByName, Optional.empty(),
                    Optional.empty(), version, updatedByName, updatedAt);
        }
    }

    /** An admission to register; {@code admittingDoctorId} is named by reception, empty when a doctor admits. */
    public record NewAdmission(Optional<UUID> requestId, UUID patientId, String ward, String bed, String reason,
                               Optional<UUID> admittingDoctorId) {
        public NewAdmission(Optional<UUID> requestId, UUID patientId, String ward, String bed, String reason) {
            this(requestId, patientId, ward, bed, reason, Optional.empty());
        }
    }

    public record Page<T>(List<T> items, int total, int offset) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }
}
