package org.medconnect.server.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.medconnect.server.audit.AuditModel.ChainRow;
import org.medconnect.server.audit.AuditModel.Filter;
import org.medconnect.server.platform.DomainException;

/**
 * The audit for admins: verify the hash chain, browse and filter entries and the sign-in
 * log, export as CSV. Exports are themselves audited.
 */
public final class AuditService {

    /** Sign-in records enter the chain under actions starting with this (V9). */
    public static final String SIGN_IN_ACTIONS = "AUTH_";
    static final int MAX_PAGE = 500;

    /** One page, newest first, and the token for the next (older) page when there is one. */
    public record Page(List<ChainRow> entries, Optional<String> nextPageToken) {}

    private final DSLContext dsl;
    private final Clock clock;

    public AuditService(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Walks the whole chain in one read-only snapshot. */
    public AuditChainVerifier.Result verify() {
        return dsl.transactionResult(cfg -> {
            cfg.dsl().execute("set transaction isolation level repeatable read, read only");
            return new AuditChainVerifier(new AuditRepository(cfg.dsl())).verify();
        });
    }

    public Page list(Filter filter, String pageToken, int pageSize) {
        int size = pageSize <= 0 ? 100 : Math.min(pageSize, MAX_PAGE);
        Optional<Long> before = parseToken(pageToken);
        List<ChainRow> rows = new AuditRepository(dsl).page(filter, before, size + 1);
        if (rows.size() > size) {
            List<ChainRow> shown = rows.subList(0, size);
            return new Page(List.copyOf(shown), Optional.of(Long.toString(shown.getLast().chainSeq())));
        }
        return new Page(rows, Optional.empty());
    }

    /** The sign-in log: sign-ins, failures, locks and sign-outs (the AUTH_ entries of the chain). */
    public Page listSignIns(Optional<UUID> user, Optional<Instant> from, Optional<Instant> to, String pageToken, int pageSize) {
        return list(new Filter(user, Optional.of(SIGN_IN_ACTIONS), from, to, Optional.empty(), Optional.empty()), pageToken,
                pageSize);
    }

    /**
     * Every matching entry as CSV lines (header first), newest first, page by page so a large
     * trail never sits in memory. The export is recorded in the audit before the first line.
     */
    public void exportCsv(UUID actor, Filter filter, Consumer<String> lines) {
        dsl.transaction(cfg -> new AuditRepository(cfg.dsl()).record(actor, "AUDIT_EXPORTED", "audit", null,
                describe(filter), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
        lines.accept("chain_seq,entry_id,occurred_at,actor_user_id,actor_username,action,target_type,target_id,detail,hash");
        String token = "";
        do {
            Page page = list(filter, token, MAX_PAGE);
            for (ChainRow r : page.entries()) {
                lines.accept(String.join(",", Long.toString(r.chainSeq()), Long.toString(r.id()), r.at().toString(),
                        csv(r.actor() == null ? null : r.actor().toString()), csv(r.actorUsername()), csv(r.action()),
                        csv(r.targetType()), csv(r.targetId()), csv(r.detail()), java.util.HexFormat.of().formatHex(r.hash())));
            }
            token = page.nextPageToken().orElse(null);
        } while (token != null);
    }

    private static String describe(Filter f) {
        StringBuilder sb = new StringBuilder("filters:");
        f.actor().ifPresent(v -> sb.append(" actor=").append(v));
        f.actionPrefix().ifPresent(v -> sb.append(" action=").append(v));
        f.from().ifPresent(v -> sb.append(" from=").append(v));
        f.to().ifPresent(v -> sb.append(" to=").append(v));
        f.targetType().ifPresent(v -> sb.append(" target_type=").append(v));
        f.targetId().ifPresent(v -> sb.append(" target_id=").append(v));
        return sb.toString();
    }

    /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet does not run it. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static Optional<Long> parseToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(token.strip()));
        } catch (NumberFormatException e) {
            throw DomainException.InvalidInput.of("page_token", "This page token is not one the server gave out.");
        }
    }
}
