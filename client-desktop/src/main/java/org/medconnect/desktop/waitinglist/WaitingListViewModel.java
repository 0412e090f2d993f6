package org.medconnect.desktop.waitinglist;

import org.medconnect.desktop.platform.Plural;

import org.medconnect.shared.appointment.AppointmentReasons;
import io.grpc.Status;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.BookWaitingListOfferRequest;
import org.medconnect.proto.appointment.v1.DeclineWaitingListOfferRequest;
import org.medconnect.proto.appointment.v1.ListWaitingListRequest;
import org.medconnect.proto.appointment.v1.RemoveFromWaitingListRequest;
import org.medconnect.proto.appointment.v1.WaitingListEntry;
import org.medconnect.proto.appointment.v1.WaitingStatus;

/**
 * The waiting list: patients waiting for a slot, those with a freed slot on offer first; the offer
 * is booked in one click, declined, or the entry removed. Booking an offer keeps its request id
 * until the server has answered for certain, so a retry after a timeout books once.
 */
public final class WaitingListViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<WaitingListEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<WaitingListEntry> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Map<String, String> bookingRequestIds = new HashMap<>();
    private Consumer<Appointment> onBooked = a -> { };

    public WaitingListViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    public void onBooked(Consumer<Appointment> handler) {
        this.onBooked = handler;
    }

    public void reload() {
        calls.call(busy, () -> connection.appointments().listWaitingList(ListWaitingListRequest.getDefaultInstance())
                .getEntriesList(), this::show, failure -> message.set(failure.message()));
    }

    private void show(List<WaitingListEntry> list) {
        String keep = selected.get() == null ? "" : selected.get().getEntryId();
        entries.setAll(list.stream().filter(e -> e.getStatus() == WaitingStatus.WAITING_STATUS_WAITING
                        || e.getStatus() == WaitingStatus.WAITING_STATUS_OFFERED)
                .sorted(Comparator.comparing((WaitingListEntry e) -> e.getStatus() == WaitingStatus.WAITING_STATUS_OFFERED ? 0 : 1))
                .toList());
        selected.set(entries.stream().filter(e -> e.getEntryId().equals(keep)).findFirst().orElse(null));
        long offered = entries.stream().filter(WaitingListViewModel::offered).count();
        summary.set(Plural.of(entries.size(), "patient", "patients") + " waiting"
                + (offered > 0 ? " · " + Plural.of(offered, "offer", "offers") + " to call about" : ""));
    }

    public static boolean offered(WaitingListEntry entry) {
        return entry != null && entry.getStatus() == WaitingStatus.WAITING_STATUS_OFFERED;
    }

    public void bookOffer(WaitingListEntry entry) {
        if (!offered(entry) || busy.get()) {
            return;
        }
        String requestId = bookingRequestIds.computeIfAbsent(entry.getEntryId(), id -> UUID.randomUUID().toString());
        BookWaitingListOfferRequest request = BookWaitingListOfferRequest.newBuilder().setRequestId(requestId)
                .setEntryId(entry.getEntryId()).build();
        clearMessages();
        calls.call(busy, () -> connection.appointments().bookWaitingListOffer(request), booked -> {
            bookingRequestIds.remove(entry.getEntryId());
            notice.set("Booked " + booked.getAppointment().getPatient().getDisplayName() + " (" + booked.getAppointment().getReference() + ").");
            onBooked.accept(booked.getAppointment());
            reload();
        }, failure -> {
            if (failure.definiteRefusal() || failure.code() == Status.Code.ABORTED) {
                bookingRequestIds.remove(entry.getEntryId());
            }
            if (failure.code() == Status.Code.ABORTED && failure.is(AppointmentReasons.SLOT_TAKEN)) {
                message.set("That slot was just taken, so the offer is gone. The patient stays on the list.");
                reload();
            } else {
                refused(failure);
            }
        });
    }

    public void declineOffer(WaitingListEntry entry) {
        if (!offered(entry) || busy.get()) {
            return;
        }
        clearMessages();
        DeclineWaitingListOfferRequest request = DeclineWaitingListOfferRequest.newBuilder().setEntryId(entry.getEntryId()).build();
        calls.call(busy, () -> connection.appointments().declineWaitingListOffer(request).getEntry(), changed -> {
            notice.set("Offer declined; " + changed.getPatient().getDisplayName() + " waits again.");
            reload();
        }, this::refused);
    }

    public void remove(WaitingListEntry entry) {
        if (entry == null || busy.get()) {
            return;
        }
        clearMessages();
        RemoveFromWaitingListRequest request = RemoveFromWaitingListRequest.newBuilder().setEntryId(entry.getEntryId()).build();
        calls.call(busy, () -> connection.appointments().removeFromWaitingList(request), done -> {
            notice.set(entry.getPatient().getDisplayName() + " is off the waiting list.");
            reload();
        }, this::refused);
    }

    private void refused(CallFailure failure) {
        message.set(failure.message());
        if (failure.code() == Status.Code.FAILED_PRECONDITION || failure.code() == Status.Code.NOT_FOUND) {
            reload();
        }
    }

    private void clearMessages() {
        message.set("");
        notice.set("");
    }

    public ObservableList<WaitingListEntry> entries() { return entries; }
    public ObjectProperty<WaitingListEntry> selectedProperty() { return selected; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public StringProperty summaryProperty() { return summary; }
    public BooleanProperty busyProperty() { return busy; }
    String bookingRequestId(String entryId) { return bookingRequestIds.get(entryId); }
}
