package org.medconnect.desktop.billing;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.billing.v1.VisitToCheckOut;

/**
 * Reception's Checkout screen: today's completed visits still to check out, oldest first; Enter,
 * a double click or the button opens the checkout sheet of the chosen visit.
 */
public final class CheckoutQueueView extends BorderPane {

    public CheckoutQueueView(CheckoutQueueViewModel model, ZoneId zone, Consumer<VisitToCheckOut> checkOut) {
        setId("checkout-queue-screen");
        Label title = Widgets.title("Ready for checkout", "checkout-queue-title");
        Label summary = new Label();
        summary.setId("checkout-queue-summary");
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(model.summaryProperty());
        HBox heading = new HBox(14, title, summary, Widgets.progress(model.busyProperty()));
        heading.setAlignment(Pos.BASELINE_LEFT);
        Label explain = new Label("Visits the doctors completed today whose invoice is not issued or not paid in full. "
                + "A visit appears here as soon as its doctor completes it and leaves once it is paid.");
        explain.setWrapText(true);
        explain.getStyleClass().add(Styles.TEXT_MUTED);

        TableView<VisitToCheckOut> table = new TableView<>(model.visits());
        table.setId("checkout-queue-table");
        table.getStyleClass().add(Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(36);
        table.getColumns().add(Tables.column("Completed", 95, false, v -> ClinicTime.time(v.getCompletedAt(), zone)));
        table.getColumns().add(Tables.tippedColumn("Patient", 210, VisitToCheckOut::getPatientName));
        table.getColumns().add(Tables.column("MRN", 110, false, VisitToCheckOut::getPatientMrn));
        table.getColumns().add(Tables.tippedColumn("Doctor", 170, VisitToCheckOut::getDoctorName));
        table.getColumns().add(Tables.column("Booked for", 95, false, v -> ClinicTime.time(v.getStartsAt(), zone)));
        table.getColumns().add(Tables.tippedColumn("Invoice", 190, CheckoutQueueViewModel::invoiceState));
        table.getColumns().add(Tables.column("Owed", 100, false, v -> v.getInvoiceId().isEmpty()
                || v.getInvoiceStatus() == org.medconnect.proto.billing.v1.InvoiceStatus.INVOICE_STATUS_DRAFT
                ? (v.getTotal().getMinorUnits() == 0 ? "" : BillingText.money(v.getTotal())) : BillingText.money(v.getOutstanding())));
        Label empty = new Label("Nobody is waiting to check out. Visits show here as soon as a doctor completes them.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.setRowFactory(t -> Tables.doubleClick(checkOut));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                checkOut.accept(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        // A live reload replaces the rows: keep the desk on the first visit so Enter always has one.
        model.visits().addListener((javafx.collections.ListChangeListener<VisitToCheckOut>) c -> {
            if (table.getSelectionModel().getSelectedItem() == null && !model.visits().isEmpty()) {
                table.getSelectionModel().selectFirst();
            }
        });

        Button open = new Button("_Check out (Enter)");
        open.setId("checkout-queue-open");
        open.getStyleClass().add(Styles.ACCENT);
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> checkOut.accept(table.getSelectionModel().getSelectedItem()));
        Label keys = Widgets.keyHint("checkout-queue-keys", "↑ ↓ choose a visit · Enter, double-click or Alt+C: check out · F5 reload");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(10, keys, spacer, open);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label message = Widgets.problem(model.messageProperty(), "checkout-queue-message");

        VBox top = new VBox(8, heading, explain);
        top.setPadding(new Insets(0, 0, 10, 0));
        VBox bottom = new VBox(6, actions, message);
        bottom.setPadding(new Insets(10, 0, 0, 0));
        setTop(top);
        setCenter(table);
        setBottom(bottom);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, () -> {
            model.reload();
            javafx.application.Platform.runLater(table::requestFocus);
        });
    }
}
