package org.medconnect.desktop.queue;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.LiveState;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.queue.v1.BoardDoctor;
import org.medconnect.proto.queue.v1.GetWaitingRoomBoardRequest;
import org.medconnect.proto.queue.v1.GetWaitingRoomBoardResponse;

/**
 * The waiting-room display of one location: per doctor and room, the token being served and
 * the next few. Tokens, doctors and rooms only; the server sends nothing else.
 */
public final class WaitingRoomBoardViewModel {

    static final int NEXT_SHOWN = 4;

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String locationId;
    private final StringProperty locationName = new SimpleStringProperty("");
    private final ObservableList<BoardDoctor> doctors = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<LiveState> live = new SimpleObjectProperty<>(LiveState.LIVE);
    private final StringProperty connectionBanner = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty();

    public WaitingRoomBoardViewModel(ServerConnection connection, ServerCalls calls, String locationId, String locationName) {
        this.connection = connection;
        this.calls = calls;
        this.locationId = locationId;
        this.locationName.set(locationName);
        // A wall screen nobody watches must say itself that its tokens may be stale; back live, it reads the board again.
        live.addListener((obs, old, now) -> {
            connectionBanner.set(bannerFor(now, paused.get()));
            if (now == LiveState.LIVE && old != LiveState.LIVE && !paused.get()) {
                reload();
            }
        });
        // The reception workstation locked (its session ended): the display stays up, since it shows no patient,
        // but it can read nothing until someone signs in again, and says so; unlocked, it reads the board again.
        paused.addListener((obs, was, now) -> {
            connectionBanner.set(bannerFor(live.get(), now));
            if (!now) {
                reload();
            }
        });
    }

    /** The sign across the top of the display: the live feed's state, or the pause while the workstation is locked. */
    static String bannerFor(LiveState state, boolean paused) {
        return paused ? "Connection paused — these numbers may be out of date" : bannerFor(state);
    }

    /** The sign across the top of the display while the live feed is down; empty when live. */
    static String bannerFor(LiveState state) {
        return switch (state == null ? LiveState.OFFLINE : state) {
            case LIVE -> "";
            case RECONNECTING -> "Connection lost — reconnecting…";
            case OFFLINE -> "Connection lost — these numbers may be out of date";
        };
    }

    /**
     * A token as the display shows it, with the doctor's room (or name) in front: two doctors both
     * call "12" in the morning, and the patient must see which 12 is theirs.
     */
    public static String tokenText(BoardDoctor doctor, int token) {
        String where = doctor.getRoomName().isBlank() ? doctor.getDoctorName() : doctor.getRoomName();
        String number = token == 0 ? "–" : String.valueOf(token);
        return where.isBlank() || token == 0 ? number : where + " · " + number;
    }

    public void reload() {
        if (paused.get()) {
            return; // no session to read with; the banner says the numbers may be stale
        }
        GetWaitingRoomBoardRequest request = GetWaitingRoomBoardRequest.newBuilder().setLocationId(locationId)
                .setNextCount(NEXT_SHOWN).build();
        calls.call(busy, () -> connection.queue().getWaitingRoomBoard(request), this::accept,
                failure -> message.set("Not up to date: " + failure.message()));
    }

    /** One appointment changed (e.g. from the live event stream): the board is read again if it is at this location. */
    public void applyChange(Appointment changed) {
        if (changed.getLocationId().equals(locationId) && changed.getTokenNumber() > 0) {
            reload();
        }
    }

    /** Takes a board that arrived (also how tests and the screenshot tour fill one without a server). */
    public void accept(GetWaitingRoomBoardResponse board) {
        locationName.set(board.getLocationName());
        doctors.setAll(board.getDoctorsList());
        message.set("");
    }

    public String locationId() { return locationId; }
    public StringProperty locationNameProperty() { return locationName; }
    public ObservableList<BoardDoctor> doctors() { return doctors; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    /** The live feed's state; the queue screen binds it to the workspace's feed. */
    public ObjectProperty<LiveState> liveProperty() { return live; }
    public StringProperty connectionBannerProperty() { return connectionBanner; }
    /** True while the workstation that opened the display is locked (see {@code platform/OtherWindows}). */
    public BooleanProperty pausedProperty() { return paused; }
}
