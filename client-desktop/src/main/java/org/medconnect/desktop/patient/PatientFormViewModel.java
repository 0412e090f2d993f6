package org.medconnect.desktop.patient;

import org.medconnect.desktop.platform.ClinicTime;
import io.grpc.Status;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.medconnect.proto.patient.v1.FindLikelyDuplicatesRequest;
import org.medconnect.proto.patient.v1.LikelyDuplicate;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.patient.v1.PatientDetails;
import org.medconnect.proto.patient.v1.RegisterPatientRequest;
import org.medconnect.proto.patient.v1.Sex;
import org.medconnect.proto.patient.v1.UpdatePatientRequest;
import org.medconnect.shared.patient.PatientRules;
import org.medconnect.shared.validation.FieldError;

/**
 * Registering a patient (or correcting one): the typed details, checks before sending, and the
 * likely-duplicate step: when the server says the person may already be registered, the matches
 * are shown and the receptionist picks one or registers anyway.
 */
public final class PatientFormViewModel {

    public static final String GIVEN_NAME = PatientRules.GIVEN_NAME;
    public static final String FAMILY_NAME = PatientRules.FAMILY_NAME;
    public static final String DATE_OF_BIRTH = PatientRules.DATE_OF_BIRTH;
    public static final String SEX = PatientRules.SEX;
    public static final String PHONE = PatientRules.PHONE;
    public static final String EMAIL = PatientRules.EMAIL;
    public static final String ADDRESS = PatientRules.ADDRESS;
    static final String LIKELY_DUPLICATE = "LIKELY_DUPLICATE";

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ClinicTime time;
    private final Optional<Patient> editing;
    private final StringProperty givenName = new SimpleStringProperty("");
    private final StringProperty familyName = new SimpleStringProperty("");
    private final StringProperty dateOfBirth = new SimpleStringProperty("");
    private final ObjectProperty<Sex> sex = new SimpleObjectProperty<>();
    private final StringProperty phone = new SimpleStringProperty("");
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final Map<String, StringProperty> errors = new LinkedHashMap<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableList<LikelyDuplicate> duplicates = FXCollections.observableArrayList();
    private String requestId = UUID.randomUUID().toString();
    private Consumer<Patient> onSaved = p -> { };

    public PatientFormViewModel(ServerConnection connection, ServerCalls calls, ClinicTime time, Optional<Patient> editing) {
        this.connection = connection;
        this.calls = calls;
        this.time = time;
        this.editing = editing;
        for (String field : List.of(GIVEN_NAME, FAMILY_NAME, DATE_OF_BIRTH, SEX, PHONE, EMAIL, ADDRESS)) {
            errors.put(field, new SimpleStringProperty(""));
        }
        editing.ifPresent(p -> {
            givenName.set(p.getGivenName());
            familyName.set(p.getFamilyName());
            dateOfBirth.set(p.getDateOfBirth());
            sex.set(p.getSex() == Sex.SEX_UNSPECIFIED ? null : p.getSex());
            phone.set(p.getPhone());
            email.set(p.getEmail());
            address.set(p.getAddress());
        });
        // A field's message goes as soon as the field is changed: it spoke of what was there before.
        Map<String, javafx.beans.Observable> inputs = Map.of(GIVEN_NAME, givenName, FAMILY_NAME, familyName,
                DATE_OF_BIRTH, dateOfBirth, SEX, sex, PHONE, phone, EMAIL, email, ADDRESS, address);
        inputs.forEach((field, input) -> input.addListener(o -> errors.get(field).set("")));
        // Changing what was typed makes the duplicates shown for the old details stale.
        for (StringProperty p : List.of(givenName, familyName, dateOfBirth, phone)) {
            p.addListener((obs, old, now) -> duplicates.clear());
        }
    }

    public void onSaved(Consumer<Patient> handler) {
        this.onSaved = handler;
    }

    /** Registers (or saves the corrections); a likely duplicate stops and lists the matches. */
    public void save() {
        send(false);
    }

    /** The receptionist has looked at the matches and this is someone else. */
    public void registerAnyway() {
        send(true);
    }

    private void send(boolean despiteDuplicates) {
        if (busy.get() || !check()) {
            return;
        }
        message.set("");
        PatientDetails details = details();
        if (editing.isPresent()) {
            UpdatePatientRequest request = UpdatePatientRequest.newBuilder()
                    .setPatientId(editing.get().getPatientId()).setDetails(details).build();
            calls.call(busy, () -> connection.patients().updatePatient(request).getPatient(), this::saved, this::failed);
            return;
        }
        RegisterPatientRequest request = RegisterPatientRequest.newBuilder().setRequestId(requestId)
                .setDetails(details).setRegisterDespiteDuplicates(despiteDuplicates).build();
        calls.call(busy, () -> connection.patients().registerPatient(request).getPatient(), this::saved, this::failed);
    }

