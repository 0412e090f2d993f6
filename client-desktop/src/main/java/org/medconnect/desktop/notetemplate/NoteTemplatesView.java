package org.medconnect.desktop.notetemplate;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.EncounterNoteTemplate;

/**
 * The admin's Note templates screen: the clinic-wide templates on the left; the selected one (or
 * a new one) on the right with its name, shortcut and the four SOAP parts; Save, Retire, New.
 * Keyboard: Enter on a row opens it; Ctrl+S saves.
 */
public final class NoteTemplatesView extends BorderPane {

    public NoteTemplatesView(NoteTemplatesViewModel model) {
        setId("note-templates");
        getStyleClass().add("note-templates");

        TableView<EncounterNoteTemplate> table = new TableView<>(model.templates());
        table.setId("note-templates-table");
        table.getColumns().add(Tables.tippedColumn("Template", 200, EncounterNoteTemplate::getName));
        table.getColumns().add(Tables.column("Shortcut", 110, EncounterNoteTemplate::getShortcut));
        table.getColumns().add(Tables.tippedColumn("Assessment", 160, t -> t.getAssessment().replace('\n', ' ')));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No clinic-wide templates yet. Write the first one on the right."));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && (model.editingProperty().get() == null || !model.editingProperty().get().getId().equals(now.getId()))) {
                model.edit(now);
            }
        });
        table.setPrefWidth(480);
        model.editingProperty().addListener((o, was, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getItems().stream().filter(t -> t.getId().equals(now.getId())).findFirst()
                        .ifPresent(t -> table.getSelectionModel().select(t));
            }
        });
        model.templates().addListener((javafx.collections.ListChangeListener<EncounterNoteTemplate>) c -> {
            var now = model.editingProperty().get();
            if (now != null) {
                table.getItems().stream().filter(t -> t.getId().equals(now.getId())).findFirst()
                        .ifPresent(t -> table.getSelectionModel().select(t));
            }
        });
        VBox left = new VBox(8, table, Widgets.keyHint("note-templates-hint",
                "Doctors insert a template by typing its shortcut in the note editor, or by picking its name."));
        VBox.setVgrow(table, Priority.ALWAYS);

        TextField name = Widgets.field("template-name", model.nameProperty(), "Name, e.g. Upper respiratory infection");
        TextField shortcut = Widgets.field("template-shortcut", model.shortcutProperty(), "Shortcut, e.g. uri (a-z, 0-9, - and _)");
        GridPane soap = new GridPane();
        soap.setHgap(8);
        soap.setVgap(6);
        soap.add(part("Subjective", "template-subjective", model.subjectiveProperty()), 0, 0);
        soap.add(part("Objective", "template-objective", model.objectiveProperty()), 1, 0);
        soap.add(part("Assessment", "template-assessment", model.assessmentProperty()), 0, 1);
        soap.add(part("Plan", "template-plan", model.planProperty()), 1, 1);
        var half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        soap.getColumnConstraints().addAll(half, half);
        for (int i = 0; i < 2; i++) {
            var row = new javafx.scene.layout.RowConstraints();
            row.setVgrow(Priority.ALWAYS);
            soap.getRowConstraints().add(row);
        }
        VBox.setVgrow(soap, Priority.ALWAYS);

        Button save = new Button("Save template");
        save.setId("template-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.save());
        Button retire = new Button("Retire");
        retire.setId("template-retire");
        retire.getStyleClass().add(Styles.DANGER);
        retire.disableProperty().bind(model.canRetireProperty().not());
        retire.setOnAction(e -> model.retire());
        Button fresh = new Button("New template");
        fresh.setId("template-new");
        fresh.setOnAction(e -> {
            table.getSelectionModel().clearSelection();
            model.newTemplate();
            name.requestFocus();
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(8, fresh, gap, Widgets.progress(model.busyProperty()), retire, save);
        actions.setAlignment(Pos.CENTER_LEFT);
        for (Button b : new Button[] {save, retire, fresh}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }

        Label heading = new Label();
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        heading.textProperty().bind(Bindings.createStringBinding(() -> model.editingProperty().get() == null ? "New clinic-wide template"
                : "Editing \u201c" + model.editingProperty().get().getName() + "\u201d (version " + model.editingProperty().get().getVersion() + ")",
                model.editingProperty()));
        Label nameLabel = new Label("Name");
        nameLabel.setLabelFor(name);
        Label shortcutLabel = new Label("Shortcut");
        shortcutLabel.setLabelFor(shortcut);
        VBox nameBox = new VBox(4, nameLabel, name);
        VBox shortcutBox = new VBox(4, shortcutLabel, shortcut);
        HBox naming = new HBox(8, nameBox, shortcutBox);
        HBox.setHgrow(nameBox, Priority.ALWAYS);
        shortcut.setPrefColumnCount(16);
        VBox form = new VBox(8, heading, naming, soap, Widgets.problem(model.problemProperty(), "template-problem"), actions);
        form.getStyleClass().add("note-templates-form");
        form.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.S) {
                model.save();
                e.consume();
            }
        });

        Label title = Widgets.title("Note templates", "note-templates-title");
        HBox header = new HBox(12, title, Widgets.muted(new javafx.beans.property.SimpleStringProperty("Clinic-wide, for every doctor"), "note-templates-scope"),
                Widgets.notice(model.noticeProperty(), "note-templates-notice"));
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("note-templates-header");

        setTop(header);
        setLeft(left);
        setCenter(form);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, () -> { });
    }

    private static VBox part(String title, String id, StringProperty text) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setWrapText(true);
        area.setPrefRowCount(6);
        area.setPromptText(title + " (smart phrases such as .vitals and .allergies are filled in when used)");
        area.textProperty().bindBidirectional(text);
        Label label = new Label(title);
        label.setLabelFor(area);
        VBox box = new VBox(4, label, area);
        VBox.setVgrow(area, Priority.ALWAYS);
        return box;
    }
}
