package org.medconnect.desktop.backup;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.backup.v1.BackupFile;
import org.medconnect.proto.backup.v1.CreateBackupRequest;
import org.medconnect.proto.backup.v1.CreateBackupResponse;
import org.medconnect.proto.backup.v1.ListBackupsRequest;
import org.medconnect.proto.backup.v1.ListBackupsResponse;

/** The admin backups screen: the backups in the server's folder, the schedule, and "Back up now". */
public final class BackupsViewModel {

    /** A backup of a large clinic takes minutes (decision 0024): far past the ordinary call deadline. */
    static final Duration BACKUP_DEADLINE = Duration.ofMinutes(30);
    static final Duration LIST_DEADLINE = Duration.ofSeconds(15);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ZoneId zone;
    private final ObservableList<BackupFile> backups = FXCollections.observableArrayList();
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty schedule = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty backingUp = new SimpleBooleanProperty();

    public BackupsViewModel(ServerConnection connection, ServerCalls calls, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.zone = zone;
    }

    public void reload() {
        calls.call(busy, () -> connection.backups(LIST_DEADLINE).listBackups(ListBackupsRequest.getDefaultInstance()),
                this::apply, failure -> message.set(failure.message()));
    }

    private void apply(ListBackupsResponse response) {
        backups.setAll(response.getBackupsList());
        folder.set(response.getFolder());
        schedule.set(schedule(response));
        message.set("");
    }

    static String schedule(ListBackupsResponse response) {
        String keep = response.getKeep() > 0 ? "; the newest " + response.getKeep() + " are kept" : "";
        return response.getDailyAt().isEmpty() ? "No daily backup is scheduled" + keep + "."
                : "A backup is made every day at " + response.getDailyAt() + keep + ".";
    }

    /** Makes a backup now; the server may ask for a fresh second-factor code first (ServerCalls asks for it). */
    public void backUpNow() {
        if (backingUp.get()) {
            return;
        }
        result.set("Backing up… this can take a few minutes on a large clinic.");
        message.set("");
        calls.call(backingUp, () -> connection.backups(BACKUP_DEADLINE).createBackup(CreateBackupRequest.getDefaultInstance()),
                response -> {
                    result.set(done(response));
                    reload();
                }, failure -> {
                    result.set("");
                    message.set("The backup was not made: " + failure.message());
                });
    }

    /** The restore sheet's model, over the backups listed now, starting on {@code selected} when one is. */
    public RestoreViewModel newRestore(BackupFile selected) {
        RestoreViewModel restore = new RestoreViewModel(connection, calls, zone, backups);
        if (selected != null) {
            restore.chosenProperty().set(selected);
        }
        return restore;
    }

    static String done(CreateBackupResponse response) {
        return "Backed up to " + response.getBackup().getFileName() + " (" + size(response.getBackup().getSizeBytes()) + "): "
                + response.getTableCount() + " tables, " + response.getRowCount() + " rows, "
                + response.getDocumentCount() + " documents, schema " + response.getSchemaVersion() + ".";
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024L * 1024) {
            return String.format(Locale.ENGLISH, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ENGLISH, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ENGLISH, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }

    public String time(BackupFile file) {
        return file.hasModifiedAt() ? WHEN.format(ClinicTime.instant(file.getModifiedAt()).atZone(zone)) : "";
    }

    public ObservableList<BackupFile> backups() { return backups; }
    public StringProperty folderProperty() { return folder; }
    public StringProperty scheduleProperty() { return schedule; }
    public StringProperty messageProperty() { return message; }
    public StringProperty resultProperty() { return result; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty backingUpProperty() { return backingUp; }
}
