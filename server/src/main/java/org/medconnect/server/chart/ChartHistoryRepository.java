package org.medconnect.server.chart;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;

/**
 * Reads chart_entry_history: each version with the version before it (found through the
 * (kind, id, version) key), so a page of versions diffs without reading whole histories.
 */
final class ChartHistoryRepository {

    /** One stored version and, when there is one, the version before it. */
    record Row(UUID patientId, String entryKind, UUID entryId, int version, String change, String changedBy,
               OffsetDateTime changedAt, List<ChartLedger.Field> fields, List<ChartLedger.Field> before) {}

    private static final String SELECT = """
            select h.patient_id, h.entry_kind, h.entry_id, h.version, h.change, u.display_name, h.changed_at, h.fields,
                   prev.fields
              from chart_entry_history h
              join staff_user u on u.id = h.changed_by
              left join chart_entry_history prev
                on prev.entry_kind = h.entry_kind and prev.entry_id = h.entry_id and prev.version = h.version - 1
            """;

    private final DSLContext dsl;

    ChartHistoryRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Every version of one entry, oldest first. */
    List<Row> entry(String kind, UUID entryId) {
        return dsl.resultQuery(SELECT + " where h.entry_kind = ? and h.entry_id = ? order by h.version", kind, entryId)
                .fetch(ChartHistoryRepository::toRow);
    }

    /** A patient's versions, newest first; {@code kinds} empty means every kind. */
    List<Row> patient(UUID patientId, Optional<Set<String>> kinds, int offset, int limit) {
        String[] only = kinds.map(k -> k.toArray(String[]::new)).orElse(null);
        return dsl.resultQuery(SELECT + """
                 where h.patient_id = ? and (?::text[] is null or h.entry_kind = any (?::text[]))
                 order by h.changed_at desc, h.id desc
                 offset ? limit ?
                """, patientId, only, only, offset, limit).fetch(ChartHistoryRepository::toRow);
    }

    int count(UUID patientId, Optional<Set<String>> kinds) {
        String[] only = kinds.map(k -> k.toArray(String[]::new)).orElse(null);
        return dsl.resultQuery("""
                select count(*) from chart_entry_history
                 where patient_id = ? and (?::text[] is null or entry_kind = any (?::text[]))
                """, patientId, only, only).fetchSingle(0, Integer.class);
    }

    private static Row toRow(Record r) {
        return new Row(r.get(0, UUID.class), r.get(1, String.class), r.get(2, UUID.class), r.get(3, Integer.class),
                r.get(4, String.class), r.get(5, String.class), r.get(6, OffsetDateTime.class), fields(r.get(7, JSONB.class)),
                fields(r.get(8, JSONB.class)));
    }

    /** The ledger's [[name, value], ...] array back into fields, in order. */
    private static List<ChartLedger.Field> fields(JSONB json) {
        if (json == null) {
            return List.of();
        }
        List<ChartLedger.Field> out = new ArrayList<>();
        JsonElement parsed = JsonParser.parseString(json.data());
        if (parsed.isJsonArray()) {
            for (JsonElement pair : parsed.getAsJsonArray()) {
                if (pair.isJsonArray() && pair.getAsJsonArray().size() == 2) {
                    JsonArray p = pair.getAsJsonArray();
                    out.add(new ChartLedger.Field(p.get(0).getAsString(), p.get(1).isJsonNull() ? "" : p.get(1).getAsString()));
                }
            }
        }
        return out;
    }
}
