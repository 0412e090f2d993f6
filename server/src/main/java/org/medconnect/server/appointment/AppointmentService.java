package org.medconnect.server.appointment;

import org.medconnect.shared.appointment.AppointmentReasons;
import org.medconnect.shared.appointment.AppointmentLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentModel.HistoryItem;
import org.medconnect.server.appointment.AppointmentModel.ListQuery;
import org.medconnect.server.appointment.AppointmentModel.PatientBrief;
import org.medconnect.server.appointment.AppointmentRepository.Locked;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Jdbc;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.schedule.SlotFinder;
import org.medconnect.server.schedule.SlotFinder.FoundSlot;
import org.medconnect.server.schedule.SlotFinder.TypeFacts;
import org.medconnect.shared.appointment.StatusMoves;
import org.medconnect.shared.appointment.StatusMoves.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Booking and the life of an appointment. Each use case is one transaction that also writes
 * the appointment's history. That no doctor or patient is ever booked twice is the
 * database's guarantee (exclusion constraints); this class checks availability first for a
 * clear message and turns a lost race into "that slot was just taken".
 */
public final class AppointmentService {

    private static final Logger log = LoggerFactory.getLogger(AppointmentService.class);

    static final String SLOT_TAKEN = AppointmentReasons.SLOT_TAKEN;
    /** Reason of the refusal to call a patient in while the doctor is seeing another. */
    public static final String PATIENT_IN_CONSULTATION = "PATIENT_IN_CONSULTATION";
    /** The database's guarantee of one patient in consultation per doctor and day (V4). */
    public static final String IN_CONSULTATION_INDEX = "appointment_one_in_consultation";

    /** How far from now a nurse's appointment list may reach: the clinic day in any time zone. */
    private static final Duration NURSE_WINDOW = Duration.ofHours(26);

    private final DSLContext dsl;
    private final SlotFinder slots;
    private final Clock clock;
    private final VideoLinks video;
    private final WaitingListOffers offers;
    private final DateTimeFormatter when;

