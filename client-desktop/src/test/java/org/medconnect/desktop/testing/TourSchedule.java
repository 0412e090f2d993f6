package org.medconnect.desktop.testing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentService;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.schedule.ScheduleModel.ExceptionInput;
import org.medconnect.server.schedule.ScheduleModel.RuleInput;
import org.medconnect.server.schedule.ScheduleService;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.shared.schedule.ExceptionKind;
import org.medconnect.shared.schedule.ScheduleRules.BreakDraft;

/**
 * The tour clinic's scheduling: two sites, the usual appointment types, the doctors' weekly hours,
 * and a believable day for Dr Anna Chen (some seen, one in the room, some waiting, requests to accept).
 * Places, types and patients go in through the server's test fixture; hours, time off and appointments
 * through its ScheduleService and AppointmentService, so their rules apply.
 */
final class TourSchedule {

    private final Principal desk;
    private final Map<String, UUID> doctors;
    private final LocalDate today;
    private final SchedulingFixture fixture;
    private final AppointmentService appointments;
    private final ScheduleService schedule;
    private final TestClinic server;

    TourSchedule(TestClinic server, Principal desk, Map<String, UUID> doctors, LocalDate today) {
        this.server = server;
        this.desk = desk;
        this.doctors = doctors;
        this.today = today;
        this.fixture = new SchedulingFixture(server.database().dsl(), server.services());
        this.appointments = server.services().appointments();
        this.schedule = server.services().schedule();
    }

