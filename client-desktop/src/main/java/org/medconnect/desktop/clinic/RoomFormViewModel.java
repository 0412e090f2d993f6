package org.medconnect.desktop.clinic;

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
import org.medconnect.proto.schedule.v1.CreateRoomRequest;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.Room;
import org.medconnect.proto.schedule.v1.UpdateRoomRequest;
import org.medconnect.shared.schedule.ScheduleRules;

/** Adding a room to a location, or renaming one. */
public final class RoomFormViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Location location;
    private final Optional<Room> editing;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();
    private Consumer<Room> onSaved = r -> { };

    public RoomFormViewModel(ServerConnection connection, ServerCalls calls, Location location, Optional<Room> editing) {
        this.connection = connection;
        this.calls = calls;
        this.location = location;
        this.editing = editing;
        editing.ifPresent(r -> name.set(r.getName()));
    }

    public void onSaved(Consumer<Room> handler) {
        this.onSaved = handler;
    }

    public void save() {
        if (busy.get()) {
            return;
        }
        error.set(ScheduleRules.checkRoomName(name.get()).orElse(""));
        message.set("");
        if (!error.get().isEmpty()) {
            return;
        }
        if (editing.isEmpty()) {
            CreateRoomRequest request = CreateRoomRequest.newBuilder().setRequestId(requestId)
                    .setLocationId(location.getLocationId()).setName(name.get().strip()).build();
            calls.call(busy, () -> connection.schedule().createRoom(request).getRoom(), onSaved::accept, this::showFailure);
        } else {
            UpdateRoomRequest request = UpdateRoomRequest.newBuilder().setRoomId(editing.get().getRoomId())
                    .setName(name.get().strip()).setRetired(editing.get().getRetired()).build();
            calls.call(busy, () -> connection.schedule().updateRoom(request).getRoom(), onSaved::accept, this::showFailure);
        }
    }

    private void showFailure(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        error.set(failure.fieldErrors().getOrDefault("name",
                failure.code() == io.grpc.Status.Code.ALREADY_EXISTS ? location.getName() + " already has a room with this name." : ""));
        message.set(failure.message());
    }

    public boolean isCreate() { return editing.isEmpty(); }
    public Location location() { return location; }
    public StringProperty nameProperty() { return name; }
    public StringProperty errorProperty() { return error; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
