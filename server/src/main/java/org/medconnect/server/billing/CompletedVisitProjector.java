package org.medconnect.server.billing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.medconnect.server.platform.Background;
import org.medconnect.server.platform.ProjectionLoop;
import org.medconnect.server.platform.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts the invoice of every completed visit from the appointment events, so appointment
 * code needs no knowledge of billing (decision 0020). One transaction locks the billing cursor
 * (SKIP LOCKED: another instance is at it), reads the events after it, drafts an invoice for
 * each COMPLETED one and moves the cursor: exactly once across instances, and a visit's
 * unique live invoice makes a replay harmless. Woken by the events' NOTIFY and the listener's
 * idle wake-ups; the checkout screen's DraftVisitInvoice covers the moment in between.
 */
public final class CompletedVisitProjector implements Background {

    private static final Logger log = LoggerFactory.getLogger(CompletedVisitProjector.class);
    private static final int BATCH = 500;
    private static final Duration GATHER = Duration.ofMillis(50);

    private final DSLContext dsl;
    private final BillingService billing;
    private final ProjectionLoop loop =
            new ProjectionLoop("medconnect-billing-projector", "Drafting invoices of completed visits", GATHER, BATCH, this::projectOnce);

    public CompletedVisitProjector(DSLContext dsl, BillingService billing) {
        this.dsl = dsl;
        this.billing = billing;
    }

    /** Asks for a run soon; wake-ups while one is pending make one run. */
    public void wake() {
        loop.wake();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    /** Projects until no event is left; returns how many events it read here (0 if another instance holds the cursor). */
    public int projectAll() {
        return loop.projectAll();
    }

    int projectOnce() {
        return dsl.transactionResult(cfg -> {
            CompletedVisitsRepository repo = new CompletedVisitsRepository(cfg.dsl());
            Optional<Long> last = repo.lockCursor();
            if (last.isEmpty()) {
                return 0;
            }
            List<CompletedVisitsRepository.Event> events = repo.eventsAfter(last.get(), BATCH);
            if (events.isEmpty()) {
                return 0;
            }
            for (CompletedVisitsRepository.Event e : events) {
                if (e.kind().equals("COMPLETED")) {
                    try {
                        billing.draftVisit(cfg.dsl(), e.appointmentId(), Optional.empty());
                    } catch (DomainException refused) {
                        // Checked before anything is written (e.g. no longer completed): nothing to bill.
                        log.debug("No draft for appointment {}: {}", e.appointmentId(), refused.getMessage());
                    }
                }
            }
            repo.moveCursor(events.getLast().seq());
            return events.size();
        });
    }
}
