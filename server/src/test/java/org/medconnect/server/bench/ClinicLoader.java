package org.medconnect.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.DoctorProfileInput;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.staff.StaffService;
import org.medconnect.shared.schedule.SlotGrid;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Fills the benchmark clinic: a year of a 50-doctor clinic. Staff go through the staff
 * service; locations, types, availability, patients and appointments go straight in with
 * SQL and COPY (the fast way; the benchmark measures the API, not the loading). The data
 * keeps every database rule: no doctor and no patient holds two overlapping appointments.
 */
final class ClinicLoader {

    static final String PASSWORD = "bench-pass-2026";
    static final int DOCTORS = 50;
    static final int DEPARTMENTS = 5;
    static final LocalTime DAY_START = LocalTime.of(7, 0);
    static final int SLOT_MINUTES = 10;
    /** 07:00 to 19:00 in 10-minute slots. */
    static final int SLOTS_PER_DAY = 72;
    static final int PAST_DAYS = 273;
    private static final String EVENT_TRIGGER = "appointment_event_on_change";
    static final int FUTURE_DAYS = 91;
    static final int RECEPTIONISTS = 8;
    /** Patients kept free of loaded appointments, for the booking runs. */
    static final int NEW_PATIENTS = 20_000;

    private static final String[] DEPARTMENT_NAMES = {"General Medicine", "Cardiology", "Dermatology", "Paediatrics", "Orthopaedics"};
    private static final String[] SPECIALIZATIONS = {"Family Medicine", "Cardiology", "Dermatology", "Paediatrics", "Orthopaedic Surgery"};
    private static final String[] GIVEN = {"Anna", "Ben", "Chiara", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas",
            "Katarzyna", "Lukas", "Mei", "Noah", "Olga", "Pavel", "Quentin", "Rosa", "Samir", "Tanja", "Umut", "Vera",
            "Wei", "Xenia", "Yusuf", "Zoe", "Amara", "Bruno", "Carla", "Dmitri", "Emma", "Felix"};
    private static final String[] FAMILY = {"Schmidt", "Okafor", "Sharma", "Haddad", "Nowak", "Rossi", "Yilmaz", "Chen",
            "Fischer", "Kowalski", "Dubois", "Novak", "Garcia", "Ivanova", "Jensen", "Kim", "Larsen", "Moreau", "Nguyen",
            "Oliveira", "Petrov", "Quinn", "Richter", "Silva", "Tanaka", "Ulrich", "Vogel", "Weber", "Xu", "Young",
            "Zimmermann", "Bauer", "Costa", "Demir", "Eriksen", "Fontaine", "Hoffmann", "Kaya", "Lehmann", "Meyer"};

    /** A doctor as the benchmark needs them. */
    record Doctor(UUID id, int index, UUID departmentId, UUID locationId) {}

    /** A free future slot set aside for one booking, with the patient to book it for. */
    record FreeSlot(Doctor doctor, Instant start, UUID patientId) {}

    /** What was loaded, and how long it took. */
    record Clinic(List<Doctor> doctors, List<UUID> departmentIds, List<UUID> locationIds, UUID consultationTypeId,
                  UUID receptionistId, List<String> receptionists, List<UUID> patientIds, List<FreeSlot> freeSlots,
                  LocalDate firstDay, LocalDate lastDay, LocalDate today, long appointments, long holdingTime,
                  double loadSeconds) {}

    private final DataSource dataSource;
    private final StaffService staff;
    private final ZoneId zone;
    private final int targetAppointments;
    private final int patientCount;

    ClinicLoader(DataSource dataSource, StaffService staff, ZoneId zone, int targetAppointments, int patientCount) {
        this.dataSource = dataSource;
        this.staff = staff;
        this.zone = zone;
        this.targetAppointments = targetAppointments;
        this.patientCount = patientCount;
    }

