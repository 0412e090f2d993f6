package org.medconnect.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.audit.AuditChainVerifier.Problem;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

class AuditChainTest {

    private static final String PASSWORD = "audit-pass-2026";

    private Database db;
    private ClinicServices services;
    private AuditService audit;

    @BeforeEach
    void clinicWithHistory() {
        db = TestDatabase.fresh();
        services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(Instant.parse("2026-12-01T09:00:00Z")));
        audit = new AuditService(db.dsl(), services.clock());
        services.staff().createUser(null, new NewUser(Optional.empty(), "ada.admin", "Ada Admin", "ada@clinic.test", "",
                Optional.of(Role.ADMIN), Optional.empty(), PASSWORD), false);
        services.staff().createDepartment(null, Optional.empty(), "Cardiology");
        services.auth().signIn("ada.admin", PASSWORD, "DESK-1", "10.0.0.5:5000");
        try {
            services.auth().signIn("ada.admin", "not-the-password", "DESK-1", "10.0.0.5:5000");
        } catch (RuntimeException expectedWrongPassword) {
            // recorded as WRONG_PASSWORD
        }
        services.staff().createDepartment(null, Optional.empty(), "Oncology");
    }

    private List<AuditModel.ChainRow> chain() {
        return audit.list(AuditModel.Filter.none(), "", 500).entries().reversed();
    }

    /** What a superuser can do with SQL: switch the append-only trigger off, change, switch it on. */
    private void asSuperuserWithTriggerOff(String sql) {
        db.dsl().transaction(cfg -> {
            cfg.dsl().execute("alter table audit_entry disable trigger audit_entry_append_only");
            cfg.dsl().execute(sql);
            cfg.dsl().execute("alter table audit_entry enable trigger audit_entry_append_only");
        });
    }

    /** The other way round the triggers: replica mode skips every ordinary trigger. */
    private void asSuperuserInReplicaMode(String sql) {
        db.dsl().transaction(cfg -> {
            cfg.dsl().execute("set local session_replication_role = replica");
            cfg.dsl().execute(sql);
        });
    }

    @Test
    void anUntouchedChainVerifiesAndHoldsTheSignInsAndFailures() {
        var result = audit.verify();

        assertThat(result.intact()).as("%s", result.firstBreak()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(chain().size()).isGreaterThanOrEqualTo(5);
        assertThat(result.signInRecordsChecked()).isEqualTo(2);
        assertThat(audit.listSignIns(Optional.empty(), Optional.empty(), Optional.empty(), "", 50).entries())
                .extracting(AuditModel.ChainRow::action).containsExactly("AUTH_WRONG_PASSWORD", "AUTH_SIGNED_IN");
        assertThat(audit.listSignIns(Optional.empty(), Optional.empty(), Optional.empty(), "", 50).entries().getFirst().detail())
                .isEqualTo("username=ada.admin; address=10.0.0.5:5000; workstation=DESK-1");
    }

    @Test
    void theJavaHashIsTheSameAsTheDatabaseOne() {
        for (var r : chain()) {
            assertThat(AuditChainVerifier.hash(r.prevHash(), r.chainSeq(), r.id(), r.at(), r.actor(), r.action(),
                    r.targetType(), r.targetId(), r.detail())).isEqualTo(r.hash());
        }
    }

    @Test
    void theAppendOnlyTriggerStillRefusesAPlainUpdate() {
        Throwable refused = catchThrowable(() -> db.dsl().execute("update audit_entry set detail = 'x'"));
        assertThat(refused).hasMessageContaining("append-only");
    }

    @Nested
    class Tampering {
        @Test
        void anEditedDetailIsNamedWithItsEntryAndBothHashes() {
            var victim = chain().get(2);
            asSuperuserWithTriggerOff("update audit_entry set detail = 'Nothing to see' where id = " + victim.id());

            var broken = audit.verify().firstBreak().orElseThrow();

            assertThat(broken.problem()).isEqualTo(Problem.CHANGED);
            assertThat(broken.entryId()).isEqualTo(victim.id());
            assertThat(broken.at()).contains(victim.at());
            assertThat(broken.found()).isEqualTo(java.util.HexFormat.of().formatHex(victim.hash()));
            assertThat(broken.expected()).isNotEqualTo(broken.found()).hasSize(64);
        }

        @Test
        void anEditInReplicaModeIsCaughtToo() {
            var victim = chain().get(1);
            asSuperuserInReplicaMode("update audit_entry set action = 'STAFF_USER_UPDATED' where id = " + victim.id());

            var broken = audit.verify().firstBreak().orElseThrow();

            assertThat(broken.problem()).isEqualTo(Problem.CHANGED);
            assertThat(broken.entryId()).isEqualTo(victim.id());
        }

        @Test
        void aChangedTimeIsCaught() {
            var victim = chain().get(3);
            asSuperuserInReplicaMode("update audit_entry set occurred_at = occurred_at - interval '1 microsecond' where id = " + victim.id());

            var broken = audit.verify().firstBreak().orElseThrow();

            assertThat(broken.problem()).isEqualTo(Problem.CHANGED);
            assertThat(broken.entryId()).isEqualTo(victim.id());
        }

        @Test
        void aDeletedEntryIsNamedByTheOneAfterIt() {
            var rows = chain();
            asSuperuserInReplicaMode("delete from audit_entry where id = " + rows.get(2).id());

            var broken = audit.verify().firstBreak().orElseThrow();

            assertThat(broken.problem()).isEqualTo(Problem.MISSING_ENTRIES);
            assertThat(broken.entryId()).isEqualTo(rows.get(3).id());
        }

        @Test
        void aDeletedEntryWithTheRestRenumberedBreaksTheLink() {
            var rows = chain();
            asSuperuserInReplicaMode("delete from audit_entry where id = " + rows.get(2).id()
                    + "; update audit_entry set chain_seq = chain_seq - 1 where chain_seq > " + rows.get(2).chainSeq()
                    + "; update audit_chain_head set last_seq = last_seq - 1");

            var broken = audit.verify().firstBreak().orElseThrow();

            assertThat(broken.problem()).isEqualTo(Problem.BROKEN_LINK);
            assertThat(broken.entryId()).isEqualTo(rows.get(3).id());
            assertThat(broken.expected()).isEqualTo(java.util.HexFormat.of().formatHex(rows.get(1).hash()));
            assertThat(broken.found()).isEqualTo(java.util.HexFormat.of().formatHex(rows.get(2).hash()));
        }

        @Test
        void deletingTheNewestEntriesIsCaughtAtTheEnd() {
            var rows = chain();
            asSuperuserInReplicaMode("delete from audit_entry where id = " + rows.getLast().id());

            var broken = audit.verify().firstBreak().orElseThrow();

            assertThat(broken.problem()).isEqualTo(Problem.END_MISSING);
        }

        @Test
        void twoEntriesSwappedInOrderAreCaught() {
            var rows = chain();
            long a = rows.get(1).chainSeq();
            long b = rows.get(2).chainSeq();
            asSuperuserInReplicaMode("update audit_entry set chain_seq = -1 where chain_seq = " + a
                    + "; update audit_entry set chain_seq = " + a + " where chain_seq = " + b
                    + "; update audit_entry set chain_seq = " + b + " where chain_seq = -1");

            var broken = audit.verify().firstBreak().orElseThrow();

            assertThat(broken.problem()).isEqualTo(Problem.BROKEN_LINK);
            assertThat(broken.entryId()).isEqualTo(rows.get(2).id());
        }

        @Test
        void anEntryForgedIntoTheMiddleIsCaught() {
            var rows = chain();
            var after = rows.get(1);
            // Make room after entry 2 and slip a made-up entry in that claims to follow it.
            asSuperuserInReplicaMode("update audit_entry set chain_seq = chain_seq + 1000 where chain_seq > " + after.chainSeq()
                    + "; update audit_entry set chain_seq = chain_seq - 999 where chain_seq > 1000"
                    + "; insert into audit_entry (occurred_at, action, target_type, chain_seq, prev_hash, hash) values (now(), "
                    + "'STAFF_USER_CREATED', 'staff_user', " + (after.chainSeq() + 1) + ", '\\x" + java.util.HexFormat.of().formatHex(after.hash())
                    + "', '\\x" + "ab".repeat(32) + "')");

            var broken = audit.verify().firstBreak().orElseThrow();

            assertThat(broken.problem()).isEqualTo(Problem.CHANGED);
            assertThat(broken.chainSeq()).isEqualTo(after.chainSeq() + 1);
        }

        @Test
        void anEditedSignInRecordIsCaught() {
            asSuperuserInReplicaMode("update auth_event set client_address = '192.168.1.1' where kind = 'WRONG_PASSWORD'");

            var broken = audit.verify().firstBreak().orElseThrow();

            assertThat(broken.problem()).isEqualTo(Problem.SIGN_IN_RECORD);
            assertThat(broken.found()).contains("differs");
        }

        @Test
        void aDeletedSignInRecordIsCaught() {
            asSuperuserInReplicaMode("delete from auth_event where kind = 'WRONG_PASSWORD'");

            assertThat(audit.verify().firstBreak().orElseThrow().problem()).isEqualTo(Problem.SIGN_IN_RECORD);
        }
    }

    /** Runs {@code writers} threads each doing {@code each} one-row transactions; returns the milliseconds taken. */
    private long concurrently(int writers, int each, String sql) throws Exception {
        var pool = Executors.newFixedThreadPool(writers);
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            jobs.add(() -> {
                for (int i = 0; i < each; i++) {
                    db.dsl().transaction(cfg -> cfg.dsl().query(sql, writer + "/" + UUID.randomUUID()).execute());
                }
                return null;
            });
        }
        long start = System.nanoTime();
        try {
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void manyConcurrentWritersKeepOneUnbrokenChain() throws Exception {
        int writers = 40;
        int each = 25;
        long before = audit.verify().entriesChecked();

        long chained = concurrently(writers, each,
                "insert into audit_entry (action, target_type, target_id) values ('TEST_WRITE', 'writer', ?)");

        // The same transactions into a table like audit_entry without the chain, for the cost of the lock.
        db.dsl().execute("create table if not exists audit_bench (id bigint generated always as identity primary key, "
                + "occurred_at timestamptz not null default now(), action text not null, target_type text not null, target_id text)");
        long plain;
        try {
            plain = concurrently(writers, each, "insert into audit_bench (action, target_type, target_id) values ('TEST_WRITE', 'writer', ?)");
        } finally {
            db.dsl().execute("drop table audit_bench");
        }
        System.out.printf("%d one-entry transactions from %d concurrent writers: chained %d ms (%d/s), unchained %d ms (%d/s)%n",
                writers * each, writers, chained, writers * each * 1000L / Math.max(1, chained), plain,
                writers * each * 1000L / Math.max(1, plain));

        var result = audit.verify();
        assertThat(result.intact()).as("%s", result.firstBreak()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(before + writers * each);
    }
}