    public AppointmentService(DSLContext dsl, SlotFinder slots, Clock clock, VideoLinks video) {
        this.dsl = dsl;
        this.slots = slots;
        this.clock = clock;
        this.video = video;
        this.offers = new WaitingListOffers(slots);
        this.when = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH).withZone(slots.zone());
    }

    // ---- booking ----

    public Appointment book(Principal actor, BookingRequest request) {
        if (request.reason().map(String::length).orElse(0) > AppointmentLimits.VISIT_REASON.max()) {
            throw DomainException.InvalidInput.of("reason", AppointmentLimits.VISIT_REASON.message());
        }
        try {
            // No explicit transaction: the reads before the insert take no locks, and the one
            // statement that inserts the booking with its history commits itself, saving the
            // round trip of a separate COMMIT (decision 0016).
            return AppointmentVisibility.forRole(actor.role(), bookRetryingOnce(actor.userId(), request));
        } catch (DataAccessException | DomainException e) {
            // A retry of a booking that went through: the unique request id (or the slot the
            // first attempt took, or a rule the time no longer meets) stopped it. Whether the
            // first attempt committed before or raced it, the answer is that first booking.
            // Only failures pay for this look-up; the database keeps a request from acting twice.
            Optional<UUID> first = new AppointmentRepository(dsl).findIdByRequestId(request.requestId());
            if (first.isPresent()) {
                return AppointmentVisibility.forRole(actor.role(), get(first.get()));
            }
            if (e instanceof DataAccessException dae) {
                throw patientClash(dae, request.patientId(), request.typeId(), request.startsAt(), Optional.empty())
                        .orElseGet(() -> translate(dae));
            }
            throw e;
        }
    }

    /**
     * A booking or move refused because the patient is elsewhere then, naming where: "The patient
     * already has an appointment then: Tue 8 Dec 2026 10:30 with Dr X (reference ABC123)." Read
     * only after the refusal, so the happy path pays nothing.
     */
    private Optional<RuntimeException> patientClash(DataAccessException e, UUID patientId, UUID typeId, Instant start,
                                                    Optional<UUID> excluding) {
        if (!Constraints.violated(e, Constraints.EXCLUSION_VIOLATION).filter("appointment_patient_no_overlap"::equals).isPresent()) {
            return Optional.empty();
        }
        return new AppointmentRepository(dsl).patientClash(patientId, typeId, start, excluding)
                .map(c -> new DomainException.FailedPrecondition("PATIENT_ALREADY_BOOKED",
                        "The patient already has an appointment then: " + when.format(c.startsAt()) + " with " + c.doctorName()
                                + " (reference " + c.reference() + "). Pick a time after it, or move that one first."));
    }

    /**
     * A deadlock or serialization failure is a lost race, not a fault: tried once more, the
     * booking then meets the winner's committed row and is refused as "slot taken" at once
     * (or goes through when the winner failed too).
     */
    private Appointment bookRetryingOnce(UUID actorId, BookingRequest request) {
        try {
            return book(dsl, actorId, request);
        } catch (DataAccessException e) {
            if (!isLostRace(e)) {
                throw e;
            }
            log.debug("Booking lost a race ({}); trying once more", e.sqlState());
            try {
                return book(dsl, actorId, request);
            } catch (DataAccessException again) {
                throw isLostRace(again) ? slotTaken() : again;
            }
        }
    }

    /** Books inside the caller's transaction; also used to book a waiting-list offer. */
    UUID bookIn(DSLContext tx, UUID actorId, BookingRequest request) {
        return book(tx, actorId, request).id();
    }

    /**
     * Two round trips: the facts of patient, location, type and doctor read together with the
     * doctor's hours that day; then the insert with its history, the one statement that
     * writes. Whether the slot is still free is the exclusion constraint's to say in that
     * insert (a lost race is "slot taken"). Runs in the caller's transaction when there is
     * one ({@link #bookIn}).
     */
    private Appointment book(DSLContext tx, UUID actorId, BookingRequest request) {
        AppointmentRepository repo = new AppointmentRepository(tx);
        var factsRead = AppointmentRepository.bookingFacts(request.patientId(), request.locationId(), request.typeId(),
                request.doctorId());
        SlotFinder.DayHours hours = slots.hoursOn(request.doctorId(), request.locationId(), request.startsAt());
        Jdbc.readTogether(tx, factsRead, hours.read());
        var facts = factsRead.get();
        PatientBrief patient = facts.patient()
                .orElseThrow(() -> DomainException.InvalidInput.of("patient_id", "Choose a registered patient."));
        String locationName = facts.openLocationName()
                .orElseThrow(() -> DomainException.InvalidInput.of("location_id", "Choose a location that takes bookings."));
        TypeFacts type = facts.type()
                .orElseThrow(() -> DomainException.InvalidInput.of("appointment_type_id", "Choose an appointment type."));
        if (type.retired()) {
            throw DomainException.InvalidInput.of("appointment_type_id", "That appointment type is no longer offered.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (request.startsAt().isBefore(now)) {
            throw DomainException.InvalidInput.of("starts_at", "That time has already passed. Pick a later slot.");
        }
        FoundSlot slot = facts.activeDoctorName()
                .flatMap(name -> slots.workingSlotAt(hours, name, type, request.startsAt()))
                .orElseThrow(() -> notAWorkingSlot(request.startsAt(), locationName));
        Status status = type.needsConfirmation() ? Status.PENDING : Status.CONFIRMED;
        Optional<String> reason = request.reason().map(String::strip).filter(r -> !r.isEmpty());
        Optional<String> videoLink = type.video() ? Optional.of(video.newLink()) : Optional.empty();
        var booked = repo.book(new AppointmentRepository.Insert(request.requestId(), patient.id(), request.doctorId(),
                        request.locationId(), slot.roomId(), type.id(), slot.start(), slot.end(), slot.end().plus(type.buffer()),
                        status, reason, videoLink, actorId, now),
                describe(slot.start(), slot.doctorName(), locationName) + " (" + type.name() + ")");
        return new Appointment(booked.id(), booked.reference(), patient, request.doctorId(), slot.doctorName(),
                request.locationId(), locationName, slot.roomId(), booked.roomName(), type.id(), type.name(),
                slot.start(), slot.end(), status, reason, videoLink, Optional.empty(), Optional.empty(), booked.bookedByName(),
                booked.createdAt(), booked.updatedAt(), booked.version(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private DomainException notAWorkingSlot(Instant start, String locationName) {
        return new DomainException.FailedPrecondition("SLOT_NOT_AVAILABLE",
                "The doctor does not see patients at " + when.format(start) + " at " + locationName
                        + " (or is on leave then). Pick one of the free slots.");
    }

    private RuntimeException notFree(SlotFinder finder, UUID doctorId, UUID locationId, TypeFacts type, Instant start, String locationName) {
        if (finder.isWorkingSlot(doctorId, locationId, type, start)) {
            return new DomainException.Aborted(SLOT_TAKEN, "That slot was just taken. Please pick another.");
        }
        return notAWorkingSlot(start, locationName);
    }

    // ---- reading ----

    /** One appointment, whole: for other services, which apply {@link AppointmentVisibility} before answering. */
    public Appointment get(UUID id) {
        return new AppointmentRepository(dsl).find(id)
                .orElseThrow(() -> new DomainException.NotFound("That appointment does not exist."));
    }

    /** One appointment, if the caller may see it (a doctor sees only their own), as their role may see it. */
    public Appointment get(Principal actor, UUID id) {
        Appointment a = get(id);
        if (actor.role() == Role.DOCTOR && !a.doctorId().equals(actor.userId())) {
            throw new DomainException.NotFound("That appointment does not exist.");
        }
        return AppointmentVisibility.forRole(actor.role(), a);
    }

    public List<Appointment> list(Principal actor, ListQuery query) {
        if (!query.to().isAfter(query.from())) {
            throw DomainException.InvalidInput.of("to", "The end of the window must be after its start.");
        }
        if (Duration.between(query.from(), query.to()).toDays() > AppointmentLimits.LIST_MAX_DAYS) {
            throw DomainException.InvalidInput.of("to", AppointmentLimits.listRangeTooLong());
        }
        if (actor.role() == Role.NURSE && (query.from().isBefore(clock.instant().minus(NURSE_WINDOW))
                || query.to().isAfter(clock.instant().plus(NURSE_WINDOW)))) {
            // A nurse triages today's patients; the rest of the book is the front desk's (decision 0036).
            throw new DomainException.PermissionDenied("Nurses see today's appointments only.");
        }
        ListQuery effective = actor.role() == Role.DOCTOR
                ? new ListQuery(query.from(), query.to(), query.locationId(), query.departmentId(), Set.of(actor.userId()),
                        query.patientId(), query.statuses())
                : query;
        return AppointmentVisibility.forRole(actor.role(), new AppointmentBoardRepository(dsl).list(effective));
    }

    public List<HistoryItem> history(Principal actor, UUID id) {
        get(actor, id);
        return new AppointmentRepository(dsl).history(id);
    }

    // ---- status moves ----

    public Appointment confirm(Principal actor, UUID id) {
        return move(actor, id, Status.CONFIRMED, "CONFIRMED", true, null);
    }

    public Appointment decline(Principal actor, UUID id, String reason) {
        return move(actor, id, Status.DECLINED, "DECLINED", true, requireReason(reason));
    }

    public Appointment cancel(Principal actor, UUID id, String reason) {
        return move(actor, id, Status.CANCELLED, "CANCELLED", false, requireReason(reason));
    }

    public Appointment checkIn(Principal actor, UUID id) {
        return move(actor, id, Status.CHECKED_IN, "CHECKED_IN", false, null);
    }

    public Appointment startConsultation(Principal actor, UUID id) {
        return move(actor, id, Status.IN_CONSULTATION, "CONSULTATION_STARTED", true, null);
    }

    public Appointment complete(Principal actor, UUID id) {
        return move(actor, id, Status.COMPLETED, "COMPLETED", true, null);
    }

    public Appointment markNoShow(Principal actor, UUID id) {
        return move(actor, id, Status.NO_SHOW, "NO_SHOW", false, null);
    }

    // ---- undo ----

    /** Reason of the refusal to undo a move the appointment has since moved on from. */
    public static final String STATUS_CHANGED = "STATUS_CHANGED";

    /**
     * Takes back a check-in, no-show or completion while it is still the appointment's last
     * status move (decision 0025). {@code undoing} is the status the caller saw the move put
     * the appointment in; if the appointment is not there any more, or got there by another
     * move, the caller lost a race and gets ABORTED "STATUS_CHANGED". The row lock makes an
     * undo and any other status move of the same appointment take turns: one wins.
     */
    public Appointment undo(Principal actor, UUID id, Status undoing) {
        if (!StatusMoves.UNDOABLE.contains(undoing)) {
            throw DomainException.InvalidInput.of("undo_status", "Only a check-in, a no-show or a completion can be undone.");
        }
        try {
            dsl.transaction(cfg -> {
                AppointmentRepository repo = new AppointmentRepository(cfg.dsl());
                Locked a = repo.lock(id).orElseThrow(() -> new DomainException.NotFound("That appointment does not exist."));
                if (actor.role() == Role.DOCTOR && !a.doctorId().equals(actor.userId())) {
                    throw new DomainException.NotFound("That appointment does not exist.");
                }
                boolean doctorsMove = undoing == Status.COMPLETED;
                if (doctorsMove && actor.role() != Role.DOCTOR && actor.role() != Role.ADMIN) {
                    throw new DomainException.PermissionDenied("Only the doctor can undo a completion.");
                }
                if (!doctorsMove && actor.role() == Role.DOCTOR) {
                    throw new DomainException.PermissionDenied("Only the front desk can undo a check-in or a no-show.");
                }
                if (a.status() != undoing) {
                    throw new DomainException.Aborted(STATUS_CHANGED, "This appointment is " + a.status().label()
                            + " now, so there is nothing to undo. The screen shows it as it is.");
                }
                HistoryItem last = repo.lastStatusMove(id)
                        .filter(h -> h.action().equals(undoing.name()) && h.toStatus().equals(Optional.of(undoing)))
                        .orElseThrow(() -> new DomainException.Aborted(STATUS_CHANGED,
                                "This appointment got to " + undoing.label() + " by another step, which cannot be undone here."));
                Status back = last.fromStatus().orElseThrow();
                Instant now = clock.instant();
                String detail = null;
                if (undoing == Status.CHECKED_IN) {
                    // The token stays spent (queue_day keeps its count): the slip the patient
                    // holds is never handed to someone else. A new check-in gets the next token.
                    detail = repo.undoCheckIn(id, now).map(t -> "Token " + t + " withdrawn").orElse(null);
                } else {
                    repo.setStatus(id, back, now);
                }
                repo.addHistory(id, actor.userId(), "UNDO_" + undoing.name(), Optional.of(undoing), Optional.of(back), detail, now);
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, Constraints.EXCLUSION_VIOLATION).isPresent()) {
                throw new DomainException.Aborted(SLOT_TAKEN,
                        "The time this no-show freed has been booked since, so it cannot be undone. Book the patient a new time.");
            }
            throw translate(e);
        }
        return AppointmentVisibility.forRole(actor.role(), get(id));
    }

    private Appointment move(Principal actor, UUID id, Status to, String action, boolean doctorsOwn, String reason) {
        try {
            moveIn(actor, id, to, action, doctorsOwn, reason);
        } catch (DataAccessException e) {
            throw translate(e);
        }
        return AppointmentVisibility.forRole(actor.role(), get(id));
    }

    private void moveIn(Principal actor, UUID id, Status to, String action, boolean doctorsOwn, String reason) {
        dsl.transaction(cfg -> {
            AppointmentRepository repo = new AppointmentRepository(cfg.dsl());
            Locked a = repo.lock(id).orElseThrow(() -> new DomainException.NotFound("That appointment does not exist."));
            if (actor.role() == Role.DOCTOR && !a.doctorId().equals(actor.userId())) {
                // A doctor acts only on their own appointments, and learns nothing of others'.
                throw new DomainException.NotFound("That appointment does not exist.");
            }
            if (doctorsOwn && actor.role() != Role.DOCTOR && actor.role() != Role.ADMIN) {
                throw new DomainException.PermissionDenied("Only the doctor can do that.");
            }
            Instant now = clock.instant();
            Optional<String> refusal = StatusMoves.refusal(a.status(), to, a.startsAt(), now)
                    .or(() -> to == Status.CHECKED_IN ? StatusMoves.checkInRefusal(a.startsAt(), now, slots.zone()) : Optional.empty());
            if (refusal.isPresent()) {
                throw new DomainException.FailedPrecondition("STATUS_MOVE_REFUSED", refusal.get());
            }
            String detail = reason == null ? null : "Reason given";
            if (reason != null) {
                repo.cancel(id, to, reason, actor.userId(), now);
            } else if (to == Status.CHECKED_IN) {
                LocalDate day = a.startsAt().atZone(slots.zone()).toLocalDate();
                int token = repo.nextToken(a.doctorId(), day);
                repo.checkIn(id, day, token, now);
                detail = "Token " + token;
            } else if (to == Status.IN_CONSULTATION) {
                repo.call(id, now);
            } else {
                repo.setStatus(id, to, now);
            }
            repo.addHistory(id, actor.userId(), action, Optional.of(a.status()), Optional.of(to), detail, now);
            if (!to.holdsTime()) {
                offers.offerFreedTime(cfg.dsl(), a.doctorId(), a.locationId(), a.startsAt(), a.blocksUntil(), now);
            }
        });
    }

    private static String requireReason(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw DomainException.InvalidInput.of("reason", "Give a reason.");
        }
        if (r.length() > AppointmentLimits.CANCEL_REASON.max()) {
            throw DomainException.InvalidInput.of("reason", AppointmentLimits.CANCEL_REASON.message());
        }
        return r;
    }

    // ---- moving ----

    /** Moves to a new slot in one statement: the new time is taken and the old released together, or nothing changes. */
    public Appointment reschedule(Principal actor, UUID id, Instant newStart, Optional<UUID> newDoctor, Optional<UUID> newLocation) {
        try {
            rescheduleIn(actor, id, newStart, newDoctor, newLocation);
        } catch (DataAccessException e) {
            if (!isLostRace(e)) {
                Appointment a = get(id);
                throw patientClash(e, a.patient().id(), a.typeId(), newStart, Optional.of(id)).orElseGet(() -> translate(e));
            }
            log.debug("Move lost a race ({}); trying once more", e.sqlState());
            try {
                rescheduleIn(actor, id, newStart, newDoctor, newLocation);
            } catch (DataAccessException again) {
                throw isLostRace(again) ? slotTaken() : translate(again);
            }
        }
        return AppointmentVisibility.forRole(actor.role(), get(id));
    }

    private void rescheduleIn(Principal actor, UUID id, Instant newStart, Optional<UUID> newDoctor, Optional<UUID> newLocation) {
        dsl.transaction(cfg -> {
            AppointmentRepository repo = new AppointmentRepository(cfg.dsl());
            Locked a = repo.lock(id).orElseThrow(() -> new DomainException.NotFound("That appointment does not exist."));
            Optional<String> refusal = StatusMoves.rescheduleRefusal(a.status());
            if (refusal.isPresent()) {
                throw new DomainException.FailedPrecondition("STATUS_MOVE_REFUSED", refusal.get());
            }
            Instant now = clock.instant();
            if (newStart.isBefore(now)) {
                throw DomainException.InvalidInput.of("new_starts_at", "That time has already passed. Pick a later slot.");
            }
            UUID doctorId = newDoctor.orElse(a.doctorId());
            UUID locationId = newLocation.orElse(a.locationId());
            String locationName = new BookingLookupRepository(cfg.dsl()).openLocation(locationId)
                    .orElseThrow(() -> DomainException.InvalidInput.of("new_location_id", "Choose a location that takes bookings."));
            SlotFinder finder = slots.using(cfg.dsl());
            TypeFacts type = finder.type(a.typeId());
            // Contenders for the doctor's time take turns (see AppointmentRepository.book).
            repo.takeTurn(doctorId, a.patientId());
            FoundSlot slot = finder.slotAt(doctorId, locationId, type, newStart, Optional.of(id))
                    .orElseThrow(() -> notFree(finder, doctorId, locationId, type, newStart, locationName));
            repo.move(id, doctorId, locationId, slot.roomId(), slot.start(), slot.end(), slot.end().plus(type.buffer()), now);
            repo.addHistory(id, actor.userId(), "RESCHEDULED", Optional.of(a.status()), Optional.of(a.status()),
                    describe(a.startsAt(), null, null) + " -> " + describe(slot.start(), slot.doctorName(), locationName), now);
            offers.offerFreedTime(cfg.dsl(), a.doctorId(), a.locationId(), a.startsAt(), a.blocksUntil(), now);
        });
    }

    /** A deadlock (40P01) or serialization failure (40001): two contenders for the same time. */
    static boolean isLostRace(DataAccessException e) {
        String state = e.sqlState();
        return "40P01".equals(state) || "40001".equals(state);
    }

    private static DomainException slotTaken() {
        return new DomainException.Aborted(SLOT_TAKEN, "That slot was just taken. Please pick another.");
    }

    // ---- helpers ----

    private String describe(Instant start, String doctorName, String locationName) {
        StringBuilder b = new StringBuilder(when.format(start));
        if (doctorName != null) {
            b.append(", ").append(doctorName);
        }
        if (locationName != null) {
            b.append(", ").append(locationName);
        }
        return b.toString();
    }

    static RuntimeException translate(DataAccessException e) {
        Optional<String> exclusion = Constraints.violated(e, Constraints.EXCLUSION_VIOLATION);
        if (exclusion.isPresent()) {
            return switch (exclusion.get()) {
                case "appointment_doctor_no_overlap" ->
                        new DomainException.Aborted(SLOT_TAKEN, "That slot was just taken. Please pick another.");
                case "appointment_patient_no_overlap" -> new DomainException.FailedPrecondition("PATIENT_ALREADY_BOOKED",
                        "The patient already has another appointment at that time.");
                default -> e;
            };
        }
        if (Constraints.violated(e, Constraints.UNIQUE_VIOLATION).filter(IN_CONSULTATION_INDEX::equals).isPresent()) {
            return new DomainException.FailedPrecondition(PATIENT_IN_CONSULTATION,
                    "The doctor is already seeing another patient. Complete that consultation first.");
        }
        return e;
    }
}
