package org.medconnect.desktop.platform;

import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.proto.auth.v1.Principal;

/** Who is signed in, to which server, and how the connection is doing: what the top and status bars show. */
public final class SessionState {

    private final ObjectProperty<Principal> principal = new SimpleObjectProperty<>();
    private final StringProperty serverAddress = new SimpleStringProperty("");
    private final ObjectProperty<ConnectionState> connection = new SimpleObjectProperty<>(ConnectionState.NOT_CONNECTED);
    private boolean feedRunning;
    private ConnectionState lastCallState = ConnectionState.NOT_CONNECTED;

    public ObjectProperty<Principal> principalProperty() {
        return principal;
    }

    public Optional<Principal> principal() {
        return Optional.ofNullable(principal.get());
    }

    public StringProperty serverAddressProperty() {
        return serverAddress;
    }

    /** Read it; write through {@link #callAnswered} or {@link #feedState}, so there is one source at a time. */
    public ObjectProperty<ConnectionState> connectionProperty() {
        return connection;
    }

    /**
     * What a call or the channel says about the link. Ignored while a live feed runs: then the header's
     * live indicator and the status bar both show the feed's state, and never disagree.
     */
    private ConnectionState lastFeedState = ConnectionState.CONNECTED;

    public void callAnswered(ConnectionState state) {
        lastCallState = state;
        if (state == ConnectionState.DATABASE_UNAVAILABLE) {
            // The feed cannot tell a dead database from a dead link: a call that says so wins.
            connection.set(state);
        } else if (!feedRunning) {
            connection.set(state);
        } else if (connection.get() == ConnectionState.DATABASE_UNAVAILABLE) {
            connection.set(lastFeedState);
        }
    }

    /** The live feed's state, as the header shows it; from now on it alone sets the connection state. */
    public void feedState(ConnectionState state) {
        feedRunning = true;
        lastFeedState = state;
        connection.set(state);
    }

    /** The feed stopped (sign-out): calls and the channel speak for the link again. */
    public void feedStopped() {
        feedRunning = false;
        connection.set(lastCallState);
    }
}
