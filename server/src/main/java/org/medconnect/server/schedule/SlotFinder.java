package org.medconnect.server.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Jdbc;
import org.medconnect.server.schedule.SlotRepository.DoctorRef;
import org.medconnect.server.schedule.SlotRepository.ExtraSession;
import org.medconnect.server.schedule.SlotRepository.TypeRef;
import org.medconnect.shared.schedule.ClinicDays;
import org.medconnect.shared.schedule.SlotGrid;
import org.medconnect.shared.schedule.SlotGrid.Candidate;
import org.medconnect.shared.schedule.SlotGrid.Interval;
import org.medconnect.shared.schedule.SlotGrid.Session;
import org.medconnect.shared.schedule.SlotGrid.WeeklyPattern;

/**
 * Free slots: doctors' weekly availability and extra sessions, minus time off and the time
 * held by appointments, on the clinic's wall clock (correct across daylight-saving changes).
 * Booking asks the same question for one start time, so a booking can only land on a slot
 * this class would have offered.
 */
public final class SlotFinder {

    /** What to look for. One of doctor or department. */
    public record SlotQuery(Optional<UUID> doctorId, Optional<UUID> departmentId, Optional<UUID> locationId,
                            UUID typeId, LocalDate from, LocalDate to, int limit, Optional<LocalTime> notBefore) {}

    /** One bookable time. {@code end} is start plus the type's duration. */
    public record FoundSlot(UUID doctorId, String doctorName, UUID locationId, Optional<UUID> roomId,
                            Instant start, Instant end) {}

    public record SlotSearchResult(List<FoundSlot> slots, boolean truncated) {}

    /** The appointment type facts booking needs. */
    public record TypeFacts(UUID id, String name, Duration duration, Duration buffer, boolean video,
                            boolean needsConfirmation, boolean retired) {}

    /** Statuses whose appointments hold the doctor's and patient's time. */
    public static final java.util.List<String> HOLDING = SlotRepository.HOLDING;

