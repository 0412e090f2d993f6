package org.medconnect.server.chart;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** The SQL of the chart ledger: one chart_entry_history row per version (V12). */
final class ChartLedgerRepository {

    private final DSLContext dsl;

    ChartLedgerRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Writes one version; a second row for the same entry and version fails with SQLState 23505. */
    void insert(UUID patientId, String entryKind, UUID entryId, int version, String change, UUID changedBy, OffsetDateTime at,
                String fieldsJson) {
        dsl.query("""
                insert into chart_entry_history (patient_id, entry_kind, entry_id, version, change, changed_by, changed_at, fields)
                values (?::uuid, ?, ?::uuid, ?, ?, ?::uuid, ?::timestamptz, ?::jsonb)
                """, patientId, entryKind, entryId, version, change, changedBy, at, JSONB.valueOf(fieldsJson)).execute();
    }
}
