package org.medconnect.desktop.prescription.refill;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.prescription.v1.DeclineRefillRequestRequest;
import org.medconnect.proto.prescription.v1.DeclineRefillRequestResponse;
import org.medconnect.proto.prescription.v1.ListPrescriptionsRequest;
import org.medconnect.proto.prescription.v1.ListPrescriptionsResponse;
import org.medconnect.proto.prescription.v1.ListRefillRequestsRequest;
import org.medconnect.proto.prescription.v1.ListRefillRequestsResponse;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.PrescriptionSummary;
import org.medconnect.proto.prescription.v1.RefillRequest;
import org.medconnect.proto.prescription.v1.RenewPrescriptionRequest;
import org.medconnect.proto.prescription.v1.RenewPrescriptionResponse;

/**
 * The doctor's Refill requests: the pending requests addressed to them (the navigation shows how
 * many), and for each either Renew (pick one of the patient's prescriptions; the renewal is drafted
 * on the server and the chart opens on Prescriptions to check and sign it, which approves the
 * request) or Decline with a reason reception reads to the patient.
 */
public final class RefillInboxViewModel {

    /** The decline reason's limit, as the server checks it. */
    public static final int REASON_LIMIT = 500;

    /** The chart page a renewal is signed on. */
    public static final String PRESCRIPTIONS_PAGE = "Prescriptions";

    private static final Set<PrescriptionStatus> RENEWABLE = EnumSet.of(PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED,
            PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED, PrescriptionStatus.PRESCRIPTION_STATUS_DISPENSED,
            PrescriptionStatus.PRESCRIPTION_STATUS_EXPIRED);

    /** The calls this screen makes. */
    public interface Server {
        ListRefillRequestsResponse list(ListRefillRequestsRequest request);

        DeclineRefillRequestResponse decline(DeclineRefillRequestRequest request);

        ListPrescriptionsResponse prescriptions(ListPrescriptionsRequest request);

        RenewPrescriptionResponse renew(RenewPrescriptionRequest request);

        static Server over(ServerConnection connection) {
            return new Server() {
                @Override public ListRefillRequestsResponse list(ListRefillRequestsRequest r) { return connection.refills().listRefillRequests(r); }
                @Override public DeclineRefillRequestResponse decline(DeclineRefillRequestRequest r) {
                    return connection.refills().declineRefillRequest(r);
                }
                @Override public ListPrescriptionsResponse prescriptions(ListPrescriptionsRequest r) {
                    return connection.prescriptions().listPrescriptions(r);
                }
                @Override public RenewPrescriptionResponse renew(RenewPrescriptionRequest r) { return connection.prescriptions().renewPrescription(r); }
            };
        }
    }

    /** Opens a patient's chart on a page; the doctor workspace does it with its chart window. */
    @FunctionalInterface
    public interface ChartOpener {
        void open(String patientId, String patientName, String page);
    }

    private final Server server;
    private final ServerCalls calls;
    private final ZoneId zone;
    private final ChartOpener charts;
    private final ObservableList<RefillRow> requests = FXCollections.observableArrayList();
    private final ObjectProperty<RefillRow> selected = new SimpleObjectProperty<>();
    private final IntegerProperty count = new SimpleIntegerProperty();
    private final StringProperty reason = new SimpleStringProperty("");
    private final ObjectProperty<RefillRow> renewing = new SimpleObjectProperty<>();
    private final ObservableList<PrescriptionSummary> renewable = FXCollections.observableArrayList();
    private final ObjectProperty<PrescriptionSummary> chosen = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** Renewals drafted from this screen, by refill request: a second Renew reopens the chart instead of drafting again. */
    private final Map<String, String> drafted = new HashMap<>();
    private String renewRequestId = UUID.randomUUID().toString();

    public RefillInboxViewModel(Server server, ServerCalls calls, ZoneId zone, ChartOpener charts) {
        this.server = server;
        this.calls = calls;
        this.zone = zone;
        this.charts = charts;
    }

    /** The pending requests again (when shown, on F5, when one arrives). */
    public void reload() {
        calls.call(busy, () -> server.list(ListRefillRequestsRequest.getDefaultInstance()), response -> {
            requests.setAll(response.getRefillRequestsList().stream().sorted(RefillTexts.DESK_ORDER).map(r -> new RefillRow(r, zone)).toList());
            count.set(requests.size());
        }, failure -> message.set(failure.message()));
    }


    /** Decline: the reason is required and is what reception tells the patient. */
    public boolean decline(RefillRow row) {
        notice.set("");
        String why = reason.get() == null ? "" : reason.get().strip();
        if (row == null) {
            return false;
        }
        RefillRequest request = row.request();
        if (why.isEmpty()) {
            message.set("Say why you decline: reception reads it to the patient.");
            return false;
        }
        if (why.length() > REASON_LIMIT) {
            message.set("The reason is " + why.length() + " characters; keep it under " + REASON_LIMIT + ".");
            return false;
        }
        DeclineRefillRequestRequest decline = DeclineRefillRequestRequest.newBuilder().setRefillRequestId(request.getRefillRequestId())
                .setExpectedVersion(request.getVersion()).setReason(why).build();
        calls.call(busy, () -> server.decline(decline), response -> {
            leave(request);
            reason.set("");
            message.set("");
            notice.set("Declined " + request.getPatientName() + "'s request; reception is told.");
        }, failure -> {
            message.set(failure.message());
            reload();
        });
        return true;
    }

