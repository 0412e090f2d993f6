package org.medconnect.desktop.prescription.refill;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.Plural;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.prescription.v1.CancelRefillRequestRequest;
import org.medconnect.proto.prescription.v1.CancelRefillRequestResponse;
import org.medconnect.proto.prescription.v1.ListRefillRequestsRequest;
import org.medconnect.proto.prescription.v1.ListRefillRequestsResponse;
import org.medconnect.proto.prescription.v1.RecordRefillRequestRequest;
import org.medconnect.proto.prescription.v1.RecordRefillRequestResponse;
import org.medconnect.proto.prescription.v1.RefillRequest;
import org.medconnect.proto.prescription.v1.RefillRequestStatus;
import org.medconnect.proto.schedule.v1.Doctor;

/**
 * Reception's Refill requests screen: record what a patient asks for (patient, doctor, their words),
 * see every request with the doctor's answer (pending first, then decided: "Renewed" or the reason
 * for a decline), and withdraw a pending one. Reception never sees a drug list: only what it typed.
 * Reloads when the inbox hears that a doctor decided a request.
 */
public final class RefillDeskViewModel {

    /** What the patient asks for: the server's limit too. */
    public static final int NOTE_LIMIT = 500;

    /** The refill calls this screen makes. */
    public interface Server {
        RecordRefillRequestResponse record(RecordRefillRequestRequest request);

        ListRefillRequestsResponse list(ListRefillRequestsRequest request);

        CancelRefillRequestResponse cancel(CancelRefillRequestRequest request);

        static Server over(ServerConnection connection) {
            return new Server() {
                @Override public RecordRefillRequestResponse record(RecordRefillRequestRequest r) { return connection.refills().recordRefillRequest(r); }
                @Override public ListRefillRequestsResponse list(ListRefillRequestsRequest r) { return connection.refills().listRefillRequests(r); }
                @Override public CancelRefillRequestResponse cancel(CancelRefillRequestRequest r) { return connection.refills().cancelRefillRequest(r); }
            };
        }
    }

    private static final List<RefillRequestStatus> SHOWN = List.of(RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING,
            RefillRequestStatus.REFILL_REQUEST_STATUS_APPROVED, RefillRequestStatus.REFILL_REQUEST_STATUS_DECLINED,
            RefillRequestStatus.REFILL_REQUEST_STATUS_CANCELLED);

    private final Server server;
    private final ServerCalls calls;
    private final ZoneId zone;
    private final ObjectProperty<Patient> patient = new SimpleObjectProperty<>();
    private final ObjectProperty<Doctor> doctor = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final ObservableList<RefillRow> requests = FXCollections.observableArrayList();
    private final ObjectProperty<RefillRow> selected = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();

    public RefillDeskViewModel(Server server, ServerCalls calls, ZoneId zone) {
        this.server = server;
        this.calls = calls;
        this.zone = zone;
    }

    /** Every request again (when shown, on F5, when a doctor decided one). */
    public void reload() {
        ListRefillRequestsRequest request = ListRefillRequestsRequest.newBuilder().addAllStatuses(SHOWN).build();
        calls.call(busy, () -> server.list(request), response -> {
            show(response.getRefillRequestsList());
        }, failure -> message.set(failure.message()));
    }


    /** Records the request; false (with the reason in {@link #messageProperty()}) when something is missing. */
    public boolean record() {
        notice.set("");
        String asked = note.get() == null ? "" : note.get().strip();
        if (patient.get() == null) {
            message.set("Choose the patient who asks.");
            return false;
        }
        if (doctor.get() == null || doctor.get().getDoctorId().isEmpty()) {
            message.set("Choose the doctor who should decide.");
            return false;
        }
        if (asked.isEmpty()) {
            message.set("Write what the patient asks for, in their words.");
            return false;
        }
        if (asked.length() > NOTE_LIMIT) {
            message.set("What the patient asks for is " + asked.length() + " characters; keep it under " + NOTE_LIMIT + ".");
            return false;
        }
        Patient who = patient.get();
        Doctor to = doctor.get();
        RecordRefillRequestRequest request = RecordRefillRequestRequest.newBuilder().setRequestId(requestId)
                .setPatientId(who.getPatientId()).setDoctorId(to.getDoctorId()).setNote(asked).build();
        calls.call(busy, () -> server.record(request), response -> {
            requestId = UUID.randomUUID().toString();
            replace(response.getRefillRequest());
            patient.set(null);
            note.set("");
            message.set("");
            notice.set("Request for " + who.getGivenName() + " " + who.getFamilyName() + " sent to "
                    + to.getDisplayName() + ".");
        }, this::refused);
        return true;
    }

    /** Withdraws a pending request (the patient no longer needs it). */
    public void cancel(RefillRow row) {
        if (row == null || !row.pending()) {
            return;
        }
        RefillRequest request = row.request();
        notice.set("");
        CancelRefillRequestRequest cancel = CancelRefillRequestRequest.newBuilder()
                .setRefillRequestId(request.getRefillRequestId()).setExpectedVersion(request.getVersion()).build();
        calls.call(busy, () -> server.cancel(cancel), response -> {
            replace(response.getRefillRequest());
            message.set("");
            notice.set("Request for " + request.getPatientName() + " withdrawn.");
        }, failure -> {
            message.set(failure.message());
            reload(); // decided or changed meanwhile: show it as it is now
        });
    }

    private void refused(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        message.set(failure.message());
    }

    private void replace(RefillRequest now) {
        java.util.List<RefillRequest> all = new java.util.ArrayList<>(requests.stream().map(RefillRow::request)
                .filter(r -> !r.getRefillRequestId().equals(now.getRefillRequestId())).toList());
        all.add(now);
        show(all);
    }

    private void show(java.util.List<RefillRequest> all) {
        requests.setAll(all.stream().sorted(RefillTexts.DESK_ORDER).map(r -> new RefillRow(r, zone)).toList());
        updateSummary();
    }

    private void updateSummary() {
        long waiting = requests.stream().filter(RefillRow::pending).count();
        summary.set(requests.isEmpty() ? "No refill requests." : Plural.of(waiting, "waiting for a doctor", "waiting for a doctor")
                + " · " + Plural.of(requests.size() - waiting, "answered", "answered"));
    }


    public ObjectProperty<Patient> patientProperty() { return patient; }
    public ObjectProperty<Doctor> doctorProperty() { return doctor; }
    public StringProperty noteProperty() { return note; }
    public ObservableList<RefillRow> requests() { return requests; }
    public ObjectProperty<RefillRow> selectedProperty() { return selected; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
}
