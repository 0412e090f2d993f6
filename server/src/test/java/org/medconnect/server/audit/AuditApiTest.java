package org.medconnect.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.audit.v1.AuditFilter;
import org.medconnect.proto.audit.v1.AuditServiceGrpc;
import org.medconnect.proto.audit.v1.ChainProblem;
import org.medconnect.proto.audit.v1.ExportAuditRequest;
import org.medconnect.proto.audit.v1.ListAuditEntriesRequest;
import org.medconnect.proto.audit.v1.ListSignInsRequest;
import org.medconnect.proto.audit.v1.VerifyAuditChainRequest;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.backup.v1.BackupServiceGrpc;
import org.medconnect.proto.backup.v1.CreateBackupRequest;
import org.medconnect.proto.backup.v1.ListBackupsRequest;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.TestClinic;

/** The audit and backup RPCs as an admin console calls them; nobody else may. */
class AuditApiTest {

    private static final String PASSWORD = "audit-api-pass-1";
    private static TestClinic clinic;

    @BeforeAll
    static void start() {
        clinic = TestClinic.start();
        clinic.createUser("ada.admin", PASSWORD, "ADMIN", "Ada Admin", false);
        clinic.createUser("rita.reception", PASSWORD, "RECEPTIONIST", "Rita Reception", false);
        clinic.department("Cardiology");
    }

    @AfterAll
    static void stop() {
        clinic.close();
    }

    private static String token(String username) {
        return AuthServiceGrpc.newBlockingStub(clinic.channel())
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(PASSWORD).build()).getSessionToken();
    }

    private static AuditServiceGrpc.AuditServiceBlockingStub audit(String username) {
        return AuditServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token(username)))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Test
    void anAdminVerifiesTheChainAndSeesSignInsInIt() {
        var admin = audit("ada.admin");

        var verified = admin.verifyAuditChain(VerifyAuditChainRequest.getDefaultInstance());
        assertThat(verified.getIntact()).as("%s", verified.getFirstBreak()).isTrue();
        assertThat(verified.getEntriesChecked()).isGreaterThanOrEqualTo(4);
        assertThat(verified.getHeadHash()).hasSize(64);

        var signIns = admin.listSignIns(ListSignInsRequest.newBuilder().setPage(PageRequest.newBuilder().setPageSize(50)).build());
        assertThat(signIns.getEntriesList()).extracting(e -> e.getAction()).contains("AUTH_SIGNED_IN");
        assertThat(signIns.getEntriesList()).allMatch(e -> e.getAction().startsWith("AUTH_"));
    }

    @Test
    void entriesPageNewestFirstAndFilterByAction() {
        var admin = audit("ada.admin");
        var first = admin.listAuditEntries(ListAuditEntriesRequest.newBuilder()
                .setFilter(AuditFilter.newBuilder().setActionPrefix("STAFF_USER_"))
                .setPage(PageRequest.newBuilder().setPageSize(1)).build());
        assertThat(first.getEntriesList()).hasSize(1);
        assertThat(first.getPage().getNextPageToken()).isNotEmpty();
        var second = admin.listAuditEntries(ListAuditEntriesRequest.newBuilder()
                .setFilter(AuditFilter.newBuilder().setActionPrefix("STAFF_USER_"))
                .setPage(PageRequest.newBuilder().setPageSize(1).setPageToken(first.getPage().getNextPageToken())).build());
        assertThat(second.getEntries(0).getChainSeq()).isLessThan(first.getEntries(0).getChainSeq());
        assertThat(second.getEntries(0).getAction()).startsWith("STAFF_USER_");
    }

    @Test
    void theCsvExportHasAHeaderEveryEntryAndIsItselfAudited() {
        var admin = audit("ada.admin");
        StringBuilder csv = new StringBuilder();
        admin.exportAudit(ExportAuditRequest.getDefaultInstance())
                .forEachRemaining(c -> csv.append(c.getCsvChunk().toString(StandardCharsets.UTF_8)));

        assertThat(csv.toString()).startsWith("chain_seq,entry_id,occurred_at,actor_user_id,actor_username,action");
        assertThat(csv.toString()).contains("AUDIT_EXPORTED", "DEPARTMENT_CREATED", "AUTH_SIGNED_IN");
    }

    @Test
    void aTamperedRowIsNamedOverTheApi() {
        var db = clinic.database();
        long victim = db.dsl().resultQuery("select min(id) from audit_entry").fetchOne(0, Long.class);
        String original = db.dsl().resultQuery("select detail from audit_entry where id = " + victim).fetchOne(0, String.class);
        db.dsl().transaction(cfg -> {
            cfg.dsl().execute("set local session_replication_role = replica");
            cfg.dsl().execute("update audit_entry set detail = 'rewritten' where id = " + victim);
        });
        try {
            var verified = audit("ada.admin").verifyAuditChain(VerifyAuditChainRequest.getDefaultInstance());
            assertThat(verified.getIntact()).isFalse();
            assertThat(verified.getFirstBreak().getProblem()).isEqualTo(ChainProblem.CHAIN_PROBLEM_CHANGED);
            assertThat(verified.getFirstBreak().getEntryId()).isEqualTo(victim);
        } finally {
            // Put the chain back for the other tests of this class (the hash is unchanged, only the detail).
            db.dsl().transaction(cfg -> {
                cfg.dsl().execute("set local session_replication_role = replica");
                cfg.dsl().query("update audit_entry set detail = ? where id = " + victim, original).execute();
            });
        }
    }

    @Test
    void anAdminMakesABackupIntoTheServersFolder() {
        String token = token("ada.admin");
        var backups = BackupServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(60, TimeUnit.SECONDS);

        var made = backups.createBackup(CreateBackupRequest.getDefaultInstance());

        assertThat(made.getBackup().getFileName()).startsWith("medconnect-").endsWith(".mcbk");
        assertThat(made.getRowCount()).isPositive();
        assertThat(backups.listBackups(ListBackupsRequest.getDefaultInstance()).getBackupsList())
                .extracting(b -> b.getFileName()).contains(made.getBackup().getFileName());
    }

    @Test
    void nobodyButAnAdminMayUseThem() {
        String token = token("rita.reception");
        var asReception = AuditServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token));
        var backupsAsReception = BackupServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token));

        assertThat(Calls.code(catchThrowable(() -> asReception.verifyAuditChain(VerifyAuditChainRequest.getDefaultInstance()))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> asReception.exportAudit(ExportAuditRequest.getDefaultInstance()).hasNext())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> backupsAsReception.createBackup(CreateBackupRequest.getDefaultInstance()))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }
}
