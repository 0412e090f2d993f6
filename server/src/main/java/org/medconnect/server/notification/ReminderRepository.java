package org.medconnect.server.notification;

import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.LOCATION;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.REMINDER;
import static org.medconnect.server.db.Tables.REMINDER_OUTBOX;
import static org.medconnect.server.db.Tables.STAFF_USER;
import static org.medconnect.server.notification.NotificationRepository.odt;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.medconnect.server.notification.NotificationModel.Reminder;
import org.medconnect.server.notification.NotificationModel.ReminderState;

/** Reminder rows: scheduled from appointment events, claimed and settled by the sender worker. */
final class ReminderRepository {

    private static final Set<String> OPEN = Set.of(ReminderState.SCHEDULED.name(), ReminderState.RETRYING.name(),
            ReminderState.SENDING.name());
    private static final Field<String> PATIENT_NAME = DSL.concat(PATIENT.GIVEN_NAME, DSL.inline(" "), PATIENT.FAMILY_NAME).as("patient_name");

    private final DSLContext dsl;

    ReminderRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * One reminder per lead time; one whose due time has passed already is recorded as
     * skipped. A reminder for this very time that a move cancelled comes back. An
     * appointment that has started (demo or imported history) gets none.
     */
    void schedule(UUID appointmentId, Instant startsAt, List<Duration> leads, Instant now) {
        if (!startsAt.isAfter(now)) {
            return;
        }
        for (Duration lead : leads) {
            Instant due = startsAt.minus(lead);
            boolean late = !due.isAfter(now);
            String state = (late ? ReminderState.SKIPPED : ReminderState.SCHEDULED).name();
            String why = late ? "Booked less than " + describe(lead) + " ahead." : null;
            dsl.insertInto(REMINDER)
                    .set(REMINDER.APPOINTMENT_ID, appointmentId)
                    .set(REMINDER.LEAD_MINUTES, (int) lead.toMinutes())
                    .set(REMINDER.DUE_AT, odt(due))
                    .set(REMINDER.STATE, state)
                    .set(REMINDER.NEXT_ATTEMPT_AT, odt(due))
                    .set(REMINDER.LAST_ERROR, why)
                    .set(REMINDER.CREATED_AT, odt(now))
                    .set(REMINDER.UPDATED_AT, odt(now))
                    .onConflict(REMINDER.APPOINTMENT_ID, REMINDER.LEAD_MINUTES, REMINDER.DUE_AT)
                    .doUpdate()
                    .set(REMINDER.STATE, state).set(REMINDER.ATTEMPTS, 0).set(REMINDER.NEXT_ATTEMPT_AT, odt(due))
                    .set(REMINDER.LAST_ERROR, why).set(REMINDER.UPDATED_AT, odt(now))
                    .where(REMINDER.STATE.eq(ReminderState.CANCELLED.name()))
                    .execute();
        }
    }

    /** Cancelled, declined, missed or moved: what has not gone out will not. */
    void cancel(UUID appointmentId, String why, Instant now) {
        dsl.update(REMINDER).set(REMINDER.STATE, ReminderState.CANCELLED.name()).set(REMINDER.LAST_ERROR, why)
                .set(REMINDER.UPDATED_AT, odt(now))
                .where(REMINDER.APPOINTMENT_ID.eq(appointmentId).and(REMINDER.STATE.in(OPEN)))
                .execute();
    }

    /** A claim: this instance may send the reminder until {@code leaseUntil}. */
    record Claim(UUID id, int attempts) {}

    /**
     * Claims due reminders, and ones whose claim ran out (the instance died mid-send), so that
     * no other instance takes them: SKIP LOCKED passes over rows another instance is claiming.
     */
    List<Claim> claim(Instant now, Duration lease, int limit) {
        Condition due = REMINDER.STATE.in(ReminderState.SCHEDULED.name(), ReminderState.RETRYING.name(), ReminderState.SENDING.name())
                .and(REMINDER.NEXT_ATTEMPT_AT.le(odt(now)));
        var ids = dsl.select(REMINDER.ID).from(REMINDER).where(due).orderBy(REMINDER.NEXT_ATTEMPT_AT).limit(limit)
                .forUpdate().skipLocked();
        return dsl.update(REMINDER)
                .set(REMINDER.STATE, ReminderState.SENDING.name())
                .set(REMINDER.ATTEMPTS, REMINDER.ATTEMPTS.plus(1))
                .set(REMINDER.NEXT_ATTEMPT_AT, odt(now.plus(lease)))
                .set(REMINDER.UPDATED_AT, odt(now))
                .where(REMINDER.ID.in(ids))
                .returning(REMINDER.ID, REMINDER.ATTEMPTS)
                .fetch(r -> new Claim(r.get(REMINDER.ID), r.get(REMINDER.ATTEMPTS)));
    }

    /** Locks the claimed row if the claim is still this one (not expired and taken over). */
    boolean stillHeld(Claim claim) {
        return dsl.fetchExists(dsl.selectOne().from(REMINDER).where(held(claim)).forUpdate());
    }

    /** What sending needs: the appointment as it is now, and the patient's address. */
    record Facts(UUID reminderId, String reference, String status, Instant startsAt, String patientName, Optional<String> email,
                 String doctorName, String locationName) {}

