package org.medconnect.desktop.appointment;

import java.util.Arrays;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.shared.appointment.StatusMoves;

/**
 * How each appointment status looks on every screen: one word, one style class whose colours
 * (a pale fill and a strong edge/text colour readable on it) live in {@code medconnect.css},
 * and whether it is faded (cancelled or declined). Which statuses hold the doctor's time is
 * the shared rule, {@link StatusMoves.Status#holdsTime()}.
 */
public enum StatusStyle {
    PENDING("Pending", "status-pending", false),
    CONFIRMED("Confirmed", "status-confirmed", false),
    CHECKED_IN("Checked in", "status-checked-in", false),
    IN_CONSULTATION("In consultation", "status-in-consultation", false),
    COMPLETED("Completed", "status-completed", false),
    NO_SHOW("No-show", "status-no-show", false),
    CANCELLED("Cancelled", "status-cancelled", true),
    DECLINED("Declined", "status-declined", true),
    UNKNOWN("Unknown", "status-unknown", false);

    /** Added next to the status class on cancelled and declined appointments. */
    public static final String FADED = "status-faded";

    private final String label;
    private final String styleClass;
    private final boolean faded;

    StatusStyle(String label, String styleClass, boolean faded) {
        this.label = label;
        this.styleClass = styleClass;
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

    /** The shared status for a proto one; empty for "unspecified" and values this build does not know. */
    static Optional<StatusMoves.Status> shared(AppointmentStatus status) {
        return Optional.ofNullable(switch (status) {
            case APPOINTMENT_STATUS_PENDING -> StatusMoves.Status.PENDING;
            case APPOINTMENT_STATUS_CONFIRMED -> StatusMoves.Status.CONFIRMED;
            case APPOINTMENT_STATUS_CHECKED_IN -> StatusMoves.Status.CHECKED_IN;
            case APPOINTMENT_STATUS_IN_CONSULTATION -> StatusMoves.Status.IN_CONSULTATION;
            case APPOINTMENT_STATUS_COMPLETED -> StatusMoves.Status.COMPLETED;
            case APPOINTMENT_STATUS_NO_SHOW -> StatusMoves.Status.NO_SHOW;
            case APPOINTMENT_STATUS_CANCELLED -> StatusMoves.Status.CANCELLED;
            case APPOINTMENT_STATUS_DECLINED -> StatusMoves.Status.DECLINED;
            default -> null;
        });
    }

    /** Whether an appointment in this status still holds the doctor's time (what the database guards against overlap). */
    public static boolean holdsTime(AppointmentStatus status) {
        return shared(status).map(StatusMoves.Status::holdsTime).orElse(false);
    }

    public static String label(AppointmentStatus status) {
        return of(status).label;
    }

    public String label() {
        return label;
    }

    /** The CSS class that gives a badge, block or card this status' colours. */
    public String styleClass() {
        return styleClass;
    }

    /** Cancelled and declined: no longer holding time, drawn faded when shown at all. */
    public boolean faded() {
        return faded;
    }

    /** Gives {@code node} this status' style classes, replacing any status it showed before. */
    public void applyTo(Node node) {
        node.getStyleClass().removeIf(c -> c.equals(FADED) || Arrays.stream(values()).anyMatch(s -> s.styleClass.equals(c)));
        node.getStyleClass().add(styleClass);
        if (faded) {
            node.getStyleClass().add(FADED);
        }
    }

    /** A coloured status word, the same on the board, the lists and the doctor's screens. */
    public static Label badge(AppointmentStatus status) {
        Label badge = new Label();
        setBadge(badge, status);
        return badge;
    }

    public static void setBadge(Label badge, AppointmentStatus status) {
        StatusStyle style = of(status);
        badge.setText(style.label());
        if (!badge.getStyleClass().contains("status-badge")) {
            badge.getStyleClass().add("status-badge");
        }
        style.applyTo(badge);
        badge.setMinWidth(Region.USE_PREF_SIZE); // a status is never cut short
    }
}
