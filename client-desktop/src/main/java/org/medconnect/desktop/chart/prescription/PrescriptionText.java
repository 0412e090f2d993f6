package org.medconnect.desktop.chart.prescription;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.proto.prescription.v1.PrescriptionAlertKind;
import org.medconnect.proto.prescription.v1.PrescriptionAlertSeverity;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;

/** How the prescription screens write statuses, severities and dates (the clinic's date format). */
public final class PrescriptionText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private PrescriptionText() {}

    /** The chip's words: Draft, Signed, Partly dispensed, Dispensed, Expired, Cancelled. */
    public static String status(PrescriptionStatus status) {
        return switch (status) {
            case PRESCRIPTION_STATUS_DRAFT -> "Draft";
            case PRESCRIPTION_STATUS_SIGNED -> "Signed";
            case PRESCRIPTION_STATUS_PARTLY_DISPENSED -> "Partly dispensed";
            case PRESCRIPTION_STATUS_DISPENSED -> "Dispensed";
            case PRESCRIPTION_STATUS_EXPIRED -> "Expired";
            case PRESCRIPTION_STATUS_CANCELLED -> "Cancelled";
            default -> "";
        };
    }

    /** The chip's style class, e.g. "rx-status-partly-dispensed" (colours live in the CSS). */
    public static String statusStyle(PrescriptionStatus status) {
        String label = status(status);
        return "rx-status-" + (label.isEmpty() ? "unknown" : label.toLowerCase(Locale.ROOT).replace(' ', '-'));
    }

    public static String severity(PrescriptionAlertSeverity severity) {
        return switch (severity) {
            case PRESCRIPTION_ALERT_SEVERITY_HIGH -> "High";
            case PRESCRIPTION_ALERT_SEVERITY_MODERATE -> "Moderate";
            case PRESCRIPTION_ALERT_SEVERITY_LOW -> "Low";
            default -> "";
        };
    }

    public static String severityStyle(PrescriptionAlertSeverity severity) {
        String label = severity(severity);
        return "rx-severity-" + (label.isEmpty() ? "unknown" : label.toLowerCase(Locale.ROOT));
    }

    public static String kind(PrescriptionAlertKind kind) {
        return switch (kind) {
            case PRESCRIPTION_ALERT_KIND_ALLERGY -> "Allergy";
            case PRESCRIPTION_ALERT_KIND_INTERACTION -> "Interaction";
            case PRESCRIPTION_ALERT_KIND_DUPLICATE_THERAPY -> "Duplicate therapy";
            case PRESCRIPTION_ALERT_KIND_NOT_CHECKED -> "Not checked";
            case PRESCRIPTION_ALERT_KIND_ALLERGIES_NOT_RECORDED -> "Allergies not recorded";
            default -> "";
        };
    }

    /** A timestamp's clinic day in the clinic's format, or "" when unset. */
    public static String date(Timestamp at, ZoneId zone) {
        return isSet(at) ? ClinicDates.format(local(at, zone).toLocalDate()) : "";
    }

    /** "06/12/2026 10:42" in the clinic's format, or "" when unset. */
    public static String dateTime(Timestamp at, ZoneId zone) {
        if (!isSet(at)) {
            return "";
        }
        ZonedDateTime local = local(at, zone);
        return ClinicDates.format(local.toLocalDate()) + " " + TIME.format(local);
    }

    /** An ISO date ("2026-12-06") in the clinic's format; "" stays "". */
    public static String isoDate(String iso) {
        return iso == null || iso.isBlank() ? "" : ClinicDates.format(LocalDate.parse(iso));
    }

    static boolean isSet(Timestamp at) {
        return at != null && (at.getSeconds() != 0 || at.getNanos() != 0);
    }

    private static ZonedDateTime local(Timestamp at, ZoneId zone) {
        return Instant.ofEpochSecond(at.getSeconds(), at.getNanos()).atZone(zone);
    }
}
