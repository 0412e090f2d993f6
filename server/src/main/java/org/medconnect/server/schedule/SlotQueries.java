package org.medconnect.server.schedule;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.schedule.SlotFinder.SlotQuery;
import org.medconnect.shared.schedule.ScheduleRules;
import org.medconnect.shared.validation.Validation;

/**
 * The slot-search policy: a doctor or a department (not both), a type, a date range within
 * the search limit, and how many slots at most (500 unless asked, never more than 2000).
 * Service layer, so every caller of slot search gets the same rules, not just the gRPC one.
 */
public final class SlotQueries {

    static final int DEFAULT_SLOT_LIMIT = 500;
    static final int MAX_SLOT_LIMIT = 2000;

    /** A slot search as asked, field by field, before any checking; blank means "not given". */
    public record Asked(String doctorId, String departmentId, String locationId, String appointmentTypeId,
                        String fromDate, String toDate, int limit, String notBeforeTime) {}

    private SlotQueries() {}

    /** The query asked for, or every wrong field named at once. */
    public static SlotQuery from(Asked r) {
        Validation v = new Validation();
        Optional<UUID> doctor = idOrError(r.doctorId(), "doctor_id", v);
        Optional<UUID> department = idOrError(r.departmentId(), "department_id", v);
        if (r.doctorId().isBlank() && r.departmentId().isBlank()) {
            v.add("doctor_id", "Choose a doctor or a department.");
        } else if (!r.doctorId().isBlank() && !r.departmentId().isBlank()) {
            v.add("department_id", "Choose a doctor or a department, not both.");
        }
        Optional<UUID> location = idOrError(r.locationId(), "location_id", v);
        Optional<UUID> type = idOrError(r.appointmentTypeId(), "appointment_type_id", v);
        if (r.appointmentTypeId().isBlank()) {
            v.add("appointment_type_id", "Choose an appointment type.");
        }
        v.check("from_date", ScheduleRules.checkDate(r.fromDate())).check("to_date", ScheduleRules.checkDate(r.toDate()));
        Optional<LocalDate> from = ScheduleRules.parseDate(r.fromDate());
        Optional<LocalDate> to = ScheduleRules.parseDate(r.toDate());
        if (from.isPresent() && to.isPresent()) {
            v.check("to_date", ScheduleRules.checkSearchRange(from.get(), to.get()));
        }
        if (r.limit() < 0) {
            v.add("limit", "The limit cannot be negative.");
        }
        Optional<LocalTime> notBefore = Optional.empty();
        if (!r.notBeforeTime().isBlank()) {
            v.check("not_before_time", ScheduleRules.checkTime(r.notBeforeTime()));
            notBefore = ScheduleRules.parseTime(r.notBeforeTime());
        }
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
        int limit = r.limit() == 0 ? DEFAULT_SLOT_LIMIT : Math.min(r.limit(), MAX_SLOT_LIMIT);
        return new SlotQuery(doctor, department, location, type.orElseThrow(), from.orElseThrow(), to.orElseThrow(), limit, notBefore);
    }

    private static Optional<UUID> idOrError(String raw, String field, Validation v) {
        if (raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(raw.strip()));
        } catch (IllegalArgumentException e) {
            v.add(field, "This is not a valid id.");
            return Optional.empty();
        }
    }
}
