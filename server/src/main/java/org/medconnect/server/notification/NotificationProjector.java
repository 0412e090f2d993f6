package org.medconnect.server.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.platform.Background;
import org.medconnect.server.platform.ProjectionLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns appointment events into inbox items and reminder rows, exactly once across server
 * instances: one transaction locks the one-row cursor (SKIP LOCKED: if another instance holds
 * it, that instance is doing the work), reads the events after it, writes what they mean and
 * moves the cursor. Woken by the events' NOTIFY and by the listener's idle wake-ups.
 */
public final class NotificationProjector implements Background {

    private static final Logger log = LoggerFactory.getLogger(NotificationProjector.class);
    private static final int BATCH = 500;
    /**
     * How long a wake-up waits before projecting, so a burst of bookings makes one transaction
     * instead of one each. An inbox item shows at most this much later; the front desk's own
     * screens do not wait for it (they follow the appointment feed).
     */
    private static final Duration GATHER = Duration.ofMillis(50);

    private final DSLContext dsl;
    private final Clock clock;
    private final List<Duration> leadTimes;
    private final DateTimeFormatter when;
    private final DateTimeFormatter dayLabel;
    private final ZoneId zone;
    private final ProjectionLoop loop =
            new ProjectionLoop("medconnect-notification-projector", "Projecting appointment events into notifications", GATHER, BATCH, this::projectOnce);

    public NotificationProjector(DSLContext dsl, Clock clock, ZoneId clinicZone, List<Duration> leadTimes) {
        this.dsl = dsl;
        this.clock = clock;
        this.leadTimes = List.copyOf(leadTimes);
        this.when = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH).withZone(clinicZone);
        this.dayLabel = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
        this.zone = clinicZone;
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

    /**
     * One batch in one transaction. It commits without waiting for the disk: the items, the
     * reminders and the cursor are in the one transaction, so a crash that loses it loses all
     * three, and the next run projects the same events again. Exactly once still holds, and
     * each booking does not pay for a second flush of the log.
     */
    int projectOnce() {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ProjectionRepository projection = new ProjectionRepository(tx);
            projection.commitWithoutWaitingForDisk();
            Optional<Long> last = projection.lockCursor();
            if (last.isEmpty()) {
                return 0; // another instance is projecting
            }
            List<Event> events = projection.eventsAfter(last.get(), BATCH);
            if (events.isEmpty()) {
                return 0;
            }
            Instant now = clock.instant();
            NotificationRepository inbox = new NotificationRepository(tx);
            ReminderRepository reminders = new ReminderRepository(tx);
            List<UUID> reception = null;
            for (Event e : events) {
                if (e.kind().equals("DECLINED") && reception == null) {
                    reception = inbox.activeStaff("RECEPTIONIST");
                }
                inbox.insert(notificationsFor(e, reception == null ? List.of() : reception), now);
                applyToReminders(e, reminders, now);
            }
            projection.moveCursor(events.getLast().seq());
            return events.size();
        });
    }

    /** One appointment event with the names a message needs. */
    record Event(long seq, String kind, UUID appointmentId, UUID doctorId, Instant startsAt, Optional<UUID> previousDoctorId,
                 Optional<Instant> previousStartsAt, String statusAfter, String reference, String patientName, String doctorName,
                 Optional<String> previousDoctorName) {}

    /** Who hears about an event, and what they read. No clinical text. */
    List<NotificationRepository.New> notificationsFor(Event e, List<UUID> reception) {
        List<NotificationRepository.New> out = new ArrayList<>();
        String at = when.format(e.startsAt());
        switch (e.kind()) {
            case "BOOKED" -> {
                var booked = item(e, e.doctorId(), Kind.BOOKED, "New appointment booked with you",
                        e.patientName() + ", " + at + " (" + e.reference() + ")");
                LocalDate day = e.startsAt().atZone(zone).toLocalDate();
                boolean routine = day.isAfter(LocalDate.ofInstant(clock.instant(), zone).plusDays(1));
                // Today's and tomorrow's bookings need the doctor's eye one by one; later ones fold per day.
                out.add(routine ? withDigest(booked, new NotificationRepository.Digest(day, dayLabel.format(day))) : booked);
            }
            case "REQUESTED" -> out.add(item(e, e.doctorId(), Kind.REQUEST_AWAITING_CONFIRMATION, "Request awaiting your confirmation",
                    e.patientName() + ", " + at + " (" + e.reference() + "). Confirm or decline it under Requests."));
            case "CANCELLED" -> out.add(item(e, e.doctorId(), Kind.CANCELLED, "Appointment cancelled",
                    e.patientName() + ", " + at + " (" + e.reference() + ") is cancelled."));
            case "DECLINED" -> reception.forEach(r -> out.add(item(e, r, Kind.DECLINED, "Request declined by " + e.doctorName(),
                    e.patientName() + ", " + at + " (" + e.reference() + "). Offer the patient another time.")));
            case "MOVED" -> {
                String was = e.previousStartsAt().map(when::format).orElse(at);
                boolean newDoctor = e.previousDoctorId().isPresent() && !e.previousDoctorId().get().equals(e.doctorId());
                if (newDoctor) {
                    out.add(item(e, e.previousDoctorId().get(), Kind.MOVED, "Appointment moved to " + e.doctorName(),
                            e.patientName() + ", " + was + " (" + e.reference() + ") is now with " + e.doctorName() + ", " + at + "."));
                    out.add(item(e, e.doctorId(), Kind.MOVED, "Appointment moved to you",
                            e.patientName() + ", " + at + " (" + e.reference() + "), from "
                                    + e.previousDoctorName().orElse("another doctor") + "."));
                } else {
                    out.add(item(e, e.doctorId(), Kind.MOVED, "Appointment moved",
                            e.patientName() + " (" + e.reference() + "): now " + at + ", was " + was + "."));
                }
            }
            default -> { } // confirmations, check-ins and the like are seen on the day board
        }
        return out;
    }

    private void applyToReminders(Event e, ReminderRepository reminders, Instant now) {
        switch (e.kind()) {
            case "BOOKED", "CONFIRMED" -> {
                if (e.statusAfter().equals("CONFIRMED")) {
                    reminders.schedule(e.appointmentId(), e.startsAt(), leadTimes, now);
                }
            }
            case "MOVED" -> {
                reminders.cancel(e.appointmentId(), "The appointment moved to " + when.format(e.startsAt()) + ".", now);
                if (e.statusAfter().equals("CONFIRMED")) {
                    reminders.schedule(e.appointmentId(), e.startsAt(), leadTimes, now);
                }
            }
            case "CANCELLED" -> reminders.cancel(e.appointmentId(), "The appointment was cancelled.", now);
            case "DECLINED" -> reminders.cancel(e.appointmentId(), "The doctor declined the request.", now);
            case "NO_SHOW" -> reminders.cancel(e.appointmentId(), "The patient did not come.", now);
            default -> { }
        }
    }

    private static NotificationRepository.New withDigest(NotificationRepository.New n, NotificationRepository.Digest d) {
        return new NotificationRepository.New(n.recipient(), n.kind(), n.title(), n.body(), n.appointmentId(), n.reference(),
                n.startsAt(), n.sourceSeq(), Optional.of(d));
    }

    private static NotificationRepository.New item(Event e, UUID recipient, Kind kind, String title, String body) {
        return new NotificationRepository.New(recipient, kind, title, body, Optional.of(e.appointmentId()), Optional.of(e.reference()),
                Optional.of(e.startsAt()), e.seq());
    }
}
