package org.medconnect.server.schedule;

import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.APPOINTMENT_TYPE;
import static org.medconnect.server.db.Tables.AVAILABILITY_BREAK;
import static org.medconnect.server.db.Tables.AVAILABILITY_EXCEPTION;
import static org.medconnect.server.db.Tables.AVAILABILITY_RULE;
import static org.medconnect.server.db.Tables.DOCTOR_PROFILE;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.medconnect.server.platform.Jdbc;
import org.medconnect.shared.appointment.StatusMoves;
import org.medconnect.shared.schedule.SlotGrid.Interval;
import org.medconnect.shared.schedule.SlotGrid.TimeRange;
import org.medconnect.shared.schedule.SlotGrid.WeeklyPattern;

/** Reads what slot search needs: doctors, weekly rules, exceptions and the time appointments hold. */
final class SlotRepository {

    /** Appointments never run longer than this (8 h + 2 h buffer), so a window query can use the start index. */
    private static final long LONGEST_HOLD_HOURS = 10;

    /** The stored names of the statuses that hold time: derived from the shared rule ({@code Status.holdsTime}). */
    static final List<String> HOLDING = EnumSet.allOf(StatusMoves.Status.class).stream()
            .filter(StatusMoves.Status::holdsTime).map(Enum::name).toList();

    record DoctorRef(UUID id, String name) {}

    record TypeRef(UUID id, String name, int durationMinutes, int bufferMinutes, boolean video,
                   boolean needsConfirmation, boolean retired) {}

    record ExtraSession(UUID doctorId, Interval when, UUID locationId, Optional<UUID> roomId, int slotMinutes) {}

    /** What booking needs to place one start time: a doctor's rules, extra sessions and time off for a day. */
    record DaySchedule(List<WeeklyPattern> patterns, List<ExtraSession> extraSessions, List<Interval> timeOff) {}

    private final DSLContext dsl;

    SlotRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<DoctorRef> activeDoctor(UUID id) {
        return dsl.select(STAFF_USER.ID, STAFF_USER.DISPLAY_NAME).from(STAFF_USER)
                .where(STAFF_USER.ID.eq(id), STAFF_USER.ROLE.eq("DOCTOR"), STAFF_USER.ACTIVE.isTrue())
                .fetchOptional(r -> new DoctorRef(r.value1(), r.value2()));
    }

    List<DoctorRef> activeDoctorsOf(UUID departmentId) {
        return dsl.select(STAFF_USER.ID, STAFF_USER.DISPLAY_NAME).from(STAFF_USER)
                .join(DOCTOR_PROFILE).on(DOCTOR_PROFILE.USER_ID.eq(STAFF_USER.ID))
                .where(DOCTOR_PROFILE.DEPARTMENT_ID.eq(departmentId), STAFF_USER.ROLE.eq("DOCTOR"), STAFF_USER.ACTIVE.isTrue())
                .orderBy(STAFF_USER.DISPLAY_NAME)
                .fetch(r -> new DoctorRef(r.value1(), r.value2()));
    }

    Optional<TypeRef> type(UUID id) {
        return dsl.selectFrom(APPOINTMENT_TYPE).where(APPOINTMENT_TYPE.ID.eq(id))
                .fetchOptional(r -> new TypeRef(r.getId(), r.getName(), r.getDurationMinutes(), r.getBufferMinutes(),
                        r.getVideo(), r.getNeedsConfirmation(), r.getRetired()));
    }

