package org.medconnect.desktop.staff;

import org.medconnect.desktop.platform.Widgets;
import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.desktop.platform.Roles;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.staff.v1.Department;

/** The create/edit staff sheet: account on the left, doctor profile on the right when the role is Doctor. */
final class UserFormView {

    private final VBox card;

    UserFormView(UserFormViewModel model, Runnable onCancel) {
        ValidationSupport decorations = new ValidationSupport();
        decorations.setErrorDecorationEnabled(false);

        FormGrid account = new FormGrid(120, 250);
        TextField username = text("user-username", model.usernameProperty(), "letters, digits, . _ -");
        if (model.isCreate()) {
            account.add("Username", username, model.error(UserFormViewModel.USERNAME));
            decorate(decorations, username, model, UserFormViewModel.USERNAME);
        }
        TextField name = text("user-display-name", model.displayNameProperty(), "e.g. Maria Lopez");
        account.add("Full name", name, model.error(UserFormViewModel.DISPLAY_NAME));
        decorate(decorations, name, model, UserFormViewModel.DISPLAY_NAME);
        TextField email = text("user-email", model.emailProperty(), "name@clinic.org");
        account.add("Email", email, model.error(UserFormViewModel.EMAIL));
        decorate(decorations, email, model, UserFormViewModel.EMAIL);
        TextField phone = text("user-phone", model.phoneProperty(), "optional");
        account.add("Phone", phone, model.error(UserFormViewModel.PHONE));
        decorate(decorations, phone, model, UserFormViewModel.PHONE);
        ComboBox<Role> role = new ComboBox<>(FXCollections.observableArrayList(
                Role.ROLE_RECEPTIONIST, Role.ROLE_NURSE, Role.ROLE_DOCTOR, Role.ROLE_ADMIN));
        role.setId("user-role");
        role.setMaxWidth(Double.MAX_VALUE);
        role.setConverter(new StringConverter<>() {
            @Override public String toString(Role r) { return r == null ? "" : Roles.label(r); }
            @Override public Role fromString(String s) { return null; }
        });
        role.valueProperty().bindBidirectional(model.roleProperty());
        account.add("Role", role, model.error(UserFormViewModel.ROLE));
        if (model.isCreate()) {
            PasswordField password = new PasswordField();
            password.setId("user-initial-password");
            password.setPromptText("at least 10 characters");
            password.textProperty().bindBidirectional(model.initialPasswordProperty());
            account.add("Initial password", password, model.error(UserFormViewModel.INITIAL_PASSWORD));
            decorate(decorations, password, model, UserFormViewModel.INITIAL_PASSWORD);
        }

        FormGrid doctor = new FormGrid(150, 240);
        ComboBox<Department> department = new ComboBox<>(model.departments());
        department.setId("user-department");
        department.setPromptText("Choose a department");
        department.setMaxWidth(Double.MAX_VALUE);
        department.setConverter(new StringConverter<>() {
            @Override public String toString(Department d) { return d == null ? "" : d.getName() + (d.getRetired() ? " (retired)" : ""); }
            @Override public Department fromString(String s) { return null; }
        });
        department.valueProperty().bindBidirectional(model.departmentProperty());
        doctor.add("Department", department, model.error(UserFormViewModel.DEPARTMENT));
        doctor.add("Specialization", text("user-specialization", model.specializationProperty(), "e.g. Cardiologist"),
                model.error(UserFormViewModel.SPECIALIZATION));
        doctor.add("Qualification", text("user-qualification", model.qualificationProperty(), "e.g. MBBS, MD"),
                model.error(UserFormViewModel.QUALIFICATION));
        doctor.add("Registration number", text("user-registration", model.registrationNumberProperty(), "printed on prescriptions, e.g. GMC 7654321"),
                model.error(UserFormViewModel.REGISTRATION));
        TextField years = text("user-years", model.yearsProperty(), "0 - 70");
        years.setPrefColumnCount(4);
        doctor.add("Years of experience", years, model.error(UserFormViewModel.YEARS));
        TextField fee = text("user-fee", model.feeAmountProperty(), "45.00");
        TextField currency = text("user-currency", model.currencyProperty(), "USD");
        currency.setPrefColumnCount(4);
        currency.setMaxWidth(70);
        HBox.setHgrow(fee, Priority.ALWAYS);
        HBox feeRow = new HBox(6, fee, currency);
        feeRow.setId("user-fee-row");
        doctor.add("Consultation fee", feeRow, model.error(UserFormViewModel.FEE));
        Label doctorTitle = new Label("Doctor profile");
        doctorTitle.getStyleClass().add(Styles.TITLE_4);
        VBox doctorBox = new VBox(10, doctorTitle, doctor.node());
        doctorBox.setId("doctor-profile");
        doctorBox.setPadding(new Insets(0, 0, 0, 20));
        doctorBox.getStyleClass().add("side-panel");
        doctorBox.visibleProperty().bind(model.doctorBinding());
        doctorBox.managedProperty().bind(doctorBox.visibleProperty());

        Label accountTitle = new Label("Account");
        accountTitle.getStyleClass().add(Styles.TITLE_4);
        VBox accountBox = new VBox(10, accountTitle, account.node());
        HBox columns = new HBox(20, accountBox, doctorBox);

        Button cancel = new Button("Cancel");
        cancel.setId("user-cancel");
        cancel.setOnAction(e -> onCancel.run());
        Button save = new Button(model.isCreate() ? "Create account" : "Save changes");
        save.setId("user-save");
        save.setOnAction(e -> {
            decorations.setErrorDecorationEnabled(true);
            model.save();
            decorations.revalidate();
        });
        String heading = model.isCreate() ? "New staff account" : "Edit " + model.displayNameProperty().get();
        Label note = new Label(model.isCreate()
                ? "The new user must change the initial password at first sign-in."
                : "Username " + model.usernameProperty().get() + " cannot be changed.");
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        card = new VBox(12, Widgets.title(heading, "user-form-title"), columns, note,
                Widgets.problem(model.messageProperty(), "user-form-message"), Widgets.formActions(model.busyProperty(), cancel, save));
        card.setId("user-form");
        card.setPadding(new Insets(24));
        model.loadDepartments();
        Platform.runLater(() -> (model.isCreate() ? username : name).requestFocus());
    }

    private static TextField text(String id, javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    /** Mirrors the view model's message for a field as a ControlsFX decoration (shown after the first save). */
    private static void decorate(ValidationSupport support, TextInputControl control, UserFormViewModel model, String field) {
        support.registerValidator(control, false, (c, value) ->
                ValidationResult.fromMessageIf(c, model.error(field).get(), Severity.ERROR, !model.error(field).get().isEmpty()));
        model.error(field).addListener((obs, old, now) -> support.revalidate(control));
    }

    VBox card() {
        return card;
    }
}
