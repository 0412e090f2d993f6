package org.medconnect.server.schedule;

import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.AVAILABILITY_BREAK;
import static org.medconnect.server.db.Tables.AVAILABILITY_EXCEPTION;
import static org.medconnect.server.db.Tables.AVAILABILITY_RULE;
import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.PATIENT;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.medconnect.server.db.tables.records.AvailabilityExceptionRecord;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityRule;
import org.medconnect.shared.appointment.StatusMoves.Status;
import org.medconnect.shared.schedule.ClockRange;
import org.medconnect.shared.schedule.ExceptionKind;
import org.medconnect.shared.schedule.ScheduleRules;

/** Doctors' weekly rules with their breaks, and their time off and extra sessions. */
final class AvailabilityRepository {

    /**
     * Appointments an availability change affects: those that hold the doctor's time (the shared
     * rule) and have not started yet (a consultation under way or done is not moved by a rule).
     */
    private static final List<String> HOLDING_TIME = Arrays.stream(Status.values())
            .filter(s -> s.holdsTime() && s != Status.IN_CONSULTATION && s != Status.COMPLETED).map(Enum::name).toList();

    /** The stored fields of a weekly rule. */
    record RuleRow(UUID doctorId, UUID locationId, Optional<UUID> roomId, List<Integer> weekdays, ClockRange session,
                   int slotMinutes, LocalDate validFrom, Optional<LocalDate> validTo) {}

    /** A stored exception, in absolute time. */
    record ExceptionRow(UUID id, UUID doctorId, ExceptionKind kind, Instant startsAt, Instant endsAt, Optional<UUID> locationId,
                        Optional<UUID> roomId, Optional<Integer> slotMinutes, Optional<String> reason) {}

    private final DSLContext dsl;

    AvailabilityRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Serializes changes to one doctor's availability until the transaction ends, so two
     * workstations saving clashing rules at the same moment cannot both pass the overlap
     * check. An advisory lock, so bookings (which only read the doctor row) are not held up.
     */
    void lockDoctor(UUID doctorId) {
        dsl.fetchValue("select count(*) from (select pg_advisory_xact_lock(hashtextextended(?, 0))) l",
                "availability:" + doctorId);
    }

    // ---- weekly rules ----

    UUID insertRule(UUID requestId, RuleRow r) {
        return dsl.insertInto(AVAILABILITY_RULE)
                .set(AVAILABILITY_RULE.REQUEST_ID, requestId)
                .set(AVAILABILITY_RULE.DOCTOR_ID, r.doctorId())
                .set(AVAILABILITY_RULE.LOCATION_ID, r.locationId())
                .set(AVAILABILITY_RULE.ROOM_ID, r.roomId().orElse(null))
                .set(AVAILABILITY_RULE.WEEKDAYS, weekdays(r.weekdays()))
                .set(AVAILABILITY_RULE.START_TIME, r.session().start())
                .set(AVAILABILITY_RULE.END_TIME, r.session().end())
                .set(AVAILABILITY_RULE.SLOT_MINUTES, r.slotMinutes())
                .set(AVAILABILITY_RULE.VALID_FROM, r.validFrom())
                .set(AVAILABILITY_RULE.VALID_TO, r.validTo().orElse(null))
                .returning(AVAILABILITY_RULE.ID)
                .fetchSingle(AVAILABILITY_RULE.ID);
    }

    /** Replaces every field but the doctor (a rule stays with its doctor) and the request id. */
    void updateRule(UUID id, RuleRow r) {
        dsl.update(AVAILABILITY_RULE)
                .set(AVAILABILITY_RULE.LOCATION_ID, r.locationId())
                .set(AVAILABILITY_RULE.ROOM_ID, r.roomId().orElse(null))
                .set(AVAILABILITY_RULE.WEEKDAYS, weekdays(r.weekdays()))
                .set(AVAILABILITY_RULE.START_TIME, r.session().start())
                .set(AVAILABILITY_RULE.END_TIME, r.session().end())
                .set(AVAILABILITY_RULE.SLOT_MINUTES, r.slotMinutes())
                .set(AVAILABILITY_RULE.VALID_FROM, r.validFrom())
                .set(AVAILABILITY_RULE.VALID_TO, r.validTo().orElse(null))
                .where(AVAILABILITY_RULE.ID.eq(id))
                .execute();
    }

    void insertBreaks(UUID ruleId, List<ClockRange> breaks) {
        for (ClockRange b : breaks) {
            dsl.insertInto(AVAILABILITY_BREAK)
                    .set(AVAILABILITY_BREAK.RULE_ID, ruleId)
                    .set(AVAILABILITY_BREAK.START_TIME, b.start())
                    .set(AVAILABILITY_BREAK.END_TIME, b.end())
                    .execute();
        }
    }

    void deleteBreaks(UUID ruleId) {
        dsl.deleteFrom(AVAILABILITY_BREAK).where(AVAILABILITY_BREAK.RULE_ID.eq(ruleId)).execute();
    }

    /** Its breaks go with it (on delete cascade). */
    void deleteRule(UUID id) {
        dsl.deleteFrom(AVAILABILITY_RULE).where(AVAILABILITY_RULE.ID.eq(id)).execute();
    }

