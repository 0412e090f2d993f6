package org.medconnect.desktop.staff;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import org.medconnect.proto.common.v1.Money;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.staff.v1.CreateUserRequest;
import org.medconnect.proto.staff.v1.Department;
import org.medconnect.proto.staff.v1.DoctorProfile;
import org.medconnect.proto.staff.v1.ListDepartmentsRequest;
import org.medconnect.proto.staff.v1.StaffUser;
import org.medconnect.proto.staff.v1.UpdateUserRequest;
import org.medconnect.shared.staff.StaffRules;
import org.medconnect.shared.validation.FieldError;
import org.medconnect.shared.validation.Validation;

/** Create or edit one staff account, with the doctor profile when the role is Doctor. */
public final class UserFormViewModel {

    public static final String USERNAME = "username";
    public static final String DISPLAY_NAME = "display_name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String ROLE = "role";
    public static final String INITIAL_PASSWORD = "initial_password";
    public static final String DEPARTMENT = "doctor_profile.department_id";
    public static final String SPECIALIZATION = "doctor_profile.specialization";
    public static final String QUALIFICATION = "doctor_profile.qualification";
    public static final String REGISTRATION = "doctor_profile.registration_number";
    public static final String YEARS = "doctor_profile.years_of_experience";
    public static final String FEE = "doctor_profile.consultation_fee";

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Optional<StaffUser> editing;
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty displayName = new SimpleStringProperty("");
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty phone = new SimpleStringProperty("");
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>(Role.ROLE_RECEPTIONIST);
    private final StringProperty initialPassword = new SimpleStringProperty("");
    private final StringProperty specialization = new SimpleStringProperty("");
    private final ObjectProperty<Department> department = new SimpleObjectProperty<>();
    private final StringProperty qualification = new SimpleStringProperty("");
    private final StringProperty registrationNumber = new SimpleStringProperty("");
    private final StringProperty years = new SimpleStringProperty("");
    private final StringProperty feeAmount = new SimpleStringProperty("");
    private final StringProperty currency = new SimpleStringProperty("USD");
    private final ObservableList<Department> departments = FXCollections.observableArrayList();
    private final Map<String, StringProperty> errors = new LinkedHashMap<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanBinding doctor = Bindings.createBooleanBinding(() -> role.get() == Role.ROLE_DOCTOR, role);
    private String requestId = UUID.randomUUID().toString();
    private boolean newRequestIdNeeded;
    private Consumer<StaffUser> onSaved = user -> {};

    public UserFormViewModel(ServerConnection connection, ServerCalls calls, Optional<StaffUser> editing, String defaultCurrency) {
        this.connection = connection;
        this.calls = calls;
        this.editing = editing;
        for (String field : new String[] {USERNAME, DISPLAY_NAME, EMAIL, PHONE, ROLE, INITIAL_PASSWORD,
                DEPARTMENT, SPECIALIZATION, QUALIFICATION, REGISTRATION, YEARS, FEE}) {
            errors.put(field, new SimpleStringProperty(""));
        }
        currency.set(defaultCurrency);
        editing.ifPresent(this::fill);
    }

    private void fill(StaffUser user) {
        username.set(user.getUsername());
        displayName.set(user.getDisplayName());
        email.set(user.getEmail());
        phone.set(user.getPhone());
        role.set(user.getRole());
        if (user.hasDoctorProfile()) {
            DoctorProfile profile = user.getDoctorProfile();
            specialization.set(profile.getSpecialization());
            qualification.set(profile.getQualification());
            registrationNumber.set(profile.getRegistrationNumber());
            years.set(Integer.toString(profile.getYearsOfExperience()));
            if (profile.hasConsultationFee()) {
                Money fee = profile.getConsultationFee();
                currency.set(fee.getCurrencyCode());
                feeAmount.set(BigDecimal.valueOf(fee.getMinorUnits(), Math.max(0, fractionDigits(fee.getCurrencyCode()))).toPlainString());
            }
            if (!profile.getDepartmentId().isEmpty()) {
                department.set(Department.newBuilder().setDepartmentId(profile.getDepartmentId())
                        .setName(profile.getDepartmentName()).build());
            }
        }
    }

