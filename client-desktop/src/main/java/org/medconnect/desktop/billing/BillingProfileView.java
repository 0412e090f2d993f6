package org.medconnect.desktop.billing;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.shared.billing.BillingProfileRules;

/** The admin's Billing profile screen: the clinic header printed on invoices and receipts, and the payment terms. */
public final class BillingProfileView extends BorderPane {

    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    public BillingProfileView(BillingProfileViewModel model) {
        setId("billing-profile-screen");
        Label title = Widgets.title("Billing profile", "billing-profile-title");
        Label explain = new Label("The clinic header on every invoice and receipt issued from now on. "
                + "Invoices already issued keep the header they were printed with.");
        explain.setWrapText(true);
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        HBox heading = new HBox(8, title, Widgets.progress(model.busyProperty()));
        heading.setAlignment(Pos.CENTER_LEFT);

        TextField name = Widgets.field("profile-clinic-name", model.clinicNameProperty(), "As printed, e.g. Riverside Medical Centre");
        TextArea address = new TextArea();
        address.setId("profile-address");
        address.setPromptText("Street, postcode and town; one line each");
        address.setPrefRowCount(3);
        address.setWrapText(true);
        address.textProperty().bindBidirectional(model.addressProperty());
        TextField taxId = Widgets.field("profile-tax-id", model.taxIdProperty(), "e.g. VAT GB123456789");
        TextField phone = Widgets.field("profile-phone", model.phoneProperty(), "e.g. +44 20 7946 0000");
        TextField email = Widgets.field("profile-email", model.emailProperty(), "e.g. billing@clinic.example");
        TextField terms = Widgets.field("profile-terms", model.termsDaysProperty(), "0 to " + BillingProfileRules.PAYMENT_TERMS_MAX_DAYS);
        terms.setPrefColumnCount(5);
        terms.setMaxWidth(90);
        Label daysAfter = new Label("days after the issue date");
        HBox termsRow = new HBox(8, terms, daysAfter);
        termsRow.setAlignment(Pos.CENTER_LEFT);
        termsRow.setId("profile-terms-row");
        Label currency = new Label();
        currency.setId("profile-currency");
        currency.textProperty().bind(model.currencyProperty().map(c -> c.isBlank() ? "" : c + " (a server setting; it cannot be changed here)"));

        FormGrid form = new FormGrid(150, 420);
        form.add("Clinic name", name, model.errors().get("clinic_name"));
        form.add("Address", address, model.errors().get("address"));
        form.add("Tax id", taxId, model.errors().get("tax_id"));
        form.add("Phone", phone, model.errors().get("phone"));
        form.add("Email", email, model.errors().get("email"));
        form.add("Payment terms", termsRow, model.errors().get("payment_terms_days")).setId("profile-terms-error");
        form.add("Currency", currency, null);
        form.node().setMaxWidth(760);

        Label lastChange = Widgets.muted(model.lastChangeProperty(), "profile-last-change");
        Button reload = new Button("_Reload");
        reload.setId("profile-reload");
        reload.setOnAction(e -> model.reload());
        reload.getStyleClass().add(Styles.BUTTON_OUTLINED);
        Button save = new Button("_Save (Ctrl+S)");
        save.setId("profile-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.save());
        for (Button b : new Button[] {reload, save}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, lastChange, spacer, reload, save);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setMaxWidth(760);
        Label notice = Widgets.notice(model.noticeProperty(), "profile-notice");
        Label message = Widgets.problem(model.messageProperty(), "profile-message");
        message.setMaxWidth(760);
        Label keys = Widgets.keyHint("profile-keys", "Ctrl+S saves · F5 or Reload shows what is saved now (what you typed goes)");

        VBox body = new VBox(14, explain, form.node(), actions, notice, message, keys);
        body.setPadding(new Insets(12, 0, 0, 0));
        setTop(heading);
        setCenter(body);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SAVE.match(e)) {
                model.save();
                e.consume();
            }
        });
        Widgets.reloadOnF5AndWhenShown(this, model::reload, () -> {
            if (model.currencyProperty().get().isBlank()) {
                model.reload();
            }
        });
    }
}
