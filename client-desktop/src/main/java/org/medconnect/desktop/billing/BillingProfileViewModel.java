package org.medconnect.desktop.billing;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FormErrors;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.billing.v1.BillingProfile;
import org.medconnect.proto.billing.v1.GetBillingProfileRequest;
import org.medconnect.proto.billing.v1.UpdateBillingProfileRequest;
import org.medconnect.shared.billing.BillingProfileRules;
import org.medconnect.shared.validation.FieldError;

/**
 * The admin's editor of the clinic header printed on invoices and receipts. Checks the same limits
 * as the server ({@link BillingProfileRules}) before sending, and sends the version it read: when
 * another admin saved first, the server's "Changed by ... ; reload" shows and the typed text stays
 * until the admin reloads.
 */
public final class BillingProfileViewModel {

    static final String[] FIELDS = {"clinic_name", "address", "tax_id", "phone", "email", "payment_terms_days"};

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ZoneId zone;
    private final StringProperty clinicName = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty taxId = new SimpleStringProperty("");
    private final StringProperty phone = new SimpleStringProperty("");
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty termsDays = new SimpleStringProperty("");
    private final StringProperty currency = new SimpleStringProperty("");
    private final StringProperty lastChange = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final IntegerProperty version = new SimpleIntegerProperty(0);
    private final FormErrors errors = new FormErrors(FIELDS);

    public BillingProfileViewModel(ServerConnection connection, ServerCalls calls, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.zone = zone;
        errors.clearWhenChanged("clinic_name", clinicName);
        errors.clearWhenChanged("address", address);
        errors.clearWhenChanged("tax_id", taxId);
        errors.clearWhenChanged("phone", phone);
        errors.clearWhenChanged("email", email);
        errors.clearWhenChanged("payment_terms_days", termsDays);
    }

    /** Reads the header as saved now; what was typed and not saved is replaced. */
    public void reload() {
        calls.call(busy, () -> connection.billing().getBillingProfile(GetBillingProfileRequest.getDefaultInstance()).getProfile(), p -> {
            show(p);
            message.set("");
            notice.set("");
        }, failure -> message.set(failure.message()));
    }

    /** Every problem with what is typed, by field name ("clinic_name"); empty when it can be sent. */
    public List<FieldError> problems() {
        List<FieldError> found = new ArrayList<>();
        Optional<Integer> days = terms();
        for (FieldError e : BillingProfileRules.check(clinicName.get(), address.get(), taxId.get(), phone.get(), email.get(),
                days.orElse(0))) {
            found.add(new FieldError(e.field().replaceFirst("^profile\\.", ""), e.message()));
        }
        if (days.isEmpty()) {
            found.add(new FieldError("payment_terms_days", BillingProfileRules.TERMS_MESSAGE));
        }
        return found;
    }

    /** Saves the header; nothing is sent while a field is wrong. */
    public void save() {
        if (busy.get()) {
            return;
        }
        notice.set("");
        message.set("");
        List<FieldError> found = problems();
        if (!found.isEmpty()) {
            errors.show(found);
            message.set("Correct the marked fields; nothing was saved.");
            return;
        }
        errors.clear();
        UpdateBillingProfileRequest request = UpdateBillingProfileRequest.newBuilder().setProfile(BillingProfile.newBuilder()
                .setClinicName(clinicName.get().strip()).setAddress(address.get().strip()).setTaxId(taxId.get().strip())
                .setPhone(phone.get().strip()).setEmail(email.get().strip()).setPaymentTermsDays(terms().orElseThrow())
                .setVersion(version.get())).build();
        calls.call(busy, () -> connection.billing().updateBillingProfile(request).getProfile(), saved -> {
            show(saved);
            notice.set("Saved. Invoices and receipts issued from now on carry this header; those already issued keep theirs.");
        }, this::refused);
    }

    private void refused(CallFailure failure) {
        if (failure.code() == io.grpc.Status.Code.ABORTED) {
            // "Changed by ... at ...; reload to see it.": the typed header stays on screen until Reload.
            stale.set(true);
        } else if (!failure.fieldErrors().isEmpty()) {
            errors.showServer(failure.fieldErrors());
        }
        message.set(failure.message());
    }

    private void show(BillingProfile p) {
        clinicName.set(p.getClinicName());
        address.set(p.getAddress());
        taxId.set(p.getTaxId());
        phone.set(p.getPhone());
        email.set(p.getEmail());
        termsDays.set(String.valueOf(p.getPaymentTermsDays()));
        currency.set(p.getCurrencyCode());
        version.set(p.getVersion());
        stale.set(false);
        errors.clear();
        lastChange.set(p.getUpdatedByName().isBlank() || !p.hasUpdatedAt() ? "Not changed since the clinic was set up."
                : "Last changed by " + p.getUpdatedByName() + " on " + ClinicDates.format(ClinicTime.dateOf(p.getUpdatedAt(), zone))
                        + " at " + ClinicTime.time(p.getUpdatedAt(), zone) + ".");
    }

    private Optional<Integer> terms() {
        String typed = termsDays.get() == null ? "" : termsDays.get().strip();
        if (!typed.matches("\\d{1,3}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(typed));
    }

    public StringProperty clinicNameProperty() { return clinicName; }
    public StringProperty addressProperty() { return address; }
    public StringProperty taxIdProperty() { return taxId; }
    public StringProperty phoneProperty() { return phone; }
    public StringProperty emailProperty() { return email; }
    public StringProperty termsDaysProperty() { return termsDays; }
    public StringProperty currencyProperty() { return currency; }
    public StringProperty lastChangeProperty() { return lastChange; }
    public StringProperty noticeProperty() { return notice; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    /** The last save was refused because another admin saved first: Reload shows theirs. */
    public BooleanProperty staleProperty() { return stale; }
    public FormErrors errors() { return errors; }
}
