package org.medconnect.desktop.chart.prescription;

import org.medconnect.desktop.chart.prescription.paper.PrescriptionPaper;
import org.medconnect.desktop.chart.prescription.paper.PrescriptionPaperView;
import atlantafx.base.theme.Styles;
import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;

/**
 * The "Prescriptions" chart page: the list (status chips, newest first) over the adherence bars on
 * the left; the selected prescription on the right, or the editor for a draft. Ctrl+N starts a new
 * prescription, Enter or a double-click opens a draft, F5 reloads; the action buttons carry
 * mnemonics (Alt+R renew, Alt+C cancel, Alt+P print, Alt+E email, Alt+D record dispensing).
 */
public final class PrescriptionsView extends BorderPane {

    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);

    private final PrescriptionsViewModel model;
    private final Dialogs dialogs;

    public PrescriptionsView(PrescriptionsViewModel model, Dialogs dialogs, BiFunction<String, Runnable, Node> editor) {
        this.model = model;
        this.dialogs = dialogs;
        getStyleClass().add("rx-page");
        setId("rx-page");

        // ---- header ----
        Label heading = Widgets.title("Prescriptions", "rx-page-title");
        ToggleGroup scope = new ToggleGroup();
        ToggleButton inPlay = new ToggleButton("In play");
        inPlay.setId("rx-in-play");
        inPlay.setToggleGroup(scope);
        inPlay.getStyleClass().add(Styles.LEFT_PILL);
        ToggleButton all = new ToggleButton("All");
        all.setId("rx-show-all");
        all.setToggleGroup(scope);
        all.getStyleClass().add(Styles.RIGHT_PILL);
        (model.showAllProperty().get() ? all : inPlay).setSelected(true);
        scope.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always chosen
            } else {
                model.showAllProperty().set(now == all);
            }
        });
        HBox scopeBox = new HBox(inPlay, all);
        Button create = new Button("New prescription");
        create.setId("rx-new");
        create.getStyleClass().add(Styles.ACCENT);
        create.disableProperty().bind(model.busyProperty().or(model.editingProperty().isNotEmpty()));
        create.setOnAction(e -> model.newPrescription());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label notice = Widgets.notice(model.noticeProperty(), "rx-page-notice");
        Label message = Widgets.problem(model.messageProperty(), "rx-page-message");
        message.setWrapText(true);
        HBox header = new HBox(12, heading, scopeBox, Widgets.progress(model.loadingProperty().or(model.busyProperty())), notice,
                message, spacer, create);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("rx-header");

        // ---- the list ----
        TableView<PrescriptionsViewModel.Row> table = new TableView<>(model.rows());
        table.setId("rx-list");
        TableColumn<PrescriptionsViewModel.Row, PrescriptionsViewModel.Row> status = new TableColumn<>("Status");
        status.setPrefWidth(150);
        status.setSortable(false);
        status.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(PrescriptionsViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setGraphic(empty || row == null ? null : chip(row.status()));
                setText(null);
            }
        });
        table.getColumns().add(status);
        status.setMinWidth(148); // "Partly dispensed", the widest chip
        table.getColumns().add(fixed(Tables.column("Date", 92, false, PrescriptionsViewModel.Row::date)));
        TableColumn<PrescriptionsViewModel.Row, PrescriptionsViewModel.Row> what = new TableColumn<>("Drugs and prescriber");
        what.setPrefWidth(250);
        what.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        what.setCellFactory(c -> new TableCell<>() {
            // Text nodes wrap to the column's width, so every drug and the whole "valid until" show at 1366 x 768.
            private final javafx.scene.text.Text drugs = new javafx.scene.text.Text();
            private final javafx.scene.text.Text by = new javafx.scene.text.Text();
            private final VBox box = new VBox(1, drugs, by);
            {
                drugs.getStyleClass().add("rx-list-drugs");
                by.getStyleClass().add("rx-list-by");
                drugs.fillProperty().bind(textFillProperty());
                var width = Bindings.createDoubleBinding(() -> Math.max(10, c.getWidth() - snappedLeftInset() - snappedRightInset() - 1),
                        c.widthProperty(), paddingProperty());
                drugs.wrappingWidthProperty().bind(width);
                by.wrappingWidthProperty().bind(width);
            }
            @Override
            protected void updateItem(PrescriptionsViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                drugs.setText(row.drugs());
                by.setText(row.byLine());
                setGraphic(box);
            }
        });
        table.getColumns().add(what);
        table.getColumns().add(Tables.wrappedColumn("Alerts", 112, PrescriptionsViewModel.Row::alertsShort)); // "2 (1 overridden)" wraps
        table.getColumns().forEach(c -> c.setSortable(false)); // newest first is the order that means something
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_NEXT_COLUMN);
        status.setMaxWidth(160);
        table.placeholderProperty().bind(Bindings.when(model.showAllProperty())
                .then((Node) new Label("No prescriptions yet."))
                .otherwise((Node) new Label("Nothing in play: no drafts, and nothing signed waiting to be dispensed. Choose All for the archive.")));
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, was, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now && model.rows().contains(now)) {
                table.getSelectionModel().select(now);
            }
        });
        model.rows().addListener((ListChangeListener<PrescriptionsViewModel.Row>) c -> {
            PrescriptionsViewModel.Row now = model.selectedProperty().get();
            if (now != null && model.rows().contains(now)) {
                table.getSelectionModel().select(now);
            }
        });
        table.setRowFactory(t -> Tables.doubleClick(row -> model.editSelected()));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.editSelected();
                e.consume();
            }
        });

        VBox left = new VBox(6, table, adherencePanel());
        VBox.setVgrow(table, Priority.ALWAYS);
        left.getStyleClass().add("rx-left");

        // ---- the right side: the selected prescription, or the editor ----
        StackPane right = new StackPane();
        right.getStyleClass().add("rx-right");
        Node details = detailPane();
        Label choose = new Label("Choose a prescription to see its lines, alerts and history.");
        choose.getStyleClass().add(Styles.TEXT_MUTED);
        choose.setWrapText(true);
        Runnable showRight = () -> {
            String editing = model.editingProperty().get();
            if (!editing.isEmpty()) {
                right.getChildren().setAll(editor.apply(editing, model::editorClosed));
            } else if (model.detailProperty().get() == null) {
                right.getChildren().setAll(choose);
            } else {
                right.getChildren().setAll(details);
            }
        };
        model.editingProperty().addListener((obs, was, now) -> showRight.run());
        model.detailProperty().addListener((obs, was, now) -> {
            if (model.editingProperty().get().isEmpty() && (was == null) != (now == null)) {
                showRight.run();
            }
        });
        showRight.run();

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.5);
        split.getStyleClass().add("rx-split");
        SplitPane.setResizableWithParent(left, false);

        setTop(header);
        setCenter(split);

        model.paperProperty().addListener((obs, was, now) -> {
            if (now != null) {
                openPaper(now);
            }
        });
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (NEW.match(e) && !create.isDisabled()) {
                create.fire();
                e.consume();
            }
        });
        Widgets.reloadOnF5AndWhenShown(this, model::load, () -> { });
    }

    private static <S, T> TableColumn<S, T> fixed(TableColumn<S, T> column) {
        column.setMinWidth(column.getPrefWidth());
        column.setMaxWidth(column.getPrefWidth() + 20);
        return column;
    }

    /** A status chip: the words, coloured by the CSS class of the status. */
    static Label chip(PrescriptionStatus status) {
        Label chip = new Label(PrescriptionText.status(status));
        chip.getStyleClass().addAll("rx-chip", PrescriptionText.statusStyle(status));
        chip.setMinWidth(Region.USE_PREF_SIZE);
        return chip;
    }

    // ---- detail ----

    private Node detailPane() {
        Label statusChip = new Label();
        statusChip.setId("rx-detail-status");
        Label summary = new Label();
        summary.setId("rx-detail-summary");
        summary.setWrapText(true);
        HBox top = new HBox(10, statusChip, summary, Widgets.progress(model.detailLoadingProperty()));
        top.setAlignment(Pos.CENTER_LEFT);

        Button edit = action("_Open in editor", "rx-edit", model.canEditProperty());
        edit.setOnAction(e -> model.editSelected());
        edit.visibleProperty().bind(model.canEditProperty());
        edit.managedProperty().bind(edit.visibleProperty());
        Button renew = action("_Renew", "rx-renew", model.canRenewProperty());
        renew.setOnAction(e -> model.renew());
        Button cancel = action("_Cancel\u2026", "rx-cancel", model.canCancelProperty());
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.setOnAction(e -> openCancel());
        Button print = action("_Print", "rx-print", model.canPrintProperty());
        print.setOnAction(e -> model.print());
        Button email = action("_Email\u2026", "rx-email", model.canPrintProperty());
        email.setOnAction(e -> openEmail());
        Button dispense = action("Record _dispensing\u2026", "rx-dispense", model.canDispenseProperty());
        dispense.setOnAction(e -> openDispense());
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(6, 6, edit, renew, dispense, print, email, cancel);
        actions.getStyleClass().add("rx-actions");

        VBox lines = new VBox(6);
        lines.setId("rx-lines");
        VBox alerts = new VBox(6);
        alerts.setId("rx-alerts");
        VBox history = new VBox(2);
        history.setId("rx-history");
        Label extra = new Label();
        extra.setId("rx-detail-extra");
        extra.setWrapText(true);
        extra.getStyleClass().add("rx-detail-extra");
        Label sha = new Label();
        sha.setId("rx-pdf-sha");
        sha.setWrapText(true);
        sha.getStyleClass().addAll("rx-sha", Styles.TEXT_SMALL);
        Label alertsTitle = Widgets.section("Alerts");
        Label historyTitle = Widgets.section("History");

        Runnable fill = () -> {
            Prescription p = model.detailProperty().get();
            if (p == null) {
                return;
            }
            statusChip.getStyleClass().setAll("label", "rx-chip", PrescriptionText.statusStyle(p.getStatus()));
            statusChip.setText(PrescriptionText.status(p.getStatus()));
            summary.setText(summaryOf(p));
            extra.setText(extraOf(p));
            extra.setVisible(!extra.getText().isEmpty());
            extra.setManaged(extra.isVisible());
            sha.setText(p.getPdfSha256().isBlank() ? "" : "PDF SHA-256: " + p.getPdfSha256());
            sha.setVisible(!p.getPdfSha256().isBlank());
            sha.setManaged(sha.isVisible());
        };
        model.detailProperty().addListener((obs, was, now) -> fill.run());
        model.lines().addListener((ListChangeListener<PrescriptionsViewModel.LineRow>) c ->
                lines.getChildren().setAll(model.lines().stream().map(PrescriptionsView::lineCard).toList()));
        model.alerts().addListener((ListChangeListener<PrescriptionsViewModel.AlertRow>) c -> {
            alerts.getChildren().setAll(model.alerts().stream().map(PrescriptionsView::alertCard).toList());
            alertsTitle.setText(model.alerts().isEmpty() ? "Alerts: none" : "Alerts");
        });
        model.history().addListener((ListChangeListener<PrescriptionsViewModel.HistoryRow>) c ->
                history.getChildren().setAll(model.history().stream().map(PrescriptionsView::historyLine).toList()));

        // Alerts first: what the doctor signed past matters more than the lines' arithmetic.
        VBox box = new VBox(8, top, actions, extra, alertsTitle, alerts, Widgets.section("Lines"), lines, historyTitle, history, sha);
        box.getStyleClass().add("rx-detail");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setId("rx-detail");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("rx-detail-scroll");
        fill.run();
        return scroll;
    }

    private String summaryOf(Prescription p) {
        StringBuilder s = new StringBuilder();
        if (PrescriptionText.isSet(p.getSignedAt())) {
            s.append("on ").append(PrescriptionText.dateTime(p.getSignedAt(), model.zone()));
        } else {
            s.append("written ").append(PrescriptionText.dateTime(p.getCreatedAt(), model.zone()));
        }
        s.append(" by ").append(p.getPrescriberName());
        if (!p.getValidUntil().isBlank()) {
            s.append(" \u00b7 valid until ").append(PrescriptionText.isoDate(p.getValidUntil()));
        } else if (p.getValidDays() > 0) {
            s.append(" \u00b7 valid ").append(p.getValidDays()).append(" days from signing");
        }
        return s.toString();
    }

    private static String extraOf(Prescription p) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!p.getCancelReason().isBlank()) {
            parts.add("Cancelled: " + p.getCancelReason());
        }
        if (!p.getRenewalOf().isBlank()) {
            parts.add("Renews an earlier prescription.");
        }
        if (!p.getNote().isBlank()) {
            parts.add("Note for the pharmacist: " + p.getNote());
        }
        return String.join("\n", parts);
    }

    private static Node lineCard(PrescriptionsViewModel.LineRow line) {
        Label drug = new Label(line.line().getPosition() + ". " + line.drug());
        drug.getStyleClass().add("rx-line-drug");
        drug.setWrapText(true);
        Label sig = new Label(line.sig());
        sig.setWrapText(true);
        String counts = "Quantity " + line.quantity() + " \u00b7 refills " + line.refills()
                + (line.dispensed().isEmpty() ? "" : " \u00b7 dispensed " + line.dispensed());
        Label amounts = new Label(counts);
        amounts.getStyleClass().add(Styles.TEXT_MUTED);
        amounts.setWrapText(true);
        VBox card = new VBox(2, drug, sig, amounts);
        if (!line.instructions().isBlank()) {
            Label instructions = new Label("Instructions: " + line.instructions());
            instructions.setWrapText(true);
            card.getChildren().add(instructions);
        }
        if (!line.warnings().isBlank()) {
            Label warnings = new Label("Warnings: " + line.warnings());
            warnings.setWrapText(true);
            warnings.getStyleClass().add("rx-line-warnings");
            card.getChildren().add(warnings);
        }
        card.getStyleClass().add("rx-line");
        return card;
    }

    private static Node alertCard(PrescriptionsViewModel.AlertRow alert) {
        Label severity = new Label(alert.severity());
        severity.getStyleClass().addAll("rx-chip", alert.severityStyle());
        severity.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label(alert.heading());
        title.getStyleClass().add("rx-alert-title");
        title.setWrapText(true);
        HBox head = new HBox(8, severity, title);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(3, head);
        if (!alert.detail().isBlank()) {
            Label detail = new Label(alert.detail());
            detail.setWrapText(true);
            card.getChildren().add(detail);
        }
        if (!alert.source().isBlank()) {
            Label source = new Label("Source: " + alert.source());
            source.setWrapText(true);
            source.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            card.getChildren().add(source);
        }
        if (alert.overridden()) {
            Label override = new Label(alert.override());
            override.setWrapText(true);
            override.getStyleClass().add("rx-alert-override");
            card.getChildren().add(override);
        }
        card.getStyleClass().addAll("rx-alert", alert.overridden() ? "rx-alert-overridden" : "rx-alert-open");
        return card;
    }

    private static Node historyLine(PrescriptionsViewModel.HistoryRow row) {
        Label when = new Label(row.when());
        when.getStyleClass().add(Styles.TEXT_MUTED);
        when.setMinWidth(Region.USE_PREF_SIZE);
        Label what = new Label(row.what() + (row.by().isBlank() ? "" : " \u2014 " + row.by()));
        what.setWrapText(true);
        HBox line = new HBox(8, when, what);
        line.getStyleClass().add("rx-history-line");
        return line;
    }

    private static Button action(String text, String id, javafx.beans.value.ObservableBooleanValue enabled) {
        Button button = new Button(text);
        button.setId(id);
        button.setMnemonicParsing(true);
        button.disableProperty().bind(Bindings.not(enabled));
        return button;
    }

    // ---- adherence ----

    private Node adherencePanel() {
        Label title = Widgets.section("Adherence, last " + PrescriptionsViewModel.ADHERENCE_DAYS + " days");
        GridPane grid = new GridPane();
        grid.setId("rx-adherence");
        grid.getStyleClass().add("rx-adherence");
        grid.setHgap(10);
        grid.setVgap(4);
        Label none = new Label("Nothing dispensed yet: record a dispensing to see days covered.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        Runnable fill = () -> {
            grid.getChildren().clear();
            if (model.adherence().isEmpty()) {
                grid.add(none, 0, 0, 3, 1);
                return;
            }
            int r = 0;
            for (PrescriptionsViewModel.AdherenceRow a : model.adherence()) {
                Label drug = new Label(a.drug());
                drug.setMaxWidth(260);
                drug.getStyleClass().add("rx-adherence-drug");
                drug.setTooltip(new javafx.scene.control.Tooltip(a.drug()));
                ProgressBar bar = new ProgressBar(a.proportion());
                bar.setPrefWidth(160);
                bar.getStyleClass().add(a.proportion() >= 0.8 ? "rx-covered-good" : a.proportion() >= 0.5 ? "rx-covered-fair" : "rx-covered-poor");
                bar.setAccessibleText(a.drug() + " " + a.percent() + " of days covered");
                Label percent = new Label(a.percent());
                percent.getStyleClass().add("rx-adherence-percent");
                Label last = new Label(a.days() + " covered \u00b7 last dispensed " + a.lastDispensed()
                        + (a.supplyUntil().isEmpty() ? "" : " \u00b7 supply until " + a.supplyUntil()));
                last.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                grid.add(drug, 0, r);
                grid.add(bar, 1, r);
                grid.add(percent, 2, r++);
                grid.add(last, 0, r++, 3, 1);
            }
        };
        model.adherence().addListener((ListChangeListener<PrescriptionsViewModel.AdherenceRow>) c -> fill.run());
        fill.run();
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefHeight(96);
        scroll.setMinHeight(70);
        scroll.getStyleClass().add("rx-adherence-scroll");
        HBox head = new HBox(8, title, Widgets.progress(model.adherenceLoadingProperty()),
                Widgets.problem(model.adherenceMessageProperty(), "rx-adherence-message"));
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, head, scroll);
        box.getStyleClass().add("rx-adherence-panel");
        box.setMinHeight(Region.USE_PREF_SIZE);
        return box;
    }

    // ---- sheets ----

    private void openCancel() {
        model.startCancel();
        TextArea reason = new TextArea();
        reason.setId("rx-cancel-reason");
        reason.setPromptText("Why it is cancelled, e.g. patient already has a supply");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        reason.textProperty().bindBidirectional(model.cancelReasonProperty());
        Label reasonLabel = new Label("Reason");
        reasonLabel.setLabelFor(reason);
        Button back = new Button("Keep it");
        back.setId("rx-cancel-back");
        Button confirm = new Button("Cancel prescription");
        confirm.setId("rx-cancel-confirm");
        Prescription p = model.detailProperty().get();
        Label explain = new Label(p != null && p.getStatus() == PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED
                ? "The prescription stops being valid and its drugs leave the current medication list."
                : "The draft is kept in the archive as cancelled.");
        explain.setWrapText(true);
        VBox card = sheet("Cancel the prescription", explain, reasonLabel, reason,
                Widgets.problem(model.cancelErrorProperty(), "rx-cancel-error"), Widgets.formActions(model.busyProperty(), back, confirm));
        confirm.getStyleClass().add(Styles.DANGER);
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        back.setOnAction(e -> sheet.close());
        confirm.setOnAction(e -> model.cancel(sheet::close));
        reason.requestFocus();
    }

    private void openEmail() {
        model.startEmail();
        TextField recipient = Widgets.field("rx-email-recipient", model.emailRecipientProperty(), "The patient's address on file");
        Label label = new Label("Send to (leave empty for the patient's own address)");
        label.setLabelFor(recipient);
        label.setWrapText(true);
        Button back = new Button("Close");
        back.setId("rx-email-back");
        Button send = new Button("Send");
        send.setId("rx-email-send");
        VBox card = sheet("Email the prescription", label, recipient,
                Widgets.problem(model.emailErrorProperty(), "rx-email-error"), Widgets.formActions(model.busyProperty(), back, send));
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        back.setOnAction(e -> sheet.close());
        send.setOnAction(e -> model.email(sheet::close));
        recipient.requestFocus();
    }

    private void openDispense() {
        model.startDispense();
        ComboBox<PrescriptionsViewModel.LineRow> line = Widgets.combo("rx-dispense-line", model.lines(), model.dispenseLineProperty(),
                PrescriptionsViewModel.LineRow::choice);
        var on = ClinicDates.picker("rx-dispense-on", model.dispensedOnProperty());
        TextField quantity = Widgets.field("rx-dispense-quantity", model.dispenseQuantityProperty(), "e.g. 21");
        ToggleGroup sourceGroup = new ToggleGroup();
        HBox sources = new HBox(12);
        sources.setId("rx-dispense-source");
        for (PrescriptionsViewModel.Source s : PrescriptionsViewModel.Source.values()) {
            javafx.scene.control.RadioButton radio = new javafx.scene.control.RadioButton(s.label());
            radio.setId("rx-dispense-source-" + s.name().toLowerCase(java.util.Locale.ROOT));
            radio.setToggleGroup(sourceGroup);
            radio.setUserData(s);
            radio.setSelected(model.dispenseSourceProperty().get() == s);
            sources.getChildren().add(radio);
        }
        sourceGroup.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.dispenseSourceProperty().set((PrescriptionsViewModel.Source) now.getUserData());
            }
        });
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, labelFor("Line", line), line);
        form.addRow(1, labelFor("Dispensed on", on), on);
        form.addRow(2, labelFor("Quantity", quantity), quantity);
        form.addRow(3, new Label("Reported by"), sources);
        GridPane.setHgrow(line, Priority.ALWAYS);
        Button back = new Button("Close");
        back.setId("rx-dispense-back");
        Button save = new Button("Record");
        save.setId("rx-dispense-confirm");
        VBox card = sheet("Record a dispensing", form, Widgets.problem(model.dispenseErrorProperty(), "rx-dispense-error"),
                Widgets.formActions(model.busyProperty(), back, save));
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        back.setOnAction(e -> sheet.close());
        save.setOnAction(e -> model.recordDispense(sheet::close));
        quantity.requestFocus();
    }

    private void openPaper(PrescriptionPaper paper) {
        PrescriptionPaperView view = new PrescriptionPaperView(paper);
        OverlayHost.Sheet sheet = dialogs.overlays().show(view);
        view.onClose(() -> {
            sheet.close();
            model.closePaper();
        });
        view.onSave(file -> model.savePaper(file));
    }

    private static VBox sheet(String title, Node... content) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox card = new VBox(10, heading);
        card.getChildren().addAll(content);
        card.getStyleClass().add("rx-sheet");
        card.setPrefWidth(480);
        return card;
    }

    private static Label labelFor(String text, Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
