package org.medconnect.desktop.clinic;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.ListAppointmentTypesRequest;
import org.medconnect.proto.schedule.v1.UpdateAppointmentTypeRequest;

/** The list of appointment types: show retired or not, retire one or bring it back. */
public final class AppointmentTypesViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<AppointmentType> types = FXCollections.observableArrayList();
    private final BooleanProperty showRetired = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public AppointmentTypesViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        showRetired.addListener((obs, old, now) -> reload());
    }

    public void reload() {
        ListAppointmentTypesRequest request = ListAppointmentTypesRequest.newBuilder().setIncludeRetired(showRetired.get()).build();
        calls.call(busy, () -> connection.schedule().listAppointmentTypes(request).getTypesList(), list -> {
            types.setAll(list);
            message.set("");
        }, failure -> message.set(failure.message()));
    }

    public void setRetired(AppointmentType type, boolean retired) {
        UpdateAppointmentTypeRequest request = UpdateAppointmentTypeRequest.newBuilder()
                .setType(type.toBuilder().setRetired(retired)).build();
        calls.call(busy, () -> connection.schedule().updateAppointmentType(request).getType(), changed -> reload(),
                failure -> message.set(failure.message()));
    }

    /** "30 min", "1 h 30 min". */
    public static String minutes(int total) {
        if (total < 60) {
            return total + " min";
        }
        return total / 60 + " h" + (total % 60 == 0 ? "" : " " + total % 60 + " min");
    }

    public ObservableList<AppointmentType> types() { return types; }
    public BooleanProperty showRetiredProperty() { return showRetired; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
