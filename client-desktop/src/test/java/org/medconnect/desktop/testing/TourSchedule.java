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

    TourSchedule(TestClinic server, Principal desk, Map<String, UUID> doctors, LocalDate today) {
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
        rule(doctors.get("s.adeyemi"), main, List.of(1, 2, 3, 4, 5), "09:00", "17:00", 15, from, "", new BreakDraft("13:00", "14:00"));
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
