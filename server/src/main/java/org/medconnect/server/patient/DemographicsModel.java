package org.medconnect.server.patient;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Value types of a patient's demographics: contacts, insurance, consents, blood group and language (decision 0036). */
public final class DemographicsModel {

    private DemographicsModel() {}

    /** A person to call in an emergency; priority 1 is called first. */
    public record Contact(UUID id, UUID patientId, String name, String relationship, String phone, Optional<String> email,
                          int priority, boolean active, int version, String updatedByName, OffsetDateTime updatedAt) {}

    /** An insurance policy; {@code end} empty when open-ended. */
    public record Policy(UUID id, UUID patientId, String insurer, String policyNumber, Optional<String> memberName,
                         LocalDate start, Optional<LocalDate> end, boolean active, int version, String updatedByName,
                         OffsetDateTime updatedAt) {}

    /** A consent the patient gave, and its withdrawal if any. {@code kind} is e.g. TREATMENT. */
    public record Consent(UUID id, UUID patientId, String kind, LocalDate givenOn, Optional<LocalDate> withdrawnOn,
                          Optional<UUID> documentId, Optional<String> note, int version, String updatedByName,
                          OffsetDateTime updatedAt) {}

    /** One patient's demographics as they now are, and the clinic date they were read on (for "in force"). */
    public record Demographics(UUID patientId, Optional<String> bloodGroup, Optional<String> preferredLanguage,
                               int profileVersion, List<Contact> contacts, List<Policy> policies, List<Consent> consents,
                               LocalDate today) {}

    /** Blood group ("A+", or empty when not known) and preferred language, as typed. */
    public record ProfileInput(String bloodGroup, String preferredLanguage) {}

    public record ContactInput(String name, String relationship, String phone, String email) {}

    /** Dates as ISO text, checked by {@link org.medconnect.shared.patient.DemographicsRules}. */
    public record PolicyInput(String insurer, String policyNumber, String memberName, String coverageStart, String coverageEnd) {}

    /** {@code kind} empty when not chosen (or unknown); dates as ISO text; document id as text, empty for none. */
    public record ConsentInput(Optional<String> kind, String givenOn, String withdrawnOn, String documentId, String note) {}

    /** A create's new entry and the demographics after it. */
    public record Added(UUID id, Demographics demographics) {}
}
