package org.medconnect.desktop.platform;

/** What the status bar says about the link to the server. */
public enum ConnectionState {
    NOT_CONNECTED("Not connected"),
    CONNECTING("Connecting…"),
    CONNECTED("Connected"),
    LOST("Connection lost"),
    /** The live feed lost its stream and is trying again (the header says the same). */
    RECONNECTING("Reconnecting…"),
    /** No live stream: the session ended or the server has been gone a while (the header says the same). */
    OFFLINE("Offline"),
    /** The server answers, but its database does not: calls fail UNAVAILABLE until it is back. */
    DATABASE_UNAVAILABLE("Server's database unavailable, retrying");

    private final String label;

    ConnectionState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
