package org.medconnect.desktop.prescription.refill;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.prescription.v1.PrescriptionSummary;

/**
 * The doctor's Refill requests: the pending requests addressed to them, oldest first. Renew (Enter)
 * shows the patient's prescriptions to pick one, drafts its renewal and opens the chart on
 * Prescriptions to sign it; Decline takes a reason reception reads to the patient.
 */
public final class RefillInboxView extends BorderPane {

    private static final javafx.css.PseudoClass DRAFTED = javafx.css.PseudoClass.getPseudoClass("drafted");

    public RefillInboxView(RefillInboxViewModel model) {
        setId("refill-inbox-screen");
        getStyleClass().add("refill-inbox");

        Label title = Widgets.title("Refill requests", "refill-inbox-title");
        Label count = new Label();
        count.setId("refill-inbox-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> model.countProperty().get() == 0 ? "Nothing waiting"
                : org.medconnect.desktop.platform.Plural.of(model.countProperty().get(), "request waits", "requests wait")
                + " for your decision", model.countProperty()));
        Button refresh = new Button("Refresh");
        refresh.setId("refill-inbox-refresh");
        refresh.setOnAction(e -> model.reload());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, title, Widgets.progress(model.busyProperty()), spacer, count, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, toolbar, Widgets.keyHint("refill-inbox-keys",
                "Enter renew · Ctrl+O open chart · type a reason and press Decline · F5 reload"));
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);

        TableView<RefillRow> table = table(model);
        setCenter(table);
        VBox chooser = chooser(model);
        setRight(chooser);

        Button renew = new Button("_Renew…");
        renew.setId("refill-renew");
        renew.getStyleClass().add(Styles.ACCENT);
        renew.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()));
        renew.setOnAction(e -> model.startRenewal(model.selectedProperty().get()));
        Button chart = new Button("_Open chart");
        chart.setId("refill-open-chart");
        chart.disableProperty().bind(model.selectedProperty().isNull());
        chart.setOnAction(e -> model.openChart(model.selectedProperty().get()));
        TextField reason = new TextField();
        reason.setId("refill-decline-reason");
        reason.setPromptText("Reason to decline, e.g. needs a review visit first");
        reason.setPrefColumnCount(26);
        reason.textProperty().bindBidirectional(model.reasonProperty());
        reason.disableProperty().bind(model.selectedProperty().isNull());
        HBox.setHgrow(reason, Priority.SOMETIMES);
        Button decline = new Button("_Decline");
        decline.setId("refill-decline");
        decline.getStyleClass().add(Styles.DANGER);
        decline.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()));
        decline.setOnAction(e -> model.decline(model.selectedProperty().get()));
        reason.setOnAction(e -> model.decline(model.selectedProperty().get()));
        HBox actions = new HBox(8, renew, chart, new Label("or"), reason, decline);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox footer = new VBox(6, actions, Widgets.notice(model.noticeProperty(), "refill-inbox-notice"),
                Widgets.problem(model.messageProperty(), "refill-inbox-message"));
        footer.setPadding(new Insets(10, 0, 0, 0));
        setBottom(footer);

        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && model.selectedProperty().get() != null && !model.busyProperty().get()) {
                model.startRenewal(model.selectedProperty().get());
                e.consume();
            } else if (e.getCode() == KeyCode.O && e.isShortcutDown()) {
                model.openChart(model.selectedProperty().get());
                e.consume();
            }
        });
        // Keyboard: the list has the focus, its first request chosen, so Enter renews at once; closing the
        // renewal (Esc, Cancel) or answering a request brings the focus back to the list.
        model.requests().addListener((javafx.collections.ListChangeListener<RefillRow>) c -> {
            if (table.getSelectionModel().isEmpty() && !model.requests().isEmpty()) {
                table.getSelectionModel().selectFirst();
            }
        });
        model.renewingProperty().addListener((obs, old, now) -> {
            if (now == null) {
                Platform.runLater(table::requestFocus);
            }
        });
        model.noticeProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                Platform.runLater(table::requestFocus);
            }
        });
        Platform.runLater(table::requestFocus);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, model::reload);
    }

    private TableView<RefillRow> table(RefillInboxViewModel model) {
        TableView<RefillRow> table = new TableView<>(model.requests());
        table.setId("refill-inbox-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        var asked = Tables.tippedColumn("Asked", 140, RefillRow::asked);
        asked.setMinWidth(138);
        asked.setMaxWidth(150);
        table.getColumns().add(asked);
        // Full names wrap rather than being cut: a doctor must read whose request it is.
        var patient = Tables.wrappedColumn("Patient", 220, RefillRow::patientName);
        patient.setMinWidth(170);
        table.getColumns().add(patient);
        var mrn = Tables.tippedColumn("MRN", 100, RefillRow::mrn);
        mrn.setMinWidth(95);
        mrn.setMaxWidth(115);
        table.getColumns().add(mrn);
        var by = Tables.wrappedColumn("Recorded by", 130, RefillRow::requestedBy);
        by.setMinWidth(110);
        table.getColumns().add(by);
        table.getColumns().add(Tables.wrappedColumn("Asked for", 300, r ->
                model.drafted(r) ? "Renewal drafted, waiting for your signature · " + r.note() : r.note()));
        table.getColumns().forEach(c -> c.setSortable(false)); // first asked, first answered
        table.setRowFactory(t -> new TableRow<>() {
            {
                setOnMouseClicked(e -> {
                    if (e.getClickCount() == 2 && getItem() != null) {
                        model.startRenewal(getItem());
                    }
                });
            }

            @Override protected void updateItem(RefillRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(DRAFTED, !empty && model.drafted(item));
            }
        });
        Label placeholder = new Label("No refill requests wait for you. Reception records them when a patient asks for more of a medicine.");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.noticeProperty().addListener((obs, old, now) -> table.refresh()); // a drafted renewal changes its row
        return table;
    }

    /** "Renew for Ana Souza": the patient's renewable prescriptions, newest first. */
    private VBox chooser(RefillInboxViewModel model) {
        Label heading = new Label();
        heading.setId("refill-renew-heading");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        heading.setWrapText(true);
        heading.textProperty().bind(Bindings.createStringBinding(() -> model.renewingProperty().get() == null ? ""
                : "Renew for " + model.renewingProperty().get().patientName(), model.renewingProperty()));
        Label asked = new Label();
        asked.setWrapText(true);
        asked.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        asked.textProperty().bind(Bindings.createStringBinding(() -> model.renewingProperty().get() == null ? ""
                : "Asked: \u201c" + model.renewingProperty().get().note() + "\u201d", model.renewingProperty()));
        ListView<PrescriptionSummary> list = new ListView<>(model.renewable());
        list.setId("refill-renew-choices");
        list.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(PrescriptionSummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : model.describe(item));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.chosenProperty().set(now);
            }
        });
        model.chosenProperty().addListener((obs, old, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.renew();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                model.closeRenewal();
                e.consume();
            }
        });
        Label hint = new Label("The renewal opens in the chart as a draft, checked again; signing it answers the request.");
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Button cancel = new Button("Cancel");
        cancel.setId("refill-renew-cancel");
        cancel.setOnAction(e -> model.closeRenewal());
        Button go = new Button("Renew and open chart");
        go.setId("refill-renew-confirm");
        go.getStyleClass().add(Styles.ACCENT);
        go.disableProperty().bind(model.chosenProperty().isNull().or(model.busyProperty()));
        go.setOnAction(e -> model.renew());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, cancel, go);
        VBox panel = new VBox(8, heading, asked, list, hint, buttons);
        panel.setId("refill-renew-panel");
        panel.getStyleClass().add("refill-renew-panel");
        panel.setPrefWidth(360);
        panel.setMinWidth(320);
        BorderPane.setMargin(panel, new Insets(0, 0, 0, 14));
        panel.visibleProperty().bind(model.renewingProperty().isNotNull());
        panel.managedProperty().bind(panel.visibleProperty());
        model.renewingProperty().addListener((obs, old, now) -> {
            if (now != null) {
                Platform.runLater(list::requestFocus);
            }
        });
        return panel;
    }
}
