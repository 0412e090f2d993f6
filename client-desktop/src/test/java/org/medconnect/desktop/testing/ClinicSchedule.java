package org.medconnect.desktop.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.TestClinic;

/**
 * Puts locations, appointment types, weekly rules, patients and appointments into a running test
 * server for the workstation's scheduling flows. Appointments go through the server's own
 * AppointmentService (its rules apply); the set-up rows it needs are written directly, because the
 * schedule and patient services that would take them are not wired in yet.
 */
public final class ClinicSchedule {

    private final TestClinic clinic;
    private final DSLContext dsl;
    private final Principal desk;
    private int mrn = 1000000;

    /** {@code deskUserId}: the admin or receptionist account that books and checks in. */
    public ClinicSchedule(TestClinic clinic, String deskUserId) {
        this.clinic = clinic;
        this.dsl = clinic.database().dsl();
        this.desk = new Principal(UUID.fromString(deskUserId), "desk", "Front desk", Role.ADMIN, false, new byte[0]);
    }

    public UUID location(String name) {
        return id("insert into location (name, address) values (?, ?) returning id",
                name, "1 River Road");
    }

    public UUID type(String name, int minutes, boolean needsConfirmation, boolean video) {
        return id("insert into appointment_type (name, duration_minutes, buffer_minutes, video, needs_confirmation)"
                + " values (?, ?, 0, ?, ?) returning id", name, minutes, video, needsConfirmation);
    }

    /** Every day of the week from {@code start} to {@code end}, from {@code from} on. */
    public UUID everyDay(String doctorId, UUID locationId, LocalTime start, LocalTime end, int slotMinutes, LocalDate from) {
        return id("insert into availability_rule (doctor_id, location_id, weekdays, start_time, end_time, slot_minutes,"
                + " valid_from) values (?::uuid, ?, array[1,2,3,4,5,6,7]::smallint[], ?, ?, ?, ?) returning id",
                doctorId, locationId, start, end, slotMinutes, from);
    }

    public UUID patient(String given, String family, LocalDate born) {
        String number = "MC" + (mrn++);
        return id("insert into patient (mrn, given_name, family_name, date_of_birth, sex) values (?, ?, ?, ?, 'UNKNOWN')"
                + " returning id", number, given, family, born);
    }

    private UUID id(String sql, Object... bindings) {
        return dsl.resultQuery(sql, bindings).fetchOne(0, UUID.class);
    }

    public Appointment book(UUID patientId, String doctorId, UUID locationId, UUID typeId, Instant start, String reason) {
        return clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), patientId,
                UUID.fromString(doctorId), locationId, typeId, start, Optional.of(reason)));
    }

    public Appointment checkIn(Appointment appointment) {
        return clinic.services().appointments().checkIn(desk, appointment.id());
    }
}
