package org.medconnect.desktop.clinic;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.Tables;
import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.Room;

/** Locations & rooms: the clinic's sites on the left, the selected site's consulting rooms on the right. */
public final class LocationsView extends BorderPane {

    private final LocationsViewModel model;
    private final Dialogs dialogs;
    private final Function<Optional<Location>, LocationFormViewModel> locationForms;
    private final BiFunction<Location, Optional<Room>, RoomFormViewModel> roomForms;
    private final TableView<Location> locations;
    private final TableView<Room> rooms;

    public LocationsView(LocationsViewModel model, Dialogs dialogs, Function<Optional<Location>, LocationFormViewModel> locationForms,
                         BiFunction<Location, Optional<Room>, RoomFormViewModel> roomForms) {
        this.model = model;
        this.dialogs = dialogs;
        this.locationForms = locationForms;
        this.roomForms = roomForms;
        setId("locations-screen");

        Label title = new Label("Locations & rooms");
        title.getStyleClass().add(Styles.TITLE_2);
        CheckBox retired = new CheckBox("Show retired");
        retired.setId("locations-show-retired");
        retired.selectedProperty().bindBidirectional(model.showRetiredProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty().or(model.roomsBusyProperty()));
        Button create = new Button("New location");
        create.setId("new-location");
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(e -> openLocationForm(Optional.empty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, retired, progress, spacer, create);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        locations = new TableView<>(model.locations());
        locations.setId("locations-table");
        locations.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        locations.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        locations.getColumns().addAll(List.of(
                Tables.<Location>column("Name", 170, Location::getName),
                Tables.<Location>column("Address", 230, Location::getAddress),
                Tables.<Location>column("Phone", 110, Location::getPhone),
                Tables.<Location>column("Status", 70, l -> l.getRetired() ? "Retired" : "In use")));
        Label noLocations = new Label("No locations yet. Add the clinic's first site with \"New location\".");
        noLocations.getStyleClass().add(Styles.TEXT_MUTED);
        locations.setPlaceholder(noLocations);
        locations.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && locations.getSelectionModel().getSelectedItem() != now) {
                locations.getSelectionModel().select(now);
            }
        });
        locations.setRowFactory(t -> Tables.doubleClick(l -> openLocationForm(Optional.of(l))));
        Button edit = new Button("Edit…");
        edit.setId("edit-location");
        edit.setOnAction(e -> selectedLocation().ifPresent(l -> openLocationForm(Optional.of(l))));
        Button retire = new Button();
        retire.setId("retire-location");
        retire.textProperty().bind(Bindings.createStringBinding(() -> selectedLocation().map(Location::getRetired).orElse(false)
                ? "Bring back" : "Retire…", model.selectedProperty()));
        retire.setOnAction(e -> selectedLocation().ifPresent(this::toggleLocation));
        BooleanBinding noLocation = model.selectedProperty().isNull().or(model.busyProperty());
        edit.disableProperty().bind(noLocation);
        retire.disableProperty().bind(noLocation);
        HBox locationActions = new HBox(8, edit, retire);
        VBox left = new VBox(8, locations, locationActions);
        VBox.setVgrow(locations, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);

        Label roomsTitle = new Label();
        roomsTitle.setId("rooms-title");
        roomsTitle.getStyleClass().add(Styles.TITLE_4);
        roomsTitle.textProperty().bind(Bindings.createStringBinding(() -> selectedLocation()
                .map(l -> "Rooms at " + l.getName()).orElse("Rooms"), model.selectedProperty()));
        rooms = new TableView<>(model.rooms());
        rooms.setId("rooms-table");
        rooms.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        rooms.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rooms.getColumns().addAll(List.of(
                Tables.<Room>column("Room", 190, Room::getName),
                Tables.<Room>column("Status", 70, r -> r.getRetired() ? "Retired" : "In use")));
        Label noRooms = new Label("No rooms here yet.");
        noRooms.getStyleClass().add(Styles.TEXT_MUTED);
        rooms.setPlaceholder(noRooms);
        Button newRoom = new Button("New room");
        newRoom.setId("new-room");
        newRoom.setOnAction(e -> selectedLocation().ifPresent(l -> openRoomForm(l, Optional.empty())));
        newRoom.disableProperty().bind(noLocation);
        Button renameRoom = new Button("Rename…");
        renameRoom.setId("rename-room");
        renameRoom.setOnAction(e -> selectedRoom().ifPresent(r -> selectedLocation().ifPresent(l -> openRoomForm(l, Optional.of(r)))));
        Button retireRoom = new Button();
        retireRoom.setId("retire-room");
        retireRoom.textProperty().bind(Bindings.createStringBinding(() -> selectedRoom().map(Room::getRetired).orElse(false)
                ? "Bring back" : "Retire…", rooms.getSelectionModel().selectedItemProperty()));
        retireRoom.setOnAction(e -> selectedRoom().ifPresent(this::toggleRoom));
        BooleanBinding noRoom = rooms.getSelectionModel().selectedItemProperty().isNull().or(model.roomsBusyProperty());
        renameRoom.disableProperty().bind(noRoom);
        retireRoom.disableProperty().bind(noRoom);
        HBox roomActions = new HBox(8, newRoom, renameRoom, retireRoom);
        VBox right = new VBox(8, roomsTitle, rooms, roomActions);
        VBox.setVgrow(rooms, Priority.ALWAYS);
        right.setPrefWidth(330);
        right.setMinWidth(300);
        right.setPadding(new Insets(0, 0, 0, 16));
        right.getStyleClass().add("side-panel");

        Label message = new Label();
        message.setId("locations-message");
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.setPadding(new Insets(8, 0, 0, 0));

        VBox header = new VBox(12, title, toolbar);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);
        setCenter(new HBox(16, left, right));
        setBottom(message);
        model.reload();
    }

    private Optional<Location> selectedLocation() {
        return Optional.ofNullable(model.selectedProperty().get());
    }

    private Optional<Room> selectedRoom() {
        return Optional.ofNullable(rooms.getSelectionModel().getSelectedItem());
    }

    private void toggleLocation(Location location) {
        if (location.getRetired()) {
            model.setRetired(location, false);
        } else {
            dialogs.confirm("Retire " + location.getName() + "?", location.getName()
                    + " stays on existing appointments but takes no new ones, and doctors' weekly rules there offer no slots.",
                    "Retire", true, () -> model.setRetired(location, true));
        }
    }

    private void toggleRoom(Room room) {
        if (room.getRetired()) {
            model.setRoomRetired(room, false);
        } else {
            dialogs.confirm("Retire " + room.getName() + "?", room.getName()
                    + " stays on existing appointments but is no longer offered for new rules and sessions.",
                    "Retire", true, () -> model.setRoomRetired(room, true));
        }
    }

    private void openLocationForm(Optional<Location> location) {
        LocationFormViewModel form = locationForms.apply(location);
        TextField name = Widgets.field("location-name", form.nameProperty(), "e.g. Riverside Main Clinic");
        TextField address = Widgets.field("location-address", form.addressProperty(), "optional");
        TextField phone = Widgets.field("location-phone", form.phoneProperty(), "optional");
        FormGrid grid = new FormGrid(80, 320);
        grid.add("Name", name, form.error(LocationFormViewModel.NAME));
        grid.add("Address", address, form.error(LocationFormViewModel.ADDRESS));
        grid.add("Phone", phone, form.error(LocationFormViewModel.PHONE));
        Button cancel = new Button("Cancel");
        cancel.setId("location-cancel");
        Button save = new Button(form.isCreate() ? "Create location" : "Save changes");
        save.setId("location-save");
        save.setOnAction(e -> form.save());
        VBox card = new VBox(12, Widgets.title(form.isCreate() ? "New location" : "Edit " + location.get().getName(), "location-form-title"),
                grid.node(), Widgets.problem(form.messageProperty(), "location-form-message"),
                Widgets.formActions(form.busyProperty(), cancel, save));
        card.setId("location-form");
        card.setPadding(new Insets(24));
        card.setPrefWidth(480);
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        cancel.setOnAction(e -> sheet.close());
        form.onSaved(saved -> {
            sheet.close();
            model.saved(saved);
        });
        Platform.runLater(name::requestFocus);
    }

    private void openRoomForm(Location location, Optional<Room> room) {
        RoomFormViewModel form = roomForms.apply(location, room);
        TextField name = Widgets.field("room-name", form.nameProperty(), "e.g. Room 3");
        FormGrid grid = new FormGrid(80, 260);
        grid.add("Name", name, form.errorProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("room-cancel");
        Button save = new Button(form.isCreate() ? "Add room" : "Rename");
        save.setId("room-save");
        save.setOnAction(e -> form.save());
        VBox card = new VBox(12, Widgets.title(form.isCreate() ? "New room at " + location.getName() : "Rename " + room.get().getName(),
                "room-form-title"), grid.node(), Widgets.problem(form.messageProperty(), "room-form-message"),
                Widgets.formActions(form.busyProperty(), cancel, save));
        card.setId("room-form");
        card.setPadding(new Insets(24));
        card.setPrefWidth(420);
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        cancel.setOnAction(e -> sheet.close());
        form.onSaved(saved -> {
            sheet.close();
            model.loadRooms();
        });
        Platform.runLater(name::requestFocus);
    }
}
