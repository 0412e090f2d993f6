package org.medconnect.server.appointment;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.appointment.WaitingListRepository.Open;
import org.medconnect.server.schedule.SlotFinder;
import org.medconnect.server.schedule.SlotFinder.FoundSlot;
import org.medconnect.server.schedule.SlotFinder.TypeFacts;

/**
 * When time frees up (a cancellation, a decline, a move), offers it to the first patient on
 * the waiting list it suits: same doctor (or the doctor's department), location and date
 * range, the entry's appointment type fits, and the patient is free then. Runs inside the
 * transaction that freed the time, so the offer and the change land together.
 */
final class WaitingListOffers {

    private static final int CANDIDATES = 20;

    private final SlotFinder slots;

    WaitingListOffers(SlotFinder slots) {
        this.slots = slots;
    }

    java.time.ZoneId zone() {
        return slots.zone();
    }

    /** Offers [start, ...) of this doctor at this location; returns the entry that got it. */
    Optional<UUID> offerFreedTime(DSLContext tx, UUID doctorId, UUID locationId, Instant start, Instant blocksUntil, Instant now) {
        return offerFreedTime(tx, doctorId, locationId, start, now, Optional.empty());
    }

    Optional<UUID> offerFreedTime(DSLContext tx, UUID doctorId, UUID locationId, Instant start, Instant now, Optional<UUID> skip) {
        if (start.isBefore(now)) {
            return Optional.empty();
        }
        AppointmentRepository appointments = new AppointmentRepository(tx);
        WaitingListRepository waiting = new WaitingListRepository(tx);
        SlotFinder finder = slots.using(tx);
        for (Open entry : waiting.waitingFor(doctorId, new BookingLookupRepository(tx).departmentOf(doctorId), locationId,
                start.atZone(slots.zone()).toLocalDate(), CANDIDATES)) {
            if (skip.filter(entry.id()::equals).isPresent()) {
                continue;
            }
            TypeFacts type = finder.type(entry.typeId());
            Optional<FoundSlot> slot = finder.slotAt(doctorId, locationId, type, start, Optional.empty());
            if (slot.isEmpty() || appointments.patientBusy(entry.patientId(), slot.get().start(), slot.get().end())) {
                continue;
            }
            waiting.offer(entry.id(), doctorId, locationId, slot.get().start(), slot.get().end(), now);
            return Optional.of(entry.id());
        }
        return Optional.empty();
    }
}
