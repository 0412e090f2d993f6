package org.medconnect.server.appointment;

import static org.medconnect.server.db.Tables.APPOINTMENT_TYPE;
import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.ROOM;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.Record;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.PatientBrief;
import org.medconnect.server.db.tables.StaffUser;
import org.medconnect.shared.appointment.StatusMoves.Status;

/**
 * The one mapping of a jOOQ row to an {@link Appointment}, for the repositories that read an
 * appointment with its names joined in: the appointment table (or the event's snapshot of it,
 * an alias of the same table) with the patient, doctor, location, type, room, canceller and
 * booker. The board's hot path reads plain JDBC and maps its own rows (decision 0014).
 */
final class AppointmentRows {

    static final StaffUser DOCTOR = STAFF_USER.as("doctor");
    static final StaffUser CANCELLER = STAFF_USER.as("canceller");
    static final StaffUser BOOKER = STAFF_USER.as("booker");

    private AppointmentRows() {}

    /** The appointment in {@code r}, read from table {@code a} (APPOINTMENT or an alias of it). */
    static Appointment appointment(Record r, org.medconnect.server.db.tables.Appointment a) {
        return new Appointment(r.get(a.ID), r.get(a.REFERENCE),
                new PatientBrief(r.get(a.PATIENT_ID), r.get(PATIENT.MRN),
                        r.get(PATIENT.GIVEN_NAME) + " " + r.get(PATIENT.FAMILY_NAME), r.get(PATIENT.DATE_OF_BIRTH),
                        Optional.ofNullable(r.get(PATIENT.PHONE))),
                r.get(a.DOCTOR_ID), r.get(DOCTOR.DISPLAY_NAME),
                r.get(a.LOCATION_ID), r.get(LOCATION.NAME),
                Optional.ofNullable(r.get(a.ROOM_ID)), Optional.ofNullable(r.get(ROOM.NAME)),
                r.get(a.TYPE_ID), r.get(APPOINTMENT_TYPE.NAME),
                r.get(a.STARTS_AT).toInstant(), r.get(a.ENDS_AT).toInstant(),
                Status.valueOf(r.get(a.STATUS)),
                Optional.ofNullable(r.get(a.REASON)), Optional.ofNullable(r.get(a.VIDEO_LINK)),
                Optional.ofNullable(r.get(a.CANCEL_REASON)), Optional.ofNullable(r.get(CANCELLER.DISPLAY_NAME)),
                Optional.ofNullable(r.get(BOOKER.DISPLAY_NAME)),
                r.get(a.CREATED_AT).toInstant(), r.get(a.UPDATED_AT).toInstant(), r.get(a.VERSION),
                Optional.ofNullable(r.get(a.TOKEN_NUMBER)),
                Optional.ofNullable(r.get(a.CHECKED_IN_AT)).map(OffsetDateTime::toInstant),
                Optional.ofNullable(r.get(a.CALLED_AT)).map(OffsetDateTime::toInstant));
    }
}
