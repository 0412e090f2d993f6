package org.medconnect.server.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.shared.schedule.ClinicDays;
import org.medconnect.shared.schedule.ClockRange;
import org.medconnect.shared.schedule.ExceptionKind;
import org.medconnect.shared.schedule.ScheduleRules;

/** Value types of the schedule feature: where doctors work, what is booked, and when doctors are available. */
public final class ScheduleModel {

    private ScheduleModel() {}

    /** A clinic site. Retired locations stay on old appointments but take no new ones. */
    public record Location(UUID id, String name, Optional<String> address, Optional<String> phone, boolean retired) {}

    /** A consulting room at a location. */
    public record Room(UUID id, UUID locationId, String name, boolean retired) {}

    /** What an appointment is for and how long it holds the doctor. */
    public record AppointmentType(UUID id, String name, int durationMinutes, int bufferMinutes, boolean video,
                                  boolean needsConfirmation, boolean retired) {}

    /** A doctor as reception sees them, with the locations of their current weekly rules. */
    public record Doctor(UUID id, String displayName, String specialization, Optional<UUID> departmentId,
                         String departmentName, List<UUID> locationIds) {}

    /** A doctor's weekly pattern at one location, in clinic-local wall-clock times. */
    public record AvailabilityRule(UUID id, UUID doctorId, UUID locationId, String locationName, Optional<UUID> roomId,
                                   List<Integer> weekdays, ClockRange session, int slotMinutes, List<ClockRange> breaks,
                                   LocalDate validFrom, Optional<LocalDate> validTo) {
        private static final java.time.format.DateTimeFormatter IN_WORDS =
                java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);

        /**
         * True when both rules could put the doctor somewhere at the same moment: a shared
         * weekday, overlapping validity dates and overlapping hours. Touching hours are fine.
         */
        public boolean clashesWith(List<Integer> otherWeekdays, ClockRange otherSession, LocalDate otherFrom, Optional<LocalDate> otherTo) {
            boolean sharedDay = weekdays.stream().anyMatch(otherWeekdays::contains);
            boolean datesOverlap = !otherTo.map(validFrom::isAfter).orElse(false) && !validTo.map(otherFrom::isAfter).orElse(false);
            return sharedDay && datesOverlap && session.overlaps(otherSession);
        }

        /** "Riverside Clinic on Mon-Fri 09:00-17:00 (from 23 Nov 2026 to 22 Nov 2027)", for messages. */
        public String describe() {
            // Dates in words ("1 Dec 2026"): read one way whatever the clinic's numeric format (issue 11, item 9).
            return locationName + " on " + ScheduleRules.describeWeekdays(weekdays) + " " + session
                    + " (from " + IN_WORDS.format(validFrom) + validTo.map(to -> " to " + IN_WORDS.format(to)).orElse(", open-ended") + ")";
        }
    }

    /** Time off or an extra session: the absolute range and the clinic-local dates and times it was given in. */
    public record AvailabilityException(UUID id, UUID doctorId, ExceptionKind kind, LocalSpan local, Instant startsAt,
                                        Instant endsAt, Optional<UUID> locationId, Optional<UUID> roomId,
                                        Optional<Integer> slotMinutes, Optional<String> reason) {}

    /** A doctor's week: their rules and the exceptions still to come. */
    public record Availability(List<AvailabilityRule> rules, List<AvailabilityException> exceptions) {}

    /** New time off and the appointments that now fall in it (they are not cancelled). */
    public record AddedException(AvailabilityException exception, List<UUID> affectedAppointmentIds) {}

    /**
     * Clinic-local dates, with times or as whole days, and the instants they mean in the
     * clinic's zone. Whole days run from local midnight of the first day to local midnight
     * after the last, so a day when the clocks change lasts 23 or 25 hours.
     */
    public record LocalSpan(LocalDate startDate, LocalDate endDate, Optional<LocalTime> startTime, Optional<LocalTime> endTime) {

        public static LocalSpan wholeDays(LocalDate first, LocalDate last) {
            return new LocalSpan(first, last, Optional.empty(), Optional.empty());
        }

        public static LocalSpan between(LocalDate startDate, LocalTime startTime, LocalDate endDate, LocalTime endTime) {
            return new LocalSpan(startDate, endDate, Optional.of(startTime), Optional.of(endTime));
        }

        public boolean isWholeDays() {
            return startTime.isEmpty();
        }

        public Instant startsAt(ZoneId zone) {
            return startTime.map(t -> ZonedDateTime.of(startDate, t, zone))
                    .map(ZonedDateTime::toInstant).orElseGet(() -> ClinicDays.startOf(startDate, zone));
        }

        public Instant endsAt(ZoneId zone) {
            return endTime.map(t -> ZonedDateTime.of(endDate, t, zone))
                    .map(ZonedDateTime::toInstant).orElseGet(() -> ClinicDays.endOf(endDate, zone));
        }

        /** Reads stored instants back as the clinic wrote them: whole days when both fall on local midnights. */
        public static LocalSpan of(Instant start, Instant end, ZoneId zone) {
            LocalDateTime s = LocalDateTime.ofInstant(start, zone);
            LocalDateTime e = LocalDateTime.ofInstant(end, zone);
            boolean startsAtMidnight = ClinicDays.startOf(s.toLocalDate(), zone).equals(start);
            boolean endsAtMidnight = ClinicDays.startOf(e.toLocalDate(), zone).equals(end);
            if (startsAtMidnight && endsAtMidnight && e.toLocalDate().isAfter(s.toLocalDate())) {
                return wholeDays(s.toLocalDate(), e.toLocalDate().minusDays(1));
            }
            return between(s.toLocalDate(), s.toLocalTime(), e.toLocalDate(), e.toLocalTime());
        }
    }

    // ---- commands ----

    /** A new location as an admin typed it. */
    public record NewLocation(Optional<UUID> requestId, String name, String address, String phone) {}

    /** Every editable field of a location; retired true retires it, false brings it back. */
    public record LocationChanges(UUID id, String name, String address, String phone, boolean retired) {}

    public record NewRoom(Optional<UUID> requestId, UUID locationId, String name) {}

    public record RoomChanges(UUID id, String name, boolean retired) {}

    /** The fields of an appointment type as an admin typed them. */
    public record TypeFields(String name, int durationMinutes, int bufferMinutes, boolean video, boolean needsConfirmation,
                             boolean retired) {}

    public record NewType(Optional<UUID> requestId, TypeFields fields) {}

    public record TypeChanges(UUID id, TypeFields fields) {}

    /** A weekly rule to create (no rule id) or to replace (its id); times and dates as typed. */
    /** A pending or confirmed appointment that the doctor's hours no longer cover. */
    public record Stranded(UUID appointmentId, Instant startsAt, Instant endsAt, String patientName, String reference) {}

    public record RuleInput(Optional<UUID> requestId, Optional<UUID> ruleId, UUID doctorId, UUID locationId,
                            Optional<UUID> roomId, List<Integer> weekdays, String startTime, String endTime, int slotMinutes,
                            List<ScheduleRules.BreakDraft> breaks, String validFrom, String validTo) {}

    /** Time off or an extra session as typed; see {@link ScheduleRules#checkException}. */
    public record ExceptionInput(Optional<UUID> requestId, UUID doctorId, Optional<ExceptionKind> kind, String startDate,
                                 String endDate, String startTime, String endTime, Optional<UUID> locationId,
                                 Optional<UUID> roomId, int slotMinutes, String reason) {}
}
