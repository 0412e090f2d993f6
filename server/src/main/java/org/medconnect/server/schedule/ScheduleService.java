package org.medconnect.server.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.schedule.AvailabilityRepository.ExceptionRow;
import org.medconnect.server.schedule.AvailabilityRepository.RuleRow;
import org.medconnect.server.schedule.DoctorDirectoryRepository.DoctorAccount;
import org.medconnect.server.schedule.ScheduleModel.AddedException;
import org.medconnect.server.schedule.ScheduleModel.AppointmentType;
import org.medconnect.server.schedule.ScheduleModel.Availability;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityException;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityRule;
import org.medconnect.server.schedule.ScheduleModel.Doctor;
import org.medconnect.server.schedule.ScheduleModel.ExceptionInput;
import org.medconnect.server.schedule.ScheduleModel.LocalSpan;
import org.medconnect.server.schedule.ScheduleModel.Location;
import org.medconnect.server.schedule.ScheduleModel.LocationChanges;
import org.medconnect.server.schedule.ScheduleModel.NewLocation;
import org.medconnect.server.schedule.ScheduleModel.NewRoom;
import org.medconnect.server.schedule.ScheduleModel.NewType;
import org.medconnect.server.schedule.ScheduleModel.Room;
import org.medconnect.server.schedule.ScheduleModel.RoomChanges;
import org.medconnect.server.schedule.ScheduleModel.RuleInput;
import org.medconnect.server.schedule.ScheduleModel.TypeChanges;
import org.medconnect.server.schedule.ScheduleModel.TypeFields;
import org.medconnect.shared.schedule.ClockRange;
import org.medconnect.shared.schedule.ExceptionKind;
import org.medconnect.shared.schedule.ScheduleRules;
import org.medconnect.shared.validation.FieldError;
import org.medconnect.shared.validation.Validation;

/**
 * Locations, rooms, appointment types and doctors' availability: the rules the clinic
 * schedules under. Each change is one transaction that also writes its audit entry.
 * Admins manage locations, rooms and types (the access policy sees to that); admins and
 * receptionists edit any doctor's availability, a doctor only their own (checked here,
 * because the policy cannot see whose availability a request touches).
 */
