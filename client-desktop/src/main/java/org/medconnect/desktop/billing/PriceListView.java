package org.medconnect.desktop.billing;

import atlantafx.base.theme.Styles;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.billing.v1.PriceItem;
import org.medconnect.proto.billing.v1.TaxRate;

/** The admin's Price list screen: entries and tax rates, each a list with its form beside it. */
public final class PriceListView extends BorderPane {

    public PriceListView(PriceListViewModel model) {
        setId("price-list-screen");
        Label title = new Label("Price list");
        title.getStyleClass().add(Styles.TITLE_3);
        Label currency = new Label();
        currency.getStyleClass().add(Styles.TEXT_MUTED);
        currency.textProperty().bind(model.currencyProperty().map(c -> c.isBlank() ? "" : "Prices in " + c));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox heading = new HBox(8, title, Widgets.progress(model.busyProperty()), spacer, currency);
        heading.setAlignment(Pos.CENTER_LEFT);
        heading.setPadding(new Insets(0, 0, 10, 0));

        TableView<PriceItem> items = new TableView<>(model.items());
        items.setId("price-items");
        items.getStyleClass().add(Styles.DENSE);
        items.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        items.getColumns().add(Tables.column("Code", 80, i -> i.getCode()));
        items.getColumns().add(Tables.tippedColumn("Name", 200, PriceItem::getName));
        items.getColumns().add(Tables.column("Kind", 100, i -> BillingText.lineKind(i.getKind())));
        items.getColumns().add(Tables.column("Price", 85, i -> BillingText.money(i.getUnitPrice())));
        items.getColumns().add(Tables.tippedColumn("Tax", 125, (PriceItem i) -> model.taxName(i.getTaxRateId())));
        items.getColumns().add(Tables.column("Active", 60, i -> i.getActive() ? "Yes" : "No"));
        items.setPlaceholder(new Label("No prices yet: add the clinic's services on the right."));
        items.getSelectionModel().selectedItemProperty().addListener((o, a, now) -> {
            if (now != null) {
                model.edit(now);
            }
        });
        VBox.setVgrow(items, Priority.ALWAYS);

        TableView<TaxRate> rates = new TableView<>(model.rates());
        rates.setId("tax-rates");
        rates.getStyleClass().add(Styles.DENSE);
        rates.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rates.getColumns().add(Tables.column("Tax rate", 200, TaxRate::getName));
        rates.getColumns().add(Tables.column("Percent", 80, r -> BillingText.decimal(r.getPercent()) + "%"));
        rates.getColumns().add(Tables.column("Active", 60, r -> r.getActive() ? "Yes" : "No"));
        rates.setPrefHeight(150);
        rates.getSelectionModel().selectedItemProperty().addListener((o, a, now) -> {
            if (now != null) {
                model.editRate(now);
            }
        });
        VBox lists = new VBox(10, items, Widgets.section("Tax rates"), rates);
        HBox.setHgrow(lists, Priority.ALWAYS);

        FormGrid form = new FormGrid(80, 220);
        form.add("Kind", Widgets.combo("price-kind", FXCollections.observableArrayList(PriceListViewModel.KINDS),
                model.kindProperty(), BillingText::lineKind), null);
        form.add("Code", Widgets.field("price-code", model.codeProperty(), "e.g. ECG"), null);
        form.add("Name", Widgets.field("price-name", model.nameProperty(), "As printed on the invoice"), null);
        var price = Widgets.field("price-amount", model.priceProperty(), "45.00");
        price.setOnAction(e -> model.save());
        form.add("Price", price, null);
        form.add("Tax", Widgets.combo("price-tax", model.rateChoices(), model.taxRateProperty(),
                r -> r.getId().isBlank() ? r.getName() : r.getName() + " " + BillingText.decimal(r.getPercent()) + "%"), null);
        CheckBox active = new CheckBox("Offered at the desk");
        active.setId("price-active");
        active.selectedProperty().bindBidirectional(model.activeProperty());
        form.add("Active", active, null);
        Button newItem = new Button("_New entry");
        newItem.setId("price-new");
        newItem.setOnAction(e -> {
            items.getSelectionModel().clearSelection();
            model.edit(null);
        });
        Button save = new Button("_Save entry");
        save.setId("price-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.save());
        HBox itemActions = new HBox(8, newItem, save);
        itemActions.setAlignment(Pos.CENTER_RIGHT);
        Label formTitle = Widgets.section("Entry");
        formTitle.textProperty().bind(model.editingProperty().map(i -> "Edit " + i.getCode()).orElse("New entry"));

        FormGrid rateForm = new FormGrid(80, 220);
        rateForm.add("Name", Widgets.field("rate-name", model.rateNameProperty(), "e.g. VAT standard"), null);
        var percent = Widgets.field("rate-percent", model.ratePercentProperty(), "20");
        percent.setOnAction(e -> model.saveRate());
        rateForm.add("Percent", percent, null);
        CheckBox rateActive = new CheckBox("In use");
        rateActive.selectedProperty().bindBidirectional(model.rateActiveProperty());
        rateForm.add("Active", rateActive, null);
        Button newRate = new Button("New rate");
        newRate.setOnAction(e -> {
            rates.getSelectionModel().clearSelection();
            model.editRate(null);
        });
        Button saveRate = new Button("Save rate");
        saveRate.setId("rate-save");
        saveRate.disableProperty().bind(model.busyProperty());
        saveRate.setOnAction(e -> model.saveRate());
        HBox rateActions = new HBox(8, newRate, saveRate);
        rateActions.setAlignment(Pos.CENTER_RIGHT);
        Label rateTitle = Widgets.section("Tax rate");
        rateTitle.textProperty().bind(model.editingRateProperty().map(r -> "Edit " + r.getName()).orElse("New tax rate"));

        VBox forms = new VBox(8, formTitle, form.node(), itemActions, rateTitle, rateForm.node(), rateActions,
                Widgets.notice(model.noticeProperty(), "price-notice"), Widgets.problem(model.messageProperty(), "price-message"));
        forms.setPrefWidth(340);
        forms.setMinWidth(320);
        forms.getStyleClass().add("side-form");

        HBox body = new HBox(16, lists, forms);
        setTop(heading);
        setCenter(body);
        Widgets.reloadOnF5AndWhenShown(this, model::reload, model::reload);
    }
}
