package org.medconnect.server.patient;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.shared.patient.PatientDetails;
import org.medconnect.shared.patient.Sex;

/** Value types of the patient feature. */
public final class PatientModel {

    private PatientModel() {}

    /** A registered patient: who they are and how to reach them (no clinical data). */
    public record Patient(
            UUID id,
            String mrn,
            String givenName,
            String familyName,
            LocalDate dateOfBirth,
            Sex sex,
            Optional<String> phone,
            Optional<String> email,
            Optional<String> address,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        /** "Given Family", as lists and appointment cards show it. */
        public String displayName() {
            return givenName + " " + familyName;
        }
    }

    /** A registration as the receptionist sent it. */
    public record NewPatient(Optional<UUID> requestId, PatientDetails details, boolean registerDespiteDuplicates) {}

    /** A correction of an existing patient's details. */
    public record PatientChanges(UUID id, PatientDetails details) {}

    /** An existing patient that looks like the one being registered, and why it does. */
    public record LikelyDuplicate(Patient patient, String why) {}

    /** One search box's text and the page wanted; offset-based paging. */
    public record SearchQuery(String text, int limit, int offset) {}

    /** One page of results and how many there are in all. */
    public record Page<T>(List<T> items, int total, int offset) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }
}
