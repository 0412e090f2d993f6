package org.medconnect.server.billing;

import static org.medconnect.server.db.Tables.APPOINTMENT_EVENT;
import static org.medconnect.server.db.Tables.BILLING_CURSOR;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** The billing projector's cursor over appointment_event, and the events it reads. */
final class CompletedVisitsRepository {

    /** One appointment event: its place in the sequence and, for completions, the visit. */
    record Event(long seq, String kind, UUID appointmentId) {}

    private final DSLContext dsl;

    CompletedVisitsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The last projected sequence, locked until commit; empty while another instance holds it. */
    Optional<Long> lockCursor() {
        return Optional.ofNullable(dsl.select(BILLING_CURSOR.LAST_SEQ).from(BILLING_CURSOR).forUpdate().skipLocked()
                .fetchOne(BILLING_CURSOR.LAST_SEQ));
    }

    List<Event> eventsAfter(long seq, int limit) {
        return dsl.select(APPOINTMENT_EVENT.SEQ, APPOINTMENT_EVENT.KIND, APPOINTMENT_EVENT.APPOINTMENT_ID).from(APPOINTMENT_EVENT)
                .where(APPOINTMENT_EVENT.SEQ.gt(seq)).orderBy(APPOINTMENT_EVENT.SEQ).limit(limit)
                .fetch(r -> new Event(r.value1(), r.value2(), r.value3()));
    }

    void moveCursor(long seq) {
        dsl.update(BILLING_CURSOR).set(BILLING_CURSOR.LAST_SEQ, seq).execute();
    }
}
