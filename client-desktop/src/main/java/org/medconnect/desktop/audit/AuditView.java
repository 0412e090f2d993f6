package org.medconnect.desktop.audit;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.audit.v1.AuditEntry;
import org.medconnect.proto.staff.v1.StaffUser;

/** The Audit screen: the audit trail and the sign-in log with filters, CSV export and the chain check. */
public final class AuditView extends BorderPane {

    public AuditView(AuditViewModel model, Function<String, File> askExportFile) {
        setId("audit-screen");
        Label title = new Label("Audit");
        title.getStyleClass().add(Styles.TITLE_2);
        Label intro = new Label("Every sign-in, admin change, chart opening, override and export, each entry chained "
                + "to the one before so that a rewritten trail is caught.");
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        intro.setWrapText(true);

        ComboBox<StaffUser> user = Widgets.combo("audit-user", model.users(), model.userProperty(),
                u -> u == null ? "Anyone" : u.getDisplayName() + " (" + u.getUsername() + ")");
        user.setPromptText("Anyone");
        user.setPrefWidth(190);
        TextField action = Widgets.field("audit-action", model.actionPrefixProperty(), "Action, e.g. AUTH_");
        action.setPrefWidth(150);
        TextField patient = Widgets.field("audit-patient", model.patientIdProperty(), "Patient id");
        patient.setPrefWidth(120);
        DatePicker from = Widgets.datePicker("audit-from", model.fromProperty());
        from.setPromptText("From");
        from.setPrefWidth(130);
        DatePicker to = Widgets.datePicker("audit-to", model.toProperty());
        to.setPromptText("To");
        to.setPrefWidth(130);
        Button search = new Button("Search");
        search.setId("audit-search");
        search.setDefaultButton(true);
        search.setOnAction(e -> model.search());
        Button clear = new Button("Clear");
        clear.setId("audit-clear");
        clear.getStyleClass().add(Styles.FLAT);
        clear.setOnAction(e -> model.clearFilters());
        ProgressIndicator progress = Widgets.progress(model.busyProperty());
        HBox filters = new HBox(8, user, action, patient, from, to, search, clear, progress);
        filters.setAlignment(Pos.CENTER_LEFT);

        Button verify = new Button("Verify chain");
        verify.setId("audit-verify");
        verify.disableProperty().bind(model.verifyingProperty());
        verify.setOnAction(e -> model.verifyChain());
        Button export = new Button("Export CSV…");
        export.setId("audit-export");
        export.disableProperty().bind(model.exportingProperty());
        export.setOnAction(e -> {
            File file = askExportFile == null ? chooseFile(suggestedName()) : askExportFile.apply(suggestedName());
            if (file != null) {
                model.exportTo(file.toPath());
            }
        });
        ProgressIndicator exportProgress = Widgets.progress(model.exportingProperty().or(model.verifyingProperty()));
        Label exportStatus = Widgets.muted(model.exportStatusProperty(), "audit-export-status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, verify, export, exportProgress, exportStatus, spacer);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox chainPanel = chainPanel(model);

        TableView<AuditEntry> entries = table("audit-table", model, model.entries(), true);
        Label summary = Widgets.muted(model.summaryProperty(), "audit-summary");
        Button older = new Button("Load older");
        older.setId("audit-older");
        older.disableProperty().bind(model.entriesPageTokenProperty().isEmpty().or(model.busyProperty()));
        older.setOnAction(e -> model.loadOlderEntries());
        HBox entriesFooter = new HBox(10, summary, older);
        entriesFooter.setAlignment(Pos.CENTER_LEFT);
        entriesFooter.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(entries, Priority.ALWAYS);
        Tab entriesTab = new Tab("Audit trail", new VBox(entries, entriesFooter));
        entriesTab.setId("audit-tab-entries");

        TableView<AuditEntry> signIns = table("signin-log-table", model, model.signIns(), false);
        Button olderSignIns = new Button("Load older");
        olderSignIns.setId("signin-log-older");
        olderSignIns.disableProperty().bind(model.signInsPageTokenProperty().isEmpty().or(model.busyProperty()));
        olderSignIns.setOnAction(e -> model.loadOlderSignIns());
        HBox signInsFooter = new HBox(10, olderSignIns);
        signInsFooter.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(signIns, Priority.ALWAYS);
        Tab signInsTab = new Tab("Sign-in log", new VBox(signIns, signInsFooter));
        signInsTab.setId("audit-tab-signins");

        TabPane tabs = new TabPane(entriesTab, signInsTab);
        tabs.setId("audit-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        Label message = Widgets.problem(model.messageProperty(), "audit-message");
        VBox header = new VBox(8, title, intro, filters, actions, chainPanel, message);
        header.setPadding(new Insets(0, 0, 8, 0));
        setTop(header);
        setCenter(tabs);
        model.start();
    }

    private static VBox chainPanel(AuditViewModel model) {
        Label headline = new Label();
        headline.setId("audit-chain-headline");
        headline.setWrapText(true);
        Label detail = new Label();
        detail.setId("audit-chain-detail");
        detail.setWrapText(true);
        Button copy = new Button("Copy head hash");
        copy.setId("audit-chain-copy");
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(e -> {
            AuditViewModel.ChainResult result = model.chainProperty().get();
            if (result != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(result.headHash());
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        HBox top = new HBox(10, headline, copy);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox panel = new VBox(6, top, detail);
        panel.setId("audit-chain");
        panel.managedProperty().bind(panel.visibleProperty());
        panel.visibleProperty().bind(model.chainProperty().isNotNull());
        model.chainProperty().addListener((obs, old, now) -> {
            panel.getStyleClass().removeAll("callout-danger", "callout-intact");
            headline.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS, Styles.TEXT_BOLD);
            if (now == null) {
                return;
            }
            headline.setText(now.headline());
            detail.setText(now.detail());
            panel.getStyleClass().add(now.intact() ? "callout-intact" : "callout-danger");
            headline.getStyleClass().addAll(now.intact() ? Styles.SUCCESS : Styles.DANGER, Styles.TEXT_BOLD);
            copy.setVisible(now.intact());
        });
        return panel;
    }

    private static TableView<AuditEntry> table(String id, AuditViewModel model, javafx.collections.ObservableList<AuditEntry> items,
                                               boolean withTarget) {
        TableView<AuditEntry> table = new TableView<>(items);
        table.setId(id);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        TableColumn<AuditEntry, String> when = Tables.column("Time", 185, false, e -> model.time(e.getOccurredAt()));
        TableColumn<AuditEntry, String> who = Tables.column("Who", 120, false, AuditViewModel::who);
        TableColumn<AuditEntry, String> action = Tables.column("Action", 190, false, AuditEntry::getAction);
        TableColumn<AuditEntry, String> target = Tables.column("Target", 170, false, AuditViewModel::target);
        TableColumn<AuditEntry, String> detail = Tables.tippedColumn("Detail", 300, AuditEntry::getDetail);
        table.getColumns().addAll(withTarget ? List.of(when, who, action, target, detail) : List.of(when, who, action, detail));
        Label empty = new Label(withTarget ? "No audit entries match these filters." : "No sign-ins match these filters.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        return table;
    }

    /** The screen as the admin console shows it: "Export CSV…" asks for the file with a save dialog. */
    public AuditView(AuditViewModel model) {
        this(model, null);
    }

    private static String suggestedName() {
        return "medconnect-audit-" + LocalDate.now() + ".csv";
    }

    private File chooseFile(String suggested) {
        return fileChooser(getScene() == null ? null : getScene().getWindow()).apply(suggested);
    }

    private static Function<String, File> fileChooser(javafx.stage.Window owner) {
        return suggested -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the audit trail");
            chooser.setInitialFileName(suggested);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
            return chooser.showSaveDialog(owner);
        };
    }
}
