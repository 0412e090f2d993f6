package org.medconnect.desktop.clinic;

import org.medconnect.desktop.platform.FormErrors;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.schedule.v1.CreateLocationRequest;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.UpdateLocationRequest;
import org.medconnect.shared.schedule.ScheduleRules;
import org.medconnect.shared.validation.Validation;

/** Creating a location or changing one's name, address and phone. */
public final class LocationFormViewModel {

    public static final String NAME = "name";
    public static final String ADDRESS = "address";
    public static final String PHONE = "phone";

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Optional<Location> editing;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty phone = new SimpleStringProperty("");
    private final FormErrors errors = new FormErrors(NAME, ADDRESS, PHONE);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();
    private Consumer<Location> onSaved = l -> { };

    public LocationFormViewModel(ServerConnection connection, ServerCalls calls, Optional<Location> editing) {
        this.connection = connection;
        this.calls = calls;
        this.editing = editing;
        editing.ifPresent(l -> {
            name.set(l.getName());
            address.set(l.getAddress());
            phone.set(l.getPhone());
        });
    }

    public void onSaved(Consumer<Location> handler) {
        this.onSaved = handler;
    }

    public boolean validate() {
        Validation validation = new Validation()
                .check(NAME, ScheduleRules.checkLocationName(name.get()))
                .check(ADDRESS, ScheduleRules.checkAddress(address.get()))
                .check(PHONE, ScheduleRules.checkPhone(phone.get()));
        errors.show(validation.errors());
        message.set("");
        return validation.ok();
    }

    public void save() {
        if (busy.get() || !validate()) {
            return;
        }
        if (editing.isEmpty()) {
            CreateLocationRequest request = CreateLocationRequest.newBuilder().setRequestId(requestId)
                    .setName(name.get().strip()).setAddress(address.get().strip()).setPhone(phone.get().strip()).build();
            calls.call(busy, () -> connection.schedule().createLocation(request).getLocation(), onSaved::accept, this::showFailure);
        } else {
            Location location = editing.get();
            UpdateLocationRequest request = UpdateLocationRequest.newBuilder().setLocationId(location.getLocationId())
                    .setName(name.get().strip()).setAddress(address.get().strip()).setPhone(phone.get().strip())
                    .setRetired(location.getRetired()).build();
            calls.call(busy, () -> connection.schedule().updateLocation(request).getLocation(), onSaved::accept, this::showFailure);
        }
    }

    private void showFailure(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        errors.showServer(failure.fieldErrors());
        if (failure.code() == io.grpc.Status.Code.ALREADY_EXISTS && !errors.any()) {
            errors.get(NAME).set("Another location already has this name.");
        }
        message.set(failure.message());
    }

    public boolean isCreate() { return editing.isEmpty(); }
    public StringProperty nameProperty() { return name; }
    public StringProperty addressProperty() { return address; }
    public StringProperty phoneProperty() { return phone; }
    public StringProperty error(String field) { return errors.get(field); }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
