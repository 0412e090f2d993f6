package org.medconnect.server.audit;

import static org.medconnect.server.db.Tables.AUDIT_ENTRY;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.audit.AuditModel.ChainRow;
import org.medconnect.server.audit.AuditModel.Filter;

/**
 * Appends to the audit trail: who changed what, when. Entries are written in the same
 * transaction as the change they describe, and the database refuses updates and deletes.
 * A trigger chains each entry to the one before (V9, decision 0023): writers do nothing for it.
 * Details name fields, never their values when those are secrets or clinical text.
 */
public final class AuditRepository {

    /** One stored entry. */
    public record Entry(OffsetDateTime at, UUID actorUserId, String action, String targetType, String targetId, String detail) {}

    /** Where the chain ends, as the head row says. */
    public record Head(long lastSeq, byte[] lastHash) {}

    /** An auth_event row whose audit entry is missing or no longer matches it, or the reverse. */
    public record AuthMismatch(long authEventId, Optional<Long> auditEntryId, Optional<Instant> at, String problem) {}

    private static final String COLUMNS = """
            a.id, a.chain_seq, a.occurred_at, a.actor_user_id, u.username, a.action, a.target_type, a.target_id,
            a.detail, a.prev_hash, a.hash
            from audit_entry a left join staff_user u on u.id = a.actor_user_id""";

    private final DSLContext dsl;

    public AuditRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void record(UUID actor, String action, String targetType, Object targetId, String detail, OffsetDateTime at) {
        dsl.insertInto(AUDIT_ENTRY)
                .set(AUDIT_ENTRY.OCCURRED_AT, at)
                .set(AUDIT_ENTRY.ACTOR_USER_ID, actor)
                .set(AUDIT_ENTRY.ACTION, action)
                .set(AUDIT_ENTRY.TARGET_TYPE, targetType)
                .set(AUDIT_ENTRY.TARGET_ID, targetId == null ? null : targetId.toString())
                .set(AUDIT_ENTRY.DETAIL, detail)
                .execute();
    }

    /** Newest first. */
    public List<Entry> latest(int limit) {
        return dsl.selectFrom(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.CHAIN_SEQ.desc()).limit(limit)
                .fetch(r -> new Entry(r.getOccurredAt(), r.getActorUserId(), r.getAction(), r.getTargetType(),
                        r.getTargetId(), r.getDetail()));
    }

    /**
     * Every entry in chain order, read through a cursor (the caller runs this inside a
     * transaction so the driver fetches in batches instead of loading the whole trail).
     */
    public void walkChain(Consumer<ChainRow> each) {
        dsl.connection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " order by a.chain_seq")) {
                ps.setFetchSize(2000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(row(rs));
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("Reading the audit chain failed: " + e.getMessage(), e);
            }
        });
    }

    public Head head() {
        return dsl.resultQuery("select last_seq, last_hash from audit_chain_head where id = 1")
                .fetchOne(r -> new Head(r.get(0, Long.class), r.get(1, byte[].class)));
    }

    /**
     * Sign-in records that no longer match the audit entry made with them (or have none), and
     * audit entries for sign-in records that are gone; at most {@code limit}, oldest first.
     */
    public List<AuthMismatch> authEventMismatches(int limit) {
        List<AuthMismatch> out = new ArrayList<>();
        dsl.resultQuery("""
                select e.id, a.id, e.occurred_at,
                       case when a.id is null then 'has no audit entry'
                            else 'differs from its audit entry (changed after it was written)' end
                from auth_event e
                left join audit_entry a on a.target_type = 'auth_event' and a.target_id = e.id::text
                where a.id is null
                   or a.action <> 'AUTH_' || e.kind
                   or a.actor_user_id is distinct from e.user_id
                   or a.occurred_at <> e.occurred_at
                   or a.detail is distinct from auth_event_audit_detail(e.username, e.client_address, e.workstation, e.detail)
                union all
                select a.target_id::bigint, a.id, a.occurred_at, 'was deleted (its audit entry remains)'
                from audit_entry a
                where a.target_type = 'auth_event'
                  and not exists (select 1 from auth_event e where e.id::text = a.target_id)
                order by 1 limit ?""", limit)
                .forEach(r -> out.add(new AuthMismatch(r.get(0, Long.class), Optional.ofNullable(r.get(1, Long.class)),
                        Optional.ofNullable(r.get(2, OffsetDateTime.class)).map(OffsetDateTime::toInstant), r.get(3, String.class))));
        return out;
    }

    public long authEventCount() {
        return dsl.resultQuery("select count(*) from auth_event").fetchOne(0, Long.class);
    }

    /** One page of entries, newest first, older than {@code beforeSeq} when given. */
    public List<ChainRow> page(Filter f, Optional<Long> beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " where true");
        List<Object> binds = new ArrayList<>();
        f.actor().ifPresent(v -> { sql.append(" and a.actor_user_id = ?"); binds.add(v); });
        f.actionPrefix().ifPresent(v -> { sql.append(" and a.action like ?"); binds.add(likePrefix(v)); });
        f.from().ifPresent(v -> { sql.append(" and a.occurred_at >= ?"); binds.add(odt(v)); });
        f.to().ifPresent(v -> { sql.append(" and a.occurred_at < ?"); binds.add(odt(v)); });
        f.targetType().ifPresent(v -> { sql.append(" and a.target_type = ?"); binds.add(v); });
        f.targetId().ifPresent(v -> { sql.append(" and a.target_id = ?"); binds.add(v); });
        beforeSeq.ifPresent(v -> { sql.append(" and a.chain_seq < ?"); binds.add(v); });
        sql.append(" order by a.chain_seq desc limit ?");
        binds.add(limit);
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < binds.size(); i++) {
                    ps.setObject(i + 1, binds.get(i));
                }
                List<ChainRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new DataAccessException("Reading the audit failed: " + e.getMessage(), e);
            }
        });
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static OffsetDateTime odt(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static ChainRow row(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
        return new ChainRow(rs.getLong(1), rs.getLong(2), at.toInstant(), rs.getObject(4, UUID.class), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBytes(10), rs.getBytes(11));
    }
}
