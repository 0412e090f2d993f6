package org.medconnect.server.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.server.appointment.AppointmentModel.Appointment;

/** The values the check-in queue works with. */
public final class QueueModel {

    private QueueModel() {}

    /** One recorded reorder; places count the waiting patients from 1. */
    public record Reorder(Instant occurredAt, String actorName, UUID appointmentId, int tokenNumber, int fromPlace, int toPlace,
                          String reason) {}

    /**
     * A doctor's queue for one clinic day, as the caller may see it (the front desk gets no
     * reason for visit: {@code showsReasons} is false and the appointments carry none).
     */
    public record DoctorQueue(UUID doctorId, String doctorName, LocalDate day, Optional<Appointment> serving,
                              List<Appointment> waiting, List<Reorder> reorders, int lastToken, boolean showsReasons) {}

    /** The patient just called in, and what to announce. */
    public record Called(Appointment appointment, int tokenNumber, Optional<String> roomName) {
        public String announcement() {
            return "Token " + tokenNumber + roomName.map(r -> ", please go to " + r).orElse(", please come in");
        }
    }

    public record ReorderResult(List<Appointment> waiting, Reorder reorder) {}

    /** One doctor on the waiting-room board: tokens, doctor and room, nothing about patients. */
    public record BoardDoctor(UUID doctorId, String doctorName, Optional<String> roomName, Optional<Integer> servingToken,
                              List<Integer> nextTokens, int waitingCount) {}

    public record Board(UUID locationId, String locationName, LocalDate day, List<BoardDoctor> doctors, Instant generatedAt) {}
}
