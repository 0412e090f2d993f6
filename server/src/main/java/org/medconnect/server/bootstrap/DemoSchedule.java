package org.medconnect.server.bootstrap;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.schedule.ClinicSetupService;
import org.medconnect.server.schedule.ScheduleModel.ExceptionInput;
import org.medconnect.server.schedule.ScheduleModel.NewLocation;
import org.medconnect.server.schedule.ScheduleModel.NewRoom;
import org.medconnect.server.schedule.ScheduleModel.NewType;
import org.medconnect.server.schedule.ScheduleModel.RuleInput;
import org.medconnect.server.schedule.ScheduleModel.TypeFields;
import org.medconnect.server.schedule.ScheduleService;
import org.medconnect.shared.schedule.ExceptionKind;
import org.medconnect.shared.schedule.ScheduleRules.BreakDraft;

/**
 * The demo clinic's two sites, their rooms, the appointment types and every demo doctor's
 * weekly hours, plus one doctor's week of leave next month. Public so other demo seeders
 * (appointments, the waiting list) can build on the ids it returns.
 */
public final class DemoSchedule {

    public static final String RIVERSIDE = "Riverside Clinic";
    public static final String HILLVIEW = "Hillview Clinic";
    public static final String CONSULTATION = "Consultation";
    public static final String FOLLOW_UP = "Follow-up";
    public static final String PROCEDURE = "Procedure";
    public static final String VIDEO_VISIT = "Video visit";

    private static final List<Integer> MON_TO_FRI = List.of(1, 2, 3, 4, 5);
    private static final List<Integer> MON_WED_FRI = List.of(1, 3, 5);
    private static final List<Integer> TUE_THU = List.of(2, 4);

    /** Seeding is the server's own doing, not a signed-in person's: audit entries carry no actor. */
    private static final Principal SEEDER = new Principal(null, "demo-seed", "Demo data", Role.ADMIN, false, new byte[0]);

    /** Everything created, by name, in the order created. */
    public record Seeded(Map<String, UUID> locations, Map<String, List<UUID>> roomsByLocation, Map<String, UUID> types,
                         Map<UUID, List<UUID>> rulesByDoctor, Optional<Leave> leave) {}

    /** A doctor's whole days off. */
    public record Leave(UUID doctorId, UUID exceptionId, LocalDate firstDay, LocalDate lastDay) {}

    private DemoSchedule() {}

