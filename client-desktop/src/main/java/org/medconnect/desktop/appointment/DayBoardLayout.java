package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.ClinicTime;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.schedule.v1.Doctor;

/**
 * Where everything sits on the day board, in minutes rather than pixels: one column per doctor,
 * rows of {@link #ROW_MINUTES} from the board's first to last time, and each appointment a block
 * at its clinic-local time. Appointments that overlap in one column (a cancelled one under its
 * replacement) share the width side by side in lanes.
 */
public record DayBoardLayout(int firstMinute, int lastMinute, List<Column> columns, List<Block> blocks) {

    public static final int ROW_MINUTES = 15;
    static final int DEFAULT_FIRST_MINUTE = 8 * 60;
    static final int DEFAULT_LAST_MINUTE = 18 * 60;
    private static final int DAY_MINUTES = 24 * 60;

    public DayBoardLayout {
        columns = List.copyOf(columns);
        blocks = List.copyOf(blocks);
    }

    /** A doctor's column. {@code detail} is the specialization or department, for the header. */
    public record Column(String doctorId, String name, String detail) {}

    /**
     * One appointment. {@code startMinute} counts from {@link #firstMinute()}; the block is
     * {@code lanes} wide-parts of its column and sits in part {@code lane} (0-based).
     */
    public record Block(Appointment appointment, int column, int startMinute, int minutes, int lane, int lanes,
                        StatusStyle style) {}

