package org.medconnect.server.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.server.patient.PatientService;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.schedule.ScheduleService;
import org.medconnect.server.staff.StaffModel.DoctorProfileInput;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.staff.StaffService;

/**
 * A believable small clinic to try MedConnect with: departments, ten doctors, reception, an
 * admin, two sites with rooms, appointment types, the doctors' weekly hours and 300 patients.
 */
final class DemoClinic {

    /** Every demo account signs in with this password (demo data only). */
    static final String PASSWORD = "demo-pass-2026";

    private record Doctor(String username, String name, String department, String specialization,
                          String qualification, int years, long feeCents) {}

    private static final List<String> DEPARTMENTS = List.of(
            "General Medicine", "Pediatrics", "Cardiology", "Dermatology", "Orthopedics", "Gynecology", "ENT");

    private static final List<Doctor> DOCTORS = List.of(
            new Doctor("dr.okafor", "Dr. Amara Okafor", "General Medicine", "Family Medicine", "MBBS, MRCGP", 14, 6000),
            new Doctor("dr.lindqvist", "Dr. Erik Lindqvist", "General Medicine", "Internal Medicine", "MD", 9, 6000),
            new Doctor("dr.sharma", "Dr. Priya Sharma", "Pediatrics", "Pediatrics", "MBBS, MD (Pediatrics)", 11, 7000),
            new Doctor("dr.moreau", "Dr. Camille Moreau", "Pediatrics", "Neonatology", "MD, DCH", 7, 7500),
            new Doctor("dr.haddad", "Dr. Karim Haddad", "Cardiology", "Cardiology", "MD, FACC", 19, 12000),
            new Doctor("dr.nakamura", "Dr. Yuki Nakamura", "Cardiology", "Interventional Cardiology", "MD, PhD", 12, 12500),
            new Doctor("dr.rossi", "Dr. Giulia Rossi", "Dermatology", "Dermatology", "MD (Dermatology)", 8, 9000),
            new Doctor("dr.mensah", "Dr. Kwame Mensah", "Orthopedics", "Orthopedic Surgery", "MBChB, FRCS (Orth)", 16, 11000),
            new Doctor("dr.garcia", "Dr. Lucia Garcia", "Gynecology", "Obstetrics & Gynecology", "MD, FACOG", 13, 9500),
            new Doctor("dr.oconnell", "Dr. Sean O'Connell", "ENT", "Otolaryngology", "MB BCh, FRCSI", 10, 8500));

    private static final List<String[]> RECEPTION = List.of(
            new String[] {"maria.lopez", "Maria Lopez"},
            new String[] {"james.wilson", "James Wilson"},
            new String[] {"aisha.khan", "Aisha Khan"});

    /** The demo clinic's nurse, who triages today's checked-in patients. */
    static final String NURSE = "nurse";

    private final StaffService staff;
    private final ScheduleService schedule;
    private final PatientService patients;

    private final ClinicServices services;

    DemoClinic(ClinicServices services) {
        this(services.staff(), services.schedule(), services.patients(), services);
    }

    private DemoClinic(StaffService staff, ScheduleService schedule, PatientService patients, ClinicServices services) {
        this.services = services;
        this.staff = staff;
        this.schedule = schedule;
        this.patients = patients;
    }

    void seed() {
        Map<String, UUID> departments = new LinkedHashMap<>();
        for (String name : DEPARTMENTS) {
            departments.put(name, staff.createDepartment(null, Optional.empty(), name).id());
        }
        UUID admin = create("admin", "Grace Whitfield", Role.ADMIN, Optional.empty());
        List<UUID> doctors = new ArrayList<>();
        for (Doctor d : DOCTORS) {
            doctors.add(create(d.username(), d.name(), Role.DOCTOR, Optional.of(new DoctorProfileInput(d.specialization(),
                    departments.get(d.department()).toString(), d.qualification(), d.years(), d.feeCents(), "USD",
                    // Demo registration numbers: the clinic's own sequence, not any real council's.
                    "REG-" + (104_201 + doctors.size())))));
        }
        List<UUID> receptionists = new ArrayList<>();
        for (String[] r : RECEPTION) {
            receptionists.add(create(r[0], r[1], Role.RECEPTIONIST, Optional.empty()));
        }
        create(NURSE, "Nora Lindqvist", Role.NURSE, Optional.empty());
        DemoSchedule.Seeded seeded = DemoSchedule.seed(services.clinicSetup(), schedule, doctors);
        List<UUID> patientIds = new DemoPatients(patients).seed();
        new DemoAppointments(services.appointments(), services.waitingList(), services.slots(), services.clock())
                .seed(seeded, doctors, patientIds, principal(receptionists.getFirst(), RECEPTION.getFirst()[0], Role.RECEPTIONIST),
                        principal(doctors.getFirst(), DOCTORS.getFirst().username(), Role.DOCTOR));
        new DemoCharts(services.database().dsl(), services.clock()).seed(doctors.getFirst());
        new DemoPrescriptions(services).seed(principal(admin, "admin", Role.ADMIN),
                principal(doctors.getFirst(), DOCTORS.getFirst().username(), Role.DOCTOR),
                principal(receptionists.getFirst(), RECEPTION.getFirst()[0], Role.RECEPTIONIST));
    }

    private static Principal principal(UUID id, String username, Role role) {
        return new Principal(id, username, username, role, false, new byte[0]);
    }

    private UUID create(String username, String name, Role role, Optional<DoctorProfileInput> profile) {
        String email = username.replace("dr.", "") + "@demo-clinic.example";
        return staff.createUser(null, new NewUser(Optional.empty(), username, name, email, "+1 555 0100", Optional.of(role),
                profile, PASSWORD), false).id();
    }

    static String banner() {
        return """
                ------------------------------------------------------------------
                 Demo clinic created: %d departments, %d doctors, %d receptionists, 1 nurse, 1 admin,
                 two sites (%s, %s) with the doctors' weekly hours.
                 %d patients (try searching "Jonh Smth" or "07.03.1984") and a week of appointments;
                 patients booked with a doctor have charts, three of dr.okafor's with ten years of visits
                 and prescriptions (one signed past an interaction alert), and a refill request waits.
                 Every demo account uses the password: %s
                   admin          (admin console)
                   maria.lopez    (reception)      also james.wilson, aisha.khan
                   nurse          (nurse: today's checked-in patients)
                   dr.okafor      (doctor)         also dr.sharma, dr.haddad, ...
                ------------------------------------------------------------------"""
                .formatted(DEPARTMENTS.size(), DOCTORS.size(), RECEPTION.size(), DemoSchedule.RIVERSIDE, DemoSchedule.HILLVIEW,
                        DemoPatients.DEMO_COUNT, PASSWORD);
    }
}