    Optional<UUID> findRuleIdByRequestId(UUID requestId) {
        return dsl.select(AVAILABILITY_RULE.ID).from(AVAILABILITY_RULE).where(AVAILABILITY_RULE.REQUEST_ID.eq(requestId))
                .fetchOptional(AVAILABILITY_RULE.ID);
    }

    Optional<AvailabilityRule> findRule(UUID id) {
        return rules(AVAILABILITY_RULE.ID.eq(id)).stream().findFirst();
    }

    /** The doctor's rules that have not ended before {@code notEndedBefore}, or all of them. */
    List<AvailabilityRule> rulesOf(UUID doctorId, Optional<LocalDate> notEndedBefore) {
        Condition where = AVAILABILITY_RULE.DOCTOR_ID.eq(doctorId);
        if (notEndedBefore.isPresent()) {
            where = where.and(AVAILABILITY_RULE.VALID_TO.isNull().or(AVAILABILITY_RULE.VALID_TO.ge(notEndedBefore.get())));
        }
        return rules(where);
    }

    /** The rules of several doctors at once (reports), ended before {@code notEndedBefore} left out. */
    List<AvailabilityRule> rulesOf(Collection<UUID> doctorIds, LocalDate notEndedBefore) {
        return rules(AVAILABILITY_RULE.DOCTOR_ID.in(doctorIds)
                .and(AVAILABILITY_RULE.VALID_TO.isNull().or(AVAILABILITY_RULE.VALID_TO.ge(notEndedBefore))));
    }