    void seed() {
        UUID main = fixture.location("Riverside Main Clinic");
        UUID north = fixture.location("Riverside North");
        fixture.room(main, "Room 1");
        fixture.room(main, "Room 2");
        fixture.room(north, "Consulting A");
        UUID consultation = fixture.type("Consultation", 20, 0, false, false);
        UUID followUp = fixture.type("Follow-up", 20, 0, false, false);
        UUID newPatient = fixture.type("New patient", 40, 0, false, true);
        UUID video = fixture.type("Video visit", 20, 0, true, true);
        fixture.type("Procedure", 60, 15, false, true);

        UUID chen = doctors.get("a.chen");
        LocalDate from = today.minusDays(today.getDayOfMonth() - 1);
        // Every day, so the tour's pictures look the same whatever day it runs.
        rule(chen, main, List.of(1, 2, 3, 4, 5, 6, 7), "08:30", "16:30", 20, from, "", new BreakDraft("12:30", "13:30"));
        rule(chen, north, List.of(2, 4), "17:00", "19:00", 20, from, from.plusMonths(4).minusDays(1).toString());
        // The front desk's pictures want the other doctors busy too, whatever day the tour runs.
        rule(doctors.get("s.adeyemi"), main, List.of(1, 2, 3, 4, 5, 6, 7), "09:00", "17:00", 15, from, "", new BreakDraft("13:00", "14:00"));
        rule(doctors.get("r.mehta"), north, List.of(1, 2, 3, 4, 5, 6, 7), "08:00", "14:00", 15, from, "");
        rule(doctors.get("h.berg"), main, List.of(1, 2, 3, 4, 5, 6, 7), "10:00", "18:00", 15, from, "", new BreakDraft("13:00", "13:30"));
        rule(doctors.get("l.romano"), north, List.of(1, 3, 5), "08:00", "12:00", 20, from, "");
        LocalDate saturday = today.plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        LocalDate leave = today.plusDays(10).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        exception(chen, ExceptionKind.EXTRA_SESSION, saturday, saturday, "17:00", "19:00", Optional.of(north), 20, "Flu season evening clinic");
        exception(chen, ExceptionKind.TIME_OFF, leave, leave.plusDays(4), "", "", Optional.empty(), 0,
                "Cardiology congress, Vienna");
        exception(chen, ExceptionKind.TIME_OFF, today.plusDays(22), today.plusDays(22), "13:00", "16:30", Optional.empty(), 0,
                "Teaching afternoon");

        UUID grace = fixture.patient("Grace", "Mensah");
        UUID oliver = fixture.patient("Oliver", "Brandt");
        UUID priya = fixture.patient("Priya", "Nair");
        UUID hana = fixture.patient("Hana", "Sato");
        UUID kwame = fixture.patient("Kwame", "Boateng");
        UUID tomas = fixture.patient("Tomás", "Rivera");
        UUID elena = fixture.patient("Elena", "Petrova");
        UUID samuel = fixture.patient("Samuel", "Okoro");
        UUID li = fixture.patient("Li", "Wei");
        UUID amira = fixture.patient("Amira", "Haddad");
        UUID jonas = fixture.patient("Jonas", "Becker");
        UUID marta = fixture.patient("Marta", "Silva");

        // Waiting for a sooner slot with Dr Chen: Li Wei's cancelled follow-up below is offered to the first.
        waitFor(marta, Optional.of(doctors.get("a.chen")), Optional.empty(), followUp, today, today.plusDays(14),
                "Any morning; prefers a call on mobile");
        waitFor(jonas, Optional.of(doctors.get("r.mehta")), Optional.empty(), consultation, today.plusDays(1), today.plusDays(21),
                "Not on Mondays");
        waitFor(amira, Optional.empty(), Optional.of(departmentOf("s.adeyemi")), consultation, today.plusDays(2),
                today.plusDays(10), "After 15:00 only");

        UUID ruth = fixture.patient("Ruth", "Abebe");
        UUID felix = fixture.patient("Felix", "Wagner");
        UUID noor = fixture.patient("Noor", "Rahman");
        UUID ivan = fixture.patient("Ivan", "Petrov");
        UUID chloe = fixture.patient("Chloé", "Martin");
        UUID diego = fixture.patient("Diego", "Alvarez");
        bookWith("s.adeyemi", ruth, main, consultation, today, "09:00", "Persistent cough for two weeks");
        bookWith("s.adeyemi", felix, main, followUp, today, "09:30", "Prescription renewal");
        bookWith("s.adeyemi", noor, main, consultation, today, "10:15", "Ear ache");
        bookWith("s.adeyemi", ivan, main, consultation, today, "11:00", "Annual check-up");
        bookWith("s.adeyemi", chloe, main, video, today, "14:30", "Sleep problems");
        bookWith("r.mehta", diego, north, consultation, today, "08:15", "Knee pain after running");
        bookWith("r.mehta", felix, north, followUp, today, "10:45", "Post-op check");
        bookWith("r.mehta", ivan, north, consultation, today, "12:00", "Back pain");
        bookWith("h.berg", noor, main, consultation, today, "11:30", "Skin rash on forearm");
        bookWith("h.berg", ruth, main, followUp, today, "14:00", "Mole check");
        bookWith("h.berg", diego, main, newPatient, today, "15:30", "Eczema, new to the clinic");

        done(book(grace, main, consultation, today, "08:30", "Shortness of breath when climbing stairs"));
        done(book(oliver, main, followUp, today, "09:10", "Review of Holter monitor results"));
        Appointment inRoom = checkIn(book(priya, main, consultation, today, "09:30", "Palpitations at night"));
        appointments.startConsultation(desk, inRoom.id());
        checkIn(book(hana, main, consultation, today, "10:10", "Blood pressure readings high at home"));
        checkIn(book(kwame, main, followUp, today, "10:30", "Follow-up after stent, three months"));
        appointments.confirm(desk, book(tomas, main, video, today, "11:10", "Medication review").id());
        book(elena, main, newPatient, today, "11:30", "Referred by GP for a heart murmur");
        book(samuel, main, consultation, today, "14:10", "Chest tightness during exercise");
        appointments.cancel(desk, book(li, main, followUp, today, "15:10", "Cholesterol results").id(), "Patient called to cancel");

        book(amira, main, newPatient, today.plusDays(1), "09:30", "Fainting episode last week");
        book(jonas, main, video, today.plusDays(2), "15:30", "Questions about new beta blocker");
        book(marta, main, newPatient, today.plusDays(6), "10:10", "Family history of heart disease");
        for (int d = 1; d <= 6; d++) {
            book(d % 2 == 0 ? grace : samuel, main, consultation, today.plusDays(d), "08:30", "Routine check");
            book(d % 2 == 0 ? hana : oliver, main, followUp, today.plusDays(d), d % 3 == 0 ? "13:30" : "11:10", "Review of results");
            if (d % 2 == 1) {
                book(kwame, main, consultation, today.plusDays(d), "14:50", "Ankle swelling");
            }
        }
    }

