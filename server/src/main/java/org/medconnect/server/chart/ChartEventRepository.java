package org.medconnect.server.chart;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.chart.ChartModel.ChartEvent;

/** Reads the numbered chart events (written only by the V12 commit-time trigger). */
final class ChartEventRepository {

    private final DSLContext dsl;

    ChartEventRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    long lastSequence() {
        return dsl.resultQuery("select last_seq from chart_event_clock").fetchSingle(0, Long.class);
    }

    Optional<Long> firstSequence() {
        return dsl.resultQuery("select min(seq) from chart_event").fetchOptional(0, Long.class);
    }

    /** Events with after < seq <= upTo, oldest first, at most limit. */
    List<ChartEvent> between(long after, long upTo, int limit) {
        return dsl.resultQuery("""
                select seq, occurred_at, patient_id, entry_kind, entry_id, version, change
                  from chart_event where seq > ? and seq <= ? order by seq limit ?
                """, after, upTo, limit).fetch(r -> new ChartEvent(r.get(0, Long.class), r.get(1, OffsetDateTime.class),
                r.get(2, UUID.class), r.get(3, String.class), r.get(4, UUID.class), r.get(5, Integer.class),
                r.get(6, String.class)));
    }

    /** One patient's events with after < seq <= upTo, oldest first (replay uses the patient index). */
    List<ChartEvent> patientBetween(UUID patientId, long after, long upTo, int limit) {
        return dsl.resultQuery("""
                select seq, occurred_at, patient_id, entry_kind, entry_id, version, change
                  from chart_event where patient_id = ? and seq > ? and seq <= ? order by seq limit ?
                """, patientId, after, upTo, limit).fetch(r -> new ChartEvent(r.get(0, Long.class), r.get(1, OffsetDateTime.class),
                r.get(2, UUID.class), r.get(3, String.class), r.get(4, UUID.class), r.get(5, Integer.class),
                r.get(6, String.class)));
    }
}
