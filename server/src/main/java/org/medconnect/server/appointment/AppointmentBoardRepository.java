package org.medconnect.server.appointment;

import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.APPOINTMENT_HISTORY;
import static org.medconnect.server.db.Tables.APPOINTMENT_TYPE;
import static org.medconnect.server.db.Tables.DOCTOR_PROFILE;
import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.QUEUE_DAY;
import static org.medconnect.server.db.Tables.ROOM;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.ListQuery;
import org.medconnect.server.appointment.AppointmentModel.PatientBrief;
import org.medconnect.server.platform.Jdbc;
import org.medconnect.shared.appointment.StatusMoves.Status;

/**
 * The day board's hot-path read: a window of appointments in two plain-SQL statements
 * (decision 0014), apart from {@link AppointmentRepository}'s writes so it can be tuned on its own.
 */
final class AppointmentBoardRepository {

    private final DSLContext dsl;

    AppointmentBoardRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * A window of appointments in time order, then by doctor's name; at most 5,000 (cut in
     * time order). The day board asks for about 2,000 rows several times a minute, so this is
     * plain SQL read by position with two joins' worth of planning: appointments with their
     * patients, then the few names they point at (doctors, bookers, cancellers, locations,
     * rooms, types) in one more statement. Joining those six small tables in the first
     * statement made PostgreSQL spend longer planning the eight-way join than running it
     * (docs/performance.md).
     */
    List<Appointment> list(ListQuery q) {
        StringBuilder sql = new StringBuilder(LIST_SELECT).append("where a.starts_at >= ? and a.starts_at < ?\n");
        List<Object> binds = new ArrayList<>(List.of(q.from(), q.to()));
        if (q.locationId().isPresent()) {
            sql.append("and a.location_id = ?\n");
            binds.add(q.locationId().get());
        }
        if (q.departmentId().isPresent()) {
            sql.append("and a.doctor_id in (select user_id from doctor_profile where department_id = ?)\n");
            binds.add(q.departmentId().get());
        }
        if (!q.doctorIds().isEmpty()) {
            sql.append("and a.doctor_id = any (?::uuid[])\n");
            binds.add(q.doctorIds().stream().map(UUID::toString).toArray(String[]::new));
        }
        if (q.patientId().isPresent()) {
            sql.append("and a.patient_id = ?\n");
            binds.add(q.patientId().get());
        }
        if (!q.statuses().isEmpty()) {
            sql.append("and a.status = any (?::text[])\n");
            binds.add(q.statuses().stream().map(Enum::name).toArray(String[]::new));
        }
        sql.append("order by a.starts_at, a.doctor_id\nlimit 5000");
        List<ListedRow> rows = Jdbc.list(dsl, sql.toString(), AppointmentBoardRepository::listed, binds.toArray());
        Map<UUID, String> names = namesOf(rows);
        List<Appointment> out = new ArrayList<>(rows.size());
        for (ListedRow r : rows) {
            out.add(r.with(names));
        }
        out.sort(Comparator.comparing(Appointment::startsAt).thenComparing(Appointment::doctorName));
        return out;
    }

    private static final String LIST_SELECT = """
            select a.id, a.reference, a.patient_id, p.mrn, p.given_name, p.family_name, p.date_of_birth, p.phone,
                   a.doctor_id, a.location_id, a.room_id, a.type_id, a.starts_at, a.ends_at, a.status, a.reason,
                   a.video_link, a.cancel_reason, a.cancelled_by, a.booked_by, a.created_at, a.updated_at, a.version,
                   a.token_number, a.checked_in_at, a.called_at
            from appointment a
            join patient p on p.id = a.patient_id
            """;

    /** One row of {@link #LIST_SELECT}: an appointment whose names are still ids. */
    private record ListedRow(UUID id, String reference, PatientBrief patient, UUID doctorId, UUID locationId, UUID roomId,
                             UUID typeId, Instant startsAt, Instant endsAt, Status status, String reason, String videoLink,
                             String cancelReason, UUID cancelledBy, UUID bookedBy, Instant createdAt, Instant updatedAt,
                             long version, Integer tokenNumber, Instant checkedInAt, Instant calledAt) {
        Appointment with(Map<UUID, String> names) {
            return new Appointment(id, reference, patient, doctorId, names.get(doctorId), locationId, names.get(locationId),
                    Optional.ofNullable(roomId), Optional.ofNullable(roomId).map(names::get), typeId, names.get(typeId),
                    startsAt, endsAt, status, Optional.ofNullable(reason), Optional.ofNullable(videoLink),
                    Optional.ofNullable(cancelReason), Optional.ofNullable(cancelledBy).map(names::get),
                    Optional.ofNullable(bookedBy).map(names::get), createdAt, updatedAt, version,
                    Optional.ofNullable(tokenNumber), Optional.ofNullable(checkedInAt), Optional.ofNullable(calledAt));
        }
    }

    private static ListedRow listed(ResultSet rs) throws SQLException {
        return new ListedRow(Jdbc.uuid(rs, 1), rs.getString(2),
                new PatientBrief(Jdbc.uuid(rs, 3), rs.getString(4), rs.getString(5) + " " + rs.getString(6),
                        rs.getObject(7, LocalDate.class), Optional.ofNullable(rs.getString(8))),
                Jdbc.uuid(rs, 9), Jdbc.uuid(rs, 10), Jdbc.uuid(rs, 11), Jdbc.uuid(rs, 12), Jdbc.instant(rs, 13),
                Jdbc.instant(rs, 14), Status.valueOf(rs.getString(15)), rs.getString(16), rs.getString(17), rs.getString(18),
                Jdbc.uuid(rs, 19), Jdbc.uuid(rs, 20), Jdbc.instant(rs, 21), Jdbc.instant(rs, 22), rs.getLong(23),
                (Integer) rs.getObject(24), Jdbc.instant(rs, 25), Jdbc.instant(rs, 26));
    }

    /** The names of the staff, locations, rooms and types these rows point at (ids are random UUIDs: one map). */
    private Map<UUID, String> namesOf(List<ListedRow> rows) {
        Set<UUID> ids = new HashSet<>();
        for (ListedRow r : rows) {
            ids.add(r.doctorId());
            ids.add(r.locationId());
            ids.add(r.typeId());
            if (r.roomId() != null) {
                ids.add(r.roomId());
            }
            if (r.cancelledBy() != null) {
                ids.add(r.cancelledBy());
            }
            if (r.bookedBy() != null) {
                ids.add(r.bookedBy());
            }
        }
        Map<UUID, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        String[] array = ids.stream().map(UUID::toString).toArray(String[]::new);
        Jdbc.forEach(dsl, """
                select id, display_name from staff_user where id = any (?::uuid[])
                union all select id, name from location where id = any (?::uuid[])
                union all select id, name from room where id = any (?::uuid[])
                union all select id, name from appointment_type where id = any (?::uuid[])
                """, rs -> names.put(Jdbc.uuid(rs, 1), rs.getString(2)), array, array, array, array);
        return names;
    }
}
