package org.medconnect.server.chart.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Value types of care plans, referrals and follow-ups. */
public final class PlanModel {

    private PlanModel() {}

    public enum CarePlanStatus { ACTIVE, COMPLETED, ENTERED_IN_ERROR }

    public enum Urgency { ROUTINE, URGENT }

    public enum ReferralStatus { SENT, ACCEPTED, COMPLETED, CANCELLED, ENTERED_IN_ERROR }

    public enum FollowUpStatus { OPEN, BOOKED, DISMISSED, ENTERED_IN_ERROR }

    /** A treatment plan as the chart shows it. */
    public record CarePlan(UUID id, UUID patientId, String title, String details, CarePlanStatus status,
                           Optional<String> errorReason, int version, String createdByName, OffsetDateTime createdAt,
                           String updatedByName, OffsetDateTime updatedAt) {}

    /** A referral to a colleague or an outside provider. */
    public record Referral(UUID id, UUID patientId, String patientName, String patientMrn, UUID fromDoctorId,
                           String fromDoctorName, Optional<UUID> toDoctorId, Optional<String> toDoctorName,
                           Optional<String> toExternal, String reason, Urgency urgency, ReferralStatus status, int version,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt, boolean hasLetter) {}

    /** A follow-up recommendation as reception books it: names, doctor, due date, an administrative note. */
    public record FollowUp(UUID id, UUID patientId, String patientName, String patientMrn, Optional<String> patientPhone,
                           UUID doctorId, String doctorName, LocalDate dueOn, Optional<String> note, FollowUpStatus status,
                           Optional<UUID> appointmentId, Optional<String> dismissReason, int version, OffsetDateTime createdAt) {}

    /** When a follow-up is due: in so many days or weeks, or on a date. */
    public sealed interface Due {
        record InDays(int days) implements Due {}

        record InWeeks(int weeks) implements Due {}

        record On(LocalDate date) implements Due {}
    }

    public record NewCarePlan(Optional<UUID> requestId, UUID patientId, String title, String details) {}

    public record CarePlanEdit(UUID carePlanId, int expectedVersion, String title, String details) {}

    public record NewColleagueReferral(Optional<UUID> requestId, UUID patientId, UUID toDoctorId, String reason, Urgency urgency) {}

    public record NewOutsideReferral(Optional<UUID> requestId, UUID patientId, String providerName, String address,
                                     String reason, Urgency urgency) {}

    public record NewFollowUp(Optional<UUID> requestId, UUID patientId, Optional<Due> due, String note) {}

    /** The referral letter, ready to save or print. */
    public record Letter(byte[] pdf, String fileName) {}

    /** One page of a list and how many there are in all. */
    public record Page<T>(List<T> items, int total, int offset) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }

    /** Who last changed an entry, for the stale-edit refusal. */
    record LastChange(String byName, OffsetDateTime at) {}

    /** What a referral letter prints about the patient and the referring doctor. */
    record LetterFacts(String clinicName, String clinicAddress, String clinicPhone, String doctorName, String patientName,
                       LocalDate dateOfBirth, String mrn, List<String> activeProblems, List<String> medications,
                       List<String> allergies) {}
}
