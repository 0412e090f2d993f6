package org.medconnect.desktop.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.shared.staff.StaffRules;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.staff.v1.Department;
import org.medconnect.proto.staff.v1.StaffUser;

class UserFormViewModelTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private UserFormViewModel model;

    @BeforeEach
    void newForm() {
        ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
        model = new UserFormViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }), calls, Optional.empty(), "USD");
    }

    private void fillReceptionist() {
        model.usernameProperty().set("r.okafor");
        model.displayNameProperty().set("Ruth Okafor");
        model.emailProperty().set("ruth.okafor@clinic.example");
        model.roleProperty().set(Role.ROLE_RECEPTIONIST);
        model.initialPasswordProperty().set("Welcome-2026!");
    }

    @Test
    void emptyFormShowsEachProblemNextToItsField() {
        model.save();

        assertThat(model.error(UserFormViewModel.USERNAME).get()).isEqualTo("Enter a username.");
        assertThat(model.error(UserFormViewModel.DISPLAY_NAME).get()).isEqualTo("Enter the person's full name.");
        assertThat(model.error(UserFormViewModel.EMAIL).get()).isEqualTo("Enter an email address.");
        assertThat(model.error(UserFormViewModel.INITIAL_PASSWORD).get()).isEqualTo("Enter a password.");
        assertThat(model.error(UserFormViewModel.PHONE).get()).isEmpty();
        assertThat(runner.pendingCount()).isZero();
    }

    @Test
    void aDoctorNeedsDepartmentSpecializationAndAReadableFee() {
        fillReceptionist();
        model.roleProperty().set(Role.ROLE_DOCTOR);
        model.feeAmountProperty().set("forty");

        model.save();

        assertThat(model.error(UserFormViewModel.DEPARTMENT).get()).isEqualTo("Choose the doctor's department.");
        assertThat(model.error(UserFormViewModel.SPECIALIZATION).get()).isNotEmpty();
        assertThat(model.error(UserFormViewModel.FEE).get()).contains("45.00");
        assertThat(model.error(UserFormViewModel.YEARS).get()).contains("whole number");
    }

    @Test
    void aDoctorProfileLongerThanTheServerAcceptsIsStoppedBeforeSending() {
        fillReceptionist();
        model.roleProperty().set(Role.ROLE_DOCTOR);
        model.specializationProperty().set("C".repeat(StaffRules.SPECIALIZATION_MAX_LENGTH + 1));
        model.qualificationProperty().set("Q".repeat(StaffRules.QUALIFICATION_MAX_LENGTH + 1));

        model.save();

        assertThat(model.error(UserFormViewModel.SPECIALIZATION).get())
                .isEqualTo("The specialization has at most 80 characters.");
        assertThat(model.error(UserFormViewModel.QUALIFICATION).get())
                .isEqualTo("The qualification has at most 120 characters.");
        assertThat(runner.pendingCount()).isZero();
    }

    @Test
    void aDoctorProfileAtTheLimitsIsAccepted() {
        fillReceptionist();
        model.roleProperty().set(Role.ROLE_DOCTOR);
        model.specializationProperty().set("C".repeat(StaffRules.SPECIALIZATION_MAX_LENGTH));
        model.qualificationProperty().set("Q".repeat(StaffRules.QUALIFICATION_MAX_LENGTH));

        model.save();

        assertThat(model.error(UserFormViewModel.SPECIALIZATION).get()).isEmpty();
        assertThat(model.error(UserFormViewModel.QUALIFICATION).get()).isEmpty();
    }

    @Test
    void feeIsSentInMinorUnitsOfTheCurrency() {
        model.feeAmountProperty().set("45.50");
        assertThat(model.parseFee()).contains(4550L);
        model.currencyProperty().set("JPY");
        model.feeAmountProperty().set("3000");
        assertThat(model.parseFee()).contains(3000L);
        model.feeAmountProperty().set("12.345");
        model.currencyProperty().set("USD");
        assertThat(model.parseFee()).isEmpty();
    }

    @Test
    void completeFormIsSentAndIsBusyUntilAnswered() {
        fillReceptionist();

        model.save();

        assertThat(runner.pendingCount()).isEqualTo(1);
        assertThat(model.busyProperty().get()).isTrue();
        StaffUser[] saved = new StaffUser[1];
        model.onSaved(user -> saved[0] = user);
        runner.succeed(StaffUser.newBuilder().setUsername("r.okafor").build());
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(saved[0].getUsername()).isEqualTo("r.okafor");
    }

    @Nested
    class WhenTheServerRefuses {

        @Test
        void serverFieldErrorsLandNextToTheFieldsAndTheTypingStays() {
            fillReceptionist();
            model.save();

            runner.fail(Failures.reason(Status.Code.ALREADY_EXISTS, "That username is already taken.", "CONFLICT",
                    "username", "That username is already taken."));

            assertThat(model.error(UserFormViewModel.USERNAME).get()).isEqualTo("That username is already taken.");
            assertThat(model.messageProperty().get()).isEqualTo("That username is already taken.");
            assertThat(model.displayNameProperty().get()).isEqualTo("Ruth Okafor");
        }

        @Test
        void nestedDoctorFieldsFindTheirSlot() {
            assertThat(model.errorProperty("doctor_profile.consultation_fee.minor_units"))
                    .containsSame(model.error(UserFormViewModel.FEE));
        }

        @Test
        void retryAfterATimeoutReusesTheRequestIdSoNothingIsCreatedTwice() {
            fillReceptionist();
            model.save();
            String first = model.requestId();
            runner.fail(Status.DEADLINE_EXCEEDED.asRuntimeException());

            model.save();

            assertThat(model.requestId()).isEqualTo(first);
        }

        @Test
        void aRefusedRequestIsFollowedByAFreshRequestId() {
            fillReceptionist();
            model.save();
            String first = model.requestId();
            runner.fail(Failures.reason(Status.Code.INVALID_ARGUMENT, "Some fields need attention.", "VALIDATION",
                    "email", "That email is not valid."));

            model.save();

            assertThat(model.requestId()).isNotEqualTo(first);
        }
    }

    @Test
    void editingADoctorFillsTheProfile() {
        ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
        StaffUser doctor = StaffUser.newBuilder().setUserId("u1").setUsername("a.chen").setDisplayName("Dr Anna Chen")
                .setRole(Role.ROLE_DOCTOR).setDoctorProfile(org.medconnect.proto.staff.v1.DoctorProfile.newBuilder()
                        .setDepartmentId("d1").setDepartmentName("Cardiology").setSpecialization("Cardiologist")
                        .setYearsOfExperience(12).setConsultationFee(org.medconnect.proto.common.v1.Money.newBuilder()
                                .setCurrencyCode("EUR").setMinorUnits(8000))).build();

        UserFormViewModel edit = new UserFormViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }), calls,
                Optional.of(doctor), "USD");

        assertThat(edit.isCreate()).isFalse();
        assertThat(edit.feeAmountProperty().get()).isEqualTo("80.00");
        assertThat(edit.currencyProperty().get()).isEqualTo("EUR");
        assertThat(edit.departmentProperty().get()).isEqualTo(
                Department.newBuilder().setDepartmentId("d1").setName("Cardiology").build());
    }
}
