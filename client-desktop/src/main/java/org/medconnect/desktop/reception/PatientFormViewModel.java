package org.medconnect.desktop.reception;

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

/**
 * Registering a patient (or correcting one): the typed details, checks before sending, and the
 * likely-duplicate step: when the server says the person may already be registered, the matches
 * are shown and the receptionist picks one or registers anyway.
 */
public final class PatientFormViewModel {

    public static final String GIVEN_NAME = "given_name";
    public static final String FAMILY_NAME = "family_name";
    public static final String DATE_OF_BIRTH = "date_of_birth";
    public static final String SEX = "sex";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String ADDRESS = "address";
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

    /** Checks what the server would refuse anyway, so the problems show next to their fields at once. */
    boolean check() {
        errors.values().forEach(e -> e.set(""));
        require(GIVEN_NAME, givenName.get(), "Enter the given name.", 80);
        require(FAMILY_NAME, familyName.get(), "Enter the family name.", 80);
        String dob = dateOfBirth.get() == null ? "" : dateOfBirth.get().strip();
        if (dob.isEmpty()) {
            errors.get(DATE_OF_BIRTH).set("Enter the date of birth.");
        } else {
            Optional<LocalDate> parsed = ClinicTime.parseTyped(dob);
            if (parsed.isEmpty()) {
                errors.get(DATE_OF_BIRTH).set("Write the date as 1984-03-07 or 07/03/1984.");
            } else if (parsed.get().isAfter(time.today())) {
                errors.get(DATE_OF_BIRTH).set("The date of birth cannot be in the future.");
            } else if (parsed.get().isBefore(LocalDate.of(1880, 1, 1))) {
                errors.get(DATE_OF_BIRTH).set("Check the year of birth.");
            }
        }
        if (sex.get() == null || sex.get() == Sex.SEX_UNSPECIFIED) {
            errors.get(SEX).set("Choose one; \"Unknown\" is fine.");
        }
        String phoneText = clean(phone.get());
        if (!phoneText.isEmpty()) {
            long digits = phoneText.chars().filter(Character::isDigit).count();
            if (!phoneText.matches("[0-9 +()\\-]+") || digits < 4 || phoneText.length() > 32) {
                errors.get(PHONE).set("Use digits, spaces, + - ( ); at least 4 digits.");
            }
        }
        String emailText = clean(email.get());
        if (!emailText.isEmpty() && (emailText.indexOf('@') < 1 || emailText.contains(" ") || emailText.length() > 254)) {
            errors.get(EMAIL).set("That email address does not look right.");
        }
        if (clean(address.get()).length() > 300) {
            errors.get(ADDRESS).set("Keep the address under 300 characters.");
        }
        return errors.values().stream().allMatch(e -> e.get().isEmpty());
    }

    private void require(String field, String value, String missing, int max) {
        String text = clean(value);
        if (text.isEmpty()) {
            errors.get(field).set(missing);
        } else if (text.length() > max) {
            errors.get(field).set("Keep it under " + max + " characters.");
        }
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
