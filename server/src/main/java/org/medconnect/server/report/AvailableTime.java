package org.medconnect.server.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.server.schedule.ScheduleModel.Availability;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityException;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityRule;
import org.medconnect.shared.schedule.ExceptionKind;
import org.medconnect.shared.schedule.ClockRange;

/**
 * How long a doctor offered to see patients over some days: weekly sessions less their breaks,
 * plus extra sessions, less time off (overlaps counted once). Pure arithmetic, no database.
 */
final class AvailableTime {

    private AvailableTime() {}

    private record Span(Instant start, Instant end) {}

    static Duration between(Availability availability, LocalDate first, LocalDate last, ZoneId zone, Optional<UUID> locationId) {
        List<Span> open = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            int weekday = day.getDayOfWeek().getValue();
            for (AvailabilityRule rule : availability.rules()) {
                if (rule.validFrom().isAfter(day) || rule.validTo().map(day::isAfter).orElse(false)
                        || !rule.weekdays().contains(weekday)
                        || locationId.map(l -> !l.equals(rule.locationId())).orElse(false)) {
                    continue;
                }
                LocalTime cursor = rule.session().start();
                List<ClockRange> breaks = rule.breaks().stream().sorted(Comparator.comparing(ClockRange::start)).toList();
                for (ClockRange b : breaks) {
                    if (b.start().isAfter(cursor)) {
                        open.add(span(day, cursor, min(b.start(), rule.session().end()), zone));
                    }
                    cursor = max(cursor, b.end());
                }
                if (rule.session().end().isAfter(cursor)) {
                    open.add(span(day, cursor, rule.session().end(), zone));
                }
            }
        }
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
        List<Span> off = new ArrayList<>();
        for (AvailabilityException e : availability.exceptions()) {
            Span s = new Span(max(e.startsAt(), from), min(e.endsAt(), to));
            if (!s.end().isAfter(s.start())) {
                continue;
            }
            if (e.kind() == ExceptionKind.TIME_OFF) {
                off.add(s);
            } else if (locationId.isEmpty() || e.locationId().equals(locationId)) {
                open.add(s);
            }
        }
        List<Span> merged = merge(open);
        long seconds = 0;
        for (Span s : merged) {
            seconds += Duration.between(s.start(), s.end()).getSeconds();
            for (Span o : merge(off)) {
                Instant a = max(s.start(), o.start());
                Instant b = min(s.end(), o.end());
                if (b.isAfter(a)) {
                    seconds -= Duration.between(a, b).getSeconds();
                }
            }
        }
        return Duration.ofSeconds(seconds);
    }

    private static List<Span> merge(List<Span> spans) {
        List<Span> sorted = spans.stream().filter(s -> s.end().isAfter(s.start())).sorted(Comparator.comparing(Span::start)).toList();
        List<Span> out = new ArrayList<>();
        for (Span s : sorted) {
            if (!out.isEmpty() && !s.start().isAfter(out.getLast().end())) {
                Span last = out.removeLast();
                out.add(new Span(last.start(), max(last.end(), s.end())));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static Span span(LocalDate day, LocalTime start, LocalTime end, ZoneId zone) {
        return new Span(day.atTime(start).atZone(zone).toInstant(), day.atTime(end).atZone(zone).toInstant());
    }

    private static <T extends Comparable<T>> T min(T a, T b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static <T extends Comparable<T>> T max(T a, T b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
