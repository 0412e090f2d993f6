package org.medconnect.server.chart;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.platform.DomainException;

/**
 * The one way a chart entry's version is written down (issue 12, decision 0029): each
 * create, edit, sign, addendum or "entered in error" of any chart part records the entry's
 * fields as they now are, inside the change's own transaction. The history view diffs
 * consecutive versions field by field, and a commit-time trigger turns each row into a
 * numbered chart event that reaches every workstation with the chart open.
 */
public final class ChartLedger {

    /** One field of an entry as a person reads it, in the order the entry shows its fields. */
    public record Field(String name, String value) {}

    /** One version of one entry. {@code entryKind} and {@code change} are UPPER_SNAKE words, e.g. VITALS, UPDATED. */
    public record Change(UUID patientId, String entryKind, UUID entryId, int version, String change, UUID changedBy,
                         OffsetDateTime at, List<Field> fields) {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final ChartLedgerRepository repository;

    private ChartLedger(DSLContext tx) {
        this.repository = new ChartLedgerRepository(tx);
    }

    /** The ledger as seen from the caller's transaction: a version commits or rolls back with its change. */
    public static ChartLedger in(DSLContext tx) {
        return new ChartLedger(tx);
    }

    /**
     * Writes one version. A second writer of the same version (two workstations that both
     * started from the version before) loses here even if its own table's check missed it.
     */
    public void record(Change c) {
        try {
            repository.insert(c.patientId(), c.entryKind(), c.entryId(), c.version(), c.change(), c.changedBy(), c.at(),
                    json(c.fields()));
        } catch (DataAccessException e) {
            if ("23505".equals(e.sqlState())) {
                throw new DomainException.Aborted("STALE_EDIT", "Someone else changed this a moment ago; reload to see it.");
            }
            throw e;
        }
    }

    /** Fields from a name-to-value map in its own iteration order (use a LinkedHashMap). */
    public static List<Field> fields(Map<String, String> values) {
        return values.entrySet().stream().map(e -> new Field(e.getKey(), e.getValue() == null ? "" : e.getValue())).toList();
    }

    /**
     * The refusal of a stale edit, naming who changed it and when: "Changed by Dr Amara Okafor
     * at 10:42; reload to see it. Your text is kept." The caller's typed text stays on their
     * screen; the workstation offers to reapply it.
     */
    public static DomainException.Aborted staleEdit(String changedBy, OffsetDateTime changedAt, OffsetDateTime now, ZoneId zone) {
        boolean today = changedAt.atZoneSameInstant(zone).toLocalDate().equals(now.atZoneSameInstant(zone).toLocalDate());
        String when = (today ? TIME : DAY_TIME).format(changedAt.atZoneSameInstant(zone));
        return new DomainException.Aborted("STALE_EDIT",
                "Changed by " + changedBy + " at " + when + "; reload to see it. Your text is kept.");
    }

    /** A JSON array of [name, value] pairs, so the order of fields survives jsonb. */
    static String json(List<Field> fields) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('[');
            quote(b, fields.get(i).name());
            b.append(',');
            quote(b, fields.get(i).value());
            b.append(']');
        }
        return b.append(']').toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        b.append('"');
    }
}
