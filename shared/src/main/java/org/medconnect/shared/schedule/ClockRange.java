package org.medconnect.shared.schedule;

import java.time.LocalTime;
import java.util.Objects;

/** A wall-clock time range within one clinic day, e.g. a 12:30-13:30 lunch break. End is exclusive. */
public record ClockRange(LocalTime start, LocalTime end) {

    public ClockRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** True when the two share some time; ranges that only touch (12:00-13:00, 13:00-14:00) do not. */
    public boolean overlaps(ClockRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** True when {@code inner} lies within this range, touching the edges allowed. */
    public boolean contains(ClockRange inner) {
        return !inner.start.isBefore(start) && !inner.end.isAfter(end);
    }

    /** "09:00-17:00", as the clinic reads it. */
    @Override
    public String toString() {
        return ScheduleRules.formatTime(start) + "-" + ScheduleRules.formatTime(end);
    }
}