    /**
     * Renew, step one: the patient's prescriptions that can be renewed (signed, dispensed or expired),
     * newest first, for the doctor to pick one. A request already renewed from here reopens its chart.
     */
    public void startRenewal(RefillRow row) {
        if (row == null) {
            return;
        }
        RefillRequest request = row.request();
        notice.set("");
        message.set("");
        if (drafted.containsKey(request.getRefillRequestId())) {
            charts.open(request.getPatientId(), request.getPatientName(), PRESCRIPTIONS_PAGE);
            notice.set("The renewal for " + request.getPatientName() + " is a draft in the chart: sign it there.");
            return;
        }
        ListPrescriptionsRequest list = ListPrescriptionsRequest.newBuilder().setPatientId(request.getPatientId())
                .setIncludeClosed(true).build();
        calls.call(busy, () -> server.prescriptions(list), response -> {
            var choices = response.getPrescriptionsList().stream().filter(p -> RENEWABLE.contains(p.getStatus()))
                    .sorted((a, b) -> Long.compare(signedOrCreated(b), signedOrCreated(a))).toList();
            if (choices.isEmpty()) {
                message.set(request.getPatientName() + " has no signed prescription to renew: write a new one in the chart, or decline.");
                return;
            }
            renewable.setAll(choices);
            chosen.set(choices.getFirst());
            renewing.set(row);
        }, failure -> message.set(failure.message()));
    }

    private static long signedOrCreated(PrescriptionSummary p) {
        return p.hasSignedAt() ? p.getSignedAt().getSeconds() : p.getCreatedAt().getSeconds();
    }

    /** Renew, step two: drafts the renewal of the chosen prescription and opens the chart to sign it. */
    public void renew() {
        RefillRequest request = renewing.get() == null ? null : renewing.get().request();
        PrescriptionSummary original = chosen.get();
        if (request == null) {
            return;
        }
        if (original == null) {
            message.set("Choose the prescription to renew.");
            return;
        }
        RenewPrescriptionRequest renew = RenewPrescriptionRequest.newBuilder().setRequestId(renewRequestId)
                .setPrescriptionId(original.getPrescriptionId()).setRefillRequestId(request.getRefillRequestId()).build();
        calls.call(busy, () -> server.renew(renew), response -> {
            renewRequestId = UUID.randomUUID().toString();
            drafted.put(request.getRefillRequestId(), response.getPrescription().getPrescriptionId());
            closeRenewal();
            message.set("");
            notice.set("Renewal drafted for " + request.getPatientName() + ": check and sign it in the chart.");
            charts.open(request.getPatientId(), request.getPatientName(), PRESCRIPTIONS_PAGE);
        }, failure -> {
            if (failure.definiteRefusal()) {
                renewRequestId = UUID.randomUUID().toString();
            }
            message.set(failure.message());
        });
    }

    /** Closes the chooser without renewing. */
    public void closeRenewal() {
        renewing.set(null);
        renewable.clear();
        chosen.set(null);
    }

    /** Opens the patient's chart on Prescriptions, to read before deciding. */
    public void openChart(RefillRow row) {
        if (row != null) {
            charts.open(row.request().getPatientId(), row.patientName(), PRESCRIPTIONS_PAGE);
        }
    }

    /** Whether a renewal for this request was drafted here and waits for the signature. */
    public boolean drafted(RefillRow row) {
        return row != null && drafted.containsKey(row.id());
    }

    private void leave(RefillRequest request) {
        requests.removeIf(r -> r.id().equals(request.getRefillRequestId()));
        drafted.remove(request.getRefillRequestId());
        count.set(requests.size());
    }


    /** "Signed 04/11/2026 · Amoxicillin 500 mg capsule; ..." for the chooser. */
    public String describe(PrescriptionSummary p) {
        String status = switch (p.getStatus()) {
            case PRESCRIPTION_STATUS_EXPIRED -> "Expired";
            case PRESCRIPTION_STATUS_DISPENSED -> "Dispensed";
            case PRESCRIPTION_STATUS_PARTLY_DISPENSED -> "Partly dispensed";
            default -> "Signed";
        };
        String on = RefillTexts.when(p.hasSignedAt() ? p.getSignedAt() : p.getCreatedAt(), zone);
        String date = on.isEmpty() ? "" : " " + on.substring(0, on.indexOf(' ') < 0 ? on.length() : on.indexOf(' '));
        return status + date + " · " + p.getDrugs() + (p.getPrescriberName().isBlank() ? "" : " · " + p.getPrescriberName());
    }

    public ObservableList<RefillRow> requests() { return requests; }
    public ObjectProperty<RefillRow> selectedProperty() { return selected; }
    public IntegerProperty countProperty() { return count; }
    public StringProperty reasonProperty() { return reason; }
    public ObjectProperty<RefillRow> renewingProperty() { return renewing; }
    public ObservableList<PrescriptionSummary> renewable() { return renewable; }
    public ObjectProperty<PrescriptionSummary> chosenProperty() { return chosen; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
}
