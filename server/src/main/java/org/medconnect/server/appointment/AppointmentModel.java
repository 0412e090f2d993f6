package org.medconnect.server.appointment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.medconnect.shared.appointment.StatusMoves.Status;

/** The values the appointment feature works with. */
public final class AppointmentModel {

    private AppointmentModel() {}

    /** The few facts of a patient shown next to an appointment. */
    public record PatientBrief(UUID id, String mrn, String displayName, LocalDate dateOfBirth, Optional<String> phone) {}

    /** An appointment as screens show it. */
    public record Appointment(UUID id, String reference, PatientBrief patient, UUID doctorId, String doctorName,
                              UUID locationId, String locationName, Optional<UUID> roomId, Optional<String> roomName,
                              UUID typeId, String typeName, Instant startsAt, Instant endsAt, Status status,
                              Optional<String> reason, Optional<String> videoLink, Optional<String> cancelReason,
                              Optional<String> cancelledByName, Optional<String> bookedByName,
                              Instant createdAt, Instant updatedAt, long version,
                              Optional<Integer> tokenNumber, Optional<Instant> checkedInAt, Optional<Instant> calledAt) {}

    /** What reception asks for when booking. */
    public record BookingRequest(UUID requestId, UUID patientId, UUID doctorId, UUID locationId, UUID typeId,
                                 Instant startsAt, Optional<String> reason) {}

    /** A window of appointments for a board, a day or a week. */
    public record ListQuery(Instant from, Instant to, Optional<UUID> locationId, Optional<UUID> departmentId,
                            Set<UUID> doctorIds, Optional<UUID> patientId, Set<Status> statuses) {}

    /** One change in an appointment's life. */
    public record HistoryItem(Instant occurredAt, Optional<String> actorName, String action, Optional<Status> fromStatus,
                              Optional<Status> toStatus, Optional<String> detail) {}

    public enum AbsenceMode { MOVE_TO_COLLEAGUES, CANCEL }

    /** {@code only}: when not empty, just these of the doctor's appointments in the range (e.g. those outside new hours). */
    public record AbsenceRequest(UUID doctorId, LocalDate from, LocalDate to, AbsenceMode mode, String reason, boolean dryRun,
                                 java.util.Set<UUID> only) {
        public AbsenceRequest(UUID doctorId, LocalDate from, LocalDate to, AbsenceMode mode, String reason, boolean dryRun) {
            this(doctorId, from, to, mode, reason, dryRun, java.util.Set.of());
        }
    }

    /** What happened (or would happen) to one appointment of an absent doctor. */
    public record AbsenceOutcome(Appointment appointment, boolean done, Optional<String> whyNot) {}

    public record AbsenceResult(List<AbsenceOutcome> outcomes, int moved, int cancelled, int notMoved) {}

    public enum WaitingStatus { WAITING, OFFERED, BOOKED, REMOVED }

    /** A freed slot offered to a waiting patient. */
    public record Offer(UUID doctorId, String doctorName, UUID locationId, String locationName,
                        Instant startsAt, Instant endsAt, Instant offeredAt) {}

    public record WaitingEntry(UUID id, PatientBrief patient, Optional<UUID> doctorId, Optional<String> doctorName,
                               Optional<UUID> departmentId, Optional<String> departmentName, Optional<UUID> locationId,
                               UUID typeId, String typeName, LocalDate from, LocalDate to, Optional<String> note,
                               WaitingStatus status, Optional<Offer> offer, Optional<UUID> appointmentId, Instant createdAt) {}

    public record NewWaitingEntry(UUID requestId, UUID patientId, Optional<UUID> doctorId, Optional<UUID> departmentId,
                                  Optional<UUID> locationId, UUID typeId, LocalDate from, LocalDate to, Optional<String> note) {}

    /** What kind of change an appointment event reports (the database trigger in V3 decides). */
    public enum EventKind { BOOKED, REQUESTED, CONFIRMED, DECLINED, MOVED, CANCELLED, CHECKED_IN, CALLED, COMPLETED, NO_SHOW, UPDATED }

    /**
     * One committed change: {@code sequence} is global and gapless; {@code appointment} is the
     * row as the change left it; previous_* say where a moved appointment was.
     */
    public record AppointmentEvent(long sequence, EventKind kind, Instant occurredAt, Appointment appointment,
                                   Optional<UUID> previousDoctorId, Optional<UUID> previousLocationId,
                                   Optional<Instant> previousStartsAt) {}

    /** Which events a watcher wants; empty means any. An event matches on where the appointment is or was. */
    public record WatchFilter(Optional<UUID> locationId, Set<UUID> doctorIds, Optional<Instant> from, Optional<Instant> to) {

        public WatchFilter {
            doctorIds = Set.copyOf(doctorIds);
        }

        public static WatchFilter everything() {
            return new WatchFilter(Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
        }

        public boolean matches(AppointmentEvent e) {
            Appointment a = e.appointment();
            return (locationId.isEmpty() || locationId.get().equals(a.locationId())
                            || e.previousLocationId().equals(locationId))
                    && (doctorIds.isEmpty() || doctorIds.contains(a.doctorId())
                            || e.previousDoctorId().filter(doctorIds::contains).isPresent())
                    && (inWindow(a.startsAt()) || e.previousStartsAt().filter(this::inWindow).isPresent());
        }

        private boolean inWindow(Instant t) {
            return from.map(f -> !t.isBefore(f)).orElse(true) && to.map(t::isBefore).orElse(true);
        }
    }
}
