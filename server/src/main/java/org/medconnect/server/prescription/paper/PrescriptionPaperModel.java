package org.medconnect.server.prescription.paper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The values a prescription paper is made of, and what its RPCs answer. */
public final class PrescriptionPaperModel {

    private PrescriptionPaperModel() {}

    /** As the pharmacy reads it: EXPIRED is derived from valid_until. */
    public enum Status { DRAFT, SIGNED, PARTLY_DISPENSED, DISPENSED, EXPIRED, CANCELLED }

    /** The clinic's letterhead, from the billing profile. */
    public record Clinic(String name, String address, String phone, String email) {}

    public record Doctor(UUID id, String name, String qualification, String registrationNumber) {}

    public record Patient(UUID id, String givenName, String familyName, LocalDate dateOfBirth, String mrn, Optional<String> email) {
        public String fullName() {
            return givenName.strip() + " " + familyName.strip();
        }
    }

    /** One drug as signed; route and frequency are the stored enum names. */
    public record Line(int position, String drugName, String strength, String form, String route, BigDecimal doseAmount,
                       String doseUnit, String frequency, boolean asNeeded, int durationDays, BigDecimal quantity,
                       String quantityUnit, int refills, String instructions, String warnings) {}

    public record Prescription(UUID id, UUID patientId, Status status, Optional<OffsetDateTime> signedAt,
                               Optional<LocalDate> validUntil, Optional<OffsetDateTime> cancelledAt) {}

    /** Everything printed on one prescription. */
    public record Paper(Prescription prescription, Clinic clinic, Doctor doctor, Patient patient, List<Line> lines) {}

    /** The document as issued and archived. */
    public record Archived(UUID prescriptionId, byte[] pdf, byte[] sha256, String qrPayload, String keyId, OffsetDateTime issuedAt) {}

    /** What GetPrescriptionPdf answers. */
    public record IssuedPdf(byte[] pdf, String sha256Hex, String fileName) {}

    public record Verification(boolean valid, String explanation, Optional<UUID> prescriptionId, Optional<Status> status) {}

    public record VerificationKey(String publicKeyPem, String keyId) {}

    /** An email request: sent now by SMTP, or left queued in the outbox. */
    public record EmailOutcome(String recipient, boolean sent) {}
}
