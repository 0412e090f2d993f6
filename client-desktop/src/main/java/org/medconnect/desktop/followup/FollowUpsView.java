package org.medconnect.desktop.followup;

import atlantafx.base.theme.Styles;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
import org.medconnect.proto.chart.v1.FollowUp;

/**
 * Reception's Follow-ups screen: open follow-ups due first; Book (button or Enter) opens the
 * booking dialog prefilled, Dismiss takes a reason. Reloads when shown and on F5.
 */
public final class FollowUpsView extends BorderPane {

    private static final PseudoClass OVERDUE = PseudoClass.getPseudoClass("overdue");

    public FollowUpsView(FollowUpsViewModel model, FollowUpsViewModel.Booker booker) {
        setId("follow-ups-screen");
        getStyleClass().add("follow-ups");
        Label title = new Label("Follow-ups");
        title.getStyleClass().add(Styles.TITLE_3);
        Button refresh = new Button("Refresh");
        refresh.setId("follow-ups-refresh");
        refresh.setOnAction(e -> model.reload());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, title, Widgets.progress(model.busyProperty()), spacer,
                Widgets.muted(model.summaryProperty(), "follow-ups-summary"), refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<FollowUp> table = new TableView<>(model.followUps());
        table.setId("follow-ups-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        var due = Tables.tippedColumn("Due", 100, FollowUpsViewModel::due);
        due.setMinWidth(95);
        due.setMaxWidth(120);
        table.getColumns().add(due);
        table.getColumns().add(Tables.tippedColumn("Patient", 300, FollowUp::getPatientName));
        var mrn = Tables.tippedColumn("MRN", 100, FollowUp::getPatientMrn);
        mrn.setMinWidth(100);
        mrn.setMaxWidth(115);
        table.getColumns().add(mrn);
        var phone = Tables.tippedColumn("Phone", 125, FollowUp::getPatientPhone);
        phone.setMinWidth(165); // a cut phone number is no use
        phone.setMaxWidth(190);
        table.getColumns().add(phone);
        table.getColumns().add(Tables.tippedColumn("Doctor", 180, FollowUp::getDoctorName));
        table.getColumns().add(Tables.tippedColumn("Note for reception", 220, FollowUp::getNote));
        table.getColumns().forEach(c -> c.setSortable(false)); // the server's order is the due order
        table.setRowFactory(t -> new TableRow<>() {
            {
                setOnMouseClicked(e -> {
                    if (e.getClickCount() == 2 && getItem() != null) {
                        model.book(getItem(), booker);
                    }
                });
            }

            @Override protected void updateItem(FollowUp item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(OVERDUE, !empty && item != null && model.overdue(item));
            }
        });
        Label placeholder = new Label("No open follow-ups. Doctors' \"see again in …\" recommendations appear here.");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && model.selectedProperty().get() != null && !model.busyProperty().get()) {
                model.book(model.selectedProperty().get(), booker);
                e.consume();
            }
        });

        Button book = new Button("_Book…");
        book.setId("follow-up-book");
        book.getStyleClass().add(Styles.ACCENT);
        book.setDefaultButton(false);
        book.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()));
        book.setOnAction(e -> model.book(model.selectedProperty().get(), booker));
        TextField reason = new TextField();
        reason.setId("follow-up-dismiss-reason");
        reason.setPromptText("Reason to dismiss, e.g. booked elsewhere");
        reason.setPrefColumnCount(22);
        reason.disableProperty().bind(model.selectedProperty().isNull());
        Button dismiss = new Button("_Dismiss");
        dismiss.setId("follow-up-dismiss");
        dismiss.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()));
        Runnable doDismiss = () -> {
            if (model.dismiss(model.selectedProperty().get(), reason.getText())) {
                reason.clear();
            }
        };
        dismiss.setOnAction(e -> doDismiss.run());
        reason.setOnAction(e -> doDismiss.run());
        Button more = new Button("Show more");
        more.setId("follow-ups-more");
        more.visibleProperty().bind(model.moreProperty());
        more.managedProperty().bind(model.moreProperty());
        more.disableProperty().bind(model.busyProperty());
        more.setOnAction(e -> model.loadMore());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox footer = new HBox(8, book, reason, dismiss, Widgets.notice(model.noticeProperty(), "follow-ups-notice"),
                Widgets.problem(model.messageProperty(), "follow-ups-message"), gap, more);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(8, 0, 0, 0));
        VBox top = new VBox(8, toolbar, Widgets.keyHint("follow-ups-keys", "Enter book · F5 reload"));
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(table);
        setBottom(footer);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, model::reload);
    }
}