    /** Days searched per round: most searches fill their limit in the first weeks. */
    private static final int CHUNK_DAYS = 14;

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    public SlotFinder(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    /** The same finder reading through another connection (inside a caller's transaction). */
    public SlotFinder using(DSLContext other) {
        return new SlotFinder(other, clock, zone);
    }

    public ZoneId zone() {
        return zone;
    }

    public SlotSearchResult search(SlotQuery query) {
        SlotRepository repo = new SlotRepository(dsl);
        TypeFacts type = type(query.typeId());
        if (type.retired()) {
            throw DomainException.InvalidInput.of("appointment_type_id", "That appointment type is no longer offered.");
        }
        List<DoctorRef> doctors;
        if (query.doctorId().isPresent()) {
            doctors = repo.activeDoctor(query.doctorId().get()).map(List::of)
                    .orElseThrow(() -> new DomainException.NotFound("That doctor does not exist or no longer sees patients."));
        } else {
            doctors = repo.activeDoctorsOf(query.departmentId().orElseThrow());
        }
        List<FoundSlot> found = new ArrayList<>();
        if (doctors.isEmpty()) {
            return new SlotSearchResult(found, false);
        }
        Instant now = clock.instant();
        for (LocalDate chunkStart = query.from(); !chunkStart.isAfter(query.to()); chunkStart = chunkStart.plusDays(CHUNK_DAYS)) {
            LocalDate chunkEnd = min(chunkStart.plusDays(CHUNK_DAYS - 1), query.to());
            found.addAll(searchDays(repo, doctors, query.locationId(), type, chunkStart, chunkEnd, now, query.notBefore(),
                    Optional.empty(), true));
            if (found.size() > query.limit()) {
                break;
            }
        }
        found.sort(Comparator.comparing(FoundSlot::start).thenComparing(FoundSlot::doctorName));
        boolean truncated = found.size() > query.limit();
        return new SlotSearchResult(truncated ? List.copyOf(found.subList(0, query.limit())) : found, truncated);
    }

    /**
     * The slot starting at {@code start} for this doctor and location, if it is free now.
     * {@code except} is an appointment whose own time does not count (when it is the one moving).
     */
    public Optional<FoundSlot> slotAt(UUID doctorId, UUID locationId, TypeFacts type, Instant start, Optional<UUID> except) {
        SlotRepository repo = new SlotRepository(dsl);
        Optional<DoctorRef> doctor = repo.activeDoctor(doctorId);
        if (doctor.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day = start.atZone(zone).toLocalDate();
        return searchDays(repo, List.of(doctor.get()), Optional.of(locationId), type, day, day, clock.instant(), Optional.empty(),
                except, true).stream().filter(s -> s.start().equals(start)).findFirst();
    }

    /**
     * Whether {@code start} is a slot of this doctor's availability at this location at all,
     * booked or not: tells "not a working time" apart from "just taken".
     */
    public boolean isWorkingSlot(UUID doctorId, UUID locationId, TypeFacts type, Instant start) {
        SlotRepository repo = new SlotRepository(dsl);
        Optional<DoctorRef> doctor = repo.activeDoctor(doctorId);
        if (doctor.isEmpty()) {
            return false;
        }
        LocalDate day = start.atZone(zone).toLocalDate();
        return searchDays(repo, List.of(doctor.get()), Optional.of(locationId), type, day, day, Instant.MIN, Optional.empty(),
                Optional.empty(), false).stream().anyMatch(s -> s.start().equals(start));
    }

    /**
     * A doctor's hours at one location on the clinic day of {@code start}: a read to send with
     * others ({@link Jdbc#readTogether}), then to pass to {@link #workingSlotAt}.
     */
    public static final class DayHours {
        private final UUID doctorId;
        private final LocalDate day;
        private final Jdbc.Read<SlotRepository.DaySchedule> read;

        private DayHours(UUID doctorId, LocalDate day, Jdbc.Read<SlotRepository.DaySchedule> read) {
            this.doctorId = doctorId;
            this.day = day;
            this.read = read;
        }

        public Jdbc.Read<?> read() {
            return read;
        }
    }

    public DayHours hoursOn(UUID doctorId, UUID locationId, Instant start) {
        LocalDate day = start.atZone(zone).toLocalDate();
        return new DayHours(doctorId, day, SlotRepository.daySchedule(doctorId, locationId, day, ClinicDays.startOf(day, zone),
                ClinicDays.endOf(day, zone)));
    }

    /**
     * The slot of the doctor's availability (read as {@code hours}) that starts at
     * {@code start}, booked or not. Booking uses it: whether the time is still free is for the
     * database's exclusion constraint to say, in the very statement that takes it, so reading
     * the doctor's held time first would only repeat it.
     */
    public Optional<FoundSlot> workingSlotAt(DayHours hours, String doctorName, TypeFacts type, Instant start) {
        SlotRepository.DaySchedule schedule = hours.read.get();
        return slotsOf(new DoctorRef(hours.doctorId, doctorName), schedule.patterns(), schedule.extraSessions(), schedule.timeOff(),
                List.of(), type, hours.day, hours.day, Instant.MIN, Optional.empty()).stream()
                .filter(s -> s.start().equals(start)).findFirst();
    }

    public TypeFacts type(UUID typeId) {
        TypeRef t = new SlotRepository(dsl).type(typeId)
                .orElseThrow(() -> DomainException.InvalidInput.of("appointment_type_id", "Choose an appointment type."));
        return new TypeFacts(t.id(), t.name(), Duration.ofMinutes(t.durationMinutes()), Duration.ofMinutes(t.bufferMinutes()),
                t.video(), t.needsConfirmation(), t.retired());
    }

    private List<FoundSlot> searchDays(SlotRepository repo, List<DoctorRef> doctors, Optional<UUID> locationId, TypeFacts type,
                                       LocalDate from, LocalDate to, Instant now, Optional<LocalTime> notBefore, Optional<UUID> except,
                                       boolean countBookings) {
        List<UUID> ids = doctors.stream().map(DoctorRef::id).toList();
        Instant windowStart = ClinicDays.startOf(from, zone);
        Instant windowEnd = ClinicDays.endOf(to, zone);
        Map<UUID, List<WeeklyPattern>> patterns = repo.patterns(ids, locationId, from, to);
        List<ExtraSession> extras = repo.extraSessions(ids, locationId, windowStart, windowEnd);
        Map<UUID, List<Interval>> timeOff = repo.timeOff(ids, windowStart, windowEnd);
        Map<UUID, List<Interval>> busy = countBookings ? repo.busy(ids, windowStart, windowEnd, except) : Map.of();
        List<FoundSlot> out = new ArrayList<>();
        for (DoctorRef doctor : doctors) {
            out.addAll(slotsOf(doctor, patterns.getOrDefault(doctor.id(), List.of()), extras,
                    timeOff.getOrDefault(doctor.id(), List.of()), busy.getOrDefault(doctor.id(), List.of()), type, from, to, now,
                    notBefore));
        }
        return out;
    }

    /** One doctor's free slots from {@code from} to {@code to}; {@code extras} may hold other doctors' sessions. */
    private List<FoundSlot> slotsOf(DoctorRef doctor, List<WeeklyPattern> patterns, List<ExtraSession> extras, List<Interval> timeOff,
                                    List<Interval> busy, TypeFacts type, LocalDate from, LocalDate to, Instant now,
                                    Optional<LocalTime> notBefore) {
        List<Session> sessions = new ArrayList<>(SlotGrid.sessions(patterns, from, to, zone));
        for (ExtraSession extra : extras) {
            if (extra.doctorId().equals(doctor.id())) {
                sessions.add(new Session(extra.when().start(), extra.when().end(), extra.slotMinutes(), List.of(),
                        extra.locationId().toString(), extra.roomId().map(UUID::toString)));
            }
        }
        List<FoundSlot> out = new ArrayList<>();
        if (sessions.isEmpty()) {
            return out;
        }
        for (Candidate c : SlotGrid.freeSlots(sessions, timeOff, busy, type.duration(), type.buffer(), now)) {
            if (notBefore.isPresent() && c.start().atZone(zone).toLocalTime().isBefore(notBefore.get())) {
                continue;
            }
            out.add(new FoundSlot(doctor.id(), doctor.name(), UUID.fromString(c.placeId()),
                    c.roomId().map(UUID::fromString), c.start(), c.end()));
        }
        return out;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
