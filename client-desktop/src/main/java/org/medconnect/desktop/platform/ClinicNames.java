package org.medconnect.desktop.platform;

import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.staff.v1.Department;

/** How the clinic's lists read in pickers; the proto default instance reads as "all" or "any". */
public final class ClinicNames {

    private ClinicNames() {}

    public static String location(Location l) {
        return l.getLocationId().isEmpty() ? "All locations" : l.getName();
    }

    public static String anyLocation(Location l) {
        return l.getLocationId().isEmpty() ? "Any location" : l.getName();
    }

    public static String department(Department d) {
        return d.getDepartmentId().isEmpty() ? "All departments" : d.getName();
    }

    public static String anyDepartment(Department d) {
        return d.getDepartmentId().isEmpty() ? "Any department" : d.getName();
    }

    public static String doctor(Doctor d) {
        if (d.getDoctorId().isEmpty()) {
            return "Any doctor";
        }
        return d.getSpecialization().isBlank() ? d.getDisplayName() : d.getDisplayName() + " · " + d.getSpecialization();
    }

    public static String type(AppointmentType t) {
        return t.getName() + " · " + t.getDurationMinutes() + " min" + (t.getVideo() ? " · video" : "");
    }
}
