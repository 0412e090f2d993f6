package org.medconnect.desktop.backup;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.backup.RestoreViewModel.Phase;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.backup.v1.BackupFile;

/** The "Restore a backup" sheet of the Backups screen: choose, read, confirm with the clinic's name, restore, outcome. */
public final class RestoreView {

    private final VBox card;

    /**
     * @param close closes the sheet (refused while a restore runs)
     * @param signInAgain after a restore: the sessions are the backup's, so the workstation returns to sign-in
     */
    public RestoreView(RestoreViewModel model, Runnable close, Runnable signInAgain) {
        Label warning = new Label("The whole clinic goes back to the backup: every appointment, chart entry, invoice, account "
                + "and document entered since it was made is lost. Every workstation waits while it runs (minutes on a large "
                + "clinic). If anything fails, nothing changes.");
        warning.setId("restore-warning");
        warning.setWrapText(true);
        VBox warningBox = new VBox(warning);
        warningBox.getStyleClass().add("callout-warning");

        Label pickLabel = new Label("Backup");
        pickLabel.getStyleClass().add(Styles.TEXT_BOLD);
        ComboBox<BackupFile> pick = Widgets.combo("restore-backup", model.backups(), model.chosenProperty(),
                f -> f.getFileName() + "  (" + BackupsViewModel.size(f.getSizeBytes()) + ")");
        pick.setPromptText("Choose a backup");
        pickLabel.setLabelFor(pick);

        BooleanBinding checking = model.phaseProperty().isEqualTo(Phase.CHECKING);
        ProgressBar reading = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        reading.setId("restore-reading");
        reading.setMaxWidth(Double.MAX_VALUE);
        Label readingText = new Label("Reading the whole backup and checking every checksum…");
        readingText.getStyleClass().add(Styles.TEXT_MUTED);
        VBox readingBox = new VBox(4, readingText, reading);
        show(readingBox, checking);

        Label contents = new Label();
        contents.setId("restore-contents");
        contents.setWrapText(true);
        contents.textProperty().bind(model.contentsProperty());
        contents.getStyleClass().add("restore-contents");
        show(contents, model.contentsProperty().isNotEmpty());
        Label refusal = Widgets.problem(model.refusalProperty(), "restore-refusal");

        Label confirmLabel = new Label();
        confirmLabel.setWrapText(true);
        confirmLabel.textProperty().bind(Bindings.concat("To confirm, type the clinic's name: ", model.clinicNameProperty()));
        TextField confirm = Widgets.field("restore-confirm", model.typedNameProperty(), "The clinic's name");
        confirmLabel.setLabelFor(confirm);
        VBox confirmBox = new VBox(6, confirmLabel, confirm);
        show(confirmBox, model.phaseProperty().isEqualTo(Phase.READY).and(model.refusalProperty().isEmpty()));

        BooleanBinding restoring = model.phaseProperty().isEqualTo(Phase.RESTORING);
        ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        progress.setId("restore-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        Label progressText = new Label("Restoring… the server checks the backup again, loads it beside the live data and then "
                + "switches over in one step. Every workstation waits until it finishes.");
        progressText.setWrapText(true);
        VBox progressBox = new VBox(6, progressText, progress);
        show(progressBox, restoring);

        Label message = Widgets.problem(model.messageProperty(), "restore-message");

        BooleanBinding restored = model.phaseProperty().isEqualTo(Phase.RESTORED);
        Label outcome = new Label();
        outcome.setId("restore-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(model.outcomeProperty());
        Button signIn = new Button("Sign in again");
        signIn.setId("restore-sign-in");
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setDefaultButton(true);
        signIn.setOnAction(e -> signInAgain.run());
        HBox signInRow = new HBox(signIn);
        signInRow.setAlignment(Pos.CENTER_RIGHT);
        VBox outcomeBox = new VBox(14, outcome, signInRow);
        outcomeBox.getStyleClass().add("restore-outcome");
        show(outcomeBox, restored);

        Button cancel = new Button("Cancel");
        cancel.setId("restore-cancel");
        cancel.setCancelButton(true);
        cancel.disableProperty().bind(restoring);
        cancel.setOnAction(e -> close.run());
        Button run = new Button("Restore the clinic");
        run.setId("restore-run");
        run.getStyleClass().add(Styles.DANGER);
        run.setDefaultButton(true);
        run.disableProperty().bind(model.canRestoreBinding().not());
        run.setOnAction(e -> model.restore());
        confirm.setOnAction(e -> model.restore());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, spacer, cancel, run);
        actions.setAlignment(Pos.CENTER_RIGHT);
        show(actions, restored.not());

        VBox form = new VBox(12, warningBox, new VBox(6, pickLabel, pick), readingBox, contents, refusal, confirmBox, progressBox,
                message);
        show(form, restored.not());
        card = new VBox(16, Widgets.title("Restore a backup", "restore-title"), form, outcomeBox, actions);
        card.setId("restore-sheet");
        card.setPadding(new Insets(22, 24, 20, 24));
        card.setPrefWidth(620);
        card.setMaxHeight(Region.USE_PREF_SIZE);
    }

    private static void show(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    public VBox card() {
        return card;
    }
}
