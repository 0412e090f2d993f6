package org.medconnect.desktop.clinic;

import java.util.Optional;
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
import org.medconnect.proto.schedule.v1.ListLocationsRequest;
import org.medconnect.proto.schedule.v1.ListRoomsRequest;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.Room;
import org.medconnect.proto.schedule.v1.UpdateLocationRequest;
import org.medconnect.proto.schedule.v1.UpdateRoomRequest;

/** The clinic's locations and the rooms of the one selected: list, retire and bring back. */
public final class LocationsViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<Location> locations = FXCollections.observableArrayList();
    private final ObservableList<Room> rooms = FXCollections.observableArrayList();
    private final ObjectProperty<Location> selected = new SimpleObjectProperty<>();
    private final BooleanProperty showRetired = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty roomsBusy = new SimpleBooleanProperty();
    private long roomGeneration;

    public LocationsViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        showRetired.addListener((obs, old, now) -> reload());
        selected.addListener((obs, old, now) -> {
            if (old == null || now == null || !old.getLocationId().equals(now.getLocationId())) {
                loadRooms();
            }
        });
    }

    public void reload() {
        ListLocationsRequest request = ListLocationsRequest.newBuilder().setIncludeRetired(showRetired.get()).build();
        calls.call(busy, () -> connection.schedule().listLocations(request).getLocationsList(), list -> {
            String keep = selected.get() == null ? null : selected.get().getLocationId();
            locations.setAll(list);
            message.set("");
            Optional<Location> again = list.stream().filter(l -> l.getLocationId().equals(keep)).findFirst();
            selected.set(again.orElse(list.isEmpty() ? null : list.getFirst()));
            if (again.isPresent()) {
                loadRooms(); // same location, but "show retired" may have changed which rooms to list
            }
        }, failure -> message.set(failure.message()));
    }

    public void loadRooms() {
        long mine = ++roomGeneration;
        Location location = selected.get();
        if (location == null) {
            rooms.clear();
            return;
        }
        ListRoomsRequest request = ListRoomsRequest.newBuilder().setLocationId(location.getLocationId())
                .setIncludeRetired(showRetired.get()).build();
        calls.call(roomsBusy, () -> connection.schedule().listRooms(request).getRoomsList(), list -> {
            if (mine == roomGeneration) {
                rooms.setAll(list);
            }
        }, failure -> message.set(failure.message()));
    }

    public void setRetired(Location location, boolean retired) {
        UpdateLocationRequest request = UpdateLocationRequest.newBuilder().setLocationId(location.getLocationId())
                .setName(location.getName()).setAddress(location.getAddress()).setPhone(location.getPhone())
                .setRetired(retired).build();
        calls.call(busy, () -> connection.schedule().updateLocation(request).getLocation(), changed -> reload(),
                failure -> message.set(failure.message()));
    }

    public void setRoomRetired(Room room, boolean retired) {
        UpdateRoomRequest request = UpdateRoomRequest.newBuilder().setRoomId(room.getRoomId()).setName(room.getName())
                .setRetired(retired).build();
        calls.call(roomsBusy, () -> connection.schedule().updateRoom(request).getRoom(), changed -> loadRooms(),
                failure -> message.set(failure.message()));
    }

    /** After a form saved a location: list it and select it. */
    public void saved(Location location) {
        selected.set(location);
        reload();
    }

    public ObservableList<Location> locations() { return locations; }
    public ObservableList<Room> rooms() { return rooms; }
    public ObjectProperty<Location> selectedProperty() { return selected; }
    public BooleanProperty showRetiredProperty() { return showRetired; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty roomsBusyProperty() { return roomsBusy; }
}