    /** Mid-morning at the front desk: who came is checked in, who did not is a no-show. */
    void midMorning(LocalDate day) {
        for (var a : appointments.list(desk, new org.medconnect.server.appointment.AppointmentModel.ListQuery(
                at(day, "00:00"), at(day.plusDays(1), "00:00"), Optional.empty(), Optional.empty(), java.util.Set.of(),
                Optional.empty(), java.util.Set.of()))) {
            if (a.doctorId().equals(doctors.get("a.chen")) || a.status() != org.medconnect.shared.appointment.StatusMoves.Status.CONFIRMED) {
                continue; // Dr Chen's day is already as her pictures need it
            }
            LocalTime start = a.startsAt().atZone(ZoneOffset.UTC).toLocalTime();
            if (start.equals(LocalTime.of(9, 30))) {
                appointments.markNoShow(desk, a.id());
            } else if (!start.isAfter(LocalTime.of(10, 45))) {
                appointments.checkIn(desk, a.id());
            }
        }
    }

    private UUID departmentOf(String username) {
        return server.services().clinicSetup().listDoctors(Optional.empty(), Optional.empty()).stream()
                .filter(d -> d.id().equals(doctors.get(username))).findFirst().orElseThrow().departmentId().orElseThrow();
    }

    private void waitFor(UUID patient, Optional<UUID> doctor, Optional<UUID> department, UUID type, LocalDate first, LocalDate last,
                         String note) {
        server.services().waitingList().add(desk, new org.medconnect.server.appointment.AppointmentModel.NewWaitingEntry(
                UUID.randomUUID(), patient, doctor, department, Optional.empty(), type, first, last, Optional.of(note)));
    }

    private Appointment bookWith(String doctor, UUID patient, UUID location, UUID type, LocalDate day, String time, String reason) {
        return appointments.book(desk, new BookingRequest(UUID.randomUUID(), patient, doctors.get(doctor), location, type,
                at(day, time), Optional.of(reason)));
    }

    private void rule(UUID doctor, UUID location, List<Integer> days, String start, String end, int slot, LocalDate from, String to,
                      BreakDraft... breaks) {
        schedule.saveRule(desk, new RuleInput(Optional.of(UUID.randomUUID()), Optional.empty(), doctor, location, Optional.empty(),
                days, start, end, slot, List.of(breaks), from.toString(), to));
    }

    private void exception(UUID doctor, ExceptionKind kind, LocalDate first, LocalDate last, String start, String end,
                           Optional<UUID> location, int slot, String reason) {
        schedule.addException(desk, new ExceptionInput(Optional.of(UUID.randomUUID()), doctor, Optional.of(kind), first.toString(),
                last.toString(), start, end, location, Optional.empty(), slot, reason));
    }

    private Appointment book(UUID patient, UUID location, UUID type, LocalDate day, String time, String reason) {
        return appointments.book(desk, new BookingRequest(UUID.randomUUID(), patient, doctors.get("a.chen"), location, type,
                at(day, time), Optional.of(reason)));
    }

    private Appointment checkIn(Appointment appointment) {
        return appointments.checkIn(desk, appointment.id());
    }

    private void done(Appointment appointment) {
        checkIn(appointment);
        appointments.startConsultation(desk, appointment.id());
        appointments.complete(desk, appointment.id());
    }

    private static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }
}
