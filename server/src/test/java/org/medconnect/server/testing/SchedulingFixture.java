package org.medconnect.server.testing;

import static org.medconnect.server.db.Tables.APPOINTMENT_TYPE;
import static org.medconnect.server.db.Tables.AVAILABILITY_BREAK;
import static org.medconnect.server.db.Tables.AVAILABILITY_EXCEPTION;
import static org.medconnect.server.db.Tables.AVAILABILITY_RULE;
import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.ROOM;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.DoctorProfileInput;
import org.medconnect.server.staff.StaffModel.NewUser;

/**
 * Sets up what booking tests need straight in the database (locations, types, weekly
 * availability, patients) so appointment tests do not depend on the admin screens' services.
 */
public final class SchedulingFixture {

    private final DSLContext dsl;
    private final ClinicServices services;
    private int patients;

    public SchedulingFixture(DSLContext dsl, ClinicServices services) {
        this.dsl = dsl;
        this.services = services;
    }

    public UUID location(String name) {
        return dsl.insertInto(LOCATION).set(LOCATION.NAME, name).returning(LOCATION.ID).fetchSingle(LOCATION.ID);
    }

    public UUID room(UUID locationId, String name) {
        return dsl.insertInto(ROOM).set(ROOM.LOCATION_ID, locationId).set(ROOM.NAME, name).returning(ROOM.ID).fetchSingle(ROOM.ID);
    }

    public UUID type(String name, int minutes, int buffer, boolean video, boolean needsConfirmation) {
        return dsl.insertInto(APPOINTMENT_TYPE).set(APPOINTMENT_TYPE.NAME, name).set(APPOINTMENT_TYPE.DURATION_MINUTES, minutes)
                .set(APPOINTMENT_TYPE.BUFFER_MINUTES, buffer).set(APPOINTMENT_TYPE.VIDEO, video)
                .set(APPOINTMENT_TYPE.NEEDS_CONFIRMATION, needsConfirmation)
                .returning(APPOINTMENT_TYPE.ID).fetchSingle(APPOINTMENT_TYPE.ID);
    }

    /** An active doctor of a specialty in a department (created when missing). */
    public Principal doctor(String username, String name, String specialization, String department) {
        String departmentId = services.staff().listDepartments(true).stream().filter(d -> d.name().equals(department)).findFirst()
                .orElseGet(() -> services.staff().createDepartment(null, Optional.empty(), department)).id().toString();
        var created = services.staff().createUser((UUID) null, new NewUser(Optional.empty(), username, name,
                username + "@clinic.test", "", Optional.of(Role.DOCTOR),
                Optional.of(new DoctorProfileInput(specialization, departmentId, "MD", 10, 5000, "USD")), "doctor-pass-2026"), false);
        return new Principal(created.id(), username, name, Role.DOCTOR, false, new byte[32]);
    }

    public Principal staff(String username, String name, Role role) {
        var created = services.staff().createUser((UUID) null, new NewUser(Optional.empty(), username, name,
                username + "@clinic.test", "", Optional.of(role), Optional.empty(), "staff-pass-2026"), false);
        return new Principal(created.id(), username, name, role, false, new byte[32]);
    }

    /** A weekly rule on ISO weekdays (1 = Monday), from {@code validFrom}, open-ended. */
    public UUID weekly(UUID doctorId, UUID locationId, Optional<UUID> roomId, int[] weekdays, String start, String end,
                       int slotMinutes, LocalDate validFrom, String... breaks) {
        Short[] days = new Short[weekdays.length];
        for (int i = 0; i < weekdays.length; i++) {
            days[i] = (short) weekdays[i];
        }
        UUID id = dsl.insertInto(AVAILABILITY_RULE).set(AVAILABILITY_RULE.DOCTOR_ID, doctorId)
                .set(AVAILABILITY_RULE.LOCATION_ID, locationId).set(AVAILABILITY_RULE.ROOM_ID, roomId.orElse(null))
                .set(AVAILABILITY_RULE.WEEKDAYS, days)
                .set(AVAILABILITY_RULE.START_TIME, LocalTime.parse(start)).set(AVAILABILITY_RULE.END_TIME, LocalTime.parse(end))
                .set(AVAILABILITY_RULE.SLOT_MINUTES, slotMinutes).set(AVAILABILITY_RULE.VALID_FROM, validFrom)
                .returning(AVAILABILITY_RULE.ID).fetchSingle(AVAILABILITY_RULE.ID);
        for (String b : breaks) {
            String[] parts = b.split("-");
            dsl.insertInto(AVAILABILITY_BREAK).set(AVAILABILITY_BREAK.RULE_ID, id)
                    .set(AVAILABILITY_BREAK.START_TIME, LocalTime.parse(parts[0])).set(AVAILABILITY_BREAK.END_TIME, LocalTime.parse(parts[1]))
                    .execute();
        }
        return id;
    }

    public static final int[] EVERY_DAY = {1, 2, 3, 4, 5, 6, 7};

    public void timeOff(UUID doctorId, Instant from, Instant to) {
        dsl.insertInto(AVAILABILITY_EXCEPTION).set(AVAILABILITY_EXCEPTION.DOCTOR_ID, doctorId)
                .set(AVAILABILITY_EXCEPTION.KIND, "TIME_OFF").set(AVAILABILITY_EXCEPTION.STARTS_AT, odt(from))
                .set(AVAILABILITY_EXCEPTION.ENDS_AT, odt(to)).execute();
    }

    public void extraSession(UUID doctorId, UUID locationId, Instant from, Instant to, int slotMinutes) {
        dsl.insertInto(AVAILABILITY_EXCEPTION).set(AVAILABILITY_EXCEPTION.DOCTOR_ID, doctorId)
                .set(AVAILABILITY_EXCEPTION.KIND, "EXTRA_SESSION").set(AVAILABILITY_EXCEPTION.STARTS_AT, odt(from))
                .set(AVAILABILITY_EXCEPTION.ENDS_AT, odt(to)).set(AVAILABILITY_EXCEPTION.LOCATION_ID, locationId)
                .set(AVAILABILITY_EXCEPTION.SLOT_MINUTES, slotMinutes).execute();
    }

    public UUID patient(String given, String family) {
        patients++;
        return dsl.insertInto(PATIENT).set(PATIENT.MRN, "MC" + (9_000_000 + patients))
                .set(PATIENT.GIVEN_NAME, given).set(PATIENT.FAMILY_NAME, family)
                .set(PATIENT.DATE_OF_BIRTH, LocalDate.of(1980, 1, 1).plusDays(patients)).set(PATIENT.SEX, "UNKNOWN")
                .set(PATIENT.PHONE, "+1 555 01" + String.format("%02d", patients % 100))
                .returning(PATIENT.ID).fetchSingle(PATIENT.ID);
    }

    private static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
