package org.medconnect.server.appointment;

import java.util.List;
import java.util.Optional;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.AppointmentEvent;
import org.medconnect.server.platform.Role;

/**
 * What each role may see of an appointment (decision 0018). The front desk sees who, when,
 * where and in what state, but no clinical text: the reason for visit is blanked for a
 * receptionist on every path that returns an appointment, streams included. Services apply
 * this before anything leaves them, so no adapter has to remember.
 */
public final class AppointmentVisibility {

    /** How much of an appointment a caller sees. */
    public enum View {
        /** Doctors and admins: the whole appointment. */
        FULL,
        /** Reception: no reason for visit. */
        FRONT_DESK
    }

    private AppointmentVisibility() {}

    /** The view a role is given. */
    public static View viewOf(Role role) {
        return switch (role) {
            case RECEPTIONIST -> View.FRONT_DESK;
            // A nurse triages: the reason for visit is what triage starts from.
            case NURSE -> View.FULL;
            case ADMIN, DOCTOR -> View.FULL;
        };
    }

    /** The appointment as a caller with this role may see it. */
    public static Appointment forRole(Role role, Appointment a) {
        return as(viewOf(role), a);
    }

    public static List<Appointment> forRole(Role role, List<Appointment> list) {
        View view = viewOf(role);
        return list.stream().map(a -> as(view, a)).toList();
    }

    /** The appointment as this view shows it. */
    public static Appointment as(View view, Appointment a) {
        return switch (view) {
            case FULL -> a;
            case FRONT_DESK -> a.reason().isEmpty() ? a : withoutReason(a);
        };
    }

    /** The event as this view shows it. */
    public static AppointmentEvent as(View view, AppointmentEvent e) {
        Appointment seen = as(view, e.appointment());
        return seen == e.appointment() ? e : new AppointmentEvent(e.sequence(), e.kind(), e.occurredAt(), seen,
                e.previousDoctorId(), e.previousLocationId(), e.previousStartsAt());
    }

    private static Appointment withoutReason(Appointment a) {
        return new Appointment(a.id(), a.reference(), a.patient(), a.doctorId(), a.doctorName(), a.locationId(),
                a.locationName(), a.roomId(), a.roomName(), a.typeId(), a.typeName(), a.startsAt(), a.endsAt(), a.status(),
                Optional.empty(), a.videoLink(), a.cancelReason(), a.cancelledByName(), a.bookedByName(), a.createdAt(),
                a.updatedAt(), a.version(), a.tokenNumber(), a.checkedInAt(), a.calledAt());
    }
}
