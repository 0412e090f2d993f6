package org.medconnect.desktop.patient;

import org.medconnect.desktop.platform.ClinicTime;
import java.util.Optional;
import java.util.function.Supplier;
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

/**
 * Finding the patient an appointment or a waiting-list entry is for: search by name, phone,
 * birth date or MRN, or register a new patient on the spot (with the likely-duplicate check).
 */
public final class PatientPickerViewModel {

    /** Searching the register, or typing a new patient's details. */
    public enum Mode { SEARCH, REGISTER }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Supplier<PatientFormViewModel> newForm;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Patient> results = FXCollections.observableArrayList();
    private final ObjectProperty<Patient> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.SEARCH);
    private final ObjectProperty<PatientFormViewModel> form = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long generation;

    public PatientPickerViewModel(ServerConnection connection, ServerCalls calls, Supplier<PatientFormViewModel> newForm) {
        this.connection = connection;
        this.calls = calls;
        this.newForm = newForm;
    }

    public void search() {
        String text = query.get() == null ? "" : query.get().strip();
        long mine = ++generation;
        if (text.length() < 2) {
            results.clear();
            message.set(text.isEmpty() ? "" : "Type at least 2 characters.");
            return;
        }
        SearchPatientsRequest request = SearchPatientsRequest.newBuilder().setQuery(text)
                .setPage(PageRequest.newBuilder().setPageSize(25)).build();
        calls.call(busy, () -> connection.patients().searchPatients(request).getPatientsList(), found -> {
            if (mine != generation) {
                return;
            }
            results.setAll(found);
            message.set(found.isEmpty() ? "No patient matches \"" + text + "\". Check the spelling, or register them as new." : "");
        }, failure -> {
            if (mine == generation) {
                message.set(failure.message());
            }
        });
    }

    /** Opens the quick registration, starting from what was typed in the search box when it looks like a name. */
    public void startRegistering() {
        PatientFormViewModel registration = newForm.get();
        String text = query.get() == null ? "" : query.get().strip();
        if (!text.isEmpty() && text.chars().noneMatch(Character::isDigit)) {
            int space = text.lastIndexOf(' ');
            if (space > 0) {
                registration.givenNameProperty().set(text.substring(0, space).strip());
                registration.familyNameProperty().set(text.substring(space + 1).strip());
            } else {
                registration.familyNameProperty().set(text);
            }
        } else if (text.chars().filter(Character::isDigit).count() >= 4 && !text.toUpperCase().startsWith("MC")) {
            ClinicTime.parseTyped(text).ifPresentOrElse(d -> registration.dateOfBirthProperty().set(d.toString()),
                    () -> registration.phoneProperty().set(text));
        }
        registration.onSaved(this::choose);
        form.set(registration);
        mode.set(Mode.REGISTER);
    }

    public void cancelRegistering() {
        mode.set(Mode.SEARCH);
        form.set(null);
    }

    /** This is the patient; also used to take one of the likely duplicates. */
    public void choose(Patient patient) {
        selected.set(patient);
        if (mode.get() == Mode.REGISTER) {
            mode.set(Mode.SEARCH);
            form.set(null);
        }
        if (results.stream().noneMatch(p -> p.getPatientId().equals(patient.getPatientId()))) {
            results.add(0, patient);
        }
    }

    public void clearChoice() {
        selected.set(null);
    }

    public Optional<Patient> chosen() {
        return Optional.ofNullable(selected.get());
    }

    public StringProperty queryProperty() { return query; }
    public ObservableList<Patient> results() { return results; }
    public ObjectProperty<Patient> selectedProperty() { return selected; }
    public ObjectProperty<Mode> modeProperty() { return mode; }
    public ObjectProperty<PatientFormViewModel> formProperty() { return form; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
