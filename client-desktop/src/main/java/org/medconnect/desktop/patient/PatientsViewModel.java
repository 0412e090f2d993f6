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

    public PatientsViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        summary.set("Search by name, phone, date of birth or MRN.");
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
}
