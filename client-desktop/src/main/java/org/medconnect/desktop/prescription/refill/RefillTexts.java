package org.medconnect.desktop.prescription.refill;

import java.time.ZoneId;
import java.util.Comparator;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.proto.prescription.v1.RefillRequest;
import org.medconnect.proto.prescription.v1.RefillRequestStatus;

/** How a refill request reads on both screens: its state, the doctor's answer, and when. */
public final class RefillTexts {

    private RefillTexts() {}

    /** Pending first (oldest first: first asked, first answered), then the decided ones, newest decision first. */
    static final Comparator<RefillRequest> DESK_ORDER = Comparator
            .comparing((RefillRequest r) -> r.getStatus() != RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING)
            .thenComparing((a, b) -> pending(a)
                    ? Long.compare(a.getRequestedAt().getSeconds(), b.getRequestedAt().getSeconds())
                    : Long.compare(decidedOrAsked(b), decidedOrAsked(a)));

    static boolean pending(RefillRequest r) {
        return r.getStatus() == RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING;
    }

    private static long decidedOrAsked(RefillRequest r) {
        return r.hasDecidedAt() ? r.getDecidedAt().getSeconds() : r.getRequestedAt().getSeconds();
    }

    /** "Waiting for the doctor", "Renewed", "Declined", "Cancelled". */
    public static String status(RefillRequest r) {
        return switch (r.getStatus()) {
            case REFILL_REQUEST_STATUS_PENDING -> "Waiting for the doctor";
            case REFILL_REQUEST_STATUS_APPROVED -> "Renewed";
            case REFILL_REQUEST_STATUS_DECLINED -> "Declined";
            case REFILL_REQUEST_STATUS_CANCELLED -> "Cancelled";
            default -> "";
        };
    }

    /** What reception tells the patient: "Renewed", the doctor's reason for a decline, or nothing yet. */
    public static String answer(RefillRequest r) {
        return switch (r.getStatus()) {
            case REFILL_REQUEST_STATUS_APPROVED -> "Renewed";
            case REFILL_REQUEST_STATUS_DECLINED -> r.getDeclineReason().isBlank() ? "Declined" : r.getDeclineReason();
            case REFILL_REQUEST_STATUS_CANCELLED -> "Withdrawn at the desk";
            default -> "";
        };
    }

    /** "06/12/2026 09:14" in the clinic's date format; empty when unset. */
    public static String when(com.google.protobuf.Timestamp at, ZoneId zone) {
        if (at == null || (at.getSeconds() == 0 && at.getNanos() == 0)) {
            return "";
        }
        return ClinicDates.format(ClinicTime.dateOf(at, zone)) + " " + ClinicTime.time(at, zone);
    }
}
