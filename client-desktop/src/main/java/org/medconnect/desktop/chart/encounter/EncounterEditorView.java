package org.medconnect.desktop.chart.encounter;

import java.util.Optional;
import java.util.UUID;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.medconnect.desktop.platform.Widgets;

/**
 * The encounter editor: four SOAP fields, a template box (type a name or shortcut, Enter),
 * smart phrases expanded when a space follows them, the save state, Sign (Ctrl+Enter, with
 * confirmation), Prescribe (Ctrl+P: the chart's prescriptions, with a new one for this encounter),
 * and the addendum box once signed.
 */
public final class EncounterEditorView {

    private EncounterEditorView() {}

    /** The autosave's wait after the last keystroke. */
    public static EncounterEditorViewModel.Debounce debounce() {
        PauseTransition pause = new PauseTransition(Duration.millis(800));
        return action -> {
            pause.setOnFinished(e -> action.run());
            pause.playFromStart();
        };
    }

    public static Node build(EncounterEditorViewModel model) {
        Label heading = new Label();
        heading.setId("encounter-heading");
        heading.getStyleClass().add("encounter-heading");
        heading.textProperty().bind(model.heading());
        Label saveState = new Label();
        saveState.setId("encounter-save-state");
        saveState.getStyleClass().add("encounter-save-state");
        saveState.textProperty().bind(model.saveState());

        TextField template = new TextField();
        template.setId("encounter-template");
        template.setPromptText("Template: type a name or shortcut, then Enter");
        template.setOnAction(e -> {
            if (model.applyTemplate(template.getText())) {
                template.clear();
            } else {
                model.error().set("No template named \"" + template.getText().strip() + "\".");
            }
        });
        template.disableProperty().bind(model.signed());

        GridPane soap = new GridPane();
        soap.getStyleClass().add("encounter-soap");
        soap.setHgap(8);
        soap.setVgap(6);
        int row = 0;
        for (var part : new Object[][] {{"_Subjective", "subjective", model.subjective()}, {"_Objective", "objective", model.objective()},
                {"_Assessment", "assessment", model.assessment()}, {"_Plan", "plan", model.plan()}}) {
            StringProperty text = (StringProperty) part[2];
            TextArea area = new TextArea();
            area.setId("encounter-" + part[1]);
            area.setWrapText(true);
            area.setPrefRowCount(4);
            area.textProperty().bindBidirectional(text);
            area.editableProperty().bind(model.signed().not());
            // A phrase followed by a space or new line expands (the model asks only when one is there).
            text.addListener((obs, was, now) -> {
                if (now.length() > was.length()) {
                    model.expandPhrasesIn(text);
                }
            });
            Label label = new Label((String) part[0]);
            label.setMnemonicParsing(true);
            label.setLabelFor(area);
            label.getStyleClass().add("encounter-part-label");
            soap.addRow(row++, label, area);
            GridPane.setValignment(label, javafx.geometry.VPos.TOP);
            GridPane.setHgrow(area, Priority.ALWAYS);
            GridPane.setVgrow(area, Priority.ALWAYS);
        }

        Label stale = new Label();
        stale.setId("encounter-stale");
        stale.getStyleClass().add("encounter-stale");
        stale.textProperty().bind(model.staleMessage());
        Button reapply = new Button("_Reload and reapply");
        reapply.setId("encounter-reapply");
        reapply.setOnAction(e -> model.reloadAndReapply());
        HBox staleBar = new HBox(8, stale, reapply);
        staleBar.getStyleClass().add("encounter-stale-bar");
        staleBar.visibleProperty().bind(model.stale());
        staleBar.managedProperty().bind(model.stale());

        Label restoreText = new Label("This computer kept a newer copy of this note than the server has.");
        Button restore = new Button("Restore my copy");
        restore.setId("encounter-restore");
        restore.setOnAction(e -> model.restoreLocalCopy());
        Button discard = new Button("Discard it");
        discard.setOnAction(e -> model.discardLocalCopy());
        HBox restoreBar = new HBox(8, restoreText, restore, discard);
        restoreBar.getStyleClass().add("encounter-restore-bar");
        var offered = Bindings.createBooleanBinding(() -> model.restoreOffer().get().isPresent(), model.restoreOffer());
        restoreBar.visibleProperty().bind(offered);
        restoreBar.managedProperty().bind(offered);

        Button sign = new Button("Si_gn");
        sign.setId("encounter-sign");
        sign.getStyleClass().add("accent");
        sign.disableProperty().bind(model.signed().or(model.busy()));
        sign.setOnAction(e -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Sign this note? It is then locked; corrections become addenda.",
                    ButtonType.OK, ButtonType.CANCEL);
            confirm.setHeaderText("Sign the encounter");
            if (sign.getScene() != null) {
                confirm.initOwner(sign.getScene().getWindow());
            }
            confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.sign(() -> { }));
        });

        Button prescribe = new Button("Prescri_be");
        prescribe.setId("encounter-prescribe");
        prescribe.setTooltip(new javafx.scene.control.Tooltip("Write a prescription in this encounter (Ctrl+P)"));
        prescribe.disableProperty().bind(model.canPrescribe().not().or(model.busy()));
        prescribe.setOnAction(e -> model.prescribe());

        TextArea addendum = new TextArea();
        addendum.setId("encounter-addendum");
        addendum.setPromptText("Addendum");
        addendum.setPrefRowCount(3);
        addendum.textProperty().bindBidirectional(model.addendumText());
        Button addAddendum = new Button("Add a_ddendum");
        addAddendum.setId("encounter-add-addendum");
        addAddendum.setOnAction(e -> model.addAddendum(UUID.randomUUID().toString()));
        VBox addendaList = new VBox(4);
        addendaList.getStyleClass().add("encounter-addenda");
        model.encounter().addListener((obs, was, now) -> {
            addendaList.getChildren().clear();
            Optional.ofNullable(now).ifPresent(en -> en.getAddendaList().forEach(a -> {
                Label l = new Label("Addendum by " + a.getWrittenByName() + ": " + a.getText());
                l.setWrapText(true);
                addendaList.getChildren().add(l);
            }));
        });
        VBox addendumBox = new VBox(6, Widgets.section("Addenda"), addendaList, addendum, addAddendum);
        addendumBox.visibleProperty().bind(model.signed());
        addendumBox.managedProperty().bind(model.signed());

        HBox top = new HBox(12, heading, saveState);
        VBox box = new VBox(8, top, restoreBar, staleBar, Widgets.problem(model.error(), "encounter-error"), template, soap,
                new HBox(8, sign, prescribe), addendumBox);
        box.getStyleClass().add("encounter-page");
        VBox.setVgrow(soap, Priority.ALWAYS);
        box.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e) && !sign.isDisabled()) {
                sign.fire();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN).match(e) && !prescribe.isDisabled()) {
                prescribe.fire();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                model.saveNow();
                e.consume();
            }
        });
        return box;
    }
}
