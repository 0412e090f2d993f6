package org.medconnect.desktop.appointment;

import java.util.EnumSet;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.medconnect.proto.appointment.v1.AppointmentStatus;

/**
 * How each appointment status looks everywhere at the front desk: its word, a pale fill and a
 * strong edge/text color that stays readable on that fill, and whether it is faded (time released).
 */
public enum StatusStyle {
    PENDING("Pending", "#fff3cd", "#8a5a00", false),
    CONFIRMED("Confirmed", "#dbe9ff", "#1d4ed8", false),
    CHECKED_IN("Checked in", "#d7f5e3", "#137a43", false),
    IN_CONSULTATION("In consultation", "#ecdffd", "#6d28d9", false),
    COMPLETED("Completed", "#e6e9ee", "#475467", false),
    NO_SHOW("No-show", "#fde2e1", "#b42318", false),
    CANCELLED("Cancelled", "#f2f4f7", "#667085", true),
    DECLINED("Declined", "#f2f4f7", "#667085", true),
    UNKNOWN("Unknown", "#f2f4f7", "#344054", false);

    /** Statuses whose appointment still holds the doctor's time (what the database guards against overlap). */
    public static final Set<AppointmentStatus> HOLDING_TIME = EnumSet.of(AppointmentStatus.APPOINTMENT_STATUS_PENDING,
            AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN,
            AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION, AppointmentStatus.APPOINTMENT_STATUS_COMPLETED);

    private final String label;
    private final String fill;
    private final String edge;
    private final boolean faded;

    StatusStyle(String label, String fill, String edge, boolean faded) {
        this.label = label;
        this.fill = fill;
        this.edge = edge;
        this.faded = faded;
    }

    public static StatusStyle of(AppointmentStatus status) {
        return switch (status) {
            case APPOINTMENT_STATUS_PENDING -> PENDING;
            case APPOINTMENT_STATUS_CONFIRMED -> CONFIRMED;
            case APPOINTMENT_STATUS_CHECKED_IN -> CHECKED_IN;
            case APPOINTMENT_STATUS_IN_CONSULTATION -> IN_CONSULTATION;
            case APPOINTMENT_STATUS_COMPLETED -> COMPLETED;
            case APPOINTMENT_STATUS_NO_SHOW -> NO_SHOW;
            case APPOINTMENT_STATUS_CANCELLED -> CANCELLED;
            case APPOINTMENT_STATUS_DECLINED -> DECLINED;
            default -> UNKNOWN;
        };
    }

    public static String label(AppointmentStatus status) {
        return of(status).label;
    }

    public String label() {
        return label;
    }

    /** Background of a block or badge. */
    public String fill() {
        return fill;
    }

    /** Left edge, border and text color; dark enough to read on {@link #fill()}. */
    public String edge() {
        return edge;
    }

    /** Cancelled and declined: no longer holding time, drawn faded when shown at all. */
    public boolean faded() {
        return faded;
    }

    /** CSS for a badge or block with this status. */
    public String css() {
        return "-fx-background-color: " + fill + "; -fx-border-color: " + edge + "; -fx-text-fill: " + edge + ";";
    }

    /** A coloured status word, as on the board. */
    public static Label badge(AppointmentStatus status) {
        Label badge = new Label();
        setBadge(badge, status);
        return badge;
    }

    public static void setBadge(Label badge, AppointmentStatus status) {
        StatusStyle style = StatusStyle.of(status);
        badge.setText(style.label());
        badge.setStyle(style.css() + " -fx-border-radius: 10; -fx-background-radius: 10; -fx-padding: 0 8 0 8;"
                + " -fx-font-weight: bold; -fx-font-size: 0.9em;");
        badge.setMinWidth(Region.USE_PREF_SIZE);
    }
}
