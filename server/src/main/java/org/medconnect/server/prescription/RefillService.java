package org.medconnect.server.prescription;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.notification.ChartNews;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.prescription.PrescriptionModel.NewRefillRequest;
import org.medconnect.server.prescription.PrescriptionModel.RefillFilter;
import org.medconnect.server.prescription.PrescriptionModel.RefillRequest;
import org.medconnect.server.prescription.PrescriptionModel.RefillStatus;

/**
 * Patients' refill requests (issue 13, decision 0038): reception records what the patient asks
 * for and the addressed doctor is told; the doctor renews ({@link PrescriptionService#renew},
 * which approves the request on signing) or declines with a reason, and reception is told.
 * Reception sees only what it typed and names: never a drug from the chart, here or in an inbox item.
 */
public final class RefillService {

    static final int MAX_TEXT = 500;

    private final DSLContext dsl;
    private final Clock clock;
    private final java.time.ZoneId zone;

    public RefillService(DSLContext dsl, Clock clock, java.time.ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    /** Records a request for a doctor and tells them (names only); a retry with the same request id answers the first. */
    public RefillRequest record(Principal caller, NewRefillRequest in) {
        Optional<UUID> earlier = InsertOnce.earlier(in.requestId(), new RefillRepository(dsl)::byRequestId);
        if (earlier.isPresent()) {
            return new RefillRepository(dsl).find(earlier.get()).orElseThrow();
        }
        String note = text("note", in.note(), "Write what the patient asks for.");
        UUID id = InsertOnce.insert(dsl, in.requestId(), RefillRepository.REQUEST_ID_KEY, new RefillRepository(dsl)::byRequestId, tx -> {
            var repo = new RefillRepository(tx);
            if (!repo.patientExists(in.patientId())) {
                throw new DomainException.NotFound("No patient with that id.");
            }
            if (!repo.activeDoctor(in.doctorId())) {
                throw DomainException.InvalidInput.of("doctor_id", "Pick an active doctor of this clinic.");
            }
            OffsetDateTime now = now();
            UUID created = repo.insert(in.requestId(), in.patientId(), in.doctorId(), note, caller.userId(), now);
            RefillRequest r = repo.find(created).orElseThrow();
            ChartNews.in(tx).tell(r.doctorId(), Kind.REFILL_REQUEST, "Refill request: " + r.patientName(),
                    caller.displayName() + " recorded a refill request from " + r.patientName() + ".", r.patientId(), now.toInstant());
            return created;
        }, e -> e);
        return new RefillRepository(dsl).find(id).orElseThrow();
    }

    /** A doctor sees the requests addressed to them; reception all, or one doctor's. Pending only unless statuses are given. */
    public List<RefillRequest> list(Principal caller, List<RefillStatus> statuses, Optional<UUID> doctorId, Optional<UUID> patientId) {
        List<RefillStatus> which = statuses.isEmpty() ? List.of(RefillStatus.PENDING) : statuses;
        Optional<UUID> doctor = caller.role() == Role.DOCTOR ? Optional.of(caller.userId()) : doctorId;
        return new RefillRepository(dsl).list(new RefillFilter(which, doctor, patientId));
    }

    /** Declines a pending request with a reason (the addressed doctor only); reception is told. */
    public RefillRequest decline(Principal caller, UUID id, int expectedVersion, String reason) {
        requireVersion(expectedVersion);
        String why = text("reason", reason, "Say why it is declined; reception tells the patient.");
        return change(id, expectedVersion, r -> {
            if (!r.doctorId().equals(caller.userId())) {
                throw new DomainException.PermissionDenied("This request is addressed to " + r.doctorName() + ".");
            }
        }, (repo, tx, r, now) -> {
            if (!repo.decline(id, expectedVersion, why, caller.userId(), now)) {
                return false;
            }
            ChartNews.in(tx).tellEvery("RECEPTIONIST", Kind.REFILL_DECIDED, "Refill declined: " + r.patientName(),
                    caller.displayName() + " declined the refill request of " + r.patientName() + ". The reason is in the refill requests list.",
                    r.patientId(), now.toInstant());
            return true;
        });
    }

    /** Withdraws a pending request (the patient no longer needs it). */
    public RefillRequest cancel(Principal caller, UUID id, int expectedVersion) {
        requireVersion(expectedVersion);
        return change(id, expectedVersion, r -> { }, (repo, tx, r, now) -> repo.cancel(id, expectedVersion, caller.userId(), now));
    }

    private interface Step {
        /** Applies the change if the row is still at the expected version; false when it was not. */
        boolean apply(RefillRepository repo, DSLContext tx, RefillRequest current, OffsetDateTime now);
    }

    private RefillRequest change(UUID id, int expectedVersion, java.util.function.Consumer<RefillRequest> guard, Step step) {
        return dsl.transactionResult(cfg -> {
            var repo = new RefillRepository(cfg.dsl());
            RefillRequest current = repo.lockAndFind(id).orElseThrow(() -> new DomainException.NotFound("That refill request does not exist."));
            guard.accept(current);
            OffsetDateTime now = now();
            if (current.status() != RefillStatus.PENDING) {
                throw new DomainException.FailedPrecondition("NOT_PENDING", "This refill request was already "
                        + current.status().name().toLowerCase(java.util.Locale.ROOT) + current.decidedByName().map(n -> " by " + n).orElse("") + ".");
            }
            if (current.version() != expectedVersion || !step.apply(repo, cfg.dsl(), current, now)) {
                RefillRequest latest = repo.find(id).orElseThrow();
                throw ChartLedger.staleEdit(latest.decidedByName().orElse(latest.requestedByName()),
                        latest.decidedAt().orElse(latest.requestedAt()), now, zone);
            }
            return repo.find(id).orElseThrow();
        });
    }

    private static String text(String field, String value, String missing) {
        String s = value == null ? "" : value.strip();
        if (s.isEmpty()) {
            throw DomainException.InvalidInput.of(field, missing);
        }
        if (s.length() > MAX_TEXT) {
            throw DomainException.InvalidInput.of(field, "Keep this to " + MAX_TEXT + " characters.");
        }
        return s;
    }

    private static void requireVersion(int expectedVersion) {
        if (expectedVersion < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version you started from.");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
