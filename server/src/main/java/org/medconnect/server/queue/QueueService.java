package org.medconnect.server.queue;

import org.medconnect.shared.queue.QueueLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.ListQuery;
import org.medconnect.server.appointment.AppointmentService;
import org.medconnect.server.appointment.AppointmentVisibility;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.queue.QueueModel.Board;
import org.medconnect.server.queue.QueueModel.BoardDoctor;
import org.medconnect.server.queue.QueueModel.Called;
import org.medconnect.server.queue.QueueModel.DoctorQueue;
import org.medconnect.server.queue.QueueModel.Reorder;
import org.medconnect.server.queue.QueueModel.ReorderResult;
import org.medconnect.server.queue.QueueRepository.BoardEntry;
import org.medconnect.server.queue.QueueRepository.Entry;
import org.medconnect.server.queue.QueueRepository.Facts;
import org.medconnect.shared.appointment.StatusMoves.Status;
import org.medconnect.shared.schedule.ClinicDays;

/**
 * The check-in queue of each doctor and clinic day. Tokens are handed out at check-in
 * ({@link AppointmentService#checkIn}); this class calls patients in, reorders the queue and
 * builds the waiting-room board. Call-next and reorders lock the doctor's day row, so they
 * take turns with each other and with check-ins of that doctor, and nobody else waits.
 */
public final class QueueService {

    static final String QUEUE_EMPTY = "QUEUE_EMPTY";
    static final String NOT_WAITING = "NOT_WAITING";
    private static final int DEFAULT_NEXT = 4;
    private static final int MAX_NEXT = 10;

    private final DSLContext dsl;
    private final AppointmentService appointments;
    private final Clock clock;
    private final ZoneId zone;

    public QueueService(DSLContext dsl, AppointmentService appointments, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.appointments = appointments;
        this.clock = clock;
        this.zone = zone;
    }

    /** Today in the clinic's time zone. */
    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    // ---- reading ----

    public DoctorQueue doctorQueue(Principal actor, Optional<UUID> doctor, Optional<LocalDate> day) {
        UUID doctorId = doctorFor(actor, doctor, "You can see only your own queue.");
        QueueRepository repo = new QueueRepository(dsl);
        String doctorName = repo.doctorName(doctorId).orElseThrow(() -> new DomainException.NotFound("That doctor does not exist."));
        LocalDate date = day.orElse(today());
        if (actor.role() == Role.NURSE && !date.equals(today())) {
            throw new DomainException.PermissionDenied("Nurses see today's queues only.");
        }
        List<Entry> entries = repo.queue(doctorId, date);
        Map<UUID, Appointment> byId = appointmentsOf(actor, doctorId, date);
        Optional<Appointment> serving = entries.stream().filter(e -> e.status() == Status.IN_CONSULTATION)
                .map(e -> byId.get(e.id())).filter(a -> a != null).findFirst();
        List<Appointment> waiting = entries.stream().filter(e -> e.status() == Status.CHECKED_IN)
                .map(e -> byId.get(e.id())).filter(a -> a != null).toList();
        return new DoctorQueue(doctorId, doctorName, date, serving, waiting, repo.reorders(doctorId, date),
                repo.lastToken(doctorId, date), actor.role() != Role.RECEPTIONIST);
    }

    // ---- calling in ----

    /** Calls the first waiting patient of today's queue in; refuses while the doctor is still seeing someone. */
    public Called callNext(Principal actor, Optional<UUID> doctor) {
        UUID doctorId = doctorFor(actor, doctor, "You can call only your own patients in.");
        String doctorName = new QueueRepository(dsl).doctorName(doctorId)
                .orElseThrow(() -> new DomainException.NotFound("That doctor does not exist."));
        LocalDate day = today();
        UUID called;
        int token;
        try {
            Entry first = dsl.transactionResult(cfg -> {
                QueueRepository repo = new QueueRepository(cfg.dsl());
                if (repo.lockDay(doctorId, day).isEmpty()) {
                    throw new DomainException.FailedPrecondition(QUEUE_EMPTY, "Nobody has checked in for " + doctorName + " today.");
                }
                Optional<Integer> seeing = repo.tokenInConsultation(doctorId, day);
                if (seeing.isPresent()) {
                    throw new DomainException.FailedPrecondition(AppointmentService.PATIENT_IN_CONSULTATION, "Token " + seeing.get()
                            + " is still in consultation. Complete it before calling the next patient.");
                }
                List<Entry> waiting = repo.lockWaiting(doctorId, day);
                if (waiting.isEmpty()) {
                    throw new DomainException.FailedPrecondition(QUEUE_EMPTY, "Nobody is waiting for " + doctorName + ".");
                }
                Entry next = waiting.getFirst();
                Instant now = clock.instant();
                repo.call(next.id(), now);
                repo.addHistory(next.id(), actor.userId(), "CALLED", Status.CHECKED_IN, Status.IN_CONSULTATION,
                        "Token " + next.token() + " called in", now);
                return next;
            });
            called = first.id();
            token = first.token();
        } catch (DataAccessException e) {
            // The database's one-in-consultation rule, should a direct start have slipped in.
            if (Constraints.violated(e, Constraints.UNIQUE_VIOLATION).filter(AppointmentService.IN_CONSULTATION_INDEX::equals).isPresent()) {
                throw new DomainException.FailedPrecondition(AppointmentService.PATIENT_IN_CONSULTATION,
                        "The doctor is already seeing another patient. Complete that consultation first.");
            }
            throw e;
        }
        Appointment appointment = AppointmentVisibility.forRole(actor.role(), appointments.get(called));
        return new Called(appointment, token, appointment.roomName());
    }

    // ---- reordering ----

