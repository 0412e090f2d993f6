package org.medconnect.desktop.patient;

import org.medconnect.desktop.platform.Plural;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.patient.v1.SearchPatientsRequest;

/** The Patients screen: search the register; the chosen patient is edited or booked from here. */
public final class PatientsViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Patient> patients = FXCollections.observableArrayList();
    private final ObjectProperty<Patient> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long generation;
    private final StringProperty balance = new SimpleStringProperty("");
    private final BooleanProperty balanceBusy = new SimpleBooleanProperty();
    private long balanceGeneration;

    public PatientsViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        summary.set("Search by name, phone, date of birth or MRN.");
        selected.addListener((obs, old, now) -> loadBalance(now));
    }

    /** "Balance due: €12.50" for the selected patient, from their issued invoices (billing). */
    private void loadBalance(Patient patient) {
        long mine = ++balanceGeneration;
        balance.set("");
        if (patient == null || patient.getPatientId().isEmpty()) {
            return;
        }
        var request = org.medconnect.proto.billing.v1.GetPatientBalanceRequest.newBuilder().setPatientId(patient.getPatientId()).build();
        calls.call(balanceBusy, () -> connection.billing().getPatientBalance(request).getBalance(), owed -> {
            if (mine == balanceGeneration) {
                balance.set(balanceText(owed));
            }
        }, failure -> { }); // a missing balance line is no reason to interrupt the desk
    }

    static String balanceText(org.medconnect.proto.common.v1.Money owed) {
        long minor = owed.getMinorUnits();
        String code = owed.getCurrencyCode().isBlank() ? "XXX" : owed.getCurrencyCode();
        String symbol;
        try {
            symbol = java.util.Currency.getInstance(code).getSymbol(java.util.Locale.US);
        } catch (IllegalArgumentException e) {
            symbol = code;
        }
        if (symbol.equals(code)) {
            symbol = code + " "; // no sign of its own in English: "KWD 12.345"
        }
        String amount = org.medconnect.shared.billing.InvoiceMath.format(Math.abs(minor), code);
        return minor > 0 ? "Balance due: " + symbol + amount : minor < 0 ? "In credit: " + symbol + amount : "Nothing owed";
    }

    public void search() {
        String text = query.get() == null ? "" : query.get().strip();
        long mine = ++generation;
        message.set("");
        if (text.length() < 2) {
            patients.clear();
            summary.set(text.isEmpty() ? "Search by name, phone, date of birth or MRN." : "Type at least 2 characters.");
            return;
        }
        SearchPatientsRequest request = SearchPatientsRequest.newBuilder().setQuery(text)
                .setPage(PageRequest.newBuilder().setPageSize(100)).build();
        calls.call(busy, () -> connection.patients().searchPatients(request), found -> {
            if (mine != generation) {
                return;
            }
            patients.setAll(found.getPatientsList());
            int total = Math.max(found.getPage().getTotalCount(), found.getPatientsCount());
            summary.set(found.getPatientsCount() == 0 ? "No patient matches \"" + text + "\"."
                    : total > found.getPatientsCount() ? "Best " + found.getPatientsCount() + " of " + total + " matches"
                    : Plural.of(found.getPatientsCount(), "patient", "patients"));
        }, failure -> {
            if (mine == generation) {
                message.set(failure.message());
            }
        });
    }

    /** A patient was registered or corrected: show them as they are now, selected. */
    public void saved(Patient patient) {
        int at = -1;
        for (int i = 0; i < patients.size(); i++) {
            if (patients.get(i).getPatientId().equals(patient.getPatientId())) {
                at = i;
            }
        }
        if (at >= 0) {
            patients.set(at, patient);
        } else {
            patients.add(0, patient);
        }
        selected.set(patient);
    }

    public StringProperty queryProperty() { return query; }
    public ObservableList<Patient> patients() { return patients; }
    public ObjectProperty<Patient> selectedProperty() { return selected; }
    public StringProperty messageProperty() { return message; }
    public StringProperty summaryProperty() { return summary; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty balanceProperty() { return balance; }
}
