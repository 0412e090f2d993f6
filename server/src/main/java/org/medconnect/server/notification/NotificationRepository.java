package org.medconnect.server.notification;

import static org.medconnect.server.db.Tables.NOTIFICATION;
import static org.medconnect.server.db.Tables.STAFF_USER;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.notification.NotificationModel.Notification;

/** Inbox rows: what each staff member has been told, and what they have read. */
final class NotificationRepository {

    /** The NOTIFY channel that wakes inbox watchers; the payload is the recipient's user id. */
    static final String CHANNEL = "notification";

    private final DSLContext dsl;

    NotificationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A notification to write; one event may give several. */
    record New(UUID recipient, Kind kind, String title, String body, Optional<UUID> appointmentId,
               Optional<String> reference, Optional<Instant> startsAt, long sourceSeq, Optional<Digest> digest) {

        New(UUID recipient, Kind kind, String title, String body, Optional<UUID> appointmentId,
            Optional<String> reference, Optional<Instant> startsAt, long sourceSeq) {
            this(recipient, kind, title, body, appointmentId, reference, startsAt, sourceSeq, Optional.empty());
        }
    }

    /** A routine booking folds into the recipient's unread item for its clinic day; {@code dayLabel} reads "Thu 26 Nov". */
    record Digest(LocalDate day, String dayLabel) {}

    /** Writes them; a replayed event writes nothing twice. (A trigger sends the NOTIFY.) */
    void insert(Collection<New> rows, Instant now) {
        for (New n : rows) {
            if (n.digest().isPresent()) {
                fold(n, n.digest().get(), now);
                continue;
            }
            dsl.insertInto(NOTIFICATION)
                    .set(NOTIFICATION.RECIPIENT_USER_ID, n.recipient())
                    .set(NOTIFICATION.KIND, n.kind().name())
                    .set(NOTIFICATION.TITLE, clip(n.title(), 120))
                    .set(NOTIFICATION.BODY, clip(n.body(), 400))
                    .set(NOTIFICATION.APPOINTMENT_ID, n.appointmentId().orElse(null))
                    .set(NOTIFICATION.APPOINTMENT_REFERENCE, n.reference().orElse(null))
                    .set(NOTIFICATION.STARTS_AT, n.startsAt().map(NotificationRepository::odt).orElse(null))
                    .set(NOTIFICATION.SOURCE_SEQ, n.sourceSeq())
                    .set(NOTIFICATION.CREATED_AT, odt(now))
                    .onConflictDoNothing()
                    .execute();
        }
    }

    /**
     * The first booking of a day makes an ordinary item; each further one while it is unread
     * updates that item to count them and name the latest. One statement, so two projector
     * runs cannot both add a line (the partial unique index decides).
     */
    private void fold(New n, Digest d, Instant now) {
        dsl.query("""
                insert into notification as n (recipient_user_id, kind, title, body, appointment_id, appointment_reference,
                                               starts_at, source_seq, created_at, digest_day)
                values (?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::timestamptz, ?::date)
                on conflict (recipient_user_id, digest_day) where digest_day is not null and read_at is null do update
                set digest_count = n.digest_count + 1,
                    title = left((n.digest_count + 1) || ' new appointments booked with you for ' || ?, 120),
                    body = left('Latest: ' || excluded.body || '. Open that day to see all ' || (n.digest_count + 1) || '.', 400),
                    appointment_id = excluded.appointment_id,
                    appointment_reference = excluded.appointment_reference,
                    starts_at = excluded.starts_at,
                    source_seq = excluded.source_seq,
                    created_at = excluded.created_at
                """, n.recipient(), n.kind().name(), clip(n.title(), 120), clip(n.body(), 400), n.appointmentId().orElse(null),
                n.reference().orElse(null), n.startsAt().map(NotificationRepository::odt).orElse(null), n.sourceSeq(), odt(now),
                d.day(), d.dayLabel()).execute();
    }

    /** One chart notification (no source event: each call is its own news). */
    void insertChart(UUID recipient, Kind kind, String title, String body, UUID patientId, Instant now) {
        dsl.insertInto(NOTIFICATION)
                .set(NOTIFICATION.RECIPIENT_USER_ID, recipient)
                .set(NOTIFICATION.KIND, kind.name())
                .set(NOTIFICATION.TITLE, clip(title, 120))
                .set(NOTIFICATION.BODY, clip(body, 400))
                .set(NOTIFICATION.PATIENT_ID, patientId)
                .set(NOTIFICATION.CREATED_AT, odt(now))
                .execute();
    }

    /** Active staff of a role, e.g. every receptionist for a declined request. */
    List<UUID> activeStaff(String role) {
        return dsl.select(STAFF_USER.ID).from(STAFF_USER).where(STAFF_USER.ROLE.eq(role).and(STAFF_USER.ACTIVE)).fetch(STAFF_USER.ID);
    }

    List<Notification> page(UUID recipient, boolean unreadOnly, int limit, int offset) {
        return dsl.selectFrom(NOTIFICATION).where(inbox(recipient, unreadOnly))
                .orderBy(NOTIFICATION.ID.desc()).limit(limit).offset(offset)
                .fetch(NotificationRepository::toNotification);
    }

    int count(UUID recipient, boolean unreadOnly) {
        return dsl.fetchCount(NOTIFICATION, inbox(recipient, unreadOnly));
    }

    /** Marks read only what belongs to the recipient; returns how many changed. */
    int markRead(UUID recipient, Optional<Collection<Long>> ids, Instant now) {
        Condition which = NOTIFICATION.RECIPIENT_USER_ID.eq(recipient).and(NOTIFICATION.READ_AT.isNull());
        if (ids.isPresent()) {
            which = which.and(NOTIFICATION.ID.in(ids.get()));
        }
        return dsl.update(NOTIFICATION).set(NOTIFICATION.READ_AT, odt(now)).where(which).execute();
    }

    /** Wakes the recipient's watchers on every instance when the transaction commits. */
    void notifyChanged(UUID recipient) {
        dsl.select(DSL.function("pg_notify", Object.class, DSL.inline(CHANNEL), DSL.val(recipient.toString()))).fetch();
    }

    private static Condition inbox(UUID recipient, boolean unreadOnly) {
        Condition c = NOTIFICATION.RECIPIENT_USER_ID.eq(recipient);
        return unreadOnly ? c.and(NOTIFICATION.READ_AT.isNull()) : c;
    }

    private static Notification toNotification(Record r) {
        return new Notification(r.get(NOTIFICATION.ID), Kind.valueOf(r.get(NOTIFICATION.KIND)), r.get(NOTIFICATION.TITLE),
                r.get(NOTIFICATION.BODY), r.get(NOTIFICATION.CREATED_AT).toInstant(), r.get(NOTIFICATION.READ_AT) != null,
                Optional.ofNullable(r.get(NOTIFICATION.APPOINTMENT_ID)), Optional.ofNullable(r.get(NOTIFICATION.APPOINTMENT_REFERENCE)),
                Optional.ofNullable(r.get(NOTIFICATION.STARTS_AT)).map(OffsetDateTime::toInstant),
                Optional.ofNullable(r.get(NOTIFICATION.PATIENT_ID)));
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
