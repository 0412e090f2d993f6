package org.medconnect.server.appointment;

import org.medconnect.shared.appointment.AppointmentLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentModel.NewWaitingEntry;
import org.medconnect.server.appointment.AppointmentModel.WaitingEntry;
import org.medconnect.server.appointment.AppointmentModel.WaitingStatus;
import org.medconnect.server.appointment.WaitingListRepository.Open;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.schedule.SlotFinder;

/**
 * The waiting list: patients who want a doctor or a department sooner. Freed time is offered
 * by {@link WaitingListOffers}; reception books an offer with one action, or declines it so
 * the next patient gets it.
 */
public final class WaitingListService {


    private final DSLContext dsl;
    private final AppointmentService appointments;
    private final WaitingListOffers offers;
    private final Clock clock;

    public WaitingListService(DSLContext dsl, AppointmentService appointments, SlotFinder slots, Clock clock) {
        this.dsl = dsl;
        this.appointments = appointments;
        this.offers = new WaitingListOffers(slots);
        this.clock = clock;
    }

    public WaitingEntry add(Principal actor, NewWaitingEntry entry) {
        if (entry.doctorId().isEmpty() && entry.departmentId().isEmpty()) {
            throw DomainException.InvalidInput.of("doctor_id", "Choose a doctor or a department.");
        }
        if (entry.to().isBefore(entry.from())) {
            throw DomainException.InvalidInput.of("to_date", "The last day must not be before the first.");
        }
        if (entry.to().isBefore(LocalDate.ofInstant(clock.instant(), appointmentsZone()))) {
            throw DomainException.InvalidInput.of("to_date", "The date range has already passed.");
        }
        if (entry.note().map(String::length).orElse(0) > AppointmentLimits.WAITING_LIST_NOTE.max()) {
            throw DomainException.InvalidInput.of("note", AppointmentLimits.WAITING_LIST_NOTE.message());
        }
        WaitingListRepository repo = new WaitingListRepository(dsl);
        Optional<UUID> earlier = repo.findIdByRequestId(entry.requestId());
        if (earlier.isPresent()) {
            return get(earlier.get());
        }
        try {
            UUID id = dsl.transactionResult(cfg -> {
                Instant now = clock.instant();
                UUID newId = new WaitingListRepository(cfg.dsl()).insert(entry, actor.userId(), now);
                AuditTrail.in(cfg.dsl()).record(actor.userId(), "WAITING_LIST_ADDED", "waiting_list_entry", newId, null, odt(now));
                return newId;
            });
            return get(id);
        } catch (DataAccessException e) {
            Optional<UUID> first = repo.findIdByRequestId(entry.requestId());
            if (first.isPresent()) {
                return get(first.get());
            }
            if (e.sqlState() != null && e.sqlState().equals("23503")) {
                throw DomainException.InvalidInput.of("patient_id", "The patient, doctor, department, location or type no longer exists.");
            }
            throw e;
        }
    }

    public WaitingEntry get(UUID id) {
        return new WaitingListRepository(dsl).find(id)
                .orElseThrow(() -> new DomainException.NotFound("That waiting-list entry does not exist."));
    }

    public List<WaitingEntry> open(Optional<UUID> doctorId, Optional<UUID> departmentId) {
        return new WaitingListRepository(dsl).open(doctorId, departmentId);
    }

    /** Books the offered slot. If it is gone, the entry waits again and the caller hears "taken". */
    public Appointment bookOffer(Principal actor, UUID entryId, UUID requestId, Optional<String> reason) {
        try {
            UUID appointmentId = dsl.transactionResult(cfg -> {
                WaitingListRepository repo = new WaitingListRepository(cfg.dsl());
                Open entry = repo.lock(entryId)
                        .orElseThrow(() -> new DomainException.NotFound("That waiting-list entry does not exist."));
                if (entry.status() != WaitingStatus.OFFERED) {
                    throw new DomainException.FailedPrecondition("NO_OFFER", "There is no slot on offer for this entry any more.");
                }
                UUID id = appointments.bookIn(cfg.dsl(), actor.userId(), new BookingRequest(requestId, entry.patientId(),
                        entry.offeredDoctor().orElseThrow(), entry.offeredLocation().orElseThrow(), entry.typeId(),
                        entry.offeredStart().orElseThrow(), reason.or(entry::note)));
                repo.settle(entryId, WaitingStatus.BOOKED, Optional.of(id));
                return id;
            });
            return AppointmentVisibility.forRole(actor.role(), appointments.get(appointmentId));
        } catch (DomainException.Aborted | DomainException.FailedPrecondition | DataAccessException e) {
            RuntimeException mapped = e instanceof DataAccessException dae ? AppointmentService.translate(dae) : e;
            if (mapped instanceof DomainException.Aborted
                    || (mapped instanceof DomainException.FailedPrecondition fp && !fp.reason().equals("NO_OFFER"))) {
                // The slot went elsewhere (or stopped being a working slot): the patient waits again.
                dsl.transaction(cfg -> {
                    WaitingListRepository repo = new WaitingListRepository(cfg.dsl());
                    repo.lock(entryId).filter(o -> o.status() == WaitingStatus.OFFERED)
                            .ifPresent(o -> repo.settle(entryId, WaitingStatus.WAITING, Optional.empty()));
                });
            }
            throw mapped;
        }
    }

    /** The patient does not want the slot: they wait again, and the slot goes to the next patient. */
    public WaitingEntry declineOffer(Principal actor, UUID entryId) {
        dsl.transaction(cfg -> {
            WaitingListRepository repo = new WaitingListRepository(cfg.dsl());
            Open entry = repo.lock(entryId).orElseThrow(() -> new DomainException.NotFound("That waiting-list entry does not exist."));
            if (entry.status() != WaitingStatus.OFFERED) {
                throw new DomainException.FailedPrecondition("NO_OFFER", "There is no slot on offer for this entry.");
            }
            repo.settle(entryId, WaitingStatus.WAITING, Optional.empty());
            Instant now = clock.instant();
            offers.offerFreedTime(cfg.dsl(), entry.offeredDoctor().orElseThrow(), entry.offeredLocation().orElseThrow(),
                    entry.offeredStart().orElseThrow(), now, Optional.of(entryId));
            AuditTrail.in(cfg.dsl()).record(actor.userId(), "WAITING_LIST_OFFER_DECLINED", "waiting_list_entry", entryId, null, odt(now));
        });
        return get(entryId);
    }

    public void remove(Principal actor, UUID entryId) {
        dsl.transaction(cfg -> {
            WaitingListRepository repo = new WaitingListRepository(cfg.dsl());
            Open entry = repo.lock(entryId).orElseThrow(() -> new DomainException.NotFound("That waiting-list entry does not exist."));
            if (entry.status() == WaitingStatus.BOOKED || entry.status() == WaitingStatus.REMOVED) {
                throw new DomainException.FailedPrecondition("NOT_OPEN", "That entry is no longer on the waiting list.");
            }
            repo.settle(entryId, WaitingStatus.REMOVED, Optional.empty());
            Instant now = clock.instant();
            if (entry.status() == WaitingStatus.OFFERED) {
                offers.offerFreedTime(cfg.dsl(), entry.offeredDoctor().orElseThrow(), entry.offeredLocation().orElseThrow(),
                        entry.offeredStart().orElseThrow(), now, Optional.of(entryId));
            }
            AuditTrail.in(cfg.dsl()).record(actor.userId(), "WAITING_LIST_REMOVED", "waiting_list_entry", entryId, null, odt(now));
        });
    }

    private java.time.ZoneId appointmentsZone() {
        return offers.zone();
    }

    private static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
