package org.medconnect.desktop.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.medconnect.proto.appointment.v1.AddToWaitingListRequest;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.appointment.v1.CancelAppointmentRequest;
import org.medconnect.proto.appointment.v1.CheckInAppointmentRequest;
import org.medconnect.proto.appointment.v1.CompleteAppointmentRequest;
import org.medconnect.proto.appointment.v1.MarkNoShowRequest;
import org.medconnect.proto.appointment.v1.StartConsultationRequest;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.patient.v1.Sex;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.desktop.reception.ClinicTime;

/**
 * The tour clinic's day: two sites, the visit types, the doctors' weekly hours, patients, and
 * today's bookings in every status (made at 07:00 through the real rules, moved along by 10:40),
 * plus a waiting list with one offer.
 */
final class TourSchedule {

    static final String DOCTOR_PASSWORD = "Consulting-room-2026";

    private final String address;
    private final MutableClock clock;
    private final Map<String, String> doctors;
    private final LocalDate today;

    TourSchedule(String address, MutableClock clock, Map<String, String> doctors) {
        this.address = address;
        this.clock = clock;
        this.doctors = doctors;
        this.today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private record Booking(String doctor, String time, int patient, String type, String reason) {}

    void seed() {
        List<Appointment> booked = new ArrayList<>();
        try (ClinicApi admin = new ClinicApi(address, "g.okonkwo", TourClinic.ADMIN_PASSWORD)) {
            String riverside = admin.location("Riverside", "12 River Road").getLocationId();
            String hilltop = admin.location("Hilltop", "3 Summit Avenue").getLocationId();
            Map<String, AppointmentType> types = Map.of(
                    "consult", admin.type("Consultation", 30, false, false),
                    "follow", admin.type("Follow-up", 15, false, false),
                    "video", admin.type("Video visit", 20, true, false),
                    "new", admin.type("New patient visit", 45, false, true));
            List<Integer> everyDay = List.of(1, 2, 3, 4, 5, 6, 7);
            LocalDate from = today.minusDays(7);
            admin.availability(doctors.get("a.chen"), riverside, everyDay, "08:00", "16:00", 15, from, "12:30-13:30");
            admin.availability(doctors.get("s.adeyemi"), riverside, everyDay, "08:00", "17:00", 15, from, "12:00-13:00");
            admin.availability(doctors.get("l.romano"), riverside, everyDay, "09:00", "15:00", 15, from, "");
            admin.availability(doctors.get("r.mehta"), hilltop, everyDay, "08:00", "14:00", 15, from, "");
            admin.availability(doctors.get("h.berg"), hilltop, everyDay, "10:00", "18:00", 15, from, "13:00-13:30");
            Map<String, String> siteOf = Map.of("a.chen", riverside, "s.adeyemi", riverside, "l.romano", riverside,
                    "r.mehta", hilltop, "h.berg", hilltop);

            List<Patient> patients = new ArrayList<>();
            String[][] people = {
                    {"Maria", "Garcia", "1984-03-07", "F", "+1 555 0142"}, {"Petr", "Novak", "1971-11-30", "M", "+1 555 0107"},
                    {"Aiko", "Tanaka", "1992-06-18", "F", "+1 555 0163"}, {"Lars", "Jensen", "1958-01-22", "M", "+1 555 0188"},
                    {"Fatima", "Zahra", "1989-09-04", "F", "+1 555 0121"}, {"Tom", "Baker", "1966-04-11", "M", "+1 555 0175"},
                    {"Ines", "Duarte", "2015-02-27", "F", "+1 555 0139"}, {"Omar", "Haddad", "1979-12-02", "M", "+1 555 0194"},
                    {"Grace", "Mwangi", "1995-07-30", "F", "+1 555 0116"}, {"Luca", "Bianchi", "2018-10-09", "M", "+1 555 0150"},
                    {"Sofia", "Lindqvist", "1947-05-15", "F", "+1 555 0128"}, {"Daniel", "Cohen", "1983-08-21", "M", "+1 555 0183"},
                    {"Mei", "Wong", "2001-03-03", "F", "+1 555 0109"}, {"Kofi", "Asante", "1975-11-12", "M", "+1 555 0168"},
                    {"Marie", "Garnier", "1990-01-25", "F", "+1 555 0131"}};
            for (String[] p : people) {
                patients.add(admin.patient(p[0], p[1], p[2], p[3].equals("F") ? Sex.SEX_FEMALE : Sex.SEX_MALE, p[4]));
            }

            List<Booking> plan = List.of(
                    new Booking("a.chen", "08:00", 0, "consult", "Follow-up of blood pressure"),
                    new Booking("a.chen", "08:30", 1, "follow", "Review of ECG"),
                    new Booking("a.chen", "09:15", 2, "consult", "Palpitations at night"),
                    new Booking("a.chen", "10:00", 3, "consult", "Chest pain when climbing stairs"),
                    new Booking("a.chen", "11:00", 4, "video", "Test results"),
                    new Booking("a.chen", "11:30", 5, "consult", ""),
                    new Booking("a.chen", "14:00", 6, "new", "Referred by family doctor"),
                    new Booking("s.adeyemi", "08:00", 7, "follow", "Prescription renewal"),
                    new Booking("s.adeyemi", "08:15", 8, "consult", "Persistent cough"),
                    new Booking("s.adeyemi", "09:00", 9, "consult", "Ear ache"),
                    new Booking("s.adeyemi", "10:30", 10, "consult", "Annual check-up"),
                    new Booking("s.adeyemi", "11:15", 11, "follow", ""),
                    new Booking("s.adeyemi", "14:30", 12, "video", "Sleep problems"),
                    new Booking("l.romano", "09:00", 6, "consult", "Vaccination"),
                    new Booking("l.romano", "09:45", 9, "follow", "Rash follow-up"),
                    new Booking("l.romano", "11:00", 13, "new", "New to the clinic"),
                    new Booking("r.mehta", "08:30", 14, "consult", "Knee pain after running"),
                    new Booking("r.mehta", "10:45", 3, "follow", "Post-op check"),
                    new Booking("r.mehta", "12:00", 1, "consult", "Back pain"),
                    new Booking("h.berg", "10:00", 11, "consult", "Skin rash on forearm"),
                    new Booking("h.berg", "11:30", 2, "follow", "Mole check"),
                    new Booking("h.berg", "15:00", 10, "consult", ""));
            for (Booking b : plan) {
                Instant start = today.atTime(LocalTime.parse(b.time())).toInstant(ZoneOffset.UTC);
                booked.add(admin.appointments().bookAppointment(BookAppointmentRequest.newBuilder()
                        .setRequestId(UUID.randomUUID().toString()).setPatientId(patients.get(b.patient()).getPatientId())
                        .setDoctorId(doctors.get(b.doctor())).setLocationId(siteOf.get(b.doctor()))
                        .setAppointmentTypeId(types.get(b.type()).getTypeId()).setStartsAt(ClinicTime.timestamp(start))
                        .setReason(b.reason()).build()).getAppointment());
            }

            // Waiting for Dr Chen; the cancelled 11:30 below is offered to the first of them.
            admin.appointments().addToWaitingList(AddToWaitingListRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setPatientId(patients.get(8).getPatientId()).setDoctorId(doctors.get("a.chen"))
                    .setAppointmentTypeId(types.get("consult").getTypeId()).setFromDate(today.toString())
                    .setToDate(today.plusDays(14).toString()).setNote("Any morning; prefers a call on mobile").build());
            admin.appointments().addToWaitingList(AddToWaitingListRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setPatientId(patients.get(14).getPatientId()).setDoctorId(doctors.get("r.mehta"))
                    .setAppointmentTypeId(types.get("follow").getTypeId()).setFromDate(today.plusDays(1).toString())
                    .setToDate(today.plusDays(21).toString()).setNote("Not on Mondays").build());
            admin.appointments().addToWaitingList(AddToWaitingListRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setPatientId(patients.get(12).getPatientId()).setDepartmentId(departmentOf(admin, "s.adeyemi"))
                    .setAppointmentTypeId(types.get("consult").getTypeId()).setFromDate(today.plusDays(2).toString())
                    .setToDate(today.plusDays(10).toString()).setNote("After 15:00 only").build());
            admin.appointments().addToWaitingList(AddToWaitingListRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setPatientId(patients.get(5).getPatientId()).setDoctorId(doctors.get("h.berg"))
                    .setAppointmentTypeId(types.get("follow").getTypeId()).setFromDate(today.plusDays(3).toString())
                    .setToDate(today.plusDays(30).toString()).build());

        }

        // Mid-morning: the early patients came (or did not), one is with the doctor. (New sessions: the
        // morning's have timed out.)
        clock.advance(Duration.ofMinutes(3 * 60 + 40));
        try (ClinicApi admin = new ClinicApi(address, "g.okonkwo", TourClinic.ADMIN_PASSWORD)) {
            for (Appointment a : booked) {
                String at = ClinicTime.instant(a.getStartsAt()).atZone(ZoneOffset.UTC).toLocalTime().toString();
                if (a.getDoctorId().equals(doctors.get("s.adeyemi")) && at.equals("08:15")) {
                    admin.appointments().markNoShow(MarkNoShowRequest.newBuilder().setAppointmentId(a.getAppointmentId()).build());
                } else if (at.compareTo("10:45") <= 0 && a.getStatus() == org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED) {
                    admin.appointments().checkInAppointment(CheckInAppointmentRequest.newBuilder()
                            .setAppointmentId(a.getAppointmentId()).build());
                }
            }
            consult(booked, "a.chen", List.of("08:00", "08:30"), "10:00");
            consult(booked, "s.adeyemi", List.of("08:00", "09:00"), "10:30");
            for (Appointment a : booked) {
                if (a.getDoctorId().equals(doctors.get("a.chen"))
                        && ClinicTime.instant(a.getStartsAt()).atZone(ZoneOffset.UTC).toLocalTime().toString().equals("11:30")) {
                    admin.appointments().cancelAppointment(CancelAppointmentRequest.newBuilder()
                            .setAppointmentId(a.getAppointmentId()).setReason("Patient called to cancel").build());
                }
            }
        }
    }

    private String departmentOf(ClinicApi admin, String username) {
        return admin.schedule().listDoctors(org.medconnect.proto.schedule.v1.ListDoctorsRequest.getDefaultInstance())
                .getDoctorsList().stream().filter(d -> d.getDoctorId().equals(doctors.get(username))).findFirst()
                .orElseThrow().getDepartmentId();
    }

    /** The doctor completes {@code done} and has {@code current} in the consulting room. */
    private void consult(List<Appointment> booked, String username, List<String> done, String current) {
        try (ClinicApi doctor = ClinicApi.changingPassword(address, username, TourClinic.TEMPORARY_PASSWORD, DOCTOR_PASSWORD)) {
            for (Appointment a : booked) {
                if (!a.getDoctorId().equals(doctors.get(username))) {
                    continue;
                }
                String at = ClinicTime.instant(a.getStartsAt()).atZone(ZoneOffset.UTC).toLocalTime().toString();
                if (done.contains(at) || at.equals(current)) {
                    doctor.appointments().startConsultation(StartConsultationRequest.newBuilder()
                            .setAppointmentId(a.getAppointmentId()).build());
                }
                if (done.contains(at)) {
                    doctor.appointments().completeAppointment(CompleteAppointmentRequest.newBuilder()
                            .setAppointmentId(a.getAppointmentId()).build());
                }
            }
        }
    }
}
