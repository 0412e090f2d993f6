package org.medconnect.desktop.billing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.billing.v1.GetBillingProfileRequest;
import org.medconnect.proto.billing.v1.LineKind;
import org.medconnect.proto.billing.v1.ListPriceItemsRequest;
import org.medconnect.proto.billing.v1.ListTaxRatesRequest;
import org.medconnect.proto.billing.v1.PriceItem;
import org.medconnect.proto.billing.v1.SavePriceItemRequest;
import org.medconnect.proto.billing.v1.SaveTaxRateRequest;
import org.medconnect.proto.billing.v1.TaxRate;
import org.medconnect.proto.common.v1.Money;
import org.medconnect.shared.billing.InvoiceMath;

/**
 * The admin's price list and tax rates: a list and a form for each. A new entry keeps its request id
 * until the server has answered for certain, so a retried Save makes one entry.
 */
public final class PriceListViewModel {

    public static final List<LineKind> KINDS = List.of(LineKind.LINE_KIND_CONSULTATION, LineKind.LINE_KIND_PROCEDURE, LineKind.LINE_KIND_ITEM);
    /** The "no tax" choice in the tax-rate box. */
    public static final TaxRate NO_TAX = TaxRate.newBuilder().setName("No tax").setPercent("0").setActive(true).build();

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<PriceItem> items = FXCollections.observableArrayList();
    private final ObservableList<TaxRate> rates = FXCollections.observableArrayList();
    private final ObservableList<TaxRate> rateChoices = FXCollections.observableArrayList();
    private final ObjectProperty<PriceItem> editing = new SimpleObjectProperty<>();
    private final ObjectProperty<LineKind> kind = new SimpleObjectProperty<>(LineKind.LINE_KIND_PROCEDURE);
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty price = new SimpleStringProperty("");
    private final ObjectProperty<TaxRate> taxRate = new SimpleObjectProperty<>(NO_TAX);
    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private final ObjectProperty<TaxRate> editingRate = new SimpleObjectProperty<>();
    private final StringProperty rateName = new SimpleStringProperty("");
    private final StringProperty ratePercent = new SimpleStringProperty("");
    private final BooleanProperty rateActive = new SimpleBooleanProperty(true);
    private final StringProperty currency = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private String itemRequestId = UUID.randomUUID().toString();
    private String rateRequestId = UUID.randomUUID().toString();

    public PriceListViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    private record Loaded(List<PriceItem> items, List<TaxRate> rates, String currency) {}

    public void reload() {
        calls.call(busy, () -> new Loaded(
                connection.billing().listPriceItems(ListPriceItemsRequest.newBuilder().setIncludeInactive(true).build()).getItemsList(),
                connection.billing().listTaxRates(ListTaxRatesRequest.newBuilder().setIncludeInactive(true).build()).getTaxRatesList(),
                connection.billing().getBillingProfile(GetBillingProfileRequest.getDefaultInstance()).getProfile().getCurrencyCode()),
                loaded -> {
                    items.setAll(loaded.items());
                    rates.setAll(loaded.rates());
                    rateChoices.setAll(NO_TAX);
                    loaded.rates().stream().filter(TaxRate::getActive).forEach(rateChoices::add);
                    currency.set(loaded.currency());
                }, failure -> message.set(failure.message()));
    }

    /** Fills the form with {@code item}, or empties it for a new entry. */
    public void edit(PriceItem item) {
        editing.set(item);
        message.set("");
        if (item == null) {
            kind.set(LineKind.LINE_KIND_PROCEDURE);
            code.set("");
            name.set("");
            price.set("");
            taxRate.set(NO_TAX);
            active.set(true);
            return;
        }
        kind.set(item.getKind());
        code.set(item.getCode());
        name.set(item.getName());
        price.set(InvoiceMath.format(item.getUnitPrice().getMinorUnits(), item.getUnitPrice().getCurrencyCode()));
        taxRate.set(rates.stream().filter(r -> r.getId().equals(item.getTaxRateId())).findFirst().orElse(NO_TAX));
        active.set(item.getActive());
    }