    public static DayBoardLayout of(LocalDate date, ZoneId zone, List<Doctor> doctors, List<Appointment> appointments,
                                    boolean showReleased) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Doctor doctor : doctors) {
            String detail = doctor.getSpecialization().isBlank() ? doctor.getDepartmentName() : doctor.getSpecialization();
            columns.putIfAbsent(doctor.getDoctorId(), new Column(doctor.getDoctorId(), doctor.getDisplayName(), detail));
        }
        List<Placed> placed = new ArrayList<>();
        List<Column> extra = new ArrayList<>();
        for (Appointment appointment : appointments) {
            StatusStyle style = StatusStyle.of(appointment.getStatus());
            if (style.faded() && !showReleased) {
                continue;
            }
            int start = minuteOfDay(date, zone, ClinicTime.instant(appointment.getStartsAt()).atZone(zone));
            int end = minuteOfDay(date, zone, ClinicTime.instant(appointment.getEndsAt()).atZone(zone));
            if (end <= start) {
                continue; // not on this day at all
            }
            if (!columns.containsKey(appointment.getDoctorId())
                    && extra.stream().noneMatch(c -> c.doctorId().equals(appointment.getDoctorId()))) {
                // Booked, though no longer listed (filters, retired rule): the appointment still shows.
                extra.add(new Column(appointment.getDoctorId(), appointment.getDoctorName(), ""));
            }
            placed.add(new Placed(appointment, start, end, style));
        }
        extra.sort(Comparator.comparing(Column::name));
        extra.forEach(c -> columns.put(c.doctorId(), c));

        int first = DEFAULT_FIRST_MINUTE;
        int last = DEFAULT_LAST_MINUTE;
        for (Placed p : placed) {
            first = Math.min(first, p.start / 60 * 60);
            last = Math.max(last, Math.min(DAY_MINUTES, (p.end + 59) / 60 * 60));
        }
        List<String> order = new ArrayList<>(columns.keySet());
        List<Block> blocks = new ArrayList<>();
        for (int column = 0; column < order.size(); column++) {
            String doctorId = order.get(column);
            List<Placed> mine = placed.stream().filter(p -> p.appointment.getDoctorId().equals(doctorId))
                    .sorted(Comparator.comparingInt((Placed p) -> p.start).thenComparingInt(p -> p.style.faded() ? 1 : 0))
                    .toList();
            blocks.addAll(lanes(mine, column, first));
        }
        return new DayBoardLayout(first, last, new ArrayList<>(columns.values()), blocks);
    }

    /** Clusters of overlapping appointments; inside each, the first free lane, and the cluster's lane count for all. */
    private static List<Block> lanes(List<Placed> sorted, int column, int first) {
        List<Block> out = new ArrayList<>();
        List<Placed> cluster = new ArrayList<>();
        List<Integer> laneOf = new ArrayList<>();
        List<Integer> laneEnds = new ArrayList<>();
        int clusterEnd = -1;
        for (Placed p : sorted) {
            if (!cluster.isEmpty() && p.start >= clusterEnd) {
                flush(cluster, laneOf, laneEnds.size(), column, first, out);
                laneEnds.clear();
            }
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane) > p.start) {
                lane++;
            }
            if (lane == laneEnds.size()) {
                laneEnds.add(p.end);
            } else {
                laneEnds.set(lane, p.end);
            }
            cluster.add(p);
            laneOf.add(lane);
            clusterEnd = Math.max(clusterEnd, p.end);
        }
        if (!cluster.isEmpty()) {
            flush(cluster, laneOf, laneEnds.size(), column, first, out);
        }
        return out;
    }

    private static void flush(List<Placed> cluster, List<Integer> laneOf, int lanes, int column, int first, List<Block> out) {
        for (int i = 0; i < cluster.size(); i++) {
            Placed p = cluster.get(i);
            out.add(new Block(p.appointment, column, p.start - first, p.end - p.start, laneOf.get(i), lanes, p.style));
        }
        cluster.clear();
        laneOf.clear();
    }

    /** Minutes since the day's midnight on the wall clock, clipped to the day. */
    private static int minuteOfDay(LocalDate date, ZoneId zone, ZonedDateTime at) {
        LocalDate day = at.toLocalDate();
        if (day.isBefore(date)) {
            return 0;
        }
        if (day.isAfter(date)) {
            return DAY_MINUTES;
        }
        return at.getHour() * 60 + at.getMinute();
    }

    public int rows() {
        return (lastMinute - firstMinute) / ROW_MINUTES;
    }

    /** The wall-clock time that row {@code row} starts at. */
    public LocalTime timeOfRow(int row) {
        int minute = firstMinute + row * ROW_MINUTES;
        return minute >= DAY_MINUTES ? LocalTime.MAX : LocalTime.of(minute / 60, minute % 60);
    }

    /** The row a minute offset (from the board's first time) falls in, when it is on the board. */
    public Optional<Integer> rowAt(double minutesFromFirst) {
        int row = (int) Math.floor(minutesFromFirst / ROW_MINUTES);
        return row >= 0 && row < rows() ? Optional.of(row) : Optional.empty();
    }

    /** The appointments a doctor's column shows, in time order. */
    public List<Block> blocksOf(int column) {
        return blocks.stream().filter(b -> b.column() == column).sorted(Comparator.comparingInt(Block::startMinute)).toList();
    }

    private record Placed(Appointment appointment, int start, int end, StatusStyle style) {}

    private static final java.util.Set<String> SURNAME_PARTICLES = java.util.Set.of(
            "de", "del", "della", "der", "den", "di", "da", "dos", "das", "du", "la", "le", "van", "von", "ter", "bin", "binti", "al", "el", "st", "st.", "mac", "o'");

    /**
     * "Jane Smithson" as "Smithson, J.", for a one-line block in a narrow column: the surname whole, which a
     * cut "Smithson, Ja…" would not promise; the tooltip has the full name.
     */
    static String surnameAndInitial(String displayName) {
        String sorted = surnameFirst(displayName);
        int comma = sorted.indexOf(", ");
        if (comma < 0 || comma + 2 >= sorted.length()) {
            return sorted;
        }
        return sorted.substring(0, comma + 2) + sorted.charAt(comma + 2) + ".";
    }

    /**
     * "Jane Smithson" as "Smithson, Jane", for a narrow column where the surname must show first to tell
     * two Janes apart; particles stay with the surname ("Maria de la Cruz" is "de la Cruz, Maria").
     */
    static String surnameFirst(String displayName) {
        String[] words = displayName.strip().split("\\s+");
        if (words.length < 2) {
            return displayName.strip();
        }
        int start = words.length - 1;
        while (start > 1 && SURNAME_PARTICLES.contains(words[start - 1].toLowerCase(java.util.Locale.ROOT))) {
            start--;
        }
        String surname = String.join(" ", java.util.Arrays.copyOfRange(words, start, words.length));
        String given = String.join(" ", java.util.Arrays.copyOfRange(words, 0, start));
        return surname + ", " + given;
    }
}