public final class ScheduleService {

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    public ScheduleService(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    /** The clinic's time zone: every local date and time in this feature is on its wall clock. */
    public ZoneId zone() {
        return zone;
    }

    /** Today on the clinic's wall clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    // ---- locations ----

    public Location createLocation(Principal actor, NewLocation l) {
        Optional<UUID> earlier = l.requestId().flatMap(r -> new LocationRepository(dsl).findIdByRequestId(r));
        if (earlier.isPresent()) {
            return getLocation(earlier.get());
        }
        checkLocation(l.name(), l.address(), l.phone());
        OffsetDateTime now = now();
        UUID id = insertOnce(l.requestId(), "location_request_id_key", tx -> new LocationRepository(tx).findIdByRequestId(l.requestId().get()), tx -> {
            UUID newId = new LocationRepository(tx).insert(l.requestId().orElse(null), l.name().strip(), blankToNull(l.address()), blankToNull(l.phone()));
            AuditTrail.in(tx).record(actor.userId(), "LOCATION_CREATED", "location", newId, l.name().strip(), now);
            return newId;
        });
        return getLocation(id);
    }

    public Location updateLocation(Principal actor, LocationChanges c) {
        Location before = getLocation(c.id());
        checkLocation(c.name(), c.address(), c.phone());
        OffsetDateTime now = now();
        run(tx -> {
            new LocationRepository(tx).update(c.id(), c.name().strip(), blankToNull(c.address()), blankToNull(c.phone()), c.retired());
            AuditTrail.in(tx).record(actor.userId(), auditAction("LOCATION", before.retired(), c.retired()), "location", c.id(),
                    renamed(before.name(), c.name()), now);
            return null;
        });
        return getLocation(c.id());
    }

    public List<Location> listLocations(boolean includeRetired) {
        return new LocationRepository(dsl).list(includeRetired);
    }

    public Location getLocation(UUID id) {
        return new LocationRepository(dsl).find(id).orElseThrow(() -> new DomainException.NotFound("That location does not exist."));
    }

    // ---- rooms ----

    public Room createRoom(Principal actor, NewRoom r) {
        Optional<UUID> earlier = r.requestId().flatMap(req -> new RoomRepository(dsl).findIdByRequestId(req));
        if (earlier.isPresent()) {
            return getRoom(earlier.get());
        }
        require("name", ScheduleRules.checkRoomName(r.name()));
        Location location = new LocationRepository(dsl).find(r.locationId())
                .orElseThrow(() -> DomainException.InvalidInput.of("location_id", "That location does not exist."));
        if (location.retired()) {
            throw DomainException.InvalidInput.of("location_id", location.name() + " is retired; it takes no new rooms.");
        }
        OffsetDateTime now = now();
        UUID id = insertOnce(r.requestId(), "room_request_id_key", tx -> new RoomRepository(tx).findIdByRequestId(r.requestId().get()), tx -> {
            UUID newId = new RoomRepository(tx).insert(r.requestId().orElse(null), r.locationId(), r.name().strip());
            AuditTrail.in(tx).record(actor.userId(), "ROOM_CREATED", "room", newId, location.name() + ": " + r.name().strip(), now);
            return newId;
        });
        return getRoom(id);
    }

    public Room updateRoom(Principal actor, RoomChanges c) {
        Room before = getRoom(c.id());
        require("name", ScheduleRules.checkRoomName(c.name()));
        OffsetDateTime now = now();
        run(tx -> {
            new RoomRepository(tx).update(c.id(), c.name().strip(), c.retired());
            AuditTrail.in(tx).record(actor.userId(), auditAction("ROOM", before.retired(), c.retired()), "room", c.id(),
                    renamed(before.name(), c.name()), now);
            return null;
        });
        return getRoom(c.id());
    }

    /** Rooms of one location or of all, by location and name. */
    public List<Room> listRooms(Optional<UUID> locationId, boolean includeRetired) {
        return new RoomRepository(dsl).list(locationId, includeRetired);
    }

    public Room getRoom(UUID id) {
        return new RoomRepository(dsl).find(id).orElseThrow(() -> new DomainException.NotFound("That room does not exist."));
    }

    // ---- appointment types ----

    public AppointmentType createType(Principal actor, NewType t) {
        Optional<UUID> earlier = t.requestId().flatMap(req -> new AppointmentTypeRepository(dsl).findIdByRequestId(req));
        if (earlier.isPresent()) {
            return getType(earlier.get());
        }
        checkType(t.fields());
        OffsetDateTime now = now();
        UUID id = insertOnce(t.requestId(), "appointment_type_request_id_key",
                tx -> new AppointmentTypeRepository(tx).findIdByRequestId(t.requestId().get()), tx -> {
                    UUID newId = new AppointmentTypeRepository(tx).insert(t.requestId().orElse(null), t.fields());
                    AuditTrail.in(tx).record(actor.userId(), "APPOINTMENT_TYPE_CREATED", "appointment_type", newId,
                            describe(t.fields()), now);
                    return newId;
                });
        return getType(id);
    }

    /** Changes apply to new bookings only: appointments keep the times they were booked with. */
    public AppointmentType updateType(Principal actor, TypeChanges c) {
        AppointmentType before = getType(c.id());
        checkType(c.fields());
        OffsetDateTime now = now();
        run(tx -> {
            new AppointmentTypeRepository(tx).update(c.id(), c.fields());
            AuditTrail.in(tx).record(actor.userId(), auditAction("APPOINTMENT_TYPE", before.retired(), c.fields().retired()),
                    "appointment_type", c.id(), describe(c.fields()), now);
            return null;
        });
        return getType(c.id());
    }

    public List<AppointmentType> listTypes(boolean includeRetired) {
        return new AppointmentTypeRepository(dsl).list(includeRetired);
    }

    public AppointmentType getType(UUID id) {
        return new AppointmentTypeRepository(dsl).find(id)
                .orElseThrow(() -> new DomainException.NotFound("That appointment type does not exist."));
    }

    // ---- doctors ----

    /** Active doctors by name, optionally of one department or currently working at one location. */
    public List<Doctor> listDoctors(Optional<UUID> departmentId, Optional<UUID> locationId) {
        return new DoctorDirectoryRepository(dsl).list(departmentId, locationId, today());
    }

    // ---- availability ----

    /** The doctor's rules that have not ended, and the exceptions that end today or later. */
    public Availability getAvailability(UUID doctorId) {
        new DoctorDirectoryRepository(dsl).findDoctor(doctorId)
                .orElseThrow(() -> new DomainException.NotFound("That doctor does not exist."));
        LocalDate today = today();
        var repository = new AvailabilityRepository(dsl);
        List<AvailabilityRule> rules = repository.rulesOf(doctorId, Optional.of(today));
        List<AvailabilityException> exceptions = repository.exceptionsOf(doctorId, today.atStartOfDay(zone).toInstant())
                .stream().map(this::toException).toList();
        return new Availability(rules, exceptions);
    }

    /**
     * The doctor's rules valid on any day of {@code first..last} and the exceptions overlapping those
     * days, past ones included: what reports need to know how much time the doctor offered.
     */
    public Availability availabilityBetween(UUID doctorId, LocalDate first, LocalDate last) {
        var repository = new AvailabilityRepository(dsl);
        List<AvailabilityRule> rules = repository.rulesOf(doctorId, Optional.of(first)).stream()
                .filter(r -> !r.validFrom().isAfter(last)).toList();
        java.time.Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        List<AvailabilityException> exceptions = repository.exceptionsOf(doctorId, first.atStartOfDay(zone).toInstant())
                .stream().map(this::toException).filter(e -> e.startsAt().isBefore(end)).toList();
        return new Availability(rules, exceptions);
    }

    public AvailabilityRule getRule(UUID ruleId) {
        return new AvailabilityRepository(dsl).findRule(ruleId)
                .orElseThrow(() -> new DomainException.NotFound("That availability rule does not exist."));
    }

    /**
     * Creates a weekly rule (no rule id) or replaces one. Refused with AVAILABILITY_OVERLAP
     * when the doctor already has a rule on a shared weekday, in overlapping dates, at
     * overlapping hours: a doctor cannot be in two places at once.
     */
    public AvailabilityRule saveRule(Principal actor, RuleInput in) {
        checkMayChangeAvailability(actor, in.doctorId());
        if (in.ruleId().isEmpty() && in.requestId().isPresent()) {
            Optional<UUID> earlier = new AvailabilityRepository(dsl).findRuleIdByRequestId(in.requestId().get());
            if (earlier.isPresent()) {
                AvailabilityRule rule = getRule(earlier.get());
                checkMayChangeAvailability(actor, rule.doctorId());
                return rule;
            }
        }
        List<FieldError> problems = prefixed("rule.", ScheduleRules.checkWeeklyRule(new ScheduleRules.WeeklyRuleDraft(
                in.weekdays(), in.startTime(), in.endTime(), in.slotMinutes(), in.breaks(), in.validFrom(), in.validTo())));
        if (!problems.isEmpty()) {
            throw new DomainException.InvalidInput(problems);
        }
        RuleRow row = new RuleRow(in.doctorId(), in.locationId(), in.roomId(), ScheduleRules.normalizeWeekdays(in.weekdays()),
                new ClockRange(ScheduleRules.parseTime(in.startTime()).orElseThrow(), ScheduleRules.parseTime(in.endTime()).orElseThrow()),
                in.slotMinutes(), ScheduleRules.parseDate(in.validFrom()).orElseThrow(), ScheduleRules.parseDate(in.validTo()));
        List<ClockRange> breaks = in.breaks().stream()
                .map(b -> new ClockRange(ScheduleRules.parseTime(b.startTime()).orElseThrow(), ScheduleRules.parseTime(b.endTime()).orElseThrow()))
                .sorted(ScheduleRules.BY_START).toList();
        OffsetDateTime now = now();
        UUID id = insertOnce(in.ruleId().isEmpty() ? in.requestId() : Optional.empty(), "availability_rule_request_id_key",
                tx -> new AvailabilityRepository(tx).findRuleIdByRequestId(in.requestId().get()), tx -> {
                    var availability = new AvailabilityRepository(tx);
                    if (in.ruleId().isPresent()) {
                        AvailabilityRule existing = availability.findRule(in.ruleId().get())
                                .orElseThrow(() -> new DomainException.NotFound("That availability rule does not exist."));
                        checkMayChangeAvailability(actor, existing.doctorId());
                        if (!existing.doctorId().equals(in.doctorId())) {
                            throw DomainException.InvalidInput.of("rule.doctor_id",
                                    "A rule stays with its doctor; add a new rule for the other doctor instead.");
                        }
                    }
                    DoctorAccount doctor = activeDoctor(tx, in.doctorId(), "rule.doctor_id");
                    Location location = openLocation(tx, in.locationId(), "rule.location_id");
                    in.roomId().ifPresent(roomId -> openRoom(tx, roomId, location, "rule.room_id"));

                    availability.lockDoctor(in.doctorId());
                    for (AvailabilityRule other : availability.rulesOf(in.doctorId(), Optional.empty())) {
                        if (!in.ruleId().equals(Optional.of(other.id()))
                                && other.clashesWith(row.weekdays(), row.session(), row.validFrom(), row.validTo())) {
                            throw new DomainException.FailedPrecondition("AVAILABILITY_OVERLAP", doctor.displayName()
                                    + " already works at " + other.describe() + ". A doctor cannot be in two places at once.");
                        }
                    }
                    UUID ruleId;
                    if (in.ruleId().isPresent()) {
                        ruleId = in.ruleId().get();
                        availability.deleteBreaks(ruleId);
                        availability.updateRule(ruleId, row);
                    } else {
                        ruleId = availability.insertRule(in.requestId().orElse(null), row);
                    }
                    availability.insertBreaks(ruleId, breaks);
                    AuditTrail.in(tx).record(actor.userId(), "AVAILABILITY_RULE_SAVED", "availability_rule", ruleId,
                            "doctor " + in.doctorId() + ": " + location.name() + " " + ScheduleRules.describeWeekdays(row.weekdays())
                                    + " " + row.session() + " from " + row.validFrom() + row.validTo().map(to -> " to " + to).orElse(""), now);
                    return ruleId;
                });
        return getRule(id);
    }

    /** Removes a weekly rule. Appointments already booked in it stay. */
    public void deleteRule(Principal actor, UUID ruleId) {
        AvailabilityRule rule = getRule(ruleId);
        checkMayChangeAvailability(actor, rule.doctorId());
        OffsetDateTime now = now();
        run(tx -> {
            new AvailabilityRepository(tx).deleteRule(ruleId);
            AuditTrail.in(tx).record(actor.userId(), "AVAILABILITY_RULE_DELETED", "availability_rule", ruleId,
                    "doctor " + rule.doctorId() + ": " + rule.describe(), now);
            return null;
        });
    }

    /**
     * Adds time off or an extra session. Clinic-local dates and times become instants in
     * the clinic's zone. Time off cancels nothing: the answer lists the appointments that
     * now fall in it, for reception to move or cancel.
     */
    public AddedException addException(Principal actor, ExceptionInput in) {
        checkMayChangeAvailability(actor, in.doctorId());
        var repository = new AvailabilityRepository(dsl);
        if (in.requestId().isPresent()) {
            Optional<ExceptionRow> earlier = repository.findExceptionIdByRequestId(in.requestId().get()).flatMap(repository::findException);
            if (earlier.isPresent()) {
                checkMayChangeAvailability(actor, earlier.get().doctorId());
                return added(repository, earlier.get());
            }
        }
        List<FieldError> problems = prefixed("exception.", ScheduleRules.checkException(new ScheduleRules.ExceptionDraft(
                in.kind(), in.startDate(), in.endDate(), in.startTime(), in.endTime(), in.locationId().isPresent(),
                in.slotMinutes(), in.reason())));
        if (!problems.isEmpty()) {
            throw new DomainException.InvalidInput(problems);
        }
        ExceptionKind kind = in.kind().orElseThrow();
        LocalDate startDate = ScheduleRules.parseDate(in.startDate()).orElseThrow();
        LocalDate endDate = ScheduleRules.parseDate(in.endDate()).orElse(startDate);
        Optional<LocalTime> startTime = ScheduleRules.parseTime(in.startTime());
        LocalSpan span = startTime.isEmpty() ? LocalSpan.wholeDays(startDate, endDate)
                : LocalSpan.between(startDate, startTime.get(), endDate, ScheduleRules.parseTime(in.endTime()).orElseThrow());
        Instant startsAt = span.startsAt(zone);
        Instant endsAt = span.endsAt(zone);
        if (!endsAt.isAfter(startsAt)) {
            // Only when the clocks change inside the range, e.g. 02:30-03:00 on the spring-forward night.
            throw DomainException.InvalidInput.of("exception.end_time", "That time does not exist on " + endDate + ": the clocks change.");
        }
        boolean extra = kind == ExceptionKind.EXTRA_SESSION;
        OffsetDateTime now = now();
        UUID id = insertOnce(in.requestId(), "availability_exception_request_id_key",
                tx -> new AvailabilityRepository(tx).findExceptionIdByRequestId(in.requestId().get()), tx -> {
                    activeDoctor(tx, in.doctorId(), "exception.doctor_id");
                    Optional<UUID> locationId = Optional.empty();
                    Optional<UUID> roomId = Optional.empty();
                    if (extra) {
                        Location location = openLocation(tx, in.locationId().orElseThrow(), "exception.location_id");
                        in.roomId().ifPresent(r -> openRoom(tx, r, location, "exception.room_id"));
                        locationId = Optional.of(location.id());
                        roomId = in.roomId();
                    }
                    ExceptionRow row = new ExceptionRow(null, in.doctorId(), kind, startsAt, endsAt, locationId, roomId,
                            extra ? Optional.of(in.slotMinutes()) : Optional.empty(), Optional.ofNullable(blankToNull(in.reason())));
                    UUID newId = new AvailabilityRepository(tx).insertException(in.requestId().orElse(null), row, actor.userId(), now);
                    // The reason may be personal: the audit names the doctor and the time only.
                    AuditTrail.in(tx).record(actor.userId(), extra ? "EXTRA_SESSION_ADDED" : "TIME_OFF_ADDED",
                            "availability_exception", newId, "doctor " + in.doctorId() + ": " + startsAt + " to " + endsAt, now);
                    return newId;
                });
        return added(repository, repository.findException(id).orElseThrow());
    }

    public void removeException(Principal actor, UUID exceptionId) {
        ExceptionRow row = new AvailabilityRepository(dsl).findException(exceptionId)
                .orElseThrow(() -> new DomainException.NotFound("That time off or extra session does not exist."));
        checkMayChangeAvailability(actor, row.doctorId());
        OffsetDateTime now = now();
        run(tx -> {
            new AvailabilityRepository(tx).deleteException(exceptionId);
            AuditTrail.in(tx).record(actor.userId(), row.kind() == ExceptionKind.TIME_OFF ? "TIME_OFF_REMOVED" : "EXTRA_SESSION_REMOVED",
                    "availability_exception", exceptionId, "doctor " + row.doctorId() + ": " + row.startsAt() + " to " + row.endsAt(), now);
            return null;
        });
    }

    // ---- helpers ----

    /** Admins and receptionists manage every doctor's availability; a doctor only their own. */
    private static void checkMayChangeAvailability(Principal actor, UUID doctorId) {
        switch (actor.role()) {
            case ADMIN, RECEPTIONIST -> { }
            case DOCTOR -> {
                if (!doctorId.equals(actor.userId())) {
                    throw new DomainException.PermissionDenied("Doctors can change only their own availability.");
                }
            }
        }
    }

    private AddedException added(AvailabilityRepository repository, ExceptionRow row) {
        List<UUID> affected = row.kind() == ExceptionKind.TIME_OFF
                ? repository.appointmentsHoldingTime(row.doctorId(), row.startsAt(), row.endsAt()) : List.of();
        return new AddedException(toException(row), affected);
    }

    private AvailabilityException toException(ExceptionRow r) {
        return new AvailabilityException(r.id(), r.doctorId(), r.kind(), LocalSpan.of(r.startsAt(), r.endsAt(), zone), r.startsAt(),
                r.endsAt(), r.locationId(), r.roomId(), r.slotMinutes(), r.reason());
    }

    private static DoctorAccount activeDoctor(DSLContext tx, UUID doctorId, String field) {
        DoctorAccount doctor = new DoctorDirectoryRepository(tx).findDoctor(doctorId)
                .orElseThrow(() -> DomainException.InvalidInput.of(field, "Choose a doctor; that account is not a doctor's."));
        if (!doctor.active()) {
            throw DomainException.InvalidInput.of(field, doctor.displayName() + "'s account is deactivated.");
        }
        return doctor;
    }

    private static Location openLocation(DSLContext tx, UUID locationId, String field) {
        Location location = new LocationRepository(tx).find(locationId)
                .orElseThrow(() -> DomainException.InvalidInput.of(field, "That location does not exist."));
        if (location.retired()) {
            throw DomainException.InvalidInput.of(field, location.name() + " is retired; choose another location.");
        }
        return location;
    }

    private static void openRoom(DSLContext tx, UUID roomId, Location location, String field) {
        Room room = new RoomRepository(tx).find(roomId)
                .orElseThrow(() -> DomainException.InvalidInput.of(field, "That room does not exist."));
        if (!room.locationId().equals(location.id())) {
            throw DomainException.InvalidInput.of(field, room.name() + " is not at " + location.name() + ".");
        }
        if (room.retired()) {
            throw DomainException.InvalidInput.of(field, room.name() + " is retired; choose another room.");
        }
    }

    private static void checkLocation(String name, String address, String phone) {
        Validation v = new Validation()
                .check("name", ScheduleRules.checkLocationName(name))
                .check("address", ScheduleRules.checkAddress(address))
                .check("phone", ScheduleRules.checkPhone(phone));
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
    }

    private static void checkType(TypeFields t) {
        Validation v = new Validation()
                .check("type.name", ScheduleRules.checkTypeName(t.name()))
                .check("type.duration_minutes", ScheduleRules.checkDurationMinutes(t.durationMinutes()))
                .check("type.buffer_minutes", ScheduleRules.checkBufferMinutes(t.bufferMinutes()));
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
    }

    /** Inserts in one transaction; a lost race with a retry of the same request returns the first result. */
    private UUID insertOnce(Optional<UUID> requestId, String requestIdConstraint, Function<DSLContext, Optional<UUID>> byRequestId,
                            Function<DSLContext, UUID> insert) {
        return InsertOnce.insert(dsl, requestId, requestIdConstraint, id -> byRequestId.apply(dsl), insert, ScheduleService::translate);
    }

    private <T> T run(Function<DSLContext, T> work) {
        try {
            return dsl.transactionResult(cfg -> work.apply(cfg.dsl()));
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(DataAccessException e) {
        Optional<String> unique = Constraints.violated(e, Constraints.UNIQUE_VIOLATION);
        if (unique.isPresent()) {
            return switch (unique.get()) {
                case "location_name_key" -> new DomainException.Conflict("name", "A location with that name already exists.");
                case "room_name_key" -> new DomainException.Conflict("name", "That location already has a room with that name.");
                case "appointment_type_name_key" -> new DomainException.Conflict("type.name", "An appointment type with that name already exists.");
                default -> e;
            };
        }
        return e;
    }

    private static List<FieldError> prefixed(String prefix, List<FieldError> errors) {
        List<FieldError> out = new ArrayList<>();
        errors.forEach(e -> out.add(new FieldError(prefix + e.field(), e.message())));
        return out;
    }

    /** X_UPDATED, or X_RETIRED / X_RESTORED when the change retires or brings it back. */
    private static String auditAction(String what, boolean wasRetired, boolean retired) {
        if (wasRetired == retired) {
            return what + "_UPDATED";
        }
        return what + (retired ? "_RETIRED" : "_RESTORED");
    }

    private static String renamed(String before, String after) {
        return before.equals(after.strip()) ? before : before + " -> " + after.strip();
    }

    private static String describe(TypeFields t) {
        return t.name().strip() + " " + t.durationMinutes() + "+" + t.bufferMinutes() + " min";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static void require(String field, Optional<String> problem) {
        problem.ifPresent(p -> {
            throw DomainException.InvalidInput.of(field, p);
        });
    }
}
