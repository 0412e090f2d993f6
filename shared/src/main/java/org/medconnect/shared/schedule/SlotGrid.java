package org.medconnect.shared.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Slot arithmetic on the clinic's wall clock: weekly patterns become sessions on real days,
 * sessions become bookable start times. A 09:00 session stays 09:00 local time on the days
 * clocks change; a wall-clock time that does not exist that day (inside the spring-forward
 * gap) starts no slot. Plain Java so server, benchmark and tests share one truth.
 */
public final class SlotGrid {

    private SlotGrid() {}

    /** A range of wall-clock time within a day. */
    public record TimeRange(LocalTime start, LocalTime end) {
        public TimeRange {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("end must be after start");
            }
        }
    }

    /** A half-open range of instants [start, end). */
    public record Interval(Instant start, Instant end) {
        public boolean overlaps(Instant otherStart, Instant otherEnd) {
            return start.isBefore(otherEnd) && otherStart.isBefore(end);
        }

        public boolean contains(Instant from, Instant to) {
            return !from.isBefore(start) && !to.isAfter(end);
        }
    }

    /** A doctor's weekly pattern at one place, valid between two dates (inclusive). */
    public record WeeklyPattern(Set<DayOfWeek> days, TimeRange hours, int slotMinutes, List<TimeRange> breaks,
                                LocalDate validFrom, Optional<LocalDate> validTo, String placeId, Optional<String> roomId) {}

    /** One working stretch on a real day: its slots are start, start + slot, ... */
    public record Session(Instant start, Instant end, int slotMinutes, List<Interval> breaks,
                          String placeId, Optional<String> roomId) {}

    /** A bookable time: [start, end) is the appointment itself. */
    public record Candidate(Instant start, Instant end, String placeId, Optional<String> roomId) {}

    /** The sessions of {@code patterns} on each day from {@code from} to {@code to} inclusive. */
    public static List<Session> sessions(List<WeeklyPattern> patterns, LocalDate from, LocalDate to, ZoneId zone) {
        List<Session> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate day = d;
            for (WeeklyPattern p : patterns) {
                if (!p.days().contains(day.getDayOfWeek()) || day.isBefore(p.validFrom())
                        || p.validTo().map(day::isAfter).orElse(false)) {
                    continue;
                }
                Optional<Instant> start = instant(day, p.hours().start(), zone);
                Instant end = ZonedDateTime.of(day, p.hours().end(), zone).toInstant();
                if (start.isEmpty() || !end.isAfter(start.get())) {
                    continue;
                }
                List<Interval> breaks = p.breaks().stream()
                        .map(b -> new Interval(ZonedDateTime.of(day, b.start(), zone).toInstant(),
                                ZonedDateTime.of(day, b.end(), zone).toInstant()))
                        .toList();
                out.add(new Session(start.get(), end, p.slotMinutes(), breaks, p.placeId(), p.roomId()));
            }
        }
        out.sort(Comparator.comparing(Session::start));
        return out;
    }

    /**
     * The instant of a wall-clock time, or empty when that time does not exist that day
     * (the hour skipped when clocks go forward). In the repeated hour, the first one.
     */
    public static Optional<Instant> instant(LocalDate day, LocalTime time, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(day, time);
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.ofLocal(local, zone, null).toInstant());
    }

    /**
     * Free start times in {@code sessions}: the appointment [start, start + duration) lies
     * inside its session and outside its breaks and {@code timeOff}; the doctor's time
     * [start, start + duration + buffer) meets no {@code busy} interval; start is not before
     * {@code notBefore}. {@code busy} and {@code timeOff} need not be sorted.
     */
    public static List<Candidate> freeSlots(List<Session> sessions, List<Interval> timeOff, List<Interval> busy,
                                            Duration duration, Duration buffer, Instant notBefore) {
        Busy sortedBusy = new Busy(busy);
        List<Candidate> out = new ArrayList<>();
        for (Session s : sessions) {
            Duration step = Duration.ofMinutes(s.slotMinutes());
            for (Instant start = s.start(); !start.plus(duration).isAfter(s.end()); start = start.plus(step)) {
                Instant end = start.plus(duration);
                if (start.isBefore(notBefore)) {
                    continue;
                }
                if (hits(s.breaks(), start, end) || hits(timeOff, start, end)) {
                    continue;
                }
                if (sortedBusy.overlaps(start, end.plus(buffer))) {
                    continue;
                }
                out.add(new Candidate(start, end, s.placeId(), s.roomId()));
            }
        }
        out.sort(Comparator.comparing(Candidate::start));
        return out;
    }

    private static boolean hits(List<Interval> intervals, Instant start, Instant end) {
        for (Interval i : intervals) {
            if (i.overlaps(start, end)) {
                return true;
            }
        }
        return false;
    }

    /** Busy intervals sorted by start, with the latest end so far, for O(log n) overlap checks. */
    private static final class Busy {
        private final Instant[] starts;
        private final Instant[] maxEnds;

        Busy(List<Interval> intervals) {
            List<Interval> sorted = new ArrayList<>(intervals);
            sorted.sort(Comparator.comparing(Interval::start));
            starts = new Instant[sorted.size()];
            maxEnds = new Instant[sorted.size()];
            Instant max = Instant.MIN;
            for (int i = 0; i < sorted.size(); i++) {
                starts[i] = sorted.get(i).start();
                max = sorted.get(i).end().isAfter(max) ? sorted.get(i).end() : max;
                maxEnds[i] = max;
            }
        }

        /** True when some interval starts before {@code end} and ends after {@code start}. */
        boolean overlaps(Instant start, Instant end) {
            int lo = 0;
            int hi = starts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid].isBefore(end)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo > 0 && maxEnds[lo - 1].isAfter(start);
        }
    }
}
