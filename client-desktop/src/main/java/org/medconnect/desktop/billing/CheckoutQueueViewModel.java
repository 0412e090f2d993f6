package org.medconnect.desktop.billing;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.Plural;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.AppointmentListener;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.billing.v1.InvoiceStatus;
import org.medconnect.proto.billing.v1.ListVisitsToCheckOutRequest;
import org.medconnect.proto.billing.v1.VisitToCheckOut;

/**
 * Reception's "Ready for checkout": today's completed visits whose invoice is not issued yet or
 * not paid in full. A doctor completing a visit anywhere adds it at once (the live appointment
 * feed); a visit checked out here leaves it when its sheet closes.
 */
public final class CheckoutQueueViewModel implements AppointmentListener {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<VisitToCheckOut> visits = FXCollections.observableArrayList();
    private final IntegerProperty count = new SimpleIntegerProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long generation;

    public CheckoutQueueViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    public void reload() {
        long mine = ++generation;
        calls.call(busy, () -> connection.billing().listVisitsToCheckOut(ListVisitsToCheckOutRequest.getDefaultInstance()).getVisitsList(),
                list -> {
                    if (mine != generation) {
                        return; // an older answer arriving after a newer one
                    }
                    visits.setAll(list);
                    count.set(list.size());
                    summary.set(list.isEmpty() ? "Nobody is waiting to check out"
                            : Plural.of(list.size(), "visit", "visits") + " to check out");
                    message.set("");
                }, failure -> message.set(failure.message()));
    }

    /** A visit completed (or one on the list changed, e.g. a completion undone): read the list again. */
    @Override
    public void appointmentChanged(AppointmentEvent event) {
        var a = event.getAppointment();
        if (a.getStatus() == AppointmentStatus.APPOINTMENT_STATUS_COMPLETED
                || visits.stream().anyMatch(v -> v.getAppointmentId().equals(a.getAppointmentId()))) {
            reload();
        }
    }

    @Override
    public void reloadNeeded() {
        reload();
    }

    /** "Not drafted yet", "Draft, not issued" or "INV-2026-000042, issued" (what is owed has its own column). */
    public static String invoiceState(VisitToCheckOut v) {
        if (v.getInvoiceId().isEmpty()) {
            return "Not drafted yet";
        }
        if (v.getInvoiceStatus() == InvoiceStatus.INVOICE_STATUS_DRAFT) {
            return "Draft, not issued";
        }
        return v.getInvoiceNumber() + ", issued";
    }

    public ObservableList<VisitToCheckOut> visits() { return visits; }
    public IntegerProperty countProperty() { return count; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
