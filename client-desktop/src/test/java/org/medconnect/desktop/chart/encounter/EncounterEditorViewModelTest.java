package org.medconnect.desktop.chart.encounter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.chart.v1.Encounter;
import org.medconnect.proto.chart.v1.EncounterNote;
import org.medconnect.proto.chart.v1.EncounterNoteTemplate;
import org.medconnect.proto.chart.v1.EncounterSmartPhrase;
import org.medconnect.proto.chart.v1.EncounterStatus;
import org.medconnect.proto.chart.v1.EncounterSummary;

/** The note editor's promise: no typed word is lost, whatever the server answers. */
class EncounterEditorViewModelTest {

    static final String ID = "0b7f3a52-9c1e-4d7a-8f7e-2f6d1c3b4a59";
    static final Instant T0 = Instant.parse("2026-12-06T10:40:00Z");

    @TempDir
    Path home;
    ScriptedTaskRunner runner;
    Runnable pendingSave;
    NoteCrashCopy crashCopy;
    EncounterEditorViewModel model;

    @BeforeEach
    void open() {
        runner = new ScriptedTaskRunner();
        crashCopy = new NoteCrashCopy(home);
        model = editor();
        load(model, note(1, "", T0));
    }

    EncounterEditorViewModel editor() {
        return new EncounterEditorViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }),
                new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState()), crashCopy,
                action -> pendingSave = action, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    void load(EncounterEditorViewModel m, EncounterNote note) {
        m.load(ID);
        runner.succeed(Encounter.newBuilder().setSummary(EncounterSummary.newBuilder().setId(ID).setDoctorName("Dr Amara Okafor")
                .setStatus(EncounterStatus.ENCOUNTER_STATUS_OPEN).setStartedAt(ts(T0))).setNote(note).build());
        runner.succeed(List.of(EncounterNoteTemplate.newBuilder().setName("Upper respiratory infection").setShortcut("uri")
                .setSubjective("Cough, coryza").setAssessment("Upper respiratory infection").build()));
    }

    static EncounterNote note(int version, String subjective, Instant at) {
        return EncounterNote.newBuilder().setVersion(version).setSubjective(subjective).setUpdatedByName("Dr Amara Okafor")
                .setUpdatedAt(ts(at)).build();
    }

    static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).build();
    }

    @Test
    void typingKeepsAPrivateLocalCopyAndTheAutosaveRemovesItOnceTheServerHasTheText() throws Exception {
        model.subjective().set("Sore throat for two days");
        Path copy = crashCopy.file(ID);
        assertThat(copy).exists();
        assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(runner.pendingCount()).as("nothing is sent while typing").isZero();

        pendingSave.run();
        assertThat(model.saveState().get()).isEqualTo("Saving\u2026");
        runner.succeed(note(2, "Sore throat for two days", Instant.parse("2026-12-06T10:42:00Z")));

        assertThat(model.saveState().get()).isEqualTo("Saved 10:42");
        assertThat(model.version()).isEqualTo(2);
        assertThat(copy).doesNotExist();
    }

    @Test
    void aDroppedServerKeepsTheTextOnThisComputer() {
        model.subjective().set("Sore throat");
        pendingSave.run();
        runner.fail(Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException());

        assertThat(model.saveState().get()).isEqualTo("Offline: kept on this computer");
        assertThat(crashCopy.load(ID)).get().extracting(NoteCrashCopy.Copy::subjective).isEqualTo("Sore throat");
    }

    @Test
    void aStaleRefusalKeepsTheTextAndReloadAndReapplySavesItOverTheNewestVersion() {
        model.subjective().set("My words");
        pendingSave.run();
        runner.fail(Status.ABORTED.withDescription("Changed by Dr Kofi Mensah at 10:42; reload to see it. Your text is kept.")
                .asRuntimeException());

        assertThat(model.stale().get()).isTrue();
        assertThat(model.staleMessage().get()).startsWith("Changed by Dr Kofi Mensah at 10:42");
        assertThat(model.subjective().get()).isEqualTo("My words");

        model.reloadAndReapply();
        runner.succeed(Encounter.newBuilder().setSummary(EncounterSummary.newBuilder().setId(ID).setDoctorName("Dr Amara Okafor")
                .setStatus(EncounterStatus.ENCOUNTER_STATUS_OPEN).setStartedAt(ts(T0)))
                .setNote(note(5, "Their words", Instant.parse("2026-12-06T10:42:00Z"))).build());
        assertThat(model.subjective().get()).isEqualTo("My words");
        assertThat(model.version()).isEqualTo(5);
        assertThat(model.stale().get()).isFalse();
        assertThat(runner.pendingCount()).as("the reapplied text is being saved").isEqualTo(1);
        runner.succeed(note(6, "My words", Instant.parse("2026-12-06T10:43:00Z")));
        assertThat(model.saveState().get()).isEqualTo("Saved 10:43");
    }

    @Test
    void reopeningOffersTheLocalCopyWhenItIsNewerThanTheServers() {
        model.subjective().set("Typed before the window closed");
        // The window closes before the autosave: a new editor opens the same encounter.
        EncounterEditorViewModel reopened = editor();
        load(reopened, note(1, "", T0));
        assertThat(reopened.restoreOffer().get()).isPresent();
        reopened.restoreLocalCopy();
        assertThat(reopened.subjective().get()).isEqualTo("Typed before the window closed");
        assertThat(runner.pendingCount()).isEqualTo(1);
    }

    @Test
    void aTemplateByShortcutAndASmartPhraseFillTheNote() {
        assertThat(model.applyTemplate("uri")).isTrue();
        assertThat(model.subjective().get()).isEqualTo("Cough, coryza");
        assertThat(model.assessment().get()).isEqualTo("Upper respiratory infection");

        model.objective().set("On examination: .vitals ");
        model.expandPhrasesIn(model.objective());
        runner.succeed(List.of(EncounterSmartPhrase.newBuilder().setPhrase(".vitals").setValue("BP 128/82 mmHg, pulse 72 /min").build()));
        assertThat(model.objective().get()).isEqualTo("On examination: BP 128/82 mmHg, pulse 72 /min ");
    }
}