    private void saved(Patient patient) {
        duplicates.clear();
        requestId = UUID.randomUUID().toString();
        onSaved.accept(patient);
    }

    private void failed(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        if (failure.code() == Status.Code.FAILED_PRECONDITION && failure.is(LIKELY_DUPLICATE)) {
            loadDuplicates();
            return;
        }
        failure.fieldErrors().forEach((field, text) -> errorProperty(field).ifPresent(p -> p.set(text)));
        message.set(failure.message());
    }

    private void loadDuplicates() {
        FindLikelyDuplicatesRequest request = FindLikelyDuplicatesRequest.newBuilder().setDetails(details()).build();
        calls.call(busy, () -> connection.patients().findLikelyDuplicates(request).getDuplicatesList(), found -> {
            duplicates.setAll(found);
            message.set(found.isEmpty() ? "The server thinks this patient may already be registered. Search for them first, "
                    + "or register anyway." : "");
        }, failure -> message.set(failure.message()));
    }

    /**
     * Checks what the server would refuse anyway (the shared {@link PatientRules}), so the problems show
     * next to their fields at once. A typed "07/03/1984" is read first, then checked as the ISO date sent.
     */
    boolean check() {
        errors.values().forEach(e -> e.set(""));
        String typedDate = clean(dateOfBirth.get());
        Optional<LocalDate> parsed = ClinicTime.parseTyped(typedDate);
        org.medconnect.shared.patient.PatientDetails typed = new org.medconnect.shared.patient.PatientDetails(
                givenName.get(), familyName.get(), parsed.map(LocalDate::toString).orElse(typedDate), sharedSex(sex.get()),
                phone.get(), email.get(), address.get());
        for (FieldError problem : PatientRules.validate(typed, time.today())) {
            errorProperty(problem.field()).ifPresent(e -> e.set(problem.message()));
        }
        if (!typedDate.isEmpty() && parsed.isEmpty()) {
            errors.get(DATE_OF_BIRTH).set("Write the date as " + org.medconnect.desktop.platform.ClinicDates.current().hint() + " (e.g. "
                    + org.medconnect.desktop.platform.ClinicDates.format(LocalDate.of(1984, 3, 7)) + ") or as 1984-03-07.");
        }
        return errors.values().stream().allMatch(e -> e.get().isEmpty());
    }

    private static Optional<org.medconnect.shared.patient.Sex> sharedSex(Sex value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case SEX_FEMALE -> Optional.of(org.medconnect.shared.patient.Sex.FEMALE);
            case SEX_MALE -> Optional.of(org.medconnect.shared.patient.Sex.MALE);
            case SEX_OTHER -> Optional.of(org.medconnect.shared.patient.Sex.OTHER);
            case SEX_UNKNOWN -> Optional.of(org.medconnect.shared.patient.Sex.UNKNOWN);
            default -> Optional.empty();
        };
    }

    PatientDetails details() {
        return PatientDetails.newBuilder().setGivenName(clean(givenName.get())).setFamilyName(clean(familyName.get()))
                .setDateOfBirth(ClinicTime.parseTyped(dateOfBirth.get()).map(LocalDate::toString).orElse(clean(dateOfBirth.get())))
                .setSex(sex.get() == null ? Sex.SEX_UNSPECIFIED : sex.get())
                .setPhone(clean(phone.get())).setEmail(clean(email.get())).setAddress(clean(address.get())).build();
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    /** The error line of a field; server names may come as "details.phone". */
    public Optional<StringProperty> errorProperty(String field) {
        String key = field.startsWith("details.") ? field.substring("details.".length()) : field;
        return Optional.ofNullable(errors.get(key));
    }

    public StringProperty error(String field) {
        return errors.get(field);
    }

    /** Sex as the front desk says it. */
    public static String label(Sex value) {
        if (value == null) {
            return "";
        }
        return switch (value) {
            case SEX_FEMALE -> "Female";
            case SEX_MALE -> "Male";
            case SEX_OTHER -> "Other";
            case SEX_UNKNOWN -> "Unknown";
            default -> "";
        };
    }

    public boolean isCreate() { return editing.isEmpty(); }
    public Optional<Patient> editing() { return editing; }
    String requestId() { return requestId; }
    public StringProperty givenNameProperty() { return givenName; }
    public StringProperty familyNameProperty() { return familyName; }
    public StringProperty dateOfBirthProperty() { return dateOfBirth; }
    public ObjectProperty<Sex> sexProperty() { return sex; }
    public StringProperty phoneProperty() { return phone; }
    public StringProperty emailProperty() { return email; }
    public StringProperty addressProperty() { return address; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    public ObservableList<LikelyDuplicate> duplicates() { return duplicates; }
}
