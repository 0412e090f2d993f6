package org.medconnect.desktop.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.backup.v1.BackupFile;
import org.medconnect.proto.backup.v1.ListBackupsResponse;
import org.medconnect.server.testing.TestClinic;

/** The backups screen's view model against the real server: list, schedule, and "Back up now". */
class BackupsViewModelTest {

    private static TestClinic clinic;
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(10), state -> { });

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        clinic.createUser("ada.admin", "Backups-daily-2026", "ADMIN", "Ada Admin", false);
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @BeforeEach
    void signIn() {
        connection.connectTo(clinic.address());
        connection.useToken(connection.auth().signIn(SignInRequest.newBuilder().setUsername("ada.admin")
                .setPassword("Backups-daily-2026").build()).getSessionToken());
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private BackupsViewModel model(ServerCalls calls) {
        return new BackupsViewModel(connection, calls, ZoneOffset.UTC);
    }

    private ServerCalls calls(org.medconnect.desktop.platform.TaskRunner runner) {
        return new ServerCalls(runner, new ServerErrors(connection::address, ZoneOffset.UTC), new SessionState());
    }

    @Test
    void backUpNowMakesABackupThatThenShowsInTheList() {
        BackupsViewModel model = model(calls(new SameThreadTaskRunner()));
        model.reload();
        int before = model.backups().size();
        assertThat(model.folderProperty().get()).isNotEmpty();

        model.backUpNow();

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.resultProperty().get()).startsWith("Backed up to medconnect-").contains(" tables, ").contains(" rows");
        assertThat(model.backups()).hasSize(before + 1);
        assertThat(model.backups()).extracting(BackupFile::getFileName).anyMatch(n -> n.endsWith(".mcbk"));
        assertThat(model.backups().getFirst().getSizeBytes()).isPositive();
    }

    @Test
    void showsProgressWhileTheBackupRunsAndRefusesASecondPress() {
        ScriptedTaskRunner runner = new ScriptedTaskRunner();
        BackupsViewModel model = model(calls(runner));

        model.backUpNow();
        model.backUpNow();

        assertThat(model.backingUpProperty().get()).isTrue();
        assertThat(runner.pendingCount()).isEqualTo(1);
        assertThat(model.resultProperty().get()).startsWith("Backing up…");
    }

    @ParameterizedTest(name = "daily at \"{0}\", keep {1}")
    @CsvSource(delimiter = '|', textBlock = """
            02:30 | 14 | A backup is made every day at 02:30; the newest 14 are kept.
                  | 0  | No daily backup is scheduled.
            """)
    void describesTheSchedule(String dailyAt, int keep, String expected) {
        ListBackupsResponse response = ListBackupsResponse.newBuilder().setDailyAt(dailyAt == null ? "" : dailyAt).setKeep(keep).build();

        assertThat(BackupsViewModel.schedule(response)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"512, 512 bytes", "2048, 2.0 KB", "5242880, 5.0 MB", "3221225472, 3.00 GB"})
    void sizesReadLikeAFileManager(long bytes, String expected) {
        assertThat(BackupsViewModel.size(bytes)).isEqualTo(expected);
    }
}
