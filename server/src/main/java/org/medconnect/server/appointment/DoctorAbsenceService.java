package org.medconnect.server.appointment;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.appointment.AppointmentModel.AbsenceMode;
import org.medconnect.server.appointment.AppointmentModel.AbsenceOutcome;
import org.medconnect.server.appointment.AppointmentModel.AbsenceRequest;
import org.medconnect.server.appointment.AppointmentModel.AbsenceResult;
import org.medconnect.server.appointment.AppointmentRepository.Locked;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.schedule.SlotFinder;
import org.medconnect.server.schedule.SlotFinder.FoundSlot;
import org.medconnect.server.schedule.SlotFinder.TypeFacts;
import org.medconnect.shared.appointment.AbsenceRules;
import org.medconnect.shared.appointment.StatusMoves.Status;
import org.medconnect.shared.schedule.ClinicDays;

/**
 * A doctor is absent: their appointments move to colleagues or are cancelled, in one
 * transaction (a dry run reports what would happen). Its own service, apart from the
 * day-to-day life of one appointment in {@link AppointmentService}.
 */
public final class DoctorAbsenceService {

    private final DSLContext dsl;
    private final SlotFinder slots;
    private final Clock clock;
    private final DateTimeFormatter when;

    public DoctorAbsenceService(DSLContext dsl, SlotFinder slots, Clock clock) {
        this.dsl = dsl;
        this.slots = slots;
        this.clock = clock;
        this.when = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH).withZone(slots.zone());
    }

    /**
     * A doctor is absent: move each of their pending and confirmed appointments in the range
     * to a colleague of the same specialty at the same time where one is free, or cancel
     * them. One transaction; a dry run rolls it back and reports what would happen.
     */
    public AbsenceResult handleAbsence(Principal actor, AbsenceRequest request) {
        // The same rules the workstation checks before sending (shared AbsenceRules).
        var problems = AbsenceRules.check(true, Optional.of(request.from()), Optional.of(request.to()), request.reason());
        if (!problems.isEmpty()) {
            throw new DomainException.InvalidInput(problems);
        }
        String reason = request.reason().strip();
        if (new BookingLookupRepository(dsl).specializationOf(request.doctorId()).isEmpty()) {
            throw new DomainException.NotFound("That doctor does not exist.");
        }
        List<AbsenceOutcome> outcomes = new ArrayList<>();
        int[] counts = new int[3];
        try {
            dsl.transaction(cfg -> {
                DSLContext tx = cfg.dsl();
                AppointmentRepository repo = new AppointmentRepository(tx);
                SlotFinder finder = slots.using(tx);
                Instant now = clock.instant();
                List<UUID> colleagues = new BookingLookupRepository(tx).colleaguesOf(request.doctorId());
                for (UUID id : repo.changeableOf(request.doctorId(), ClinicDays.startOf(request.from(), slots.zone()),
                        ClinicDays.endOf(request.to(), slots.zone()))) {
                    if (!request.only().isEmpty() && !request.only().contains(id)) {
                        continue;
                    }
                    Locked a = repo.lock(id).orElseThrow();
                    if (request.mode() == AbsenceMode.CANCEL) {
                        repo.cancel(id, Status.CANCELLED, reason, actor.userId(), now);
                        repo.addHistory(id, actor.userId(), "CANCELLED", Optional.of(a.status()), Optional.of(Status.CANCELLED),
                                "Doctor absent", now);
                        counts[1]++;
                        outcomes.add(new AbsenceOutcome(repo.find(id).orElseThrow(), true, Optional.empty()));
                        continue;
                    }
                    Optional<String> movedTo = moveToColleague(tx, finder, repo, a, colleagues, actor.userId(), now);
                    if (movedTo.isPresent()) {
                        counts[0]++;
                        outcomes.add(new AbsenceOutcome(repo.find(id).orElseThrow(), true, Optional.empty()));
                    } else {
                        counts[2]++;
                        outcomes.add(new AbsenceOutcome(repo.find(id).orElseThrow(), false, Optional.of(colleagues.isEmpty()
                                ? "There is no other doctor."
                                : "No colleague is free at " + when.format(a.startsAt()) + ".")));
                    }
                }
                if (request.dryRun()) {
                    throw new DryRun();
                }
            });
        } catch (DryRun expected) {
            // rolled back on purpose: the outcomes say what would have happened
        }
        var seen = outcomes.stream().map(o -> new AbsenceOutcome(AppointmentVisibility.forRole(actor.role(), o.appointment()),
                o.done(), o.whyNot())).toList();
        return new AbsenceResult(seen, counts[0], counts[1], counts[2]);
    }

    /** Tries each colleague in a savepoint; the database's constraints decide who is free. */
    private Optional<String> moveToColleague(DSLContext tx, SlotFinder finder, AppointmentRepository repo, Locked a,
                                             List<UUID> colleagues, UUID actorId, Instant now) {
        TypeFacts type = finder.type(a.typeId());
        for (UUID colleague : colleagues) {
            for (UUID location : locationsToTry(tx, a.locationId())) {
                Optional<FoundSlot> slot = finder.slotAt(colleague, location, type, a.startsAt(), Optional.empty());
                if (slot.isEmpty()) {
                    continue;
                }
                try {
                    tx.transaction(savepoint -> {
                        AppointmentRepository inner = new AppointmentRepository(savepoint.dsl());
                        inner.move(a.id(), colleague, location, slot.get().roomId(), slot.get().start(), slot.get().end(),
                                slot.get().end().plus(type.buffer()), now);
                        inner.addHistory(a.id(), actorId, "REASSIGNED", Optional.of(a.status()), Optional.of(a.status()),
                                "Doctor absent: moved to " + slot.get().doctorName(), now);
                    });
                    return Optional.of(slot.get().doctorName());
                } catch (DataAccessException e) {
                    if (Constraints.violated(e, Constraints.EXCLUSION_VIOLATION).isEmpty()) {
                        throw e;
                    }
                    // taken meanwhile, or the patient is busy: try the next
                }
            }
        }
        return Optional.empty();
    }

    /** The same location first, then the others. */
    private static List<UUID> locationsToTry(DSLContext tx, UUID current) {
        List<UUID> all = new ArrayList<>();
        all.add(current);
        all.addAll(new BookingLookupRepository(tx).otherOpenLocations(current));
        return all;
    }

    private static final class DryRun extends RuntimeException {
        DryRun() {
            super("dry run", null, false, false);
        }
    }

}
