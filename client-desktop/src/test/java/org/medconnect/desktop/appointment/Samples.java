package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Directory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.patient.v1.PatientSummary;
import org.medconnect.proto.patient.v1.Sex;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.Slot;
import org.medconnect.proto.staff.v1.Department;

/** A small believable clinic as proto messages, for view-model and layout tests. */
final class Samples {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    static final Department CARDIOLOGY = Department.newBuilder().setDepartmentId("dep-cardio").setName("Cardiology").build();
    static final Department GENERAL = Department.newBuilder().setDepartmentId("dep-gp").setName("General Medicine").build();
    static final Location RIVERSIDE = Location.newBuilder().setLocationId("loc-river").setName("Riverside").build();
    static final Location HILLTOP = Location.newBuilder().setLocationId("loc-hill").setName("Hilltop").build();
    static final AppointmentType CONSULTATION = AppointmentType.newBuilder().setTypeId("type-consult")
            .setName("Consultation").setDurationMinutes(30).build();
    static final AppointmentType FOLLOW_UP = AppointmentType.newBuilder().setTypeId("type-follow")
            .setName("Follow-up").setDurationMinutes(15).build();
    static final Doctor CHEN = Doctor.newBuilder().setDoctorId("doc-chen").setDisplayName("Dr Anna Chen")
            .setSpecialization("Cardiologist").setDepartmentId("dep-cardio").setDepartmentName("Cardiology")
            .addLocationIds("loc-river").build();
    static final Doctor ADEYEMI = Doctor.newBuilder().setDoctorId("doc-adeyemi").setDisplayName("Dr Samuel Adeyemi")
            .setSpecialization("Family physician").setDepartmentId("dep-gp").setDepartmentName("General Medicine")
            .addLocationIds("loc-river").build();
    static final Doctor OKAFOR = Doctor.newBuilder().setDoctorId("doc-okafor").setDisplayName("Dr Ngozi Okafor")
            .setSpecialization("Cardiologist").setDepartmentId("dep-cardio").setDepartmentName("Cardiology")
            .addLocationIds("loc-hill").build();
    static final Patient GARCIA = Patient.newBuilder().setPatientId("pat-garcia").setMrn("MC1000014")
            .setGivenName("Maria").setFamilyName("Garcia").setDateOfBirth("1984-03-07").setSex(Sex.SEX_FEMALE)
            .setPhone("+1 555 0142").build();
    static final Patient NOVAK = Patient.newBuilder().setPatientId("pat-novak").setMrn("MC1000022")
            .setGivenName("Petr").setFamilyName("Novak").setDateOfBirth("1971-11-30").setSex(Sex.SEX_MALE).build();

    private Samples() {}

    static Directory.Lists lists() {
        return new Directory.Lists(List.of(RIVERSIDE, HILLTOP), List.of(CONSULTATION, FOLLOW_UP),
                List.of(CHEN, ADEYEMI, OKAFOR), List.of(CARDIOLOGY, GENERAL));
    }

    static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    static Slot slot(Doctor doctor, LocalDate day, String time, int minutes) {
        Instant start = at(day, time);
        return Slot.newBuilder().setDoctorId(doctor.getDoctorId()).setDoctorName(doctor.getDisplayName())
                .setLocationId("loc-river").setStartsAt(ClinicTime.timestamp(start))
                .setEndsAt(ClinicTime.timestamp(start.plusSeconds(minutes * 60L))).build();
    }

    static Appointment appointment(String id, Doctor doctor, Patient patient, LocalDate day, String time, int minutes,
                                   AppointmentStatus status) {
        Instant start = at(day, time);
        return Appointment.newBuilder().setAppointmentId(id).setReference("A-00" + id.hashCode() % 1000)
                .setPatient(PatientSummary.newBuilder().setPatientId(patient.getPatientId()).setMrn(patient.getMrn())
                        .setDisplayName(patient.getGivenName() + " " + patient.getFamilyName())
                        .setDateOfBirth(patient.getDateOfBirth()).setPhone(patient.getPhone()))
                .setDoctorId(doctor.getDoctorId()).setDoctorName(doctor.getDisplayName())
                .setLocationId("loc-river").setLocationName("Riverside").setTypeId("type-consult").setTypeName("Consultation")
                .setStartsAt(ClinicTime.timestamp(start)).setEndsAt(ClinicTime.timestamp(start.plusSeconds(minutes * 60L)))
                .setStatus(status).build();
    }
}