    public void onSaved(Consumer<StaffUser> handler) {
        this.onSaved = handler;
    }

    /** Departments offered in the combo: current ones, plus the doctor's own even if it was retired since. */
    public void loadDepartments() {
        calls.call(new SimpleBooleanProperty(), () -> connection.staff().listDepartments(
                ListDepartmentsRequest.newBuilder().setIncludeRetired(false).build()).getDepartmentsList(), list -> {
            String chosenId = department.get() == null ? null : department.get().getDepartmentId();
            departments.setAll(list);
            if (chosenId != null) {
                Department match = list.stream().filter(d -> d.getDepartmentId().equals(chosenId)).findFirst()
                        .orElse(department.get());
                if (!departments.contains(match)) {
                    departments.addFirst(match);
                }
                department.set(match);
            }
        }, failure -> message.set(failure.message()));
    }

    /** Runs the shared rules over the form; shows each problem next to its field. */
    public boolean validate() {
        Validation validation = new Validation();
        if (isCreate()) {
            validation.check(USERNAME, StaffRules.checkUsername(username.get()));
            validation.check(INITIAL_PASSWORD, StaffRules.checkNewPassword(initialPassword.get(), username.get()));
        }
        validation.check(DISPLAY_NAME, StaffRules.checkDisplayName(displayName.get()));
        validation.check(EMAIL, StaffRules.checkEmail(email.get()));
        validation.check(PHONE, StaffRules.checkPhone(phone.get()));
        if (role.get() == null || role.get() == Role.ROLE_UNSPECIFIED) {
            validation.add(ROLE, "Choose a role.");
        }
        if (isDoctor()) {
            if (department.get() == null) {
                validation.add(DEPARTMENT, "Choose the doctor's department.");
            }
            if (specialization.get().isBlank()) {
                validation.add(SPECIALIZATION, "Enter the specialization, e.g. Cardiologist.");
            } else if (specialization.get().strip().length() > StaffRules.SPECIALIZATION_MAX_LENGTH) {
                validation.add(SPECIALIZATION, StaffRules.SPECIALIZATION_TOO_LONG);
            }
            if (qualification.get().isBlank()) {
                validation.add(QUALIFICATION, "Enter the qualification, e.g. MBBS, MD.");
            } else if (qualification.get().strip().length() > StaffRules.QUALIFICATION_MAX_LENGTH) {
                validation.add(QUALIFICATION, StaffRules.QUALIFICATION_TOO_LONG);
            }
            if (registrationNumber.get().strip().length() > StaffRules.REGISTRATION_NUMBER_MAX_LENGTH) {
                validation.add(REGISTRATION, StaffRules.REGISTRATION_NUMBER_TOO_LONG);
            }
            parseYears().ifPresentOrElse(y -> validation.check(YEARS, StaffRules.checkYearsOfExperience(y)),
                    () -> validation.add(YEARS, "Enter the years of experience as a whole number."));
            parseFee().ifPresentOrElse(fee -> validation.check(FEE, StaffRules.checkFeeMinorUnits(fee)),
                    () -> validation.add(FEE, "Enter the fee as an amount, e.g. 45.00, and a currency code like USD."));
        }
        showErrors(validation.errors());
        message.set(validation.ok() ? "" : "Check the highlighted fields.");
        return validation.ok();
    }

    private void showErrors(Iterable<FieldError> list) {
        errors.values().forEach(p -> p.set(""));
        for (FieldError error : list) {
            errorProperty(error.field()).ifPresent(p -> p.set(error.message()));
        }
    }

    /** The error slot for a server field name; nested names fall back to their nearest known parent. */
    Optional<StringProperty> errorProperty(String field) {
        for (String key = field; !key.isEmpty(); key = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "") {
            if (errors.containsKey(key)) {
                return Optional.of(errors.get(key));
            }
        }
        return Optional.empty();
    }

