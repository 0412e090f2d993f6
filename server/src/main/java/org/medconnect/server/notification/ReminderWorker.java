package org.medconnect.server.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.medconnect.server.notification.NotificationModel.ReminderMessage;
import org.medconnect.server.notification.NotificationModel.ReminderState;
import org.medconnect.server.notification.ReminderRepository.Claim;
import org.medconnect.server.notification.ReminderRepository.Facts;
import org.medconnect.server.platform.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due reminders. Every instance runs one; each claims due rows with SKIP LOCKED and a
 * lease (state SENDING until {@code next_attempt_at}), so two instances never take the same
 * reminder and a claim of an instance that died runs out and is taken over. A failed send is
 * tried again after {@code firstRetry}, then twice as long each time, up to {@code maxAttempts}.
 */
public final class ReminderWorker implements Background {

    private static final Logger log = LoggerFactory.getLogger(ReminderWorker.class);
    private static final int BATCH = 20;
    private static final Duration MAX_BACKOFF = Duration.ofHours(6);

    /** How the worker paces itself. */
    public record Settings(Duration poll, Duration lease, int maxAttempts, Duration firstRetry) {}

    private final DSLContext dsl;
    private final Clock clock;
    private final ReminderSender sender;
    private final Settings settings;
    private final DateTimeFormatter when;
    private volatile ScheduledExecutorService executor;

    public ReminderWorker(DSLContext dsl, Clock clock, ZoneId clinicZone, ReminderSender sender, Settings settings) {
        this.dsl = dsl;
        this.clock = clock;
        this.sender = sender;
        this.settings = settings;
        this.when = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH).withZone(clinicZone);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("medconnect-reminders").factory());
        executor.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("Sending reminders failed; trying again in {} s", settings.poll().toSeconds(), e);
            }
        }, settings.poll().toMillis(), settings.poll().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdown();
            try {
                e.awaitTermination(20, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Claims and settles what is due now, batch after batch; returns how many it claimed. */
    public int runOnce() {
        int total = 0;
        List<Claim> claims;
        do {
            claims = dsl.transactionResult(cfg -> new ReminderRepository(cfg.dsl()).claim(clock.instant(), settings.lease(), BATCH));
            claims.forEach(this::deliver);
            total += claims.size();
        } while (claims.size() == BATCH);
        return total;
    }

    private void deliver(Claim claim) {
        try {
            dsl.transaction(cfg -> {
                ReminderRepository repo = new ReminderRepository(cfg.dsl());
                if (!repo.stillHeld(claim)) {
                    return; // the claim ran out and another instance took it over
                }
                Instant now = clock.instant();
                Optional<Facts> facts = repo.facts(claim.id());
                if (facts.isEmpty()) {
                    return;
                }
                Facts f = facts.get();
                if (!f.status().equals("CONFIRMED")) {
                    repo.settle(claim, ReminderState.CANCELLED, "The appointment is no longer confirmed.", now);
                } else if (!f.startsAt().isAfter(now)) {
                    repo.settle(claim, ReminderState.SKIPPED, "The appointment had started before the reminder could go out.", now);
                } else {
                    try {
                        sender.send(message(f), cfg.dsl());
                        repo.markSent(claim, sender.channel(), now);
                    } catch (ReminderSender.Unreachable e) {
                        repo.settle(claim, ReminderState.SKIPPED, e.getMessage(), now);
                    }
                }
            });
        } catch (RuntimeException e) {
            failed(claim, e.getCause() != null && e.getCause() != e ? e.getCause() : e);
        }
    }

    private void failed(Claim claim, Throwable why) {
        // Mail servers quote the address they refused; admins need the reason, not the address.
        String error = (why.getClass().getSimpleName() + (why.getMessage() == null ? "" : ": " + why.getMessage()))
                .replaceAll("<?[^\\s<>\"']+@[^\\s<>\"']+>?", "<address>");
        Instant now = clock.instant();
        dsl.transaction(cfg -> {
            ReminderRepository repo = new ReminderRepository(cfg.dsl());
            if (claim.attempts() >= settings.maxAttempts()) {
                repo.settle(claim, ReminderState.FAILED, error, now);
                log.warn("Reminder {} given up after {} attempts: {}", claim.id(), claim.attempts(), error);
            } else {
                Duration wait = backoff(claim.attempts());
                repo.retryAt(claim, now.plus(wait), error, now);
                log.info("Reminder {} failed (attempt {}), retrying in {} s: {}", claim.id(), claim.attempts(), wait.toSeconds(), error);
            }
        });
    }

    /** The wait after the n-th failed attempt: firstRetry, then doubling, at most six hours. */
    Duration backoff(int attempts) {
        Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private ReminderMessage message(Facts f) {
        String at = when.format(f.startsAt());
        String subject = "Reminder: your appointment on " + at;
        String body = "Dear " + f.patientName() + ",\n\n"
                + "this is a reminder of your appointment with " + f.doctorName() + " at " + f.locationName() + " on " + at + ".\n"
                + "Your reference is " + f.reference() + ". If you cannot come, please call us so that someone else can have the time.\n\n"
                + "MedConnect clinic\n";
        return new ReminderMessage(f.reminderId(), f.reference(), f.patientName(), f.email(), f.doctorName(), f.locationName(),
                f.startsAt(), subject, body);
    }
}
