package org.medconnect.server.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.server.audit.AuditModel.ChainRow;

/**
 * Recomputes the audit hash chain in Java, independently of the SQL that built it, and
 * names the first broken link. The canonical form is defined in decision 0023 and in
 * {@code audit_entry_hash} (V9); {@link #hash} must stay byte-for-byte the same.
 */
public final class AuditChainVerifier {

    /** The hash before the first entry. */
    static final byte[] GENESIS = new byte[32];
    private static final byte[] DOMAIN = "medconnect-audit-v1".getBytes(StandardCharsets.UTF_8);

    /** What is wrong with a link. */
    public enum Problem {
        /** Entries are missing before this one (chain positions skip). */
        MISSING_ENTRIES,
        /** This entry does not follow the entry before it: one was removed, inserted or moved. */
        BROKEN_LINK,
        /** This entry's content no longer gives its hash: it was changed after it was written. */
        CHANGED,
        /** The chain's newest entries are not where the chain head says it ends. */
        END_MISSING,
        /** A sign-in record does not match the audit entry made with it. */
        SIGN_IN_RECORD
    }

    /** The first broken link: which entry, when, and expected versus found. */
    public record Break(Problem problem, long entryId, long chainSeq, Optional<Instant> at, String expected, String found,
                        String explanation) {}

    /** The outcome of one walk. */
    public record Result(long entriesChecked, long signInRecordsChecked, Optional<Break> firstBreak, String headHash) {
        public boolean intact() {
            return firstBreak.isEmpty();
        }
    }

    private final AuditRepository audit;

    public AuditChainVerifier(AuditRepository audit) {
        this.audit = audit;
    }

    /** Walks the whole chain; call inside one (read-only) transaction so the walk sees one snapshot. */
    public Result verify() {
        var walk = new Walk();
        audit.walkChain(walk::accept);
        AuditRepository.Head head = audit.head();
        String headHex = HexFormat.of().formatHex(head.lastHash());
        if (walk.firstBreak == null && (head.lastSeq() != walk.lastSeq || !Arrays.equals(head.lastHash(), walk.prev))) {
            walk.firstBreak = new Break(Problem.END_MISSING, walk.lastId, walk.lastSeq, Optional.ofNullable(walk.lastAt),
                    "chain ends at position " + head.lastSeq() + " with hash " + headHex,
                    "last entry is at position " + walk.lastSeq + " with hash " + HexFormat.of().formatHex(walk.prev),
                    "The newest entries were removed, or entries were added without the chain trigger.");
        }
        long signIns = audit.authEventCount();
        if (walk.firstBreak == null) {
            var mismatch = audit.authEventMismatches(1);
            if (!mismatch.isEmpty()) {
                var m = mismatch.getFirst();
                walk.firstBreak = new Break(Problem.SIGN_IN_RECORD, m.auditEntryId().orElse(0L), 0, m.at(),
                        "sign-in record " + m.authEventId() + " as its audit entry recorded it",
                        "sign-in record " + m.authEventId() + " " + m.problem(),
                        "The sign-in log was edited outside MedConnect.");
            }
        }
        return new Result(walk.count, signIns, Optional.ofNullable(walk.firstBreak), headHex);
    }

    private static final class Walk {
        long count;
        long lastSeq;
        long lastId;
        Instant lastAt;
        byte[] prev = GENESIS;
        Break firstBreak;

        void accept(ChainRow r) {
            if (firstBreak != null) {
                return;
            }
            count++;
            long expectedSeq = lastSeq + 1;
            var hex = HexFormat.of();
            if (r.chainSeq() != expectedSeq) {
                firstBreak = new Break(Problem.MISSING_ENTRIES, r.id(), r.chainSeq(), Optional.of(r.at()),
                        "position " + expectedSeq, "position " + r.chainSeq(),
                        "Entries before this one were removed.");
            } else if (!Arrays.equals(r.prevHash(), prev)) {
                firstBreak = new Break(Problem.BROKEN_LINK, r.id(), r.chainSeq(), Optional.of(r.at()),
                        hex.formatHex(prev), hex.formatHex(r.prevHash()),
                        "This entry does not follow the one before it: an entry was removed, inserted or moved.");
            } else {
                byte[] computed = hash(r.prevHash(), r.chainSeq(), r.id(), r.at(), r.actor(), r.action(), r.targetType(),
                        r.targetId(), r.detail());
                if (!Arrays.equals(computed, r.hash())) {
                    firstBreak = new Break(Problem.CHANGED, r.id(), r.chainSeq(), Optional.of(r.at()),
                            hex.formatHex(computed), hex.formatHex(r.hash()),
                            "This entry was changed after it was written.");
                }
            }
            lastSeq = r.chainSeq();
            lastId = r.id();
            lastAt = r.at();
            prev = r.hash();
        }
    }

    /** SHA-256 of the canonical form (decision 0023). */
    public static byte[] hash(byte[] prev, long seq, long id, Instant at, UUID actor, String action, String targetType,
                              String targetId, String detail) {
        var out = new ByteArrayOutputStream(256);
        out.writeBytes(DOMAIN);
        out.writeBytes(prev);
        out.writeBytes(ByteBuffer.allocate(24).putLong(seq).putLong(id).putLong(epochMicros(at)).array());
        field(out, actor == null ? null : actor.toString());
        field(out, action);
        field(out, targetType);
        field(out, targetId);
        field(out, detail);
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }
}
