package org.medconnect.server.prescription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.server.prescription.check.DrugChecks;

/** The values prescribing and refill requests work with (issue 13, decision 0038). */
public final class PrescriptionModel {

    private PrescriptionModel() {}

    /** As stored; EXPIRED is never stored, it is read from valid_until (see {@link Prescription#status}). */
    public enum Status { DRAFT, SIGNED, PARTLY_DISPENSED, DISPENSED, EXPIRED, CANCELLED }

    public enum Route {
        ORAL, SUBLINGUAL, TOPICAL, TRANSDERMAL, INHALED, NASAL, OPHTHALMIC, OTIC, RECTAL, VAGINAL, SUBCUTANEOUS, INTRAMUSCULAR,
        INTRAVENOUS
    }

    /** How often a dose is taken; with "as needed" the most often it may be. */
    public enum Frequency {
        ONCE(0, "once (single dose)"),
        ONCE_DAILY(1, "once daily"),
        TWICE_DAILY(2, "twice daily"),
        THREE_TIMES_DAILY(3, "three times daily"),
        FOUR_TIMES_DAILY(4, "four times daily"),
        EVERY_4_HOURS(6, "every 4 hours"),
        EVERY_6_HOURS(4, "every 6 hours"),
        EVERY_8_HOURS(3, "every 8 hours"),
        AT_NIGHT(1, "at night"),
        IN_THE_MORNING(1, "in the morning"),
        WEEKLY(0, "once a week");

        private final int dosesPerDay;
        private final String words;

        Frequency(int dosesPerDay, String words) {
            this.dosesPerDay = dosesPerDay;
            this.words = words;
        }

        /** Doses a day; 0 for ONCE and WEEKLY, which are counted differently. */
        public int dosesPerDay() {
            return dosesPerDay;
        }

        public String words() {
            return words;
        }
    }

    public enum DispenseSource { PHARMACY, PATIENT }

    public enum RefillStatus { PENDING, APPROVED, DECLINED, CANCELLED }

    /** One line as the doctor wrote it; the quantity is empty when the server should compute it. */
    public record LineInput(String drugKey, String drugName, String strength, String form, Optional<Route> route, String doseAmount,
                            String doseUnit, Optional<Frequency> frequency, boolean asNeeded, int durationDays, String quantity,
                            String quantityUnit, int refills, String instructions, String warnings) {}

    /** A line as the server reads it: resolved drug, numbers, quantity and sig; what is stored. */
    public record ResolvedLine(int position, Optional<String> drugKey, String drugName, List<String> ingredientKeys, String strength,
                               String form, Route route, BigDecimal doseAmount, String doseUnit, Frequency frequency, boolean asNeeded,
                               int durationDays, BigDecimal quantity, String quantityUnit, boolean quantityOverridden, int refills,
                               String instructions, String warnings) {
        public ResolvedLine {
            ingredientKeys = List.copyOf(ingredientKeys);
        }

        public boolean notChecked() {
            return ingredientKeys.isEmpty();
        }

        /** "1 tablet twice daily for 7 days (as needed)", as printed. */
        public String sig() {
            return Lines.sig(this);
        }

        /** "Amoxicillin 500 mg capsule". */
        public String label() {
            StringBuilder b = new StringBuilder(drugName);
            if (!strength.isEmpty()) {
                b.append(' ').append(strength);
            }
            if (!form.isEmpty()) {
                b.append(' ').append(form);
            }
            return b.toString();
        }

        /** The most that may be dispensed on this line: quantity x (1 + refills). */
        public BigDecimal dispenseLimit() {
            return quantity.multiply(BigDecimal.valueOf(1L + refills));
        }
    }

    /** A stored line with its id and what was dispensed on it. */
    public record Line(UUID id, ResolvedLine line, BigDecimal dispensed) {}

    /**
     * One alert as raised or kept on a prescription: the names of the medication and allergy it
     * was raised against (as they read then), what it concerns in words ("line 2 (amoxicillin)
     * against allergy: Penicillins"), and the override given for it, if any.
     */
    public record Alert(DrugChecks.Alert alert, Optional<String> medicationName, Optional<String> allergySubstance, String concerns,
                        Optional<String> overrideReason, Optional<String> overriddenByName, Optional<OffsetDateTime> overriddenAt) {

        /** The same alert, saying what it concerns. */
        public Alert withConcerns(String text) {
            return new Alert(alert, medicationName, allergySubstance, text, overrideReason, overriddenByName, overriddenAt);
        }
    }

    public record Prescription(UUID id, UUID patientId, Optional<UUID> encounterId, UUID prescriberId, String prescriberName,
                               Status status, int validDays, Optional<LocalDate> validUntil, List<Line> lines, List<Alert> alerts,
                               Optional<UUID> renewalOf, Optional<UUID> refillRequestId, String note, OffsetDateTime createdAt,
                               Optional<OffsetDateTime> signedAt, Optional<String> cancelReason, int version,
                               Optional<String> pdfSha256, String updatedByName, OffsetDateTime updatedAt) {
        public Prescription {
            lines = List.copyOf(lines);
            alerts = List.copyOf(alerts);
        }
    }

    /** One step of a prescription's life. */
    public record HistoryEntry(OffsetDateTime at, String byName, String what) {}

    /** A prescription with its history, for GetPrescription. */
    public record Detailed(Prescription prescription, List<HistoryEntry> history) {}

    public record Summary(UUID id, Status status, String prescriberName, OffsetDateTime createdAt, Optional<OffsetDateTime> signedAt,
                          Optional<LocalDate> validUntil, String drugs, int alertCount, int overriddenCount, Optional<UUID> renewalOf) {}

    /** What the checks found for some lines, and the lines as the server read them. */
    public record Checked(List<ResolvedLine> lines, List<Alert> alerts) {}

    public record NewPrescription(Optional<UUID> requestId, UUID patientId, Optional<UUID> encounterId, List<LineInput> lines,
                                  int validDays, String note) {}

    public record DraftChanges(UUID prescriptionId, int expectedVersion, List<LineInput> lines, int validDays, String note) {}

    /** A reason to sign past one alert. */
    public record AlertOverride(String alertKey, String reason) {}

    public record Renewal(Optional<UUID> requestId, UUID prescriptionId, Optional<UUID> refillRequestId, Optional<UUID> encounterId) {}

    public record Dispense(Optional<UUID> requestId, UUID prescriptionId, UUID lineId, LocalDate dispensedOn, String quantity,
                           Optional<DispenseSource> source) {}

    /** How well one drug's dispensed supply covers the period (proportion of days covered). */
    public record Adherence(String drugName, List<String> ingredientKeys, LocalDate firstDispensedOn, LocalDate lastDispensedOn,
                            LocalDate supplyUntil, int daysCovered, int daysInPeriod, double proportionCovered, int dispenseCount) {}

    /** A patient's refill request as reception recorded it: names and what reception typed, never a drug from the chart. */
    public record RefillRequest(UUID id, UUID patientId, String patientName, String patientMrn, UUID doctorId, String doctorName,
                                String note, RefillStatus status, String requestedByName, OffsetDateTime requestedAt,
                                Optional<String> decidedByName, Optional<OffsetDateTime> decidedAt, Optional<String> declineReason,
                                Optional<UUID> renewalId, int version) {}

    public record NewRefillRequest(Optional<UUID> requestId, UUID patientId, UUID doctorId, String note) {}

    public record RefillFilter(List<RefillStatus> statuses, Optional<UUID> doctorId, Optional<UUID> patientId) {
        public RefillFilter {
            statuses = List.copyOf(statuses);
        }
    }
}