    /**
     * Seeds locations, rooms and types, and gives each doctor Mon-Fri 09:00-17:00 with a
     * 12:30-13:30 lunch from today for a year: some at one site, every third doctor split
     * between the two. The first doctor takes the first full week of next month off.
     */
    public static Seeded seed(ClinicSetupService setup, ScheduleService schedule, List<UUID> doctorIds) {
        Map<String, UUID> locations = new LinkedHashMap<>();
        locations.put(RIVERSIDE, setup.createLocation(SEEDER, new NewLocation(Optional.empty(), RIVERSIDE,
                "12 River Road, Springfield", "+1 555 0100")).id());
        locations.put(HILLVIEW, setup.createLocation(SEEDER, new NewLocation(Optional.empty(), HILLVIEW,
                "480 Hill Street, Springfield", "+1 555 0200")).id());

        Map<String, List<UUID>> rooms = new LinkedHashMap<>();
        rooms.put(RIVERSIDE, rooms(setup, locations.get(RIVERSIDE), List.of("Room 101", "Room 102", "Room 103", "Room 104", "Room 105", "Treatment Room")));
        rooms.put(HILLVIEW, rooms(setup, locations.get(HILLVIEW), List.of("Room A", "Room B", "Room C", "Room D", "Room E")));

        Map<String, UUID> types = new LinkedHashMap<>();
        types.put(CONSULTATION, type(setup, CONSULTATION, 20, 5, false, false));
        types.put(FOLLOW_UP, type(setup, FOLLOW_UP, 15, 0, false, false));
        types.put(PROCEDURE, type(setup, PROCEDURE, 45, 15, false, true));
        types.put(VIDEO_VISIT, type(setup, VIDEO_VISIT, 20, 0, true, false));

        LocalDate today = schedule.today();
        LocalDate lastDay = today.plusYears(1).minusDays(1);
        RoomPlanner planner = new RoomPlanner(rooms);
        Map<UUID, List<UUID>> rules = new LinkedHashMap<>();
        for (int i = 0; i < doctorIds.size(); i++) {
            UUID doctor = doctorIds.get(i);
            int slot = i % 2 == 0 ? 15 : 20;
            List<UUID> ids = new ArrayList<>();
            if (i % 3 == 2) {
                // Every third doctor splits the week between the two sites.
                boolean riversideFirst = (i / 3) % 2 == 0;
                ids.add(rule(schedule, planner, doctor, riversideFirst ? RIVERSIDE : HILLVIEW, locations, MON_WED_FRI, slot, today, lastDay));
                ids.add(rule(schedule, planner, doctor, riversideFirst ? HILLVIEW : RIVERSIDE, locations, TUE_THU, slot, today, lastDay));
            } else {
                ids.add(rule(schedule, planner, doctor, i % 2 == 0 ? RIVERSIDE : HILLVIEW, locations, MON_TO_FRI, slot, today, lastDay));
            }
            rules.put(doctor, List.copyOf(ids));
        }

        Optional<Leave> leave = Optional.empty();
        if (!doctorIds.isEmpty()) {
            LocalDate monday = today.plusMonths(1).withDayOfMonth(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            LocalDate friday = monday.plusDays(4);
            UUID exception = schedule.addException(SEEDER, new ExceptionInput(Optional.empty(), doctorIds.getFirst(),
                    Optional.of(ExceptionKind.TIME_OFF), monday.toString(), friday.toString(), "", "", Optional.empty(),
                    Optional.empty(), 0, "Annual leave")).exception().id();
            leave = Optional.of(new Leave(doctorIds.getFirst(), exception, monday, friday));
        }
        return new Seeded(locations, rooms, types, rules, leave);
    }

    private static List<UUID> rooms(ClinicSetupService setup, UUID locationId, List<String> names) {
        return names.stream().map(n -> setup.createRoom(SEEDER, new NewRoom(Optional.empty(), locationId, n)).id()).toList();
    }

    private static UUID type(ClinicSetupService setup, String name, int minutes, int buffer, boolean video, boolean confirm) {
        return setup.createType(SEEDER, new NewType(Optional.empty(), new TypeFields(name, minutes, buffer, video, confirm, false))).id();
    }

    private static UUID rule(ScheduleService schedule, RoomPlanner planner, UUID doctor, String location, Map<String, UUID> locations,
                             List<Integer> weekdays, int slot, LocalDate from, LocalDate to) {
        return schedule.saveRule(SEEDER, new RuleInput(Optional.empty(), Optional.empty(), doctor, locations.get(location),
                planner.take(location, weekdays), weekdays, "09:00", "17:00", slot, List.of(new BreakDraft("12:30", "13:30")),
                from.toString(), to.toString())).id();
    }

    /** Gives each weekly rule a room that is free on all its days, while there is one. */
    private static final class RoomPlanner {
        private final Map<String, List<UUID>> rooms;
        private final Map<UUID, Set<Integer>> taken = new HashMap<>();

        RoomPlanner(Map<String, List<UUID>> rooms) {
            this.rooms = rooms;
        }

        Optional<UUID> take(String location, List<Integer> weekdays) {
            for (UUID room : rooms.get(location)) {
                Set<Integer> days = taken.computeIfAbsent(room, r -> new HashSet<>());
                if (weekdays.stream().noneMatch(days::contains)) {
                    days.addAll(weekdays);
                    return Optional.of(room);
                }
            }
            return Optional.empty();
        }
    }
}
