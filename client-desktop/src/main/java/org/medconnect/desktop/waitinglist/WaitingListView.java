package org.medconnect.desktop.waitinglist;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FrontDesk;
import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.proto.appointment.v1.WaitingListEntry;

/** The Waiting list screen: offers first and highlighted, booked in one click; add, decline, remove. */
public final class WaitingListView extends BorderPane {

    public WaitingListView(WaitingListViewModel model, FrontDesk desk) {
        setId("waiting-list-screen");
        ClinicTime time = desk.time();
        Label title = new Label("Waiting list");
        title.getStyleClass().add(Styles.TITLE_3);
        Button refresh = new Button("Refresh");
        refresh.setId("waiting-refresh");
        refresh.setOnAction(e -> model.reload());
        Button add = new Button("_Add to waiting list…");
        add.setId("waiting-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.setOnAction(e -> desk.openWaitingListForm(Optional.empty(), model::reload));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, title, Widgets.progress(model.busyProperty()), spacer,
                Widgets.muted(model.summaryProperty(), "waiting-summary"), refresh, add);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<WaitingListEntry> table = new TableView<>(model.entries());
        table.setId("waiting-table");
        table.getStyleClass().addAll(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<WaitingListEntry, WaitingListEntry> action = new TableColumn<>("Status");
        action.setPrefWidth(95);
        action.setMinWidth(95);
        action.setSortable(false);
        action.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        action.setCellFactory(c -> new TableCell<>() {
            private final Button book = new Button("Book offer");
            private final Label waiting = new Label("Waiting");
            {
                waiting.getStyleClass().add(Styles.TEXT_MUTED);
                book.getStyleClass().addAll(Styles.SUCCESS, Styles.SMALL);
                book.disableProperty().bind(model.busyProperty());
                book.setOnAction(e -> model.bookOffer(getItem()));
            }

            @Override protected void updateItem(WaitingListEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : WaitingListViewModel.offered(item) ? book : waiting);
            }
        });
        table.getColumns().add(action);
        table.getColumns().add(Tables.tippedColumn("Patient", 130, e -> e.getPatient().getDisplayName()));
        var phone = Tables.tippedColumn("Phone", 115, (WaitingListEntry e) -> e.getPatient().getPhone());
        phone.setMinWidth(115); // a cut phone number is no use
        table.getColumns().add(phone);
        table.getColumns().add(Tables.tippedColumn("With", 130, e -> e.getDoctorName().isBlank() ? e.getDepartmentName() + " (any)" : e.getDoctorName()));
        var type = Tables.tippedColumn("Type", 105, WaitingListEntry::getTypeName);
        type.setMinWidth(100);
        table.getColumns().add(type);
        table.getColumns().add(Tables.tippedColumn("Days", 125, e -> shortDay(e.getFromDate()) + " – " + shortDay(e.getToDate())));
        table.getColumns().add(Tables.tippedColumn("Offered slot", 190, e -> !WaitingListViewModel.offered(e) ? ""
                : time.dayAndTime(e.getOffer().getStartsAt()) + ", " + e.getOffer().getDoctorName()));
        table.getColumns().add(Tables.tippedColumn("Note", 100, WaitingListEntry::getNote));
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(WaitingListEntry item, boolean empty) {
                super.updateItem(item, empty);
                boolean offer = !empty && WaitingListViewModel.offered(item);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("offered"), offer);
                setTooltip(offer ? new javafx.scene.control.Tooltip("Offered " + time.dayAndTime(item.getOffer().getStartsAt())
                        + " with " + item.getOffer().getDoctorName()
                        + (item.getOffer().getLocationName().isBlank() ? "" : " at " + item.getOffer().getLocationName())
                        + ". Call the patient, then Book offer or Decline offer.") : null);
            }
        });
        Label placeholder = new Label("Nobody is waiting. Add a patient who wants an earlier or any slot.");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));

        Button book = new Button("_Book offer");
        book.setId("waiting-book-offer");
        book.getStyleClass().add(Styles.SUCCESS);
        book.setOnAction(e -> model.bookOffer(model.selectedProperty().get()));
        Button decline = new Button("_Decline offer");
        decline.setId("waiting-decline-offer");
        decline.setOnAction(e -> model.declineOffer(model.selectedProperty().get()));
        var isOffer = Bindings.createBooleanBinding(() -> WaitingListViewModel.offered(model.selectedProperty().get()),
                model.selectedProperty());
        book.disableProperty().bind(isOffer.not().or(model.busyProperty()));
        decline.disableProperty().bind(isOffer.not().or(model.busyProperty()));
        Button remove = new Button("_Remove…");
        remove.setId("waiting-remove");
        remove.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()));
        remove.setOnAction(e -> {
            WaitingListEntry entry = model.selectedProperty().get();
            desk.dialogs().confirm("Remove " + entry.getPatient().getDisplayName() + " from the waiting list?",
                    "They will not be offered freed slots any more.", "Remove", true, () -> model.remove(entry));
        });
        HBox footer = new HBox(8, book, decline, remove, Widgets.notice(model.noticeProperty(), "waiting-notice"),
                Widgets.problem(model.messageProperty(), "waiting-message"));
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(8, 0, 0, 0));
        VBox top = new VBox(8, toolbar);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(table);
        setBottom(footer);
        model.onBooked(desk::booked);
        desk.onChanged(a -> model.reload());
        model.reload();
    }

    /** "24 Nov" from an ISO date. */
    private static String shortDay(String iso) {
        return ClinicTime.parseIso(iso).map(d -> d.format(java.time.format.DateTimeFormatter.ofPattern("d MMM",
                java.util.Locale.ENGLISH))).orElse(iso);
    }

}