    Clinic load() throws Exception {
        long t0 = System.nanoTime();
        LocalDate today = LocalDate.now(zone);
        LocalDate firstDay = today.minusDays(PAST_DAYS);
        LocalDate lastDay = today.plusDays(FUTURE_DAYS - 1);

        List<UUID> departments = new ArrayList<>();
        for (String name : DEPARTMENT_NAMES) {
            departments.add(staff.createDepartment(null, Optional.empty(), name).id());
        }
        List<UUID> locations = List.of(insertLocation("Riverside Clinic"), insertLocation("Hillview Clinic"));
        UUID consultation = insertType("Consultation", SLOT_MINUTES);
        UUID followUp = insertType("Follow-up", SLOT_MINUTES);
        insertType("Procedure", 30);

        List<String> receptionists = new ArrayList<>();
        UUID receptionistId = null;
        for (int i = 1; i <= RECEPTIONISTS; i++) {
            String username = "reception" + i;
            UUID id = staff.createUser((UUID) null, new NewUser(Optional.empty(), username, "Front Desk " + i,
                    username + "@clinic.test", "", Optional.of(Role.RECEPTIONIST), Optional.empty(), PASSWORD), false).id();
            receptionistId = receptionistId == null ? id : receptionistId;
            receptionists.add(username);
        }
        List<Doctor> doctors = new ArrayList<>();
        for (int k = 0; k < DOCTORS; k++) {
            int dept = k / (DOCTORS / DEPARTMENTS);
            String given = GIVEN[k % GIVEN.length];
            String family = FAMILY[(k * 7) % FAMILY.length];
            String username = ("dr." + given + "." + family + k).toLowerCase();
            UUID id = staff.createUser((UUID) null, new NewUser(Optional.empty(), username, "Dr " + given + " " + family,
                    username + "@clinic.test", "", Optional.of(Role.DOCTOR),
                    Optional.of(new DoctorProfileInput(SPECIALIZATIONS[dept], departments.get(dept).toString(), "MD", 5 + k % 25,
                            8000, "EUR")), PASSWORD), false).id();
            doctors.add(new Doctor(id, k, departments.get(dept), locations.get(k % 2)));
        }
        insertAvailability(doctors, firstDay);
        List<UUID> patients = copyPatients(patientCount + NEW_PATIENTS);
        System.out.printf("  staff, locations, availability and %,d patients in %.1f s%n", patients.size(), seconds(t0));

        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        Schedule schedule = new Schedule(days, today);
        long t1 = System.nanoTime();
        List<String> rebuild = dropAppointmentIndexes();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // The live-event trigger (V3) would write an event row for every loaded row at commit, one
            // at a time on its clock row: a year of history loaded in bulk is not a million changes for
            // workstations to replay. It is back on (below) before the benchmark books anything.
            st.execute("alter table appointment disable trigger " + EVENT_TRIGGER);
        }
        long[] counts = copyAppointments(schedule, doctors, patients, consultation, followUp, receptionistId);
        System.out.printf("  %,d appointments (%,d holding time) copied in %.1f s%n", counts[0], counts[1], seconds(t1));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // The loaded year is history, not news: no inbox items or reminders for it (the server's
            // notification projector would otherwise work through a million events during the runs).
            st.execute("update notification_cursor set last_seq = (select last_seq from appointment_event_clock)");
        }
        long t3 = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("set max_parallel_maintenance_workers = 2");
            for (String sql : rebuild) {
                st.execute(sql);
            }
            st.execute("alter table appointment enable trigger " + EVENT_TRIGGER);
            st.execute("reset max_parallel_maintenance_workers"); // the connection goes back to the server's pool
        }
        System.out.printf("  %d indexes and constraints rebuilt (and checked) in %.1f s%n", rebuild.size(), seconds(t3));
        long t2 = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("vacuum (analyze) appointment");
            st.execute("vacuum (analyze) patient");
            st.execute("analyze");
        }
        System.out.printf("  vacuum and analyze in %.1f s%n", seconds(t2));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select status, count(*) from appointment group by status order by 2 desc")) {
            StringBuilder sb = new StringBuilder("  by status:");
            while (rs.next()) {
                sb.append(String.format(" %s %,d", rs.getString(1), rs.getLong(2)));
            }
            System.out.println(sb);
        }

        List<UUID> newPatients = patients.subList(patientCount, patients.size());
        List<FreeSlot> free = schedule.freeFutureSlots(doctors, newPatients);
        return new Clinic(doctors, departments, locations, consultation, receptionistId, receptionists,
                patients.subList(0, patientCount), free, firstDay, lastDay, today, counts[0], counts[1], seconds(t0));
    }

    /**
     * Which slots hold an appointment: most of the past, the near future nearly full and
     * thinning towards three months out, so slot search finds free time.
     */
    private final class Schedule {
        final List<LocalDate> days;
        final LocalDate today;
        final BitSet booked;
        final double cancelledPerSlot;

        Schedule(List<LocalDate> days, LocalDate today) {
            this.days = days;
            this.today = today;
            double expected = 0;
            for (LocalDate d : days) {
                expected += fill(d) * SLOTS_PER_DAY * DOCTORS;
            }
            // Cancelled and declined bookings (which hold no time) make up the rest, at least 15%.
            double scale = Math.min(1.0, targetAppointments * 0.85 / expected);
            double slots = (double) days.size() * SLOTS_PER_DAY * DOCTORS;
            this.cancelledPerSlot = Math.max(0, targetAppointments - expected * scale) / slots;
            this.booked = new BitSet((int) slots);
            for (int k = 0; k < DOCTORS; k++) {
                for (int di = 0; di < days.size(); di++) {
                    SplittableRandom r = random(k, di, 1);
                    double p = fill(days.get(di)) * scale;
                    for (int s = 0; s < SLOTS_PER_DAY; s++) {
                        if (r.nextDouble() < p) {
                            booked.set(bit(k, di, s));
                        }
                    }
                }
            }
        }

        double fill(LocalDate day) {
            if (day.isBefore(today)) {
                return 0.95;
            }
            double ahead = ChronoUnit.DAYS.between(today, day) / (double) FUTURE_DAYS;
            return 0.90 - 0.55 * ahead;
        }

        int bit(int k, int dayIndex, int slot) {
            return (k * days.size() + dayIndex) * SLOTS_PER_DAY + slot;
        }

        Instant start(int dayIndex, int slot) {
            return SlotGrid.instant(days.get(dayIndex), DAY_START.plusMinutes((long) slot * SLOT_MINUTES), zone).orElseThrow();
        }

        /** Free slots from tomorrow on, shuffled, each with a new patient who books only that doctor. */
        List<FreeSlot> freeFutureSlots(List<Doctor> doctors, List<UUID> newPatients) {
            int perDoctor = newPatients.size() / DOCTORS;
            List<FreeSlot> out = new ArrayList<>();
            for (Doctor doctor : doctors) {
                int n = 0;
                for (int di = 0; di < days.size(); di++) {
                    if (!days.get(di).isAfter(today)) {
                        continue;
                    }
                    for (int s = 0; s < SLOTS_PER_DAY; s++) {
                        if (!booked.get(bit(doctor.index(), di, s))) {
                            // A patient books only this doctor, whose slots never overlap: no patient clash.
                            UUID patient = newPatients.get(doctor.index() * perDoctor + (n++ % perDoctor));
                            out.add(new FreeSlot(doctor, start(di, s), patient));
                        }
                    }
                }
            }
            Collections.shuffle(out, new Random(42));
            return out;
        }
    }

    /**
     * Drops the appointment table's secondary indexes, foreign keys and exclusion constraints
     * and returns the statements that put them back exactly as the migrations made them (read
     * from the catalog): building them once after COPY is far faster than row by row, and
     * adding the constraints back checks every loaded row against them.
     */
    private List<String> dropAppointmentIndexes() throws SQLException {
        List<String> drop = new ArrayList<>();
        List<String> rebuild = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select indexname, indexdef from pg_indexes where tablename = 'appointment' "
                    + "and indexname not in (select conname from pg_constraint where conrelid = 'appointment'::regclass)")) {
                while (rs.next()) {
                    drop.add("drop index " + rs.getString(1));
                    rebuild.add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint "
                    + "where conrelid = 'appointment'::regclass and contype in ('x', 'f') order by contype, conname")) {
                while (rs.next()) {
                    drop.add("alter table appointment drop constraint " + rs.getString(1));
                    rebuild.add("alter table appointment add constraint " + rs.getString(1) + " " + rs.getString(2));
                }
            }
            for (String sql : drop) {
                st.execute(sql);
            }
        }
        return rebuild;
    }

    private static SplittableRandom random(int doctor, int dayIndex, int stream) {
        return new SplittableRandom(((long) doctor * 1_000_003L + dayIndex) * 31 + stream);
    }

    private long[] copyAppointments(Schedule schedule, List<Doctor> doctors, List<UUID> patients, UUID consultation,
                                    UUID followUp, UUID receptionistId) throws Exception {
        AtomicLong reference = new AtomicLong(1001);
        Instant now = Instant.now();
        // Two COPY streams (even and odd doctors): independent rows, so the two cores both work.
        int streams = 2;
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int part = 0; part < streams; part++) {
                int p = part;
                parts.add(pool.submit(() -> copyAppointmentPart(schedule, doctors, patients, consultation, followUp,
                        receptionistId, reference, now, p, streams)));
            }
            long[] total = new long[2];
            for (Future<long[]> f : parts) {
                long[] c = f.get();
                total[0] += c[0];
                total[1] += c[1];
            }
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("select setval('appointment_ref_seq', " + reference.get() + ")");
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private long[] copyAppointmentPart(Schedule schedule, List<Doctor> doctors, List<UUID> patients, UUID consultation,
                                       UUID followUp, UUID receptionistId, AtomicLong reference, Instant now,
                                       int part, int parts) throws SQLException, IOException {
        long rows = 0;
        long holding = 0;
        int p = patients.size() - NEW_PATIENTS;
        try (Connection c = dataSource.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy appointment (reference, patient_id, doctor_id, "
                    + "location_id, type_id, starts_at, ends_at, blocks_until, status, cancel_reason, cancelled_by, booked_by, "
                    + "created_at, updated_at, checked_in_at, called_at) from stdin");
            StringBuilder sb = new StringBuilder(1 << 20);
            for (Doctor doctor : doctors) {
                int k = doctor.index();
                if (k % parts != part) {
                    continue;
                }
                for (int di = 0; di < schedule.days.size(); di++) {
                    LocalDate day = schedule.days.get(di);
                    SplittableRandom r = random(k, di, 2);
                    // Its own stream, so the visit times leave the rest of the year as it was.
                    SplittableRandom visit = random(k, di, 3);
                    for (int s = 0; s < SLOTS_PER_DAY; s++) {
                        Instant start = schedule.start(di, s);
                        Instant end = start.plusSeconds(SLOT_MINUTES * 60L);
                        if (r.nextDouble() < schedule.cancelledPerSlot) {
                            UUID patient = patients.get(r.nextInt(p));
                            String status = r.nextDouble() < 0.93 ? "CANCELLED" : "DECLINED";
                            row(sb, reference.getAndIncrement(), patient, doctor, consultation, start, end, status,
                                    "Patient called to cancel", receptionistId, receptionistId, null, null);
                            rows++;
                        }
                        if (!schedule.booked.get(schedule.bit(k, di, s))) {
                            continue;
                        }
                        // Same slot index, different doctors: different patients; a patient keeps their doctor.
                        long g = (long) di * SLOTS_PER_DAY + s;
                        UUID patient = patients.get((int) ((g * DOCTORS + k) % p));
                        String status;
                        if (day.isBefore(schedule.today) || (day.equals(schedule.today) && end.isBefore(now))) {
                            status = r.nextDouble() < 0.96 ? "COMPLETED" : "NO_SHOW";
                        } else {
                            status = r.nextDouble() < 0.95 ? "CONFIRMED" : "PENDING";
                        }
                        if (!status.equals("NO_SHOW")) {
                            holding++;
                        }
                        // A completed visit was checked in up to a quarter of an hour early and called in
                        // after a wait of a few minutes (a long tail), as the dashboard's visit times expect.
                        Instant checkedIn = null;
                        Instant called = null;
                        if (status.equals("COMPLETED")) {
                            checkedIn = start.minusSeconds(60L * visit.nextInt(16));
                            called = checkedIn.plusSeconds(60L * Math.min(60, 2 + (long) (-8 * Math.log(1 - visit.nextDouble()))));
                        }
                        row(sb, reference.getAndIncrement(), patient, doctor, r.nextDouble() < 0.7 ? consultation : followUp,
                                start, end, status, null, null, receptionistId, checkedIn, called);
                        rows++;
                    }
                    if (sb.length() > (1 << 20) - 64_000) {
                        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        sb.setLength(0);
                    }
                }
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        }
        return new long[] {rows, holding};
    }

    private static void row(StringBuilder sb, long reference, UUID patient, Doctor doctor, UUID type, Instant start, Instant end,
                            String status, String cancelReason, UUID cancelledBy, UUID bookedBy, Instant checkedIn, Instant called) {
        String created = start.minus(14, ChronoUnit.DAYS).toString();
        // The server's own format ("A-%06d" from appointment_ref_seq), so references look alike.
        sb.append("A-").append(reference < 100_000 ? String.format("%06d", reference) : Long.toString(reference)).append('\t')
                .append(patient).append('\t')
                .append(doctor.id()).append('\t')
                .append(doctor.locationId()).append('\t')
                .append(type).append('\t')
                .append(start).append('\t')
                .append(end).append('\t')
                .append(end).append('\t')
                .append(status).append('\t')
                .append(cancelReason == null ? "\\N" : cancelReason).append('\t')
                .append(cancelledBy == null ? "\\N" : cancelledBy.toString()).append('\t')
                .append(bookedBy).append('\t')
                .append(created).append('\t')
                .append(created).append('\t')
                .append(checkedIn == null ? "\\N" : checkedIn.toString()).append('\t')
                .append(called == null ? "\\N" : called.toString()).append('\n');
    }

    private List<UUID> copyPatients(int count) throws SQLException, IOException {
        List<UUID> ids = new ArrayList<>(count);
        SplittableRandom r = new SplittableRandom(7);
        try (Connection c = dataSource.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy patient (id, mrn, given_name, family_name, date_of_birth, sex, phone, email) from stdin");
            StringBuilder sb = new StringBuilder(1 << 20);
            long mrnNumber = 100_001;
            LocalDate oldest = LocalDate.of(1935, 1, 1);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                String given = GIVEN[r.nextInt(GIVEN.length)];
                String family = FAMILY[r.nextInt(FAMILY.length)];
                long number = mrnNumber++;
                sb.append(id).append('\t')
                        .append("MC").append(number).append(luhnDigit(number)).append('\t')
                        .append(given).append('\t')
                        .append(family).append('\t')
                        .append(oldest.plusDays(r.nextInt(32_000))).append('\t')
                        .append(r.nextBoolean() ? "FEMALE" : "MALE").append('\t')
                        .append("+49 30 ").append(1_000_000 + i).append('\t')
                        .append(given.toLowerCase()).append('.').append(family.toLowerCase()).append(i).append("@mail.test\n");
                if (sb.length() > (1 << 20) - 1_000) {
                    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    sb.setLength(0);
                }
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
            try (Statement st = c.createStatement()) {
                st.execute("select setval('patient_mrn_seq', " + mrnNumber + ", false)");
            }
        }
        return ids;
    }

    /** The Luhn check digit of a number, as MRNs carry. */
    static int luhnDigit(long number) {
        String digits = Long.toString(number);
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    private UUID insertLocation(String name) throws SQLException {
        return insertReturningId("insert into location (name, address, phone) values (?, ?, '+49 30 5550100') returning id",
                name, name + ", Hauptstrasse 1, Berlin");
    }

    private UUID insertType(String name, int minutes) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into appointment_type (name, duration_minutes, buffer_minutes) values (?, ?, 0) returning id")) {
            ps.setString(1, name);
            ps.setInt(2, minutes);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private void insertAvailability(List<Doctor> doctors, LocalDate validFrom) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into availability_rule (doctor_id, location_id, weekdays, "
                     + "start_time, end_time, slot_minutes, valid_from) values (?, ?, '{1,2,3,4,5}', ?, ?, ?, ?)")) {
            for (Doctor d : doctors) {
                ps.setObject(1, d.id());
                ps.setObject(2, d.locationId());
                ps.setObject(3, DAY_START);
                ps.setObject(4, DAY_START.plusMinutes((long) SLOTS_PER_DAY * SLOT_MINUTES));
                ps.setInt(5, SLOT_MINUTES);
                ps.setObject(6, validFrom);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private UUID insertReturningId(String sql, String... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
