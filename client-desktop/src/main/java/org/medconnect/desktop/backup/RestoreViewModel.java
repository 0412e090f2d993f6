package org.medconnect.desktop.backup;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.backup.v1.BackupFile;
import org.medconnect.proto.backup.v1.DescribeBackupRequest;
import org.medconnect.proto.backup.v1.DescribeBackupResponse;
import org.medconnect.proto.backup.v1.RestoreBackupRequest;
import org.medconnect.proto.backup.v1.RestoreBackupResponse;

/**
 * Restoring a backup into the running server (decision 0047): pick one of the server's backups,
 * read what it holds (the server checks it whole), type the clinic's name, restore (the server
 * may first ask for a second-factor code, which {@link ServerCalls} asks for), then the outcome.
 * After a restore the sessions are the backup's, so the workstation signs in again.
 */
public final class RestoreViewModel {

    /** Reading a large backup whole takes a while; a restore takes minutes on a large clinic. */
    static final Duration DESCRIBE_DEADLINE = Duration.ofMinutes(10);
    static final Duration RESTORE_DEADLINE = Duration.ofMinutes(60);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /** Where the restore stands. */
    public enum Phase { CHOOSING, CHECKING, READY, RESTORING, RESTORED }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ZoneId zone;
    private final ObservableList<BackupFile> backups;
    private final ObjectProperty<BackupFile> chosen = new SimpleObjectProperty<>();
    private final ObjectProperty<DescribeBackupResponse> description = new SimpleObjectProperty<>();
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.CHOOSING);
    private final StringProperty contents = new SimpleStringProperty("");
    private final StringProperty refusal = new SimpleStringProperty("");
    private final StringProperty clinicName = new SimpleStringProperty("");
    private final StringProperty typedName = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanBinding canRestore;

    public RestoreViewModel(ServerConnection connection, ServerCalls calls, ZoneId zone, List<BackupFile> backups) {
        this.connection = connection;
        this.calls = calls;
        this.zone = zone;
        this.backups = FXCollections.observableArrayList(backups);
        this.canRestore = Bindings.createBooleanBinding(() -> phase.get() == Phase.READY && refusal.get().isEmpty()
                && !clinicName.get().isBlank() && clinicName.get().strip().equalsIgnoreCase(typedName.get().strip()), phase, refusal,
                clinicName, typedName);
        chosen.addListener((o, was, now) -> describe(now));
    }

    /** Reads the chosen backup on the server: its date, schema version, size and contents, and whether it can be restored. */
    private void describe(BackupFile file) {
        description.set(null);
        contents.set("");
        refusal.set("");
        message.set("");
        if (file == null) {
            phase.set(Phase.CHOOSING);
            return;
        }
        phase.set(Phase.CHECKING);
        String name = file.getFileName();
        calls.call(busy, () -> connection.backups(DESCRIBE_DEADLINE).describeBackup(DescribeBackupRequest.newBuilder()
                .setFileName(name).build()), d -> {
                    if (chosen.get() == null || !chosen.get().getFileName().equals(name)) {
                        return; // another backup was picked meanwhile
                    }
                    description.set(d);
                    contents.set(contents(d));
                    refusal.set(d.getRefusal());
                    clinicName.set(d.getClinicName());
                    phase.set(Phase.READY);
                }, failure -> {
                    phase.set(Phase.CHOOSING);
                    message.set("This backup cannot be restored: " + failure.message());
                });
    }

    String contents(DescribeBackupResponse d) {
        String made = d.hasCreatedAt() ? when(d.getCreatedAt()) : "an unknown time";
        return "Made " + made + "\n"
                + "Schema version " + d.getSchemaVersion() + " (this server: " + d.getServerSchemaVersion() + ")\n"
                + BackupsViewModel.size(d.getBackup().getSizeBytes()) + ": " + d.getTableCount() + " tables, "
                + String.format(Locale.ENGLISH, "%,d", d.getRowCount()) + " rows, " + d.getDocumentCount() + " documents\n"
                + "Every checksum matches: the file is intact.";
    }

    private String when(com.google.protobuf.Timestamp at) {
        var local = ClinicTime.instant(at).atZone(zone);
        return ClinicDates.format(local.toLocalDate()) + " at " + TIME.format(local);
    }

    /** Restores the chosen backup; the whole clinic waits meanwhile. */
    public void restore() {
        if (!canRestore.get()) {
            return;
        }
        BackupFile file = chosen.get();
        phase.set(Phase.RESTORING);
        message.set("");
        RestoreBackupRequest request = RestoreBackupRequest.newBuilder().setFileName(file.getFileName())
                .setConfirmClinicName(typedName.get().strip()).build();
        calls.call(busy, () -> connection.backups(RESTORE_DEADLINE).restoreBackup(request), this::restored, failure -> {
            phase.set(Phase.READY);
            message.set("Nothing was restored: " + failure.message());
        });
    }

    private void restored(RestoreBackupResponse r) {
        String made = r.hasCreatedAt() ? when(r.getCreatedAt()) : "the time of the backup";
        outcome.set("The clinic is back as it was on " + made + ": " + r.getTableCount() + " tables, "
                + String.format(Locale.ENGLISH, "%,d", r.getRowCount()) + " rows and " + r.getDocumentCount()
                + " documents restored in " + Math.max(1, Math.round(r.getTookMillis() / 1000.0)) + " s.\n\n"
                + "Everyone's sessions are now those of the backup, so this workstation signs out: sign in again. "
                + "Other workstations reconnect by themselves; anything entered after the backup was made is gone.");
        phase.set(Phase.RESTORED);
    }

    public ObservableList<BackupFile> backups() { return backups; }
    public ObjectProperty<BackupFile> chosenProperty() { return chosen; }
    public ObjectProperty<Phase> phaseProperty() { return phase; }
    public StringProperty contentsProperty() { return contents; }
    public StringProperty refusalProperty() { return refusal; }
    public StringProperty clinicNameProperty() { return clinicName; }
    public StringProperty typedNameProperty() { return typedName; }
    public StringProperty messageProperty() { return message; }
    public StringProperty outcomeProperty() { return outcome; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanBinding canRestoreBinding() { return canRestore; }
}