    public void save() {
        if (busy.get() || !validate()) {
            return;
        }
        if (newRequestIdNeeded) {
            requestId = UUID.randomUUID().toString();
            newRequestIdNeeded = false;
        }
        message.set("");
        DoctorProfile profile = isDoctor() ? buildProfile() : null;
        if (isCreate()) {
            CreateUserRequest.Builder request = CreateUserRequest.newBuilder()
                    .setRequestId(requestId)
                    .setUsername(StaffRules.normalizeUsername(username.get()))
                    .setDisplayName(displayName.get().strip())
                    .setEmail(email.get().strip())
                    .setPhone(phone.get().strip())
                    .setRole(role.get())
                    .setInitialPassword(initialPassword.get());
            if (profile != null) {
                request.setDoctorProfile(profile);
            }
            CreateUserRequest built = request.build();
            calls.call(busy, () -> connection.staff().createUser(built).getUser(), saved -> onSaved.accept(saved), this::showFailure);
        } else {
            UpdateUserRequest.Builder request = UpdateUserRequest.newBuilder()
                    .setUserId(editing.orElseThrow().getUserId())
                    .setDisplayName(displayName.get().strip())
                    .setEmail(email.get().strip())
                    .setPhone(phone.get().strip())
                    .setRole(role.get());
            if (profile != null) {
                request.setDoctorProfile(profile);
            }
            UpdateUserRequest built = request.build();
            calls.call(busy, () -> connection.staff().updateUser(built).getUser(), saved -> onSaved.accept(saved), this::showFailure);
        }
    }

    private DoctorProfile buildProfile() {
        return DoctorProfile.newBuilder()
                .setDepartmentId(department.get().getDepartmentId())
                .setSpecialization(specialization.get().strip())
                .setQualification(qualification.get().strip())
                .setRegistrationNumber(registrationNumber.get().strip())
                .setYearsOfExperience(parseYears().orElse(0))
                .setConsultationFee(Money.newBuilder().setCurrencyCode(currencyCode()).setMinorUnits(parseFee().orElse(0L)))
                .build();
    }

    private void showFailure(CallFailure failure) {
        // Nothing was created when the server refused outright; a changed form is a new request.
        newRequestIdNeeded = failure.definiteRefusal();
        errors.values().forEach(p -> p.set(""));
        StringBuilder unplaced = new StringBuilder();
        failure.fieldErrors().forEach((field, text) -> errorProperty(field).ifPresentOrElse(p -> p.set(text),
                () -> {
                    if (!failure.message().contains(text)) {
                        unplaced.append(' ').append(text);
                    }
                }));
        message.set(failure.message() + unplaced);
    }

    private Optional<Integer> parseYears() {
        try {
            return Optional.of(Integer.parseInt(years.get().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String currencyCode() {
        return currency.get() == null ? "" : currency.get().strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** The fee in minor units, or empty when the amount or currency cannot be read. */
    Optional<Long> parseFee() {
        try {
            int digits = fractionDigits(currencyCode());
            if (digits < 0) {
                return Optional.empty();
            }
            BigDecimal amount = new BigDecimal(feeAmount.get().strip().replace(",", ""));
            return Optional.of(amount.movePointRight(digits).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static int fractionDigits(String code) {
        try {
            return Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            return -1;
        }
    }

    public boolean isCreate() { return editing.isEmpty(); }
    public boolean isDoctor() { return doctor.get(); }
    public BooleanBinding doctorBinding() { return doctor; }
    public String requestId() { return requestId; }
    public StringProperty error(String field) { return errors.get(field); }
    public StringProperty usernameProperty() { return username; }
    public StringProperty displayNameProperty() { return displayName; }
    public StringProperty emailProperty() { return email; }
    public StringProperty phoneProperty() { return phone; }
    public ObjectProperty<Role> roleProperty() { return role; }
    public StringProperty initialPasswordProperty() { return initialPassword; }
    public StringProperty specializationProperty() { return specialization; }
    public ObjectProperty<Department> departmentProperty() { return department; }
    public StringProperty qualificationProperty() { return qualification; }
    public StringProperty registrationNumberProperty() { return registrationNumber; }
    public StringProperty yearsProperty() { return years; }
    public StringProperty feeAmountProperty() { return feeAmount; }
    public StringProperty currencyProperty() { return currency; }
    public ObservableList<Department> departments() { return departments; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
