package org.medconnect.desktop.platform.live;

/** How the workstation's live appointment feed is doing, as the connection indicator shows it. */
public enum LiveState {
    /** The stream is open and caught up: changes appear as they happen. */
    LIVE("Live"),
    /** The stream broke (or is being opened); the feed is trying again and will catch up from its last change. */
    RECONNECTING("Reconnecting…"),
    /** No stream for a while, the session ended, or nobody is signed in: screens show what was last loaded. */
    OFFLINE("Offline");

    private final String label;

    LiveState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