    public String taxName(String taxRateId) {
        return taxRateId.isBlank() ? "" : rates.stream().filter(r -> r.getId().equals(taxRateId))
                .map(r -> r.getName() + " " + BillingText.decimal(r.getPercent()) + "%").findFirst().orElse("");
    }

    public void save() {
        if (busy.get()) {
            return;
        }
        notice.set("");
        if (code.get().isBlank() || name.get().isBlank()) {
            message.set("Give the entry a code (typed at the desk) and a name.");
            return;
        }
        Optional<Long> minor = BillingText.parseMinor(price.get(), currency.get());
        if (minor.isEmpty() || minor.get() < 0) {
            message.set("Price: an amount such as 45.00 in " + currency.get() + ".");
            return;
        }
        message.set("");
        PriceItem current = editing.get();
        PriceItem.Builder item = PriceItem.newBuilder().setKind(kind.get()).setCode(code.get().strip()).setName(name.get().strip())
                .setUnitPrice(Money.newBuilder().setCurrencyCode(currency.get()).setMinorUnits(minor.get()))
                .setTaxRateId(taxRate.get() == null ? "" : taxRate.get().getId()).setActive(active.get());
        if (current != null) {
            item.setId(current.getId()).setVersion(current.getVersion()).setDoctorId(current.getDoctorId())
                    .setAppointmentTypeId(current.getAppointmentTypeId());
        }
        SavePriceItemRequest request = SavePriceItemRequest.newBuilder().setRequestId(itemRequestId).setItem(item).build();
        calls.call(busy, () -> connection.billing().savePriceItem(request).getItem(), saved -> {
            itemRequestId = UUID.randomUUID().toString();
            notice.set("Saved " + saved.getCode() + " · " + saved.getName() + ".");
            edit(null);
            reload();
        }, failure -> {
            if (failure.definiteRefusal()) {
                itemRequestId = UUID.randomUUID().toString();
            }
            message.set(failure.message());
        });
    }

    public void editRate(TaxRate rate) {
        editingRate.set(rate);
        rateName.set(rate == null ? "" : rate.getName());
        ratePercent.set(rate == null ? "" : BillingText.decimal(rate.getPercent()));
        rateActive.set(rate == null || rate.getActive());
    }

    public void saveRate() {
        if (busy.get()) {
            return;
        }
        notice.set("");
        if (rateName.get().isBlank() || InvoiceMath.percent(ratePercent.get()).isEmpty()) {
            message.set("A tax rate needs a name and a percent such as 20 or 7.7.");
            return;
        }
        message.set("");
        TaxRate.Builder rate = TaxRate.newBuilder().setName(rateName.get().strip()).setPercent(ratePercent.get().strip())
                .setActive(rateActive.get());
        if (editingRate.get() != null) {
            rate.setId(editingRate.get().getId());
        }
        SaveTaxRateRequest request = SaveTaxRateRequest.newBuilder().setRequestId(rateRequestId).setTaxRate(rate).build();
        calls.call(busy, () -> connection.billing().saveTaxRate(request).getTaxRate(), saved -> {
            rateRequestId = UUID.randomUUID().toString();
            notice.set("Saved tax rate " + saved.getName() + ".");
            editRate(null);
            reload();
        }, failure -> {
            if (failure.definiteRefusal()) {
                rateRequestId = UUID.randomUUID().toString();
            }
            message.set(failure.message());
        });
    }

    public ObservableList<PriceItem> items() { return items; }
    public ObservableList<TaxRate> rates() { return rates; }
    public ObservableList<TaxRate> rateChoices() { return rateChoices; }
    public ObjectProperty<PriceItem> editingProperty() { return editing; }
    public ObjectProperty<LineKind> kindProperty() { return kind; }
    public StringProperty codeProperty() { return code; }
    public StringProperty nameProperty() { return name; }
    public StringProperty priceProperty() { return price; }
    public ObjectProperty<TaxRate> taxRateProperty() { return taxRate; }
    public BooleanProperty activeProperty() { return active; }
    public ObjectProperty<TaxRate> editingRateProperty() { return editingRate; }
    public StringProperty rateNameProperty() { return rateName; }
    public StringProperty ratePercentProperty() { return ratePercent; }
    public BooleanProperty rateActiveProperty() { return rateActive; }
    public StringProperty currencyProperty() { return currency; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
}
