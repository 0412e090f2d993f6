package org.medconnect.server.chart;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The values the chart's spine hands out: the summary, break-the-glass grants, the access log, history and events. */
public final class ChartModel {

    private ChartModel() {}

    /** Entry kinds a nurse may see: the triage part of the chart. */
    public static final Set<String> TRIAGE_KINDS = Set.of("VITALS", "ALLERGY", "ALLERGY_REVIEW");

    /** Who the chart is about. */
    public record PatientHeader(UUID id, String fullName, String mrn, LocalDate dateOfBirth, int ageYears, String sex,
                                Optional<String> bloodGroup, Optional<String> preferredLanguage) {}

    /** Whether anyone asked about allergies, and what they found. */
    public enum AllergyState { NOT_ASKED, NONE_KNOWN, ALLERGIC }

    public record AllergyItem(UUID id, String substance, String severity, Optional<String> reaction) {}

    public record ProblemItem(UUID id, Optional<String> icd10Code, String title, Optional<LocalDate> onsetDate) {}

    public record MedicationItem(UUID id, String name, Optional<String> strength, Optional<String> dosage,
                                 Optional<LocalDate> startedOn) {}

    /** One measurement in a trend; {@code second} is the diastolic pressure for blood pressure. */
    public record TrendPoint(OffsetDateTime at, double value, double second) {}

    /** One recorded set of vitals as the database holds it; absent measurements are empty. */
    public record VitalsRow(OffsetDateTime measuredAt, Optional<Integer> systolic, Optional<Integer> diastolic,
                            Optional<Integer> pulse, Optional<Double> temperature, Optional<Integer> respiratory,
                            Optional<Integer> spo2, Optional<Double> weight, Optional<Double> height, Optional<Double> bmi) {}

    /** The latest vitals and the last few values of the measures clinicians watch, oldest first. */
    public record Vitals(VitalsRow latest, List<TrendPoint> bloodPressure, List<TrendPoint> pulse, List<TrendPoint> weight,
                         List<TrendPoint> temperature) {}

    public record NextAppointment(UUID id, OffsetDateTime startsAt, String doctorName, String status) {}

    public record OpenEncounter(UUID id, OffsetDateTime startedAt, String doctorName, String kind) {}

    public record Admission(UUID id, OffsetDateTime admittedAt, Optional<String> ward, Optional<String> bed) {}

    /** The header on top of every chart page. Holds no note text. */
    public record Summary(PatientHeader patient, AllergyState allergyState, List<AllergyItem> allergies,
                          List<ProblemItem> problems, List<MedicationItem> medications, Optional<Vitals> vitals,
                          Optional<NextAppointment> nextAppointment, Optional<OpenEncounter> openEncounter,
                          Optional<Admission> admission, long asOfSequence, ChartAccess.Basis basis,
                          Optional<OffsetDateTime> accessExpiresAt) {}

    /** A break-the-glass grant as admins review it. */
    public record GlassGrant(UUID id, UUID patientId, String patientName, String patientMrn, UUID doctorId,
                             String doctorName, String reason, OffsetDateTime startsAt, OffsetDateTime expiresAt,
                             Optional<String> reviewedBy, Optional<OffsetDateTime> reviewedAt, Optional<String> reviewNote) {}

    /** A page of grants and how many still wait for review. */
    public record GlassGrantPage(List<GlassGrant> grants, int total, int unreviewed) {}

    /** One line of "who looked at this chart". */
    public record AccessEntry(OffsetDateTime at, String userName, String role, String action, String basis,
                              Optional<String> breakGlassReason) {}

    public record AccessPage(List<AccessEntry> entries, int total) {}

    /** One field that differs between an entry's version and the one before. */
    public record FieldChange(String field, String before, String after) {}

    /** One version of one entry with what changed. */
    public record EntryVersion(String entryKind, UUID entryId, int version, String change, String changedBy,
                               OffsetDateTime changedAt, List<FieldChange> changes) {}

    public record HistoryPage(List<EntryVersion> versions, int total) {}

    /** One numbered change to a patient's chart. */
    public record ChartEvent(long sequence, OffsetDateTime occurredAt, UUID patientId, String entryKind, UUID entryId,
                             int version, String change) {}
}
