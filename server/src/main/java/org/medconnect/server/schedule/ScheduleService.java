package org.medconnect.server.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.schedule.AvailabilityRepository.ExceptionRow;
import org.medconnect.server.schedule.AvailabilityRepository.RuleRow;
import org.medconnect.server.schedule.DoctorDirectoryRepository.DoctorAccount;
import org.medconnect.server.schedule.ScheduleModel.AddedException;
import org.medconnect.server.schedule.ScheduleModel.Availability;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityException;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityRule;
import org.medconnect.server.schedule.ScheduleModel.ExceptionInput;
import org.medconnect.server.schedule.ScheduleModel.LocalSpan;
import org.medconnect.server.schedule.ScheduleModel.Location;
import org.medconnect.server.schedule.ScheduleModel.Room;
import org.medconnect.server.schedule.ScheduleModel.RuleInput;
import org.medconnect.shared.schedule.ClockRange;
import org.medconnect.shared.schedule.ExceptionKind;
import org.medconnect.shared.schedule.ScheduleRules;
import org.medconnect.shared.validation.FieldError;

/**
 * Doctors' availability: weekly rules, time off and extra sessions, on the clinic's wall
 * clock. Each change is one transaction that also writes its audit entry. Admins and
 * receptionists edit any doctor's availability, a doctor only their own (checked here,
 * because the policy cannot see whose availability a request touches). Locations, rooms,
 * appointment types and the doctor list are {@link ClinicSetupService}'s.
 */
public final class ScheduleService {

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;
    private final ScheduleTransactions transactions;

    public ScheduleService(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
        this.transactions = new ScheduleTransactions(dsl, clock, zone);
    }

    /** The clinic's time zone: every local date and time in this feature is on its wall clock. */
    public ZoneId zone() {
        return zone;
    }

    /** Today on the clinic's wall clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
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
        return availabilityBetween(List.of(doctorId), first, last).get(doctorId);
    }

    /**
     * {@link #availabilityBetween(UUID, LocalDate, LocalDate)} for several doctors in three queries
     * whatever their number (the utilisation report asks for the whole clinic); every doctor asked
     * for has an entry, empty when they offered no time.
     */
    public Map<UUID, Availability> availabilityBetween(Collection<UUID> doctorIds, LocalDate first, LocalDate last) {
        var repository = new AvailabilityRepository(dsl);
        Map<UUID, List<AvailabilityRule>> rules = new HashMap<>();
        Map<UUID, List<AvailabilityException>> exceptions = new HashMap<>();
        if (!doctorIds.isEmpty()) {
            for (AvailabilityRule r : repository.rulesOf(doctorIds, first)) {
                if (!r.validFrom().isAfter(last)) {
                    rules.computeIfAbsent(r.doctorId(), d -> new ArrayList<>()).add(r);
                }
            }
            java.time.Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
            for (var row : repository.exceptionsOf(doctorIds, first.atStartOfDay(zone).toInstant())) {
                AvailabilityException e = toException(row);
                if (e.startsAt().isBefore(end)) {
                    exceptions.computeIfAbsent(row.doctorId(), d -> new ArrayList<>()).add(e);
                }
            }
        }
        Map<UUID, Availability> out = new HashMap<>();
        for (UUID id : doctorIds) {
            out.put(id, new Availability(List.copyOf(rules.getOrDefault(id, List.of())),
                    List.copyOf(exceptions.getOrDefault(id, List.of()))));
        }
        return out;
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

    /** How far ahead a change of hours is checked for stranded appointments. */
    static final java.time.Period STRANDED_HORIZON = java.time.Period.ofDays(366);

    /**
     * The doctor's pending and confirmed appointments from now on that no weekly rule or extra
     * session of theirs covers any more (at the appointment's location, outside breaks):
     * what a change of hours leaves stranded, to list and offer the absence move for
     * (issue 11 item 12). Appointments in time off are reported when the time off is added.
     */
    public List<ScheduleModel.Stranded> strandedAppointments(UUID doctorId) {
        Instant now = clock.instant();
        Instant until = now.atZone(zone).plus(STRANDED_HORIZON).toInstant();
        AvailabilityRepository repo = new AvailabilityRepository(dsl);
        List<AvailabilityRule> rules = repo.rulesOf(doctorId, Optional.empty());
        List<AvailabilityRepository.ExceptionRow> extras = repo.exceptionsOf(doctorId, now).stream()
                .filter(e -> e.kind() == ExceptionKind.EXTRA_SESSION).toList();
        List<ScheduleModel.Stranded> out = new java.util.ArrayList<>();
        for (AvailabilityRepository.Booked b : repo.changeableAppointments(doctorId, now, until)) {
            if (!covered(b, rules, extras)) {
                out.add(new ScheduleModel.Stranded(b.id(), b.startsAt(), b.endsAt(), b.patientName(), b.reference()));
            }
        }
        return out;
    }

    private boolean covered(AvailabilityRepository.Booked b, List<AvailabilityRule> rules,
                            List<AvailabilityRepository.ExceptionRow> extras) {
        for (AvailabilityRepository.ExceptionRow e : extras) {
            if (e.locationId().map(b.locationId()::equals).orElse(true) && !b.startsAt().isBefore(e.startsAt())
                    && !b.endsAt().isAfter(e.endsAt())) {
                return true;
            }
        }
        java.time.ZonedDateTime start = b.startsAt().atZone(zone);
        LocalDate day = start.toLocalDate();
        java.time.LocalTime from = start.toLocalTime();
        java.time.ZonedDateTime endZoned = b.endsAt().atZone(zone);
        java.time.LocalTime to = endZoned.toLocalDate().isAfter(day) ? java.time.LocalTime.MAX : endZoned.toLocalTime();
        ClockRange visit = new ClockRange(from, to);
        for (AvailabilityRule r : rules) {
            boolean applies = r.locationId().equals(b.locationId()) && r.weekdays().contains(day.getDayOfWeek().getValue())
                    && !day.isBefore(r.validFrom()) && r.validTo().map(t -> !day.isAfter(t)).orElse(true);
            if (applies && !from.isBefore(r.session().start()) && !to.isAfter(r.session().end())
                    && r.breaks().stream().noneMatch(visit::overlaps)) {
                return true;
            }
        }
        return false;
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
            case NURSE -> throw new DomainException.PermissionDenied("Nurses cannot change availability.");
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

    private UUID insertOnce(Optional<UUID> requestId, String requestIdConstraint, Function<DSLContext, Optional<UUID>> byRequestId,
                            Function<DSLContext, UUID> insert) {
        return transactions.insertOnce(requestId, requestIdConstraint, byRequestId, insert);
    }

    private <T> T run(Function<DSLContext, T> work) {
        return transactions.run(work);
    }

    private static List<FieldError> prefixed(String prefix, List<FieldError> errors) {
        List<FieldError> out = new ArrayList<>();
        errors.forEach(e -> out.add(new FieldError(prefix + e.field(), e.message())));
        return out;
    }

    private static String blankToNull(String s) {
        return ScheduleTransactions.blankToNull(s);
    }

    private OffsetDateTime now() {
        return transactions.now();
    }
}
