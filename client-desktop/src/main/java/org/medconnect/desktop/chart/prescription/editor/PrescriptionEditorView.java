package org.medconnect.desktop.chart.prescription.editor;

import org.medconnect.desktop.chart.prescription.paper.PrescriptionPaper;
import org.medconnect.desktop.chart.prescription.paper.PrescriptionPaperView;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Stage;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.prescription.v1.DrugChoice;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.proto.prescription.v1.PrescriptionRoute;

/**
 * The prescription editor: the lines on the left with the form that writes one under them, the
 * live alerts on the right, validity, the note for the pharmacist and the actions at the bottom.
 * Keyboard: type a drug, Up/Down through the matches, Enter picks; Ctrl+Enter adds the line;
 * Enter on a line edits it, Delete removes it; Ctrl+S saves now; F5 checks again.
 */
public final class PrescriptionEditorView extends BorderPane {

    private final PrescriptionEditorViewModel model;
    private final Dialogs dialogs;
    private final Runnable onClosed;
    private Stage viewer;

    public PrescriptionEditorView(PrescriptionEditorViewModel model, Dialogs dialogs, String patientName, Runnable onClosed) {
        this.model = model;
        this.dialogs = dialogs;
        this.onClosed = onClosed;
        setId("rx-editor");
        getStyleClass().add("rx-editor");

        setTop(header(patientName));
        VBox left = new VBox(8, linesTable(), lineForm());
        left.getStyleClass().add("rx-editor-main");
        HBox.setHgrow(left, Priority.ALWAYS);
        VBox right = alertsPanel();
        HBox center = new HBox(12, left, right);
        center.getStyleClass().add("rx-editor-center");
        setCenter(center);
        setBottom(footer());

        // A new user starts typing the drug at once; after the draft loads the cursor waits in the drug field.
        model.draftProperty().addListener((obs, old, now) -> {
            if (now) {
                javafx.application.Platform.runLater(drugField::requestFocus);
            }
        });
        if (model.draftProperty().get()) {
            javafx.application.Platform.runLater(drugField::requestFocus);
        }
        model.pdfProperty().addListener((obs, old, now) -> {
            if (now != null) {
                showPdf(now);
            }
        });
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                model.save();
                e.consume();
            } else if (e.getCode() == KeyCode.F5) {
                model.check();
                e.consume();
            }
        });
    }

    // ---- header: who, status, save state, stale choice ----

    private Node header(String patientName) {
        Label title = Widgets.title("Prescription for " + patientName, "rx-title");
        Label status = new Label();
        status.setId("rx-status");
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("rx-status");
        Label saved = Widgets.muted(model.saveStateProperty(), "rx-save-state");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, title, status, Widgets.progress(model.loadingProperty().or(model.savingProperty())), spacer, saved);
        top.setAlignment(Pos.CENTER_LEFT);

        Label staleText = new Label();
        staleText.setId("rx-stale-message");
        staleText.setWrapText(true);
        staleText.textProperty().bind(model.staleMessageProperty());
        HBox.setHgrow(staleText, Priority.ALWAYS);
        staleText.setMaxWidth(Double.MAX_VALUE);
        Button reapply = new Button("Put my lines _back on it");
        reapply.setId("rx-reapply");
        reapply.setOnAction(e -> model.reapplyMine());
        Button discard = new Button("Take the _newer version");
        discard.setId("rx-discard");
        discard.setOnAction(e -> model.discardMine());
        reapply.setMinWidth(Region.USE_PREF_SIZE);
        discard.setMinWidth(Region.USE_PREF_SIZE);
        HBox staleBar = new HBox(10, staleText, reapply, discard);
        staleBar.setId("rx-stale");
        staleBar.setAlignment(Pos.CENTER_LEFT);
        staleBar.getStyleClass().add("rx-stale-bar");
        staleBar.visibleProperty().bind(model.staleProperty());
        staleBar.managedProperty().bind(staleBar.visibleProperty());

        VBox box = new VBox(6, top, staleBar, Widgets.problem(model.messageProperty(), "rx-message"),
                Widgets.notice(model.noticeProperty(), "rx-notice"));
        box.getStyleClass().add("rx-editor-header");
        return box;
    }

    // ---- the lines ----

    private Node linesTable() {
        TableView<PrescriptionEditorViewModel.LineRow> table = new TableView<>(model.lines());
        table.setId("rx-lines");
        table.getColumns().add(Tables.column("#", 34, false, r -> Integer.toString(r.position())));
        table.getColumns().add(Tables.wrappedColumn("Drug", 240, PrescriptionEditorViewModel.LineRow::drug));
        table.getColumns().add(Tables.wrappedColumn("Directions", 260, PrescriptionEditorViewModel.LineRow::sig));
        table.getColumns().add(Tables.column("Quantity", 120, false, PrescriptionEditorViewModel.LineRow::quantity));
        table.getColumns().add(Tables.column("Refills", 60, false, PrescriptionEditorViewModel.LineRow::refills));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No lines yet: write the first drug below."));
        table.setPrefHeight(170);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PrescriptionEditorViewModel.LineRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("rx-line-high", "rx-line-moderate", "rx-line-low", "rx-line-not-checked");
                if (!empty && item != null) {
                    if (!item.alertStyle().isEmpty()) {
                        getStyleClass().add(item.alertStyle());
                    }
                    if (item.notChecked()) {
                        getStyleClass().add("rx-line-not-checked");
                    }
                }
            }
        });
        table.setOnKeyPressed(e -> {
            var row = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && row != null) {
                model.edit(row);
                drugField.requestFocus();
                e.consume();
            } else if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && row != null) {
                model.remove(row);
                e.consume();
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                model.edit(table.getSelectionModel().getSelectedItem());
                drugField.requestFocus();
            }
        });
        Button edit = new Button("Edit line");
        edit.setId("rx-line-edit");
        edit.getStyleClass().add(Styles.SMALL);
        edit.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.editableProperty().not()));
        edit.setOnAction(e -> {
            model.edit(table.getSelectionModel().getSelectedItem());
            drugField.requestFocus();
        });
        Button remove = new Button("Remove line");
        remove.setId("rx-line-remove");
        remove.getStyleClass().addAll(Styles.SMALL, Styles.DANGER);
        remove.disableProperty().bind(edit.disableProperty());
        remove.setOnAction(e -> model.remove(table.getSelectionModel().getSelectedItem()));
        Label keys = Widgets.keyHint("rx-lines-keys", "Enter edits the selected line · Delete removes it");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, keys, spacer, edit, remove);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, table, actions);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    // ---- the line form ----

    private TextField drugField;

    private Node lineForm() {
        drugField = Widgets.field("rx-drug", model.drugQueryProperty(), "Drug: type to search, e.g. amoxicillin");
        installMatches(drugField);
        Label hint = Widgets.muted(model.drugHintProperty(), "rx-drug-hint");
        hint.getStyleClass().add(Styles.TEXT_SMALL);

        ComboBox<String> common = new ComboBox<>(model.commonForms());
        common.setId("rx-common-form");
        common.setPromptText("Common forms");
        common.setMaxWidth(Double.MAX_VALUE);
        common.disableProperty().bind(Bindings.isEmpty(model.commonForms()));
        common.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.useCommonForm(now);
            }
        });
        model.commonForms().addListener((ListChangeListener<String>) c -> common.setValue(null));

        TextField strength = Widgets.field("rx-strength", model.strengthProperty(), "500 mg");
        TextField form = Widgets.field("rx-form", model.formProperty(), "capsule");
        ComboBox<PrescriptionRoute> route = Widgets.combo("rx-route",
                javafx.collections.FXCollections.observableArrayList(Dosing.routes()), model.routeProperty(), Dosing::label);
        TextField dose = Widgets.field("rx-dose", model.doseAmountProperty(), "1");
        dose.setPrefColumnCount(4);
        TextField unit = Widgets.field("rx-dose-unit", model.doseUnitProperty(), "capsule");
        unit.setPrefColumnCount(7);
        ComboBox<PrescriptionFrequency> frequency = Widgets.combo("rx-frequency",
                javafx.collections.FXCollections.observableArrayList(Dosing.frequencies()), model.frequencyProperty(), Dosing::label);
        CheckBox asNeeded = new CheckBox("as needed");
        asNeeded.setId("rx-as-needed");
        asNeeded.selectedProperty().bindBidirectional(model.asNeededProperty());
        asNeeded.setMinWidth(Region.USE_PREF_SIZE);
        TextField days = Widgets.field("rx-duration", model.durationDaysProperty(), "7");
        days.setPrefColumnCount(4);
        TextField quantity = Widgets.field("rx-quantity", model.quantityProperty(), "");
        quantity.setPrefColumnCount(5);
        Label quantityState = new Label();
        quantityState.setId("rx-quantity-state");
        quantityState.getStyleClass().add(Styles.TEXT_SMALL);
        quantityState.textProperty().bind(Bindings.createStringBinding(() -> model.quantityOverriddenProperty().get()
                ? "set by hand (computed: " + (model.computedQuantityProperty().get().isEmpty() ? "–" : model.computedQuantityProperty().get()) + ")"
                : "computed", model.quantityOverriddenProperty(), model.computedQuantityProperty()));
        quantityState.setMinWidth(Region.USE_PREF_SIZE);
        Button computed = new Button("Use computed");
        computed.setId("rx-quantity-computed");
        computed.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        computed.visibleProperty().bind(model.quantityOverriddenProperty());
        computed.managedProperty().bind(computed.visibleProperty());
        computed.setOnAction(e -> model.useComputedQuantity());
        TextField refills = Widgets.field("rx-refills", model.refillsProperty(), "0");
        refills.setPrefColumnCount(3);
        TextField instructions = Widgets.field("rx-instructions", model.instructionsProperty(), "For the patient, e.g. take with food");
        TextField warnings = Widgets.field("rx-warnings", model.warningsProperty(), "e.g. may cause drowsiness");

        GridPane grid = new GridPane();
        grid.getStyleClass().add("rx-line-form-grid");
        grid.setHgap(8);
        grid.setVgap(6);
        grid.add(label("_Drug", drugField), 0, 0);
        grid.add(drugField, 1, 0, 3, 1);
        grid.add(common, 4, 0, 2, 1);
        grid.add(hint, 1, 1, 5, 1);
        grid.add(label("S_trength", strength), 0, 2);
        grid.add(strength, 1, 2);
        grid.add(label("F_orm", form), 2, 2);
        grid.add(form, 3, 2);
        grid.add(label("_Route", route), 4, 2);
        grid.add(route, 5, 2);
        grid.add(label("Dose", dose), 0, 3);
        grid.add(new HBox(6, dose, unit), 1, 3);
        grid.add(label("_How often", frequency), 2, 3);
        grid.add(frequency, 3, 3);
        grid.add(asNeeded, 4, 3, 2, 1);
        grid.add(label("Da_ys", days), 0, 4);
        HBox qty = new HBox(6, days, label("_Quantity", quantity), quantity, quantityState, computed);
        qty.setAlignment(Pos.CENTER_LEFT);
        grid.add(qty, 1, 4, 3, 1);
        grid.add(label("Re_fills", refills), 4, 4);
        grid.add(refills, 5, 4);
        grid.add(label("_Instructions", instructions), 0, 5);
        grid.add(instructions, 1, 5, 5, 1);
        grid.add(label("_Warnings", warnings), 0, 6);
        grid.add(warnings, 1, 6, 5, 1);
        ColumnConstraints c0 = new ColumnConstraints(80);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        ColumnConstraints c2 = new ColumnConstraints();
        c2.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints c3 = new ColumnConstraints();
        c3.setHgrow(Priority.ALWAYS);
        ColumnConstraints c4 = new ColumnConstraints();
        c4.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints c5 = new ColumnConstraints(150);
        grid.getColumnConstraints().addAll(c0, c1, c2, c3, c4, c5);

        Button clear = new Button("Clear");
        clear.setId("rx-line-clear");
        clear.setOnAction(e -> {
            model.clearForm();
            drugField.requestFocus();
        });
        Button add = new Button();
        add.setId("rx-line-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.textProperty().bind(Bindings.when(model.editingProperty().greaterThanOrEqualTo(0)).then("S_ave line").otherwise("_Add line"));
        add.setOnAction(e -> addLine());
        Label keys = Widgets.keyHint("rx-form-keys", "Ctrl+Enter adds the line");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, Widgets.problem(model.formErrorProperty(), "rx-form-error"), spacer, keys, clear, add);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label heading = Widgets.section("");
        heading.textProperty().bind(Bindings.when(model.editingProperty().greaterThanOrEqualTo(0))
                .then(Bindings.concat("Edit line ", model.editingProperty().add(1))).otherwise("Add a line"));
        Label alerted = new Label("The checks found something for this line: see the alerts.");
        alerted.setId("rx-pending-alerted");
        alerted.getStyleClass().addAll(Styles.TEXT_SMALL, "rx-pending-alerted");
        alerted.visibleProperty().bind(model.pendingLineAlertedProperty());
        alerted.managedProperty().bind(alerted.visibleProperty());
        HBox top = new HBox(12, heading, alerted);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, top, grid, actions);
        box.setId("rx-line-form");
        box.getStyleClass().add("rx-line-form");
        box.disableProperty().bind(model.editableProperty().not());
        box.visibleProperty().bind(model.draftProperty());
        box.managedProperty().bind(box.visibleProperty());
        box.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)) {
                addLine();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && model.editingProperty().get() >= 0) {
                model.clearForm();
                e.consume();
            }
        });
        return box;
    }

    private void addLine() {
        model.saveLine();
        if (model.formErrorProperty().get().isEmpty()) {
            drugField.requestFocus();
        }
    }

    /** The matches under the drug field: Up/Down move, Enter picks, Esc closes; free text stays as typed. */
    private void installMatches(TextField field) {
        ListView<DrugChoice> list = new ListView<>(model.matches());
        list.setId("rx-drug-matches");
        list.setFocusTraversable(false);
        list.setPrefHeight(190);
        list.getStyleClass().add("rx-drug-matches");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(DrugChoice item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                } else {
                    String details = item.getDetailsCount() == 0 ? "" : "  ·  " + String.join(", ", item.getDetailsList());
                    setText(item.getName() + details);
                }
            }
        });
        list.setOnMouseClicked(e -> {
            model.choose(list.getSelectionModel().getSelectedItem());
            field.requestFocus();
        });
        Popup popup = new Popup();
        popup.getContent().add(list);
        popup.setAutoHide(false);
        Runnable place = () -> {
            boolean show = !model.matches().isEmpty() && field.isFocused() && field.getScene() != null;
            if (show) {
                Bounds b = field.localToScreen(field.getBoundsInLocal());
                list.setPrefWidth(Math.max(360, b.getWidth()));
                if (!popup.isShowing()) {
                    popup.show(field, b.getMinX(), b.getMaxY());
                } else {
                    popup.setX(b.getMinX());
                    popup.setY(b.getMaxY());
                }
                if (list.getSelectionModel().getSelectedIndex() < 0) {
                    list.getSelectionModel().selectFirst();
                }
            } else if (popup.isShowing()) {
                popup.hide();
            }
        };
        model.matches().addListener((ListChangeListener<DrugChoice>) c -> place.run());
        field.focusedProperty().addListener((obs, old, now) -> place.run());
        field.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (model.matches().isEmpty()) {
                return;
            }
            int i = list.getSelectionModel().getSelectedIndex();
            if (e.getCode() == KeyCode.DOWN) {
                list.getSelectionModel().select(Math.min(i + 1, model.matches().size() - 1));
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                list.getSelectionModel().select(Math.max(i - 1, 0));
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown()) {
                DrugChoice chosen = list.getSelectionModel().getSelectedItem();
                model.choose(chosen == null ? model.matches().getFirst() : chosen);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                model.matches().clear();
                e.consume();
            }
        });
    }

    // ---- the alerts ----

    private VBox alertsPanel() {
        Label heading = Widgets.section("Checks");
        Label state = Widgets.muted(model.checkStateProperty(), "rx-check-state");
        state.getStyleClass().add(Styles.TEXT_SMALL);
        HBox top = new HBox(8, heading, Widgets.progress(model.checkingProperty()), state);
        top.setAlignment(Pos.CENTER_LEFT);
        // Cards in a VBox, not ListView cells: a VBox gives each card the height its wrapped text needs at
        // the panel's width, so long alerts stack instead of running into the next one.
        VBox cards = new VBox(8);
        cards.setId("rx-alerts");
        cards.getStyleClass().add("rx-alerts");
        cards.setFillWidth(true);
        Label none = new Label("No alerts for these lines.");
        none.setId("rx-alerts-none");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setId("rx-alerts-scroll");
        scroll.getStyleClass().add("rx-alerts-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // A card per alert key, kept while the alert stays, so a reason being typed keeps its focus as the checks rerun.
        Map<String, AlertCard> shown = new HashMap<>();
        Runnable fill = () -> {
            List<Node> now = new ArrayList<>();
            int high = 0;
            for (PrescriptionEditorViewModel.AlertRow row : model.alerts()) {
                AlertCard card = shown.computeIfAbsent(row.alert().getAlertKey(), k -> new AlertCard(model, this::askToSign));
                card.show(row, row.high() ? ++high : 0);
                now.add(card);
            }
            shown.values().retainAll(now);
            if (now.isEmpty()) {
                now.add(none);
            }
            if (!cards.getChildren().equals(now)) {
                cards.getChildren().setAll(now);
            }
        };
        model.alerts().addListener((ListChangeListener<PrescriptionEditorViewModel.AlertRow>) c -> fill.run());
        fill.run();
        VBox box = new VBox(6, top, scroll);
        box.setId("rx-alerts-panel");
        box.getStyleClass().add("rx-alerts-panel");
        box.setPrefWidth(380);
        box.setMinWidth(320);
        return box;
    }

    /**
     * One alert: severity, title, what may happen, what to do, the lines involved, the source; on a
     * draft a HIGH alert has its reason field here too (the same reason the Sign sheet asks for).
     */
    private static final class AlertCard extends VBox {
        private final PrescriptionEditorViewModel model;
        private final Label badge = new Label();
        private final Label title = new Label();
        private final Label consequence = line("rx-alert-consequence");
        private final Label action = line("rx-alert-action");
        private final Label involves = line("rx-alert-lines");
        private final Label source = line("rx-alert-source");
        private final Label overridden = line("rx-alert-override");
        private final Label reasonLabel = new Label("Reason to sign past it");
        private final TextField reason = new TextField();
        private String boundKey = "";

        AlertCard(PrescriptionEditorViewModel model, Runnable sign) {
            super(3);
            this.model = model;
            reason.setOnAction(e -> { // Enter: on to the Sign sheet, which shows this reason
                if (model.canSignProperty().get()) {
                    sign.run();
                }
            });
            badge.setMinWidth(Region.USE_PREF_SIZE);
            title.getStyleClass().addAll(Styles.TEXT_BOLD, "rx-alert-title");
            title.setWrapText(true);
            title.setMinHeight(Region.USE_PREF_SIZE);
            title.setMinWidth(0);
            title.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(title, Priority.ALWAYS);
            HBox head = new HBox(8, badge, title);
            head.setAlignment(Pos.TOP_LEFT);
            head.setMinHeight(Region.USE_PREF_SIZE);
            reasonLabel.getStyleClass().addAll(Styles.TEXT_SMALL, "rx-alert-reason-label");
            reasonLabel.setLabelFor(reason);
            reasonLabel.setMinHeight(Region.USE_PREF_SIZE);
            reason.setPromptText("Required to sign, e.g. tolerated it before");
            reason.getStyleClass().add("rx-alert-reason");
            for (Node n : List.of(reasonLabel, reason)) {
                n.managedProperty().bind(n.visibleProperty());
            }
            getChildren().addAll(head, consequence, action, involves, source, overridden, reasonLabel, reason);
            getStyleClass().add("rx-alert-card");
            setMinHeight(Region.USE_PREF_SIZE);
            setMaxWidth(Double.MAX_VALUE);
        }

        void show(PrescriptionEditorViewModel.AlertRow row, int highNumber) {
            getStyleClass().removeAll("rx-alert-high", "rx-alert-moderate", "rx-alert-low");
            getStyleClass().add(row.style());
            badge.setText(row.severity());
            badge.getStyleClass().setAll("label", "rx-alert-badge", row.style() + "-badge");
            title.setText(row.alert().getTitle());
            set(consequence, "", row.alert().getConsequence());
            set(action, "What to do: ", row.alert().getAction());
            set(involves, "Involves: ", row.lines());
            set(source, "Source: ", row.alert().getSource());
            set(overridden, row.alert().getOverrideReason().isBlank() ? "" : "Signed past by " + row.alert().getOverriddenByName() + ": ",
                    row.alert().getOverrideReason());
            boolean ask = row.high() && row.alert().getOverrideReason().isBlank() && model.draftProperty().get();
            reasonLabel.setVisible(ask);
            reason.setVisible(ask);
            reason.setId(ask ? "rx-alert-reason-" + highNumber : null);
            String key = row.alert().getAlertKey();
            if (ask && !key.equals(boundKey)) {
                if (!boundKey.isEmpty()) {
                    reason.textProperty().unbindBidirectional(model.overrideReason(boundKey));
                }
                reason.textProperty().bindBidirectional(model.overrideReason(key));
                boundKey = key;
            }
            reason.disableProperty().bind(model.editableProperty().not());
        }

        private static Label line(String style) {
            Label line = new Label();
            line.setWrapText(true);
            line.setMinHeight(Region.USE_PREF_SIZE);
            line.setMaxWidth(Double.MAX_VALUE);
            line.getStyleClass().addAll(style, Styles.TEXT_SMALL);
            line.managedProperty().bind(line.visibleProperty());
            return line;
        }

        private static void set(Label line, String prefix, String text) {
            boolean some = text != null && !text.isBlank();
            line.setText(some ? prefix + text : "");
            line.setVisible(some);
        }
    }

    // ---- footer: validity, note, actions ----

    private Node footer() {
        TextField valid = Widgets.field("rx-valid-days", model.validDaysProperty(), "30");
        valid.setPrefColumnCount(3);
        TextField note = Widgets.field("rx-note", model.noteProperty(), "Note for the pharmacist (optional)");
        HBox.setHgrow(note, Priority.ALWAYS);
        Label validLabel = label("_Valid for", valid);
        Label daysLabel = new Label("days");
        HBox settings = new HBox(8, validLabel, valid, daysLabel, label("Note", note), note);
        settings.setAlignment(Pos.CENTER_LEFT);
        settings.disableProperty().bind(model.editableProperty().not());
        for (Node n : List.of(validLabel, daysLabel)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }

        Button close = new Button("_Close");
        close.setId("rx-close");
        close.setOnAction(e -> {
            model.save();
            if (viewer != null) {
                viewer.close();
            }
            onClosed.run();
        });
        Button sign = new Button("_Sign…");
        sign.setId("rx-sign");
        sign.getStyleClass().add(Styles.ACCENT);
        sign.disableProperty().bind(model.canSignProperty().not().or(model.signingProperty()));
        sign.visibleProperty().bind(model.draftProperty());
        sign.managedProperty().bind(sign.visibleProperty());
        sign.setOnAction(e -> askToSign());
        Button print = new Button("_Print…");
        print.setId("rx-print");
        print.disableProperty().bind(model.printingProperty());
        TextField recipient = Widgets.field("rx-email-to", model.emailRecipientProperty(), "Patient's email on file");
        recipient.setPrefColumnCount(16);
        Button email = new Button("_Email");
        email.setId("rx-email");
        email.disableProperty().bind(model.emailingProperty());
        email.setOnAction(e -> model.email());
        recipient.setOnAction(e -> model.email());
        print.setOnAction(e -> model.print());
        // Sign disappears once signed: the cursor moves on to Print, the next thing a doctor does.
        model.signedProperty().addListener((obs, old, now) -> {
            if (now) {
                javafx.application.Platform.runLater(print::requestFocus);
            }
        });
        Label outcome = Widgets.muted(model.emailOutcomeProperty(), "rx-email-outcome");
        HBox papers = new HBox(8, Widgets.progress(model.printingProperty().or(model.emailingProperty())), print, recipient, email, outcome);
        papers.setAlignment(Pos.CENTER_LEFT);
        papers.visibleProperty().bind(model.signedProperty());
        papers.managedProperty().bind(papers.visibleProperty());
        for (Button b : List.of(close, sign, print, email)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label signHint = Widgets.problem(model.signErrorProperty(), "rx-sign-error");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, papers, signHint, spacer, close, sign);
        actions.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(8, settings, actions);
        box.getStyleClass().add("rx-editor-footer");
        return box;
    }

    /** Signs at once when nothing is HIGH; otherwise a sheet asks a reason per HIGH alert, Sign off until each has one. */
    private void askToSign() {
        if (model.highAlerts().isEmpty()) {
            model.sign();
            return;
        }
        VBox reasons = new VBox(10);
        int n = 0;
        TextField first = null;
        for (PrescriptionEditorViewModel.AlertRow row : model.highAlerts()) {
            n++;
            Label badge = new Label(row.severity());
            badge.getStyleClass().addAll("rx-alert-badge", "rx-alert-high-badge");
            Label title = new Label(row.alert().getTitle());
            title.setWrapText(true);
            title.getStyleClass().add(Styles.TEXT_BOLD);
            HBox head = new HBox(8, badge, title);
            Label action = new Label(row.alert().getAction());
            action.setWrapText(true);
            action.getStyleClass().add(Styles.TEXT_SMALL);
            TextField reason = Widgets.field("rx-override-reason-" + n, model.overrideReason(row.alert().getAlertKey()),
                    "Why sign past it (required)");
            if (first == null) {
                first = reason;
            }
            reasons.getChildren().add(new VBox(4, head, action, reason));
        }
        Label heading = new Label("Sign past " + (n == 1 ? "a high alert" : n + " high alerts"));
        heading.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label("Each high alert needs your reason. It is kept with the prescription and in the audit trail.");
        intro.setWrapText(true);
        Button cancel = new Button("Cancel");
        cancel.setId("rx-sign-cancel");
        Button confirm = new Button("Sign");
        confirm.setId("rx-sign-confirm");
        HBox buttons = Widgets.formActions(model.signingProperty(), cancel, confirm);
        confirm.disableProperty().unbind();
        confirm.disableProperty().bind(model.signingProperty().or(model.overridesCompleteProperty().not()));
        ScrollPane scroll = new ScrollPane(reasons);
        scroll.setFitToWidth(true);
        scroll.setMaxHeight(380);
        scroll.getStyleClass().add("rx-sign-reasons");
        VBox card = new VBox(12, heading, intro, scroll, Widgets.problem(model.signErrorProperty(), "rx-sign-dialog-error"), buttons);
        card.setId("rx-sign-dialog");
        card.setPadding(new Insets(22));
        card.setPrefWidth(560);
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        cancel.setOnAction(e -> sheet.close());
        confirm.setOnAction(e -> model.sign());
        javafx.beans.value.ChangeListener<Boolean> closeWhenSigned = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean old, Boolean now) {
                if (now || model.staleProperty().get()) {
                    sheet.close();
                    model.signedProperty().removeListener(this);
                    model.staleProperty().removeListener(this);
                }
            }
        };
        model.signedProperty().addListener(closeWhenSigned);
        model.staleProperty().addListener(closeWhenSigned);
        if (first != null) {
            TextField focus = first;
            javafx.application.Platform.runLater(focus::requestFocus);
        }
    }

    // ---- the PDF viewer ----

    private void showPdf(PrescriptionPaper pdf) {
        PrescriptionPaperView paper = new PrescriptionPaperView(pdf);
        if (viewer != null) {
            viewer.close();
        }
        Stage stage = new Stage();
        viewer = stage;
        if (getScene() != null && getScene().getWindow() != null) {
            stage.initOwner(getScene().getWindow());
        }
        stage.setTitle("Prescription — " + pdf.fileName());
        Scene scene = new Scene(paper, 900, 700);
        Theme.apply(scene);
        stage.setScene(scene);
        paper.onClose(stage::close);
        paper.onSave(model::saveCopy);
        stage.setOnHidden(e -> model.pdfProperty().set(null));
        stage.show();
    }

    private static Label label(String text, Node field) {
        Label label = new Label(text);
        label.setMnemonicParsing(text.contains("_"));
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
