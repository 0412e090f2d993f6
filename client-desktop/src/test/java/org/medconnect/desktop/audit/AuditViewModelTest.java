package org.medconnect.desktop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.audit.v1.AuditEntry;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.server.testing.TestClinic;

/** The audit screen's view model against the real server: entries, paging, filters, export and the chain check. */
class AuditViewModelTest {

    private static TestClinic clinic;

    @TempDir
    Path folder;
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(10), state -> { });
    private final SessionState session = new SessionState();
    private AuditViewModel model;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        clinic.createUser("ada.admin", "Audit-trail-2026", "ADMIN", "Ada Admin", false);
        clinic.createUser("rita.desk", "Front-desk-2026", "RECEPTIONIST", "Rita Desk", false);
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @BeforeEach
    void signInAsAdmin() {
        connection.connectTo(clinic.address());
        // A few sign-ins so the trail has entries of two people and more than one page at page size 2.
        for (int i = 0; i < 3; i++) {
            connection.auth().signIn(SignInRequest.newBuilder().setUsername("rita.desk").setPassword("Front-desk-2026").build());
        }
        connection.useToken(connection.auth().signIn(SignInRequest.newBuilder().setUsername("ada.admin")
                .setPassword("Audit-trail-2026").setWorkstation("TEST-PC").build()).getSessionToken());
        ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(connection::address, ZoneOffset.UTC), session);
        model = new AuditViewModel(connection, calls, ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void showsTheNewestEntriesFirstWithWhoAndWhat() {
        model.start();

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.entries()).isNotEmpty();
        assertThat(model.entries()).extracting(AuditEntry::getAction).contains("AUTH_SIGNED_IN");
        assertThat(model.entries()).extracting(AuditViewModel::who).contains("ada.admin", "rita.desk");
        assertThat(model.entries().getFirst().getChainSeq()).isGreaterThan(model.entries().getLast().getChainSeq());
        assertThat(model.signIns()).extracting(AuditViewModel::who).contains("rita.desk");
        assertThat(model.users()).extracting(u -> u.getUsername()).contains("ada.admin", "rita.desk");
    }

    @Test
    void filtersByPersonAndActionPrefix() {
        model.start();
        model.userProperty().set(model.users().stream().filter(u -> u.getUsername().equals("rita.desk")).findFirst().orElseThrow());
        model.actionPrefixProperty().set("auth_");

        model.search();

        assertThat(model.entries()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getActorUsername()).isEqualTo("rita.desk");
            assertThat(e.getAction()).startsWith("AUTH_");
        });
        assertThat(model.signIns()).isNotEmpty().allSatisfy(e -> assertThat(e.getActorUsername()).isEqualTo("rita.desk"));
    }

    @Test
    void anActionPrefixAloneNarrowsTheTrail() {
        model.actionPrefixProperty().set("staff_");

        model.search();

        assertThat(model.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.getAction()).startsWith("STAFF_"));
    }

    @Test
    void aDateRangeInTheFutureFindsNothingAndABackwardsRangeIsExplained() {
        model.fromProperty().set(LocalDate.now(ZoneOffset.UTC).plusDays(2));
        model.search();
        assertThat(model.entries()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("No entries match.");

        model.toProperty().set(LocalDate.now(ZoneOffset.UTC));
        model.search();
        assertThat(model.messageProperty().get()).isEqualTo("The 'to' date is before the 'from' date.");
    }

    @Test
    void loadOlderAppendsTheNextPageWithoutRepeats() {
        model.start();
        int first = model.entries().size();
        assertThat(first).isEqualTo(Math.min(AuditViewModel.PAGE_SIZE, first));
        if (model.entriesPageTokenProperty().get().isEmpty()) {
            // Fewer entries than a page: nothing older to load, and the button is off.
            model.loadOlderEntries();
            assertThat(model.entries()).hasSize(first);
            return;
        }
        model.loadOlderEntries();
        assertThat(model.entries().size()).isGreaterThan(first);
        assertThat(model.entries()).extracting(AuditEntry::getEntryId).doesNotHaveDuplicates();
    }

    @Test
    void exportWritesTheCsvFromTheServerToTheChosenFile() throws Exception {
        Path file = folder.resolve("audit.csv");

        model.exportTo(file);

        assertThat(model.exportStatusProperty().get()).startsWith("Exported to audit.csv");
        String csv = Files.readString(file);
        assertThat(csv.lines().findFirst().orElseThrow()).containsIgnoringCase("action");
        assertThat(csv).contains("AUTH_SIGNED_IN").contains("rita.desk");
        try (var left = Files.list(folder)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void verifySaysIntactWithTheHeadHashThenNamesATamperedEntry() {
        model.verifyChain();
        AuditViewModel.ChainResult intact = model.chainProperty().get();
        assertThat(intact.intact()).isTrue();
        assertThat(intact.headline()).startsWith("Intact — ").contains(" entries, head hash ");
        assertThat(intact.headHash()).hasSize(64);

        var db = clinic.database();
        long victim = db.dsl().resultQuery("select max(id) from audit_entry").fetchOne(0, Long.class);
        String original = db.dsl().resultQuery("select detail from audit_entry where id = " + victim).fetchOne(0, String.class);
        db.dsl().transaction(cfg -> {
            cfg.dsl().execute("set local session_replication_role = replica");
            cfg.dsl().query("update audit_entry set detail = 'rewritten' where id = " + victim).execute();
        });
        try {
            model.verifyChain();
            AuditViewModel.ChainResult broken = model.chainProperty().get();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.headline()).contains("an entry was changed");
            assertThat(broken.detail()).startsWith("Entry " + victim).contains("Expected: ").contains("Found: ");
        } finally {
            db.dsl().transaction(cfg -> {
                cfg.dsl().execute("set local session_replication_role = replica");
                cfg.dsl().query("update audit_entry set detail = ? where id = " + victim, original).execute();
            });
        }
    }
}
