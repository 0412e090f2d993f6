package org.medconnect.desktop.appointment;

import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.medconnect.proto.appointment.v1.AppointmentStatus;

/** How an appointment's status reads on screen, and the coloured badge that shows it. */
public final class AppointmentStatuses {

    /** Statuses that no longer hold the doctor's time. */
    public static final Set<AppointmentStatus> RELEASED = Set.of(
            AppointmentStatus.APPOINTMENT_STATUS_CANCELLED, AppointmentStatus.APPOINTMENT_STATUS_DECLINED);

    private AppointmentStatuses() {}

    public static String label(AppointmentStatus status) {
        return switch (status) {
            case APPOINTMENT_STATUS_PENDING -> "Awaiting you";
            case APPOINTMENT_STATUS_CONFIRMED -> "Confirmed";
            case APPOINTMENT_STATUS_CHECKED_IN -> "Checked in";
            case APPOINTMENT_STATUS_IN_CONSULTATION -> "In consultation";
            case APPOINTMENT_STATUS_COMPLETED -> "Done";
            case APPOINTMENT_STATUS_CANCELLED -> "Cancelled";
            case APPOINTMENT_STATUS_NO_SHOW -> "No-show";
            case APPOINTMENT_STATUS_DECLINED -> "Declined";
            default -> "Unknown";
        };
    }

    /** The AtlantaFX colour family for a status: what needs the doctor stands out, what is over is muted. */
    static String tone(AppointmentStatus status) {
        return switch (status) {
            case APPOINTMENT_STATUS_PENDING -> "warning";
            case APPOINTMENT_STATUS_CONFIRMED -> "accent";
            case APPOINTMENT_STATUS_CHECKED_IN -> "success";
            case APPOINTMENT_STATUS_IN_CONSULTATION -> "accent-emphasis";
            case APPOINTMENT_STATUS_CANCELLED, APPOINTMENT_STATUS_DECLINED, APPOINTMENT_STATUS_NO_SHOW -> "danger";
            default -> "neutral";
        };
    }

    /** A rounded label with the status' text on its subtle colour. */
    public static Label badge(AppointmentStatus status) {
        Label badge = new Label();
        badge.setMinWidth(Region.USE_PREF_SIZE); // a status is never cut short
        style(badge, status);
        return badge;
    }

    public static void style(Label badge, AppointmentStatus status) {
        badge.setText(label(status));
        badge.getStyleClass().add("status-badge");
        badge.setStyle("-fx-background-color: " + background(status) + "; -fx-text-fill: " + foreground(status) + ";"
                + " -fx-background-radius: 10; -fx-padding: 1 8 1 8; -fx-font-size: 0.9em; -fx-font-weight: bold;");
    }

    static String background(AppointmentStatus status) {
        String tone = tone(status);
        return tone.equals("accent-emphasis") ? "-color-accent-emphasis" : "-color-" + tone + "-subtle";
    }

    static String foreground(AppointmentStatus status) {
        return switch (tone(status)) {
            case "accent-emphasis" -> "-color-fg-emphasis";
            case "neutral" -> "-color-fg-muted";
            default -> "-color-" + tone(status) + "-fg";
        };
    }

    /** A stronger colour of the same family, for the edge of a card. */
    static String edge(AppointmentStatus status) {
        String tone = tone(status);
        return tone.equals("accent-emphasis") ? "-color-accent-emphasis" : "-color-" + tone + "-emphasis";
    }
}