    Optional<Facts> facts(UUID reminderId) {
        return dsl.select(REMINDER.ID, APPOINTMENT.REFERENCE, APPOINTMENT.STATUS, APPOINTMENT.STARTS_AT, PATIENT_NAME, PATIENT.EMAIL,
                        STAFF_USER.DISPLAY_NAME, LOCATION.NAME)
                .from(REMINDER).join(APPOINTMENT).on(APPOINTMENT.ID.eq(REMINDER.APPOINTMENT_ID))
                .join(PATIENT).on(PATIENT.ID.eq(APPOINTMENT.PATIENT_ID))
                .join(STAFF_USER).on(STAFF_USER.ID.eq(APPOINTMENT.DOCTOR_ID))
                .join(LOCATION).on(LOCATION.ID.eq(APPOINTMENT.LOCATION_ID))
                .where(REMINDER.ID.eq(reminderId))
                .fetchOptional(r -> new Facts(r.get(REMINDER.ID), r.get(APPOINTMENT.REFERENCE), r.get(APPOINTMENT.STATUS),
                        r.get(APPOINTMENT.STARTS_AT).toInstant(), r.get(PATIENT_NAME), Optional.ofNullable(r.get(PATIENT.EMAIL)),
                        r.get(STAFF_USER.DISPLAY_NAME), r.get(LOCATION.NAME)));
    }

    void markSent(Claim claim, String channel, Instant now) {
        dsl.update(REMINDER).set(REMINDER.STATE, ReminderState.SENT.name()).set(REMINDER.SENT_AT, odt(now))
                .set(REMINDER.CHANNEL, channel).setNull(REMINDER.LAST_ERROR).set(REMINDER.UPDATED_AT, odt(now))
                .where(held(claim)).execute();
    }

    /** Settles a claim without sending: FAILED, SKIPPED or CANCELLED, with why. */
    void settle(Claim claim, ReminderState state, String why, Instant now) {
        dsl.update(REMINDER).set(REMINDER.STATE, state.name()).set(REMINDER.LAST_ERROR, clip(why))
                .set(REMINDER.UPDATED_AT, odt(now)).where(held(claim)).execute();
    }

    void retryAt(Claim claim, Instant next, String why, Instant now) {
        dsl.update(REMINDER).set(REMINDER.STATE, ReminderState.RETRYING.name()).set(REMINDER.NEXT_ATTEMPT_AT, odt(next))
                .set(REMINDER.LAST_ERROR, clip(why)).set(REMINDER.UPDATED_AT, odt(now)).where(held(claim)).execute();
    }

    void outbox(UUID reminderId, Optional<String> recipient, String subject, String body) {
        dsl.insertInto(REMINDER_OUTBOX).set(REMINDER_OUTBOX.REMINDER_ID, reminderId)
                .set(REMINDER_OUTBOX.RECIPIENT, recipient.orElse(null))
                .set(REMINDER_OUTBOX.SUBJECT, subject).set(REMINDER_OUTBOX.BODY, body).execute();
    }

    List<Reminder> page(Set<ReminderState> states, int limit, int offset) {
        Field<Integer> openFirst = DSL.when(REMINDER.STATE.in(OPEN), 0).otherwise(1);
        Field<OffsetDateTime> soonestFirst = DSL.when(REMINDER.STATE.in(OPEN), REMINDER.DUE_AT);
        return dsl.select(REMINDER.asterisk(), APPOINTMENT.REFERENCE, APPOINTMENT.STARTS_AT, PATIENT_NAME, STAFF_USER.DISPLAY_NAME)
                .from(REMINDER).join(APPOINTMENT).on(APPOINTMENT.ID.eq(REMINDER.APPOINTMENT_ID))
                .join(PATIENT).on(PATIENT.ID.eq(APPOINTMENT.PATIENT_ID))
                .join(STAFF_USER).on(STAFF_USER.ID.eq(APPOINTMENT.DOCTOR_ID))
                .where(inStates(states))
                .orderBy(openFirst, soonestFirst.asc(), REMINDER.DUE_AT.desc(), REMINDER.ID)
                .limit(limit).offset(offset)
                .fetch(ReminderRepository::toReminder);
    }

    int count(Set<ReminderState> states) {
        return dsl.fetchCount(REMINDER, inStates(states));
    }

    private static Condition inStates(Set<ReminderState> states) {
        return states.isEmpty() ? DSL.noCondition() : REMINDER.STATE.in(states.stream().map(Enum::name).toList());
    }

    private static Condition held(Claim claim) {
        return REMINDER.ID.eq(claim.id()).and(REMINDER.STATE.eq(ReminderState.SENDING.name())).and(REMINDER.ATTEMPTS.eq(claim.attempts()));
    }

    private static Reminder toReminder(Record r) {
        return new Reminder(r.get(REMINDER.ID), r.get(REMINDER.APPOINTMENT_ID), r.get(APPOINTMENT.REFERENCE), r.get(PATIENT_NAME),
                r.get(STAFF_USER.DISPLAY_NAME), r.get(APPOINTMENT.STARTS_AT).toInstant(), Duration.ofMinutes(r.get(REMINDER.LEAD_MINUTES)),
                r.get(REMINDER.DUE_AT).toInstant(), ReminderState.valueOf(r.get(REMINDER.STATE)), r.get(REMINDER.ATTEMPTS),
                r.get(REMINDER.NEXT_ATTEMPT_AT).toInstant(), Optional.ofNullable(r.get(REMINDER.LAST_ERROR)),
                Optional.ofNullable(r.get(REMINDER.SENT_AT)).map(OffsetDateTime::toInstant), Optional.ofNullable(r.get(REMINDER.CHANNEL)));
    }

    static String describe(Duration lead) {
        return lead.toMinutes() % 1440 == 0 ? lead.toDays() * 24 + " h"
                : lead.toMinutes() % 60 == 0 ? lead.toHours() + " h" : lead.toMinutes() + " min";
    }

    private static String clip(String s) {
        String one = s == null ? "Unknown error" : s.replaceAll("\\s+", " ").strip();
        return one.length() <= 300 ? one : one.substring(0, 299) + "…";
    }
}
