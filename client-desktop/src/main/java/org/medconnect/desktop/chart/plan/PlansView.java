package org.medconnect.desktop.chart.plan;

import atlantafx.base.theme.Styles;
import java.io.IOException;
import java.nio.file.Files;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.medconnect.desktop.platform.ClinicNames;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.chart.v1.CarePlan;
import org.medconnect.proto.chart.v1.CarePlanStatus;
import org.medconnect.proto.chart.v1.Referral;

/** The chart's Plans & referrals page: care plans on the left, referrals on the right, a follow-up below. */
public final class PlansView extends BorderPane {

    public PlansView(PlansViewModel model, Dialogs dialogs) {
        setId("chart-plans");
        getStyleClass().add("chart-plans");
        Label title = new Label("Plans & referrals");
        title.getStyleClass().add(Styles.TITLE_3);
        HBox header = new HBox(12, title, Widgets.progress(model.busyProperty()),
                Widgets.notice(model.noticeProperty(), "plans-notice"), Widgets.problem(model.messageProperty(), "plans-message"));
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chart-plans-header");

        GridPane columns = new GridPane();
        columns.setHgap(18);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        columns.getColumnConstraints().addAll(half, half);
        columns.add(plans(model), 0, 0);
        columns.add(referrals(model, dialogs), 1, 0);
        javafx.scene.layout.RowConstraints row = new javafx.scene.layout.RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        columns.getRowConstraints().add(row);

        setTop(header);
        setCenter(columns);
        setBottom(followUp(model));
    }

