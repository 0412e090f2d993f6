package org.medconnect.server.bootstrap;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentModel.ListQuery;
import org.medconnect.server.appointment.AppointmentModel.NewWaitingEntry;
import org.medconnect.server.appointment.AppointmentService;
import org.medconnect.server.appointment.WaitingListService;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.schedule.SlotFinder;
import org.medconnect.server.schedule.SlotFinder.FoundSlot;
import org.medconnect.server.schedule.SlotFinder.SlotQuery;
import org.medconnect.shared.appointment.StatusMoves.Status;
import org.medconnect.shared.schedule.ClinicDays;

/**
 * A believable week of bookings for the demo clinic, made through the real booking rules:
 * about half of each doctor's slots for the next seven days, a few requests awaiting the
 * doctor, video visits, two patients already checked in, and a waiting list with one offer.
 */
final class DemoAppointments {

    private static final List<String> REASONS = List.of("Persistent cough for two weeks", "Annual check-up",
            "Follow-up of blood pressure", "Skin rash on forearm", "Knee pain after running", "Recurring headaches",
            "Review of blood test results", "Ear ache", "Prescription renewal", "Back pain", "Vaccination", "");

    private final AppointmentService appointments;
    private final WaitingListService waiting;
    private final SlotFinder slots;
    private final Clock clock;

    DemoAppointments(AppointmentService appointments, WaitingListService waiting, SlotFinder slots, Clock clock) {
        this.appointments = appointments;
        this.waiting = waiting;
        this.slots = slots;
        this.clock = clock;
    }

    /** Returns how many appointments were booked. */
    int seed(DemoSchedule.Seeded schedule, List<UUID> doctors, List<UUID> patients, Principal receptionist, Principal firstDoctor) {
        Random random = new Random(2026);
        UUID consultation = schedule.types().get(DemoSchedule.CONSULTATION);
        List<UUID> otherTypes = List.of(schedule.types().get(DemoSchedule.FOLLOW_UP), schedule.types().get(DemoSchedule.PROCEDURE),
                schedule.types().get(DemoSchedule.VIDEO_VISIT));
        LocalDate today = LocalDate.ofInstant(clock.instant(), slots.zone());
        int booked = 0;
        int patient = 0;
        for (UUID doctor : doctors) {
            List<FoundSlot> free = slots.search(new SlotQuery(Optional.of(doctor), Optional.empty(), Optional.empty(), consultation,
                    today, today.plusDays(6), 2000, Optional.empty())).slots();
            for (FoundSlot slot : free) {
                if (random.nextInt(100) >= 50) {
                    continue;
                }
                int pick = random.nextInt(100);
                UUID type = pick < 65 ? consultation : pick < 88 ? otherTypes.get(0) : pick < 94 ? otherTypes.get(1) : otherTypes.get(2);
                String reason = REASONS.get(random.nextInt(REASONS.size()));
                try {
                    appointments.book(receptionist, new BookingRequest(UUID.randomUUID(), patients.get(patient++ % patients.size()), doctor,
                            slot.locationId(), type, slot.start(), reason.isEmpty() ? Optional.empty() : Optional.of(reason)));
                    booked++;
                } catch (DomainException taken) {
                    // a longer type that does not fit here, or a patient already booked then: skip the slot
                }
            }
        }
        checkInTheNextTwo(receptionist, firstDoctor, today);
        waitingList(receptionist, firstDoctor, patients, consultation, today);
        return booked;
    }

    private void checkInTheNextTwo(Principal receptionist, Principal doctor, LocalDate today) {
        List<Appointment> next = appointments.list(receptionist, new ListQuery(
                clock.instant(), ClinicDays.endOf(today, slots.zone()), Optional.empty(), Optional.empty(),
                Set.of(doctor.userId()), Optional.empty(),
                Set.of(Status.CONFIRMED)));
        next.stream().limit(2).forEach(a -> appointments.checkIn(receptionist, a.id()));
    }

    private void waitingList(Principal receptionist, Principal doctor, List<UUID> patients, UUID type, LocalDate today) {
        for (int i = 0; i < 3; i++) {
            waiting.add(receptionist, new NewWaitingEntry(UUID.randomUUID(), patients.get(patients.size() - 1 - i),
                    Optional.of(doctor.userId()), Optional.empty(), Optional.empty(), type, today, today.plusDays(14),
                    Optional.of(i == 0 ? "Any morning" : "Prefers afternoons")));
        }
        // A cancellation tomorrow frees a slot: the first patient on the list is offered it.
        appointments.list(receptionist, new ListQuery(
                        ClinicDays.startOf(today.plusDays(1), slots.zone()),
                        ClinicDays.endOf(today.plusDays(7), slots.zone()), Optional.empty(), Optional.empty(),
                        Set.of(doctor.userId()), Optional.empty(),
                        Set.of(Status.CONFIRMED)))
                .stream().filter(a -> a.typeId().equals(type)).findFirst()
                .ifPresent(a -> appointments.cancel(receptionist, a.id(), "Patient called to cancel"));
    }
}
