package org.medconnect.desktop.prescription.refill;

import java.time.ZoneId;
import org.medconnect.proto.prescription.v1.RefillRequest;
import org.medconnect.proto.prescription.v1.RefillRequestStatus;

/** One refill request as a list shows it: the words, names and times already in the clinic's formats. */
public final class RefillRow {

    private final RefillRequest request;
    private final String asked;

    RefillRow(RefillRequest request, ZoneId zone) {
        this.request = request;
        this.asked = RefillTexts.when(request.getRequestedAt(), zone);
    }

    /** The request as the server sent it (view models only). */
    RefillRequest request() { return request; }

    public String id() { return request.getRefillRequestId(); }
    public String patientName() { return request.getPatientName(); }
    public String mrn() { return request.getPatientMrn(); }
    public String doctorName() { return request.getDoctorName(); }
    /** What the patient asked for, as reception typed it. */
    public String note() { return request.getNote(); }
    public String requestedBy() { return request.getRequestedByName(); }
    /** When it was recorded, e.g. "10/12/2026 09:12". */
    public String asked() { return asked; }
    public String status() { return RefillTexts.status(request); }
    public String answer() { return RefillTexts.answer(request); }
    /** One line for reception: "Waiting", "Renewed", "Declined: <reason>", "Withdrawn". */
    public String outcome() {
        return switch (request.getStatus()) {
            case REFILL_REQUEST_STATUS_DECLINED -> request.getDeclineReason().isBlank() ? "Declined" : "Declined: " + request.getDeclineReason();
            case REFILL_REQUEST_STATUS_CANCELLED -> "Withdrawn";
            case REFILL_REQUEST_STATUS_PENDING -> "Waiting";
            default -> status();
        };
    }

    public boolean pending() { return RefillTexts.pending(request); }
    public boolean declined() { return request.getStatus() == RefillRequestStatus.REFILL_REQUEST_STATUS_DECLINED; }

    @Override public String toString() { return patientName() + " · " + status(); }
}