    /** Weekly rules per doctor that apply somewhere in [from, to], optionally at one location. */
    Map<UUID, List<WeeklyPattern>> patterns(Collection<UUID> doctorIds, Optional<UUID> locationId, LocalDate from, LocalDate to) {
        Condition where = AVAILABILITY_RULE.DOCTOR_ID.in(doctorIds)
                .and(AVAILABILITY_RULE.VALID_FROM.le(to))
                .and(AVAILABILITY_RULE.VALID_TO.isNull().or(AVAILABILITY_RULE.VALID_TO.ge(from)));
        if (locationId.isPresent()) {
            where = where.and(AVAILABILITY_RULE.LOCATION_ID.eq(locationId.get()));
        }
        var rules = dsl.selectFrom(AVAILABILITY_RULE).where(where).fetch();
        Map<UUID, List<TimeRange>> breaks = new HashMap<>();
        if (!rules.isEmpty()) {
            dsl.selectFrom(AVAILABILITY_BREAK).where(AVAILABILITY_BREAK.RULE_ID.in(rules.getValues(AVAILABILITY_RULE.ID)))
                    .forEach(b -> breaks.computeIfAbsent(b.getRuleId(), k -> new ArrayList<>())
                            .add(new TimeRange(b.getStartTime(), b.getEndTime())));
        }
        Map<UUID, List<WeeklyPattern>> out = new HashMap<>();
        for (var r : rules) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (Short d : r.getWeekdays()) {
                days.add(DayOfWeek.of(d));
            }
            out.computeIfAbsent(r.getDoctorId(), k -> new ArrayList<>()).add(new WeeklyPattern(days,
                    new TimeRange(r.getStartTime(), r.getEndTime()), r.getSlotMinutes(), breaks.getOrDefault(r.getId(), List.of()),
                    r.getValidFrom(), Optional.ofNullable(r.getValidTo()), r.getLocationId().toString(),
                    Optional.ofNullable(r.getRoomId()).map(UUID::toString)));
        }
        return out;
    }

    /**
     * One doctor's hours on one day at one location, in one statement for booking (slot search
     * reads many doctors and days with {@link #patterns} and friends): the weekly rules that
     * apply that day with their breaks (one row per break), then the time off and the extra
     * sessions there overlapping [from, to) (one row each, told apart by {@code kind}).
     */
    static Jdbc.Read<DaySchedule> daySchedule(UUID doctorId, UUID locationId, LocalDate day, Instant from, Instant to) {
        return new Jdbc.Read<>("""
                select 'RULE' as kind, r.id, r.weekdays, r.start_time, r.end_time, r.slot_minutes, r.valid_from, r.valid_to,
                       r.room_id, b.start_time as break_start, b.end_time as break_end,
                       null::timestamptz as starts_at, null::timestamptz as ends_at
                from availability_rule r
                left join availability_break b on b.rule_id = r.id
                where r.doctor_id = ? and r.location_id = ? and r.valid_from <= ? and (r.valid_to is null or r.valid_to >= ?)
                union all
                select e.kind, e.id, null, null, null, e.slot_minutes, null, null,
                       e.room_id, null, null,
                       e.starts_at, e.ends_at
                from availability_exception e
                where e.doctor_id = ? and e.starts_at < ? and e.ends_at > ? and (e.kind = 'TIME_OFF' or e.location_id = ?)
                """, doctorId, locationId, day, day, doctorId, to, from, locationId) {
            private final Map<UUID, RuleRow> rules = new LinkedHashMap<>();
            private final List<ExtraSession> extras = new ArrayList<>();
            private final List<Interval> timeOff = new ArrayList<>();

            @Override
            protected void row(ResultSet rs) throws SQLException {
                switch (rs.getString(1)) {
                    case "RULE" -> {
                        UUID id = Jdbc.uuid(rs, 2);
                        RuleRow rule = rules.get(id);
                        if (rule == null) {
                            rule = new RuleRow(weekdays(rs.getArray(3)), rs.getObject(4, LocalTime.class),
                                    rs.getObject(5, LocalTime.class), rs.getInt(6), rs.getObject(7, LocalDate.class),
                                    rs.getObject(8, LocalDate.class), Jdbc.uuid(rs, 9), new ArrayList<>());
                            rules.put(id, rule);
                        }
                        LocalTime breakStart = rs.getObject(10, LocalTime.class);
                        if (breakStart != null) {
                            rule.breaks().add(new TimeRange(breakStart, rs.getObject(11, LocalTime.class)));
                        }
                    }
                    case "TIME_OFF" -> timeOff.add(new Interval(Jdbc.instant(rs, 12), Jdbc.instant(rs, 13)));
                    default -> extras.add(new ExtraSession(doctorId, new Interval(Jdbc.instant(rs, 12), Jdbc.instant(rs, 13)),
                            locationId, Optional.ofNullable(Jdbc.uuid(rs, 9)), rs.getInt(6)));
                }
            }

            @Override
            protected DaySchedule result() {
                String place = locationId.toString();
                List<WeeklyPattern> patterns = rules.values().stream().map(r -> new WeeklyPattern(r.days(),
                        new TimeRange(r.start(), r.end()), r.slotMinutes(), r.breaks(), r.validFrom(), Optional.ofNullable(r.validTo()),
                        place, Optional.ofNullable(r.roomId()).map(UUID::toString))).toList();
                return new DaySchedule(patterns, extras, timeOff);
            }
        };
    }

    private record RuleRow(Set<DayOfWeek> days, LocalTime start, LocalTime end, int slotMinutes, LocalDate validFrom,
                           LocalDate validTo, UUID roomId, List<TimeRange> breaks) {}

    private static Set<DayOfWeek> weekdays(java.sql.Array array) throws SQLException {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Object d : (Object[]) array.getArray()) {
            days.add(DayOfWeek.of(((Number) d).intValue()));
        }
        return days;
    }

    /** Time off per doctor overlapping [from, to). */
    Map<UUID, List<Interval>> timeOff(Collection<UUID> doctorIds, Instant from, Instant to) {
        Map<UUID, List<Interval>> out = new HashMap<>();
        dsl.select(AVAILABILITY_EXCEPTION.DOCTOR_ID, AVAILABILITY_EXCEPTION.STARTS_AT, AVAILABILITY_EXCEPTION.ENDS_AT)
                .from(AVAILABILITY_EXCEPTION)
                .where(AVAILABILITY_EXCEPTION.DOCTOR_ID.in(doctorIds), AVAILABILITY_EXCEPTION.KIND.eq("TIME_OFF"),
                        AVAILABILITY_EXCEPTION.STARTS_AT.lt(odt(to)), AVAILABILITY_EXCEPTION.ENDS_AT.gt(odt(from)))
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new Interval(r.value2().toInstant(), r.value3().toInstant())));
        return out;
    }

    /** Extra sessions overlapping [from, to), optionally at one location. */
    List<ExtraSession> extraSessions(Collection<UUID> doctorIds, Optional<UUID> locationId, Instant from, Instant to) {
        Condition where = AVAILABILITY_EXCEPTION.DOCTOR_ID.in(doctorIds)
                .and(AVAILABILITY_EXCEPTION.KIND.eq("EXTRA_SESSION"))
                .and(AVAILABILITY_EXCEPTION.STARTS_AT.lt(odt(to)))
                .and(AVAILABILITY_EXCEPTION.ENDS_AT.gt(odt(from)));
        if (locationId.isPresent()) {
            where = where.and(AVAILABILITY_EXCEPTION.LOCATION_ID.eq(locationId.get()));
        }
        return dsl.selectFrom(AVAILABILITY_EXCEPTION).where(where)
                .fetch(r -> new ExtraSession(r.getDoctorId(), new Interval(r.getStartsAt().toInstant(), r.getEndsAt().toInstant()),
                        r.getLocationId(), Optional.ofNullable(r.getRoomId()), r.getSlotMinutes()));
    }

    /** The doctor's time held by appointments overlapping [from, to), optionally not counting one appointment. */
    Map<UUID, List<Interval>> busy(Collection<UUID> doctorIds, Instant from, Instant to, Optional<UUID> except) {
        Condition where = APPOINTMENT.DOCTOR_ID.in(doctorIds)
                .and(APPOINTMENT.STARTS_AT.ge(odt(from.minusSeconds(LONGEST_HOLD_HOURS * 3600))))
                .and(APPOINTMENT.STARTS_AT.lt(odt(to)))
                .and(APPOINTMENT.BLOCKS_UNTIL.gt(odt(from)))
                .and(APPOINTMENT.STATUS.in(HOLDING));
        if (except.isPresent()) {
            where = where.and(APPOINTMENT.ID.ne(except.get()));
        }
        Map<UUID, List<Interval>> out = new HashMap<>();
        dsl.select(APPOINTMENT.DOCTOR_ID, APPOINTMENT.STARTS_AT, APPOINTMENT.BLOCKS_UNTIL).from(APPOINTMENT).where(where)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new Interval(r.value2().toInstant(), r.value3().toInstant())));
        return out;
    }

    static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