    private List<AvailabilityRule> rules(Condition where) {
        var rows = dsl.select(AVAILABILITY_RULE.asterisk(), LOCATION.NAME)
                .from(AVAILABILITY_RULE.join(LOCATION).on(LOCATION.ID.eq(AVAILABILITY_RULE.LOCATION_ID)))
                .where(where)
                .orderBy(AVAILABILITY_RULE.VALID_FROM, AVAILABILITY_RULE.START_TIME, AVAILABILITY_RULE.CREATED_AT)
                .fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.map(r -> r.get(AVAILABILITY_RULE.ID));
        Map<UUID, List<ClockRange>> breaks = dsl.selectFrom(AVAILABILITY_BREAK)
                .where(AVAILABILITY_BREAK.RULE_ID.in(ids))
                .orderBy(AVAILABILITY_BREAK.START_TIME)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(b -> b.getRuleId(),
                        Collectors.mapping(b -> new ClockRange(b.getStartTime(), b.getEndTime()), Collectors.toList())));
        return rows.map(r -> toRule(r, breaks.getOrDefault(r.get(AVAILABILITY_RULE.ID), List.of())));
    }

    private static AvailabilityRule toRule(Record r, List<ClockRange> breaks) {
        List<Integer> days = ScheduleRules.normalizeWeekdays(Arrays.stream(r.get(AVAILABILITY_RULE.WEEKDAYS)).map(Short::intValue).toList());
        return new AvailabilityRule(r.get(AVAILABILITY_RULE.ID), r.get(AVAILABILITY_RULE.DOCTOR_ID), r.get(AVAILABILITY_RULE.LOCATION_ID),
                r.get(LOCATION.NAME), Optional.ofNullable(r.get(AVAILABILITY_RULE.ROOM_ID)), days,
                new ClockRange(r.get(AVAILABILITY_RULE.START_TIME), r.get(AVAILABILITY_RULE.END_TIME)),
                r.get(AVAILABILITY_RULE.SLOT_MINUTES), List.copyOf(breaks), r.get(AVAILABILITY_RULE.VALID_FROM),
                Optional.ofNullable(r.get(AVAILABILITY_RULE.VALID_TO)));
    }

    private static Short[] weekdays(List<Integer> days) {
        return days.stream().map(Integer::shortValue).toArray(Short[]::new);
    }

    // ---- exceptions ----

    UUID insertException(UUID requestId, ExceptionRow e, UUID createdBy, OffsetDateTime now) {
        return dsl.insertInto(AVAILABILITY_EXCEPTION)
                .set(AVAILABILITY_EXCEPTION.REQUEST_ID, requestId)
                .set(AVAILABILITY_EXCEPTION.DOCTOR_ID, e.doctorId())
                .set(AVAILABILITY_EXCEPTION.KIND, e.kind().name())
                .set(AVAILABILITY_EXCEPTION.STARTS_AT, utc(e.startsAt()))
                .set(AVAILABILITY_EXCEPTION.ENDS_AT, utc(e.endsAt()))
                .set(AVAILABILITY_EXCEPTION.LOCATION_ID, e.locationId().orElse(null))
                .set(AVAILABILITY_EXCEPTION.ROOM_ID, e.roomId().orElse(null))
                .set(AVAILABILITY_EXCEPTION.SLOT_MINUTES, e.slotMinutes().orElse(null))
                .set(AVAILABILITY_EXCEPTION.REASON, e.reason().orElse(null))
                .set(AVAILABILITY_EXCEPTION.CREATED_BY, createdBy)
                .set(AVAILABILITY_EXCEPTION.CREATED_AT, now)
                .returning(AVAILABILITY_EXCEPTION.ID)
                .fetchSingle(AVAILABILITY_EXCEPTION.ID);
    }

    void deleteException(UUID id) {
        dsl.deleteFrom(AVAILABILITY_EXCEPTION).where(AVAILABILITY_EXCEPTION.ID.eq(id)).execute();
    }

    Optional<UUID> findExceptionIdByRequestId(UUID requestId) {
        return dsl.select(AVAILABILITY_EXCEPTION.ID).from(AVAILABILITY_EXCEPTION)
                .where(AVAILABILITY_EXCEPTION.REQUEST_ID.eq(requestId)).fetchOptional(AVAILABILITY_EXCEPTION.ID);
    }

    Optional<ExceptionRow> findException(UUID id) {
        return dsl.selectFrom(AVAILABILITY_EXCEPTION).where(AVAILABILITY_EXCEPTION.ID.eq(id))
                .fetchOptional(AvailabilityRepository::toException);
    }

    /** The doctor's exceptions that end after {@code endingAfter}, in time order. */
    List<ExceptionRow> exceptionsOf(UUID doctorId, Instant endingAfter) {
        return dsl.selectFrom(AVAILABILITY_EXCEPTION)
                .where(AVAILABILITY_EXCEPTION.DOCTOR_ID.eq(doctorId).and(AVAILABILITY_EXCEPTION.ENDS_AT.gt(utc(endingAfter))))
                .orderBy(AVAILABILITY_EXCEPTION.STARTS_AT, AVAILABILITY_EXCEPTION.ID)
                .fetch(AvailabilityRepository::toException);
    }

    /** The exceptions of several doctors at once (reports) that end after {@code endingAfter}. */
    List<ExceptionRow> exceptionsOf(Collection<UUID> doctorIds, Instant endingAfter) {
        return dsl.selectFrom(AVAILABILITY_EXCEPTION)
                .where(AVAILABILITY_EXCEPTION.DOCTOR_ID.in(doctorIds).and(AVAILABILITY_EXCEPTION.ENDS_AT.gt(utc(endingAfter))))
                .orderBy(AVAILABILITY_EXCEPTION.STARTS_AT, AVAILABILITY_EXCEPTION.ID)
                .fetch(AvailabilityRepository::toException);
    }

    private static ExceptionRow toException(AvailabilityExceptionRecord r) {
        return new ExceptionRow(r.getId(), r.getDoctorId(), ExceptionKind.valueOf(r.getKind()), r.getStartsAt().toInstant(),
                r.getEndsAt().toInstant(), Optional.ofNullable(r.getLocationId()), Optional.ofNullable(r.getRoomId()),
                Optional.ofNullable(r.getSlotMinutes()), Optional.ofNullable(r.getReason()));
    }

    // ---- appointments the availability affects ----

    /** A booked appointment as the "outside the new hours" list shows it. */
    record Booked(UUID id, UUID locationId, Instant startsAt, Instant endsAt, String patientName, String reference) {}

    /** The doctor's pending and confirmed appointments starting in [from, to), in time order: those a change of hours can strand. */
    List<Booked> changeableAppointments(UUID doctorId, Instant from, Instant to) {
        return dsl.select(APPOINTMENT.ID, APPOINTMENT.LOCATION_ID, APPOINTMENT.STARTS_AT, APPOINTMENT.ENDS_AT, PATIENT.GIVEN_NAME,
                        PATIENT.FAMILY_NAME, APPOINTMENT.REFERENCE)
                .from(APPOINTMENT).join(PATIENT).on(PATIENT.ID.eq(APPOINTMENT.PATIENT_ID))
                .where(APPOINTMENT.DOCTOR_ID.eq(doctorId)
                        .and(APPOINTMENT.STATUS.in(Status.PENDING.name(), Status.CONFIRMED.name()))
                        .and(APPOINTMENT.STARTS_AT.ge(utc(from)))
                        .and(APPOINTMENT.STARTS_AT.lt(utc(to))))
                .orderBy(APPOINTMENT.STARTS_AT, APPOINTMENT.ID)
                .fetch(r -> new Booked(r.value1(), r.value2(), r.value3().toInstant(), r.value4().toInstant(),
                        r.value5() + " " + r.value6(), r.value7()));
    }

    /** The doctor's appointments that still hold time and overlap {@code start..end}, in time order. */
    List<UUID> appointmentsHoldingTime(UUID doctorId, Instant start, Instant end) {
        return dsl.select(APPOINTMENT.ID).from(APPOINTMENT)
                .where(APPOINTMENT.DOCTOR_ID.eq(doctorId)
                        .and(APPOINTMENT.STATUS.in(HOLDING_TIME))
                        .and(APPOINTMENT.STARTS_AT.lt(utc(end)))
                        .and(APPOINTMENT.ENDS_AT.gt(utc(start))))
                .orderBy(APPOINTMENT.STARTS_AT, APPOINTMENT.ID)
                .fetch(APPOINTMENT.ID);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
