package org.medconnect.desktop.backup;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.backup.v1.BackupFile;

/** The Backups screen: what is in the server's backup folder, the daily schedule, "Back up now" and "Restore...". */
public final class BackupsView extends BorderPane {

    /**
     * @param overlays where the restore sheet opens
     * @param signInAgain after a restore the sessions are the backup's: the workstation returns to sign-in
     */
    public BackupsView(BackupsViewModel model, OverlayHost overlays, Runnable signInAgain) {
        this(model, overlays, signInAgain, underWay -> { });
    }

    /**
     * As above; {@code restoreUnderWay} hears true when a restore is sent and false when it was refused:
     * meanwhile the sessions end on the server, and the workstation must not lock over the outcome.
     */
    public BackupsView(BackupsViewModel model, OverlayHost overlays, Runnable signInAgain,
                       java.util.function.Consumer<Boolean> restoreUnderWay) {
        setId("backups-screen");
        Label title = new Label("Backups");
        title.getStyleClass().add(Styles.TITLE_2);
        Label schedule = Widgets.muted(model.scheduleProperty(), "backups-schedule");
        Label folder = new Label();
        folder.setId("backups-folder");
        folder.getStyleClass().add(Styles.TEXT_MUTED);
        folder.textProperty().bind(model.folderProperty().map(f -> f.isEmpty() ? "" : "Folder on the server: " + f));

        Button backUp = new Button("Back up now");
        backUp.setId("backups-now");
        backUp.getStyleClass().add(Styles.ACCENT);
        backUp.disableProperty().bind(model.backingUpProperty());
        backUp.setOnAction(e -> model.backUpNow());
        ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        progress.setId("backups-progress");
        progress.setPrefWidth(160);
        progress.visibleProperty().bind(model.backingUpProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label result = new Label();
        result.setId("backups-result");
        result.setWrapText(true);
        result.textProperty().bind(model.resultProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("backups-refresh");
        refresh.setOnAction(e -> model.reload());
        Button restoreButton = new Button("Restore…");
        restoreButton.setId("backups-restore");
        restoreButton.disableProperty().bind(model.backingUpProperty().or(javafx.beans.binding.Bindings.isEmpty(model.backups())));
        HBox toolbar = new HBox(10, backUp, progress, result, spacer, restoreButton, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        Label keyTitle = new Label("Copy the backup key off the server");
        keyTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label keyText = new Label("Backups are encrypted with the key in backup.key in the server's MedConnect folder "
                + "(or with MEDCONNECT_BACKUP_PASSPHRASE). Without that key no backup can be read: keep a copy somewhere "
                + "other than the server, and copy the backup files away from it too, so one failed disk does not take both.");
        keyText.setWrapText(true);
        VBox key = new VBox(4, keyTitle, keyText);
        key.setId("backups-key-reminder");
        key.getStyleClass().add("callout-warning");

        TableView<BackupFile> table = new TableView<>(model.backups());
        table.setId("backups-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        TableColumn<BackupFile, String> name = Tables.column("File", 380, false, BackupFile::getFileName);
        TableColumn<BackupFile, String> size = Tables.column("Size", 110, false, f -> BackupsViewModel.size(f.getSizeBytes()));
        TableColumn<BackupFile, String> when = Tables.column("Made", 200, false, model::time);
        table.getColumns().addAll(List.of(name, size, when));
        Label empty = new Label("No backups yet. Press \"Back up now\" to make the first.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);

        Label restoreTitle = new Label("Restoring a backup");
        restoreTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label restoreText = new Label("\"Restore…\" puts the whole clinic back as it was in one of these backups, while the "
                + "server runs: every workstation waits a few minutes, and if anything fails nothing changes. It needs a fresh "
                + "second-factor code, and refuses a damaged backup, one from a newer MedConnect, and a database other "
                + "MedConnect servers share (stop them first). Onto a new machine or an empty database, restore on the server "
                + "machine instead, with the server stopped:  ./medconnect restore --from=FILE");
        restoreText.setWrapText(true);
        VBox restore = new VBox(4, restoreTitle, restoreText);
        restore.setId("backups-restore-help");
        restore.getStyleClass().add("callout-info");

        Label message = Widgets.problem(model.messageProperty(), "backups-message");
        VBox header = new VBox(8, title, schedule, folder, toolbar, message, key);
        header.setPadding(new Insets(0, 0, 10, 0));
        VBox footer = new VBox(restore);
        footer.setPadding(new Insets(10, 0, 0, 0));
        setTop(header);
        setCenter(table);
        setBottom(footer);
        restoreButton.setOnAction(e -> {
            RestoreViewModel restoring = model.newRestore(table.getSelectionModel().getSelectedItem());
            restoring.phaseProperty().addListener((o, was, now) -> {
                if (now == RestoreViewModel.Phase.RESTORING) {
                    restoreUnderWay.accept(true);
                } else if (was == RestoreViewModel.Phase.RESTORING && now != RestoreViewModel.Phase.RESTORED) {
                    restoreUnderWay.accept(false);
                }
            });
            OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
            RestoreView view = new RestoreView(restoring, () -> {
                sheet[0].close();
                if (restoring.phaseProperty().get() == RestoreViewModel.Phase.RESTORED) {
                    signInAgain.run(); // the sessions are the backup's now: closing the outcome also returns to sign-in
                }
            }, () -> {
                sheet[0].close();
                signInAgain.run();
            });
            sheet[0] = overlays.show(view.card());
        });
        model.reload();
    }
}