    /** Moves one waiting patient to {@code toPlace} (1 = next) in their doctor's queue, recording who, when and why. */
    public ReorderResult reorder(Principal actor, UUID appointmentId, int toPlace, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw DomainException.InvalidInput.of("reason", "Give a reason for moving this patient.");
        }
        if (why.length() > QueueLimits.REORDER_REASON.max()) {
            throw DomainException.InvalidInput.of("reason", QueueLimits.REORDER_REASON.message());
        }
        if (toPlace < 1) {
            throw DomainException.InvalidInput.of("to_place", "Choose a place from 1 (next to be called).");
        }
        Facts facts = new QueueRepository(dsl).facts(appointmentId)
                .orElseThrow(() -> new DomainException.NotFound("That appointment does not exist."));
        if (facts.day().isEmpty() || facts.token().isEmpty()) {
            throw new DomainException.FailedPrecondition(NOT_WAITING, "This patient has not checked in, so is not in a queue.");
        }
        LocalDate day = facts.day().get();
        dsl.transaction(cfg -> {
            QueueRepository repo = new QueueRepository(cfg.dsl());
            repo.lockDay(facts.doctorId(), day);
            List<Entry> waiting = repo.lockWaiting(facts.doctorId(), day);
            int from = indexOf(waiting, appointmentId);
            if (from < 0) {
                Status now = repo.facts(appointmentId).map(Facts::status).orElse(facts.status());
                throw new DomainException.FailedPrecondition(NOT_WAITING, "Token " + facts.token().get() + " is no longer waiting ("
                        + now.label() + ").");
            }
            int to = Math.min(toPlace, waiting.size()) - 1;
            if (from == to) {
                throw DomainException.InvalidInput.of("to_place", "Token " + facts.token().get() + " is already at place " + (to + 1) + ".");
            }
            List<Entry> order = new ArrayList<>(waiting);
            Entry moved = order.remove(from);
            order.add(to, moved);
            // The same set of positions, handed out in the new order: later check-ins still go last.
            List<Integer> positions = waiting.stream().map(Entry::position).sorted().toList();
            Instant now = clock.instant();
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i).position() != positions.get(i)) {
                    repo.place(order.get(i).id(), positions.get(i), now);
                }
            }
            repo.addReorder(appointmentId, facts.doctorId(), day, moved.token(), from + 1, to + 1, why, actor.userId(), now);
            repo.addHistory(appointmentId, actor.userId(), "QUEUE_REORDERED", Status.CHECKED_IN, Status.CHECKED_IN,
                    "Token " + moved.token() + " moved from place " + (from + 1) + " to " + (to + 1), now);
        });
        DoctorQueue queue = doctorQueue(actor, Optional.of(facts.doctorId()), Optional.of(day));
        Reorder recorded = queue.reorders().getLast();
        // Reordering is front-desk work: the answer carries no reason for visit, whoever asks.
        return new ReorderResult(queue.waiting().stream()
                .map(a -> AppointmentVisibility.as(AppointmentVisibility.View.FRONT_DESK, a)).toList(), recorded);
    }

    // ---- the waiting-room board ----

    public Board board(Principal actor, UUID locationId, int nextCount) {
        int next = nextCount <= 0 ? DEFAULT_NEXT : Math.min(nextCount, MAX_NEXT);
        QueueRepository repo = new QueueRepository(dsl);
        String locationName = repo.locationName(locationId).orElseThrow(() -> new DomainException.NotFound("That location does not exist."));
        LocalDate day = today();
        Map<UUID, List<BoardEntry>> byDoctor = repo.board(locationId, day).stream()
                .collect(Collectors.groupingBy(BoardEntry::doctorId, LinkedHashMap::new, Collectors.toList()));
        List<BoardDoctor> doctors = new ArrayList<>();
        byDoctor.forEach((doctorId, entries) -> {
            Optional<BoardEntry> serving = entries.stream().filter(e -> e.status() == Status.IN_CONSULTATION).findFirst();
            List<BoardEntry> waiting = entries.stream().filter(e -> e.status() == Status.CHECKED_IN).toList();
            Optional<String> room = serving.flatMap(BoardEntry::roomName)
                    .or(() -> waiting.stream().map(BoardEntry::roomName).flatMap(Optional::stream).findFirst())
                    .or(() -> entries.stream().map(BoardEntry::roomName).flatMap(Optional::stream).reduce((a, b) -> b));
            doctors.add(new BoardDoctor(doctorId, entries.getFirst().doctorName(), room, serving.map(BoardEntry::token),
                    waiting.stream().limit(next).map(BoardEntry::token).toList(), waiting.size()));
        });
        return new Board(locationId, locationName, day, List.copyOf(doctors), clock.instant());
    }

    // ---- helpers ----

    /** The doctor whose queue is meant: a doctor's own always; anyone else must say which. */
    private static UUID doctorFor(Principal actor, Optional<UUID> doctor, String notYours) {
        if (actor.role() == Role.DOCTOR) {
            if (doctor.isPresent() && !doctor.get().equals(actor.userId())) {
                throw new DomainException.PermissionDenied(notYours);
            }
            return actor.userId();
        }
        return doctor.orElseThrow(() -> DomainException.InvalidInput.of("doctor_id", "Choose a doctor."));
    }

    private Map<UUID, Appointment> appointmentsOf(Principal actor, UUID doctorId, LocalDate day) {
        ListQuery query = new ListQuery(ClinicDays.startOf(day, zone), ClinicDays.endOf(day, zone), Optional.empty(),
                Optional.empty(), Set.of(doctorId), Optional.empty(), Set.of(Status.CHECKED_IN, Status.IN_CONSULTATION));
        return appointments.list(actor, query).stream().collect(Collectors.toMap(Appointment::id, Function.identity()));
    }

    private static int indexOf(List<Entry> entries, UUID id) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