    private static VBox plans(PlansViewModel model) {
        TableView<CarePlan> table = new TableView<>(model.plans());
        table.setId("care-plans-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.column("Status", 90, p -> PlansViewModel.status(p.getStatus())));
        table.getColumns().add(Tables.tippedColumn("Plan", 210, CarePlan::getTitle));
        table.getColumns().add(Tables.tippedColumn("Details", 150, p -> p.getDetails().replace('\n', ' ')));
        table.getColumns().add(Tables.tippedColumn("By", 130, CarePlan::getUpdatedByName));
        Label empty = new Label("No care plans.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.setRowFactory(t -> {
            var row = Tables.doubleClick(model::edit);
            row.itemProperty().addListener((o, was, now) -> {
                row.getStyleClass().remove("entered-in-error");
                if (now != null && now.getStatus() == CarePlanStatus.CARE_PLAN_STATUS_ENTERED_IN_ERROR) {
                    row.getStyleClass().add("entered-in-error");
                }
            });
            return row;
        });

        TextField planTitle = Widgets.field("care-plan-title", model.planTitleProperty(), "Plan title, e.g. Blood pressure control");
        TextArea details = new TextArea();
        details.setId("care-plan-details");
        details.setPromptText("Details: goals, steps, when to review");
        details.setPrefRowCount(3);
        details.setWrapText(true);
        details.textProperty().bindBidirectional(model.planDetailsProperty());
        Button save = new Button();
        save.setId("care-plan-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.textProperty().bind(javafx.beans.binding.Bindings.when(model.editingProperty().isNull())
                .then("Add plan").otherwise("Save plan"));
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.savePlan());
        Button edit = new Button("Edit");
        edit.setId("care-plan-edit");
        Button complete = new Button("Complete");
        complete.setId("care-plan-complete");
        Button fresh = new Button("New");
        fresh.setId("care-plan-new");
        fresh.setOnAction(e -> model.newPlan());
        var active = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            CarePlan p = table.getSelectionModel().getSelectedItem();
            return p != null && p.getStatus() == CarePlanStatus.CARE_PLAN_STATUS_ACTIVE;
        }, table.getSelectionModel().selectedItemProperty());
        edit.disableProperty().bind(active.not().or(model.busyProperty()));
        complete.disableProperty().bind(active.not().or(model.busyProperty()));
        edit.setOnAction(e -> model.edit(table.getSelectionModel().getSelectedItem()));
        complete.setOnAction(e -> model.complete(table.getSelectionModel().getSelectedItem()));
        Label editing = new Label();
        editing.getStyleClass().add(Styles.TEXT_MUTED);
        editing.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.editingProperty().get() == null
                ? "" : "Editing version " + model.editingProperty().get().getVersion(), model.editingProperty()));
        HBox actions = new HBox(8, save, fresh, editing, spacer(), edit, complete);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label shown = selectedText("care-plan-selected", javafx.beans.binding.Bindings.createStringBinding(() -> {
            CarePlan p = table.getSelectionModel().getSelectedItem();
            return p == null ? "" : p.getTitle() + " (version " + p.getVersion() + ", " + p.getUpdatedByName() + "): "
                    + p.getDetails().replace('\n', ' ');
        }, table.getSelectionModel().selectedItemProperty()));
        TextField reason = Widgets.field("care-plan-error-reason", model.planErrorReasonProperty(),
                "Why the selected plan was entered in error (required)");
        reason.setOnAction(e -> model.markEnteredInError(table.getSelectionModel().getSelectedItem()));
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button inError = new Button("Entered in error");
        inError.setId("care-plan-entered-in-error");
        inError.getStyleClass().add(Styles.DANGER);
        inError.setMinWidth(Region.USE_PREF_SIZE);
        var correctable = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            CarePlan p = table.getSelectionModel().getSelectedItem();
            return p != null && p.getStatus() != CarePlanStatus.CARE_PLAN_STATUS_ENTERED_IN_ERROR;
        }, table.getSelectionModel().selectedItemProperty());
        inError.disableProperty().bind(correctable.not().or(model.busyProperty()));
        inError.setOnAction(e -> model.markEnteredInError(table.getSelectionModel().getSelectedItem()));
        HBox errorRow = new HBox(8, reason, inError);
        errorRow.setAlignment(Pos.CENTER_LEFT);
        errorRow.visibleProperty().bind(correctable);
        errorRow.managedProperty().bind(errorRow.visibleProperty());
        CheckBox showInError = new CheckBox("Show entered in error");
        showInError.setId("care-plans-show-in-error");
        showInError.selectedProperty().bindBidirectional(model.showEnteredInErrorProperty());
        HBox heading = new HBox(8, Widgets.section("Care plans"), spacer(), showInError);
        heading.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, heading, table, shown, errorRow, planTitle, details, actions);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static VBox referrals(PlansViewModel model, Dialogs dialogs) {
        TableView<Referral> table = new TableView<>(model.referrals());
        table.setId("referrals-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.column("Sent", 95, r -> model.date(r.getCreatedAt())));
        table.getColumns().add(Tables.tippedColumn("To", 250, PlansViewModel::destination));
        table.getColumns().add(Tables.column("Status", 105, r -> PlansViewModel.status(r.getStatus())
                + (r.getUrgency() == org.medconnect.proto.chart.v1.ReferralUrgency.REFERRAL_URGENCY_URGENT ? ", urgent" : "")));
        table.getColumns().add(Tables.tippedColumn("Reason", 120, r -> r.getReason().replace('\n', ' ')));
        Label empty = new Label("No referrals.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);

        ToggleGroup where = new ToggleGroup();
        RadioButton colleague = new RadioButton("To a colleague");
        colleague.setId("referral-colleague");
        colleague.setToggleGroup(where);
        colleague.setSelected(true);
        RadioButton outside = new RadioButton("Outside the clinic");
        outside.setId("referral-outside");
        outside.setToggleGroup(where);
        model.outsideProperty().bind(outside.selectedProperty());
        CheckBox urgent = new CheckBox("Urgent");
        urgent.setId("referral-urgent");
        urgent.selectedProperty().bindBidirectional(model.urgentProperty());
        var doctors = Widgets.combo("referral-doctor", model.colleagues(), model.colleagueProperty(), ClinicNames::doctor);
        doctors.setPromptText("Colleague");
        doctors.setMaxWidth(Double.MAX_VALUE);
        doctors.visibleProperty().bind(colleague.selectedProperty());
        doctors.managedProperty().bind(colleague.selectedProperty());
        TextField provider = Widgets.field("referral-provider", model.providerProperty(), "Provider, e.g. Dr Jana Novák, St Anne's Cardiology");
        TextField address = Widgets.field("referral-address", model.addressProperty(), "Address (optional)");
        HBox outsideFields = new HBox(8, provider, address);
        HBox.setHgrow(provider, Priority.ALWAYS);
        HBox.setHgrow(address, Priority.ALWAYS);
        outsideFields.visibleProperty().bind(outside.selectedProperty());
        outsideFields.managedProperty().bind(outside.selectedProperty());
        TextField reason = Widgets.field("referral-reason", model.referralReasonProperty(), "Reason for the referral");
        Button refer = new Button("Refer");
        refer.setId("referral-send");
        refer.getStyleClass().add(Styles.ACCENT);
        refer.disableProperty().bind(model.busyProperty());
        refer.setOnAction(e -> model.refer());
        Button letter = new Button("Show letter");
        letter.setId("referral-letter");
        Button save = new Button("Save letter…");
        save.setId("referral-letter-save");
        var hasLetter = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            Referral r = table.getSelectionModel().getSelectedItem();
            return r != null && r.getHasLetter();
        }, table.getSelectionModel().selectedItemProperty());
        letter.disableProperty().bind(hasLetter.not().or(model.busyProperty()));
        save.disableProperty().bind(hasLetter.not().or(model.busyProperty()));
        letter.setOnAction(e -> model.letter(table.getSelectionModel().getSelectedItem(), l -> showLetter(dialogs, l)));
        save.setOnAction(e -> model.letter(table.getSelectionModel().getSelectedItem(), l -> saveLetter(dialogs, save, l)));
        HBox kind = new HBox(12, colleague, outside, urgent);
        kind.setAlignment(Pos.CENTER_LEFT);
        Button cancel = new Button("Cancel referral");
        cancel.setId("referral-cancel");
        var mayCancel = javafx.beans.binding.Bindings.createBooleanBinding(() -> model.mayCancel(table.getSelectionModel().getSelectedItem()),
                table.getSelectionModel().selectedItemProperty());
        cancel.disableProperty().bind(mayCancel.not().or(model.busyProperty()));
        cancel.setOnAction(e -> {
            Referral r = table.getSelectionModel().getSelectedItem();
            dialogs.confirm("Cancel the referral to " + PlansViewModel.destination(r) + "?",
                    r.getToDoctorName().isEmpty() ? "The letter stays in the chart." : "The colleague can no longer open this chart.",
                    "Cancel referral", true, () -> model.cancel(r));
        });
        HBox actions = new HBox(8, refer, spacer(), cancel, letter, save);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label shown = selectedText("referral-selected", javafx.beans.binding.Bindings.createStringBinding(() -> {
            Referral r = table.getSelectionModel().getSelectedItem();
            return r == null ? "" : (r.getToDoctorName().isEmpty() ? r.getToExternal().replace("\n", ", ") : r.getToDoctorName())
                    + ": " + r.getReason().replace('\n', ' ');
        }, table.getSelectionModel().selectedItemProperty()));
        VBox box = new VBox(6, Widgets.section("Referrals"), table, shown, kind, doctors, outsideFields, reason, actions);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static HBox followUp(PlansViewModel model) {
        ToggleGroup when = new ToggleGroup();
        RadioButton inWeeks = new RadioButton("In");
        inWeeks.setId("follow-up-in-weeks");
        inWeeks.setToggleGroup(when);
        inWeeks.setSelected(true);
        Spinner<Integer> weeks = new Spinner<>(1, 104, model.weeksProperty().get());
        weeks.setId("follow-up-weeks");
        weeks.setEditable(true);
        weeks.setPrefWidth(80);
        weeks.valueProperty().addListener((obs, old, now) -> model.weeksProperty().set(now == null ? 1 : now));
        Label weeksLabel = new Label("weeks");
        RadioButton onDate = new RadioButton("On");
        onDate.setId("follow-up-on-date");
        onDate.setToggleGroup(when);
        var date = Widgets.datePicker("follow-up-date", model.dueOnProperty());
        date.setPrefWidth(150);
        date.disableProperty().bind(onDate.selectedProperty().not());
        weeks.disableProperty().bind(inWeeks.selectedProperty().not());
        onDate.selectedProperty().addListener((obs, old, now) -> model.dueProperty().set(now ? PlansViewModel.Due.ON_DATE
                : PlansViewModel.Due.IN_WEEKS));
        TextField note = Widgets.field("follow-up-note", model.followUpNoteProperty(), "Note for reception, e.g. 30 minutes, fasting");
        HBox.setHgrow(note, Priority.ALWAYS);
        Button recommend = new Button("Recommend follow-up");
        recommend.setId("follow-up-recommend");
        recommend.disableProperty().bind(model.busyProperty());
        recommend.setOnAction(e -> model.recommendFollowUp());
        Label label = Widgets.section("Follow-up");
        HBox box = new HBox(8, label, inWeeks, weeks, weeksLabel, onDate, date, note, recommend);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("chart-plans-follow-up");
        return box;
    }

    private static void showLetter(Dialogs dialogs, PlansViewModel.Letter letter) {
        VBox pages = new VBox(8);
        letter.pages().forEach(p -> {
            int w = p.getWidth();
            int h = p.getHeight();
            javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage(w, h);
            image.getPixelWriter().setPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                    p.getRGB(0, 0, w, h, null, 0, w), 0, w);
            ImageView view = new ImageView(image);
            view.setPreserveRatio(true);
            view.setFitWidth(640);
            pages.getChildren().add(view);
        });
        ScrollPane scroll = new ScrollPane(pages);
        scroll.setId("referral-letter-pages");
        scroll.setPrefViewportWidth(660);
        scroll.setPrefViewportHeight(520);
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        Button close = new Button("Close");
        close.setId("referral-letter-close");
        close.setCancelButton(true);
        close.setOnAction(e -> sheet[0].close());
        Label name = new Label(letter.fileName());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        HBox bar = new HBox(8, name, spacer(), close);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(8, bar, scroll);
        card.setPadding(new Insets(12));
        card.getStyleClass().add("chart-plans-letter");
        sheet[0] = dialogs.overlays().show(card);
    }

    private static void saveLetter(Dialogs dialogs, javafx.scene.Node owner, PlansViewModel.Letter letter) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save referral letter");
        chooser.setInitialFileName(letter.fileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        var file = chooser.showSaveDialog(owner.getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            Files.write(file.toPath(), letter.pdf());
        } catch (IOException e) {
            dialogs.inform("Could not save the letter", e.getMessage());
        }
    }

    /** The selected row's whole text under a table, wrapped (cells cut long text). */
    private static Label selectedText(String id, javafx.beans.binding.StringBinding text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMaxHeight(60);
        label.getStyleClass().add("chart-plans-selected");
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotEmpty());
        label.managedProperty().bind(text.isNotEmpty());
        return label;
    }

        private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
