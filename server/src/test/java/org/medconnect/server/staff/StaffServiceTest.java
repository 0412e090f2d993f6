package org.medconnect.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.audit.AuditRepository;
import org.medconnect.server.auth.AuthService;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.DoctorProfileInput;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.staff.StaffModel.StaffMember;
import org.medconnect.server.staff.StaffModel.UserChanges;
import org.medconnect.server.staff.StaffModel.UserQuery;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;
import org.medconnect.shared.validation.FieldError;

class StaffServiceTest {

    private static final String PASSWORD = "initial-pass-1";

    private Database db;
    private StaffService staff;
    private AuthService auth;
    private Principal admin;
    private UUID cardiology;

    @BeforeEach
    void freshClinic() {
        db = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(Instant.parse("2026-11-23T09:00:00Z")));
        staff = services.staff();
        auth = services.auth();
        staff.createUser(null, newUser("grace", Role.ADMIN, Optional.empty()), false);
        admin = auth.authenticate(auth.signIn("grace", PASSWORD, null, "a").token());
        cardiology = staff.createDepartment(admin.userId(), Optional.empty(), "Cardiology").id();
    }

    private static NewUser newUser(String username, Role role, Optional<DoctorProfileInput> profile) {
        return new NewUser(Optional.empty(), username, "Name of " + username, username + "@clinic.test", "+1 555 0100",
                Optional.of(role), profile, PASSWORD);
    }

    private DoctorProfileInput cardiologist() {
        return new DoctorProfileInput("Cardiology", cardiology.toString(), "MD, FACC", 12, 12000, "USD");
    }

    private static List<String> fields(DomainException.InvalidInput e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Nested
    class CreatingAccounts {
        @Test
        void aNewReceptionistMustChangeTheInitialPassword() {
            StaffMember created = staff.createUser(admin, newUser("Maria.Lopez", Role.RECEPTIONIST, Optional.empty()));
            assertThat(created.username()).isEqualTo("maria.lopez");
            assertThat(created.passwordChangeRequired()).isTrue();
            assertThat(created.active()).isTrue();
            assertThat(auth.signIn("maria.lopez", PASSWORD, null, "a").principal().passwordChangeRequired()).isTrue();
        }

        @Test
        void aDoctorCarriesTheProfileWithDepartmentName() {
            StaffMember doctor = staff.createUser(admin, newUser("dr.haddad", Role.DOCTOR, Optional.of(cardiologist())));
            assertThat(doctor.doctorProfile()).hasValueSatisfying(p -> {
                assertThat(p.departmentName()).isEqualTo("Cardiology");
                assertThat(p.yearsOfExperience()).isEqualTo(12);
                assertThat(p.feeMinorUnits()).isEqualTo(12000);
            });
        }

        @Test
        void aDoctorsRegistrationNumberIsKeptForPrescriptionsAndCapped() {
            var withNumber = new DoctorProfileInput("Cardiology", cardiology.toString(), "MD, FACC", 12, 12000, "USD", " GMC 7654321 ");
            StaffMember doctor = staff.createUser(admin, newUser("dr.haddad", Role.DOCTOR, Optional.of(withNumber)));
            assertThat(staff.getUser(doctor.id()).doctorProfile()).hasValueSatisfying(p ->
                    assertThat(p.registrationNumber()).isEqualTo("GMC 7654321"));
            var tooLong = new DoctorProfileInput("Cardiology", cardiology.toString(), "MD", 12, 12000, "USD", "9".repeat(41));
            assertThat(fields(catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> staff.createUser(admin, newUser("dr.y", Role.DOCTOR, Optional.of(tooLong))))))
                    .containsExactly("doctor_profile.registration_number");
        }

        @Test
        void aDoctorWithoutProfileOrANonDoctorWithOneIsRefused() {
            assertThat(fields(catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> staff.createUser(admin, newUser("dr.x", Role.DOCTOR, Optional.empty()))))).containsExactly("doctor_profile");
            assertThat(fields(catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> staff.createUser(admin, newUser("rec.x", Role.RECEPTIONIST, Optional.of(cardiologist())))))).containsExactly("doctor_profile");
        }

        @Test
        void everyBadFieldIsNamedAtOnce() {
            var bad = new NewUser(Optional.empty(), "a b", "", "not-an-email", "call me", Optional.empty(), Optional.empty(), "short");
            var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> staff.createUser(admin, bad));
            assertThat(fields(e)).containsExactlyInAnyOrder("username", "display_name", "email", "phone", "initial_password", "role");
        }

        @Test
        void takenUsernameOrEmailIsAConflictNamingTheFieldAndChangesNothing() {
            staff.createUser(admin, newUser("maria", Role.RECEPTIONIST, Optional.empty()));
            var sameName = catchThrowableOfType(DomainException.Conflict.class,
                    () -> staff.createUser(admin, newUser("MARIA", Role.RECEPTIONIST, Optional.empty())));
            assertThat(sameName.field()).contains("username");
            var sameEmail = new NewUser(Optional.empty(), "maria2", "Maria Two", "Maria@Clinic.test", "", Optional.of(Role.RECEPTIONIST), Optional.empty(), PASSWORD);
            assertThat(catchThrowableOfType(DomainException.Conflict.class, () -> staff.createUser(admin, sameEmail)).field()).contains("email");
            assertThat(staff.listUsers(new UserQuery("", Optional.empty(), true, 50, 0)).total()).isEqualTo(2);
        }

        @Test
        void aRetryWithTheSameRequestIdReturnsTheFirstAccount() {
            UUID requestId = UUID.randomUUID();
            var request = new NewUser(Optional.of(requestId), "james", "James Wilson", "james@clinic.test", "", Optional.of(Role.RECEPTIONIST), Optional.empty(), PASSWORD);
            StaffMember first = staff.createUser(admin, request);
            StaffMember retry = staff.createUser(admin, request);
            assertThat(retry.id()).isEqualTo(first.id());
            assertThat(staff.listUsers(new UserQuery("james", Optional.empty(), true, 50, 0)).total()).isEqualTo(1);
        }

        @Test
        void aRetiredDepartmentIsNotOfferedForNewDoctors() {
            staff.retireDepartment(admin, cardiology);
            var e = catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> staff.createUser(admin, newUser("dr.y", Role.DOCTOR, Optional.of(cardiologist()))));
            assertThat(fields(e)).containsExactly("doctor_profile.department_id");
            assertThat(e.getMessage()).contains("retired");
        }
    }

    @Nested
    class ManagingAccounts {
        @Test
        void deactivatingEndsTheUsersSessionsAtOnce() {
            StaffMember maria = staff.createUser(null, newUser("maria", Role.RECEPTIONIST, Optional.empty()), false);
            String token = auth.signIn("maria", PASSWORD, null, "a").token();
            staff.deactivate(admin, maria.id());
            assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(DomainException.Unauthenticated.class);
            assertThat(staff.getUser(maria.id()).active()).isFalse();
            assertThat(staff.listUsers(new UserQuery("maria", Optional.empty(), false, 50, 0)).items()).isEmpty();

            staff.reactivate(admin, maria.id());
            assertThat(auth.signIn("maria", PASSWORD, null, "a").principal().username()).isEqualTo("maria");
        }

        @Test
        void anAdminCannotDeactivateThemselvesNorTheLastAdmin() {
            assertThat(catchThrowableOfType(DomainException.FailedPrecondition.class, () -> staff.deactivate(admin, admin.userId())).reason()).isEqualTo("SELF");
            var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> staff.updateUser(admin,
                    new UserChanges(admin.userId(), "Grace", "grace@clinic.test", "", Optional.of(Role.RECEPTIONIST), Optional.empty())));
            assertThat(fields(e)).containsExactly("role");
        }

        @Test
        void resettingAPasswordEndsSessionsLiftsTheLockAndForcesAChange() {
            StaffMember maria = staff.createUser(null, newUser("maria", Role.RECEPTIONIST, Optional.empty()), false);
            String token = auth.signIn("maria", PASSWORD, null, "a").token();
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> auth.signIn("maria", "wrong-password", null, "a"));
            }
            assertThat(staff.getUser(maria.id()).lockedUntil()).isPresent();

            staff.resetPassword(admin, maria.id(), "temporary-pass-9");

            assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(DomainException.Unauthenticated.class);
            assertThat(staff.getUser(maria.id()).lockedUntil()).isEmpty();
            assertThat(auth.signIn("maria", "temporary-pass-9", null, "a").principal().passwordChangeRequired()).isTrue();
        }

        @Test
        void editingTurnsAReceptionistIntoADoctorWithAProfile() {
            StaffMember maria = staff.createUser(admin, newUser("maria", Role.RECEPTIONIST, Optional.empty()));
            StaffMember edited = staff.updateUser(admin, new UserChanges(maria.id(), "Dr. Maria Lopez", "maria@clinic.test",
                    "", Optional.of(Role.DOCTOR), Optional.of(cardiologist())));
            assertThat(edited.role()).isEqualTo(Role.DOCTOR);
            assertThat(edited.displayName()).isEqualTo("Dr. Maria Lopez");
            assertThat(edited.phone()).isEmpty();
            assertThat(edited.doctorProfile()).isPresent();
        }

        @Test
        void searchFindsByPartOfNameUsernameOrEmailAndPages() {
            for (int i = 1; i <= 7; i++) {
                staff.createUser(admin, newUser("reception" + i, Role.RECEPTIONIST, Optional.empty()));
            }
            staff.createUser(admin, newUser("dr.haddad", Role.DOCTOR, Optional.of(cardiologist())));
            var firstPage = staff.listUsers(new UserQuery("RECEPTION", Optional.empty(), false, 5, 0));
            assertThat(firstPage.items()).hasSize(5);
            assertThat(firstPage.total()).isEqualTo(7);
            assertThat(firstPage.hasMore()).isTrue();
            var second = staff.listUsers(new UserQuery("reception", Optional.empty(), false, 5, 5));
            assertThat(second.items()).hasSize(2);
            assertThat(second.hasMore()).isFalse();
            assertThat(staff.listUsers(new UserQuery("", Optional.of(Role.DOCTOR), false, 50, 0)).items())
                    .extracting(StaffMember::username).containsExactly("dr.haddad");
            assertThat(staff.listUsers(new UserQuery("100%_", Optional.empty(), false, 50, 0)).items()).isEmpty();
        }

        @Test
        void everyChangeIsAudited() {
            StaffMember maria = staff.createUser(admin, newUser("maria", Role.RECEPTIONIST, Optional.empty()));
            staff.deactivate(admin, maria.id());
            staff.resetPassword(admin, maria.id(), "temporary-pass-9");
            var actions = new AuditRepository(db.dsl()).latest(10).stream().map(AuditRepository.Entry::action).toList();
            assertThat(actions).startsWith("STAFF_PASSWORD_RESET", "STAFF_USER_DEACTIVATED", "STAFF_USER_CREATED");
            assertThat(new AuditRepository(db.dsl()).latest(10)).allSatisfy(entry ->
                    assertThat(String.valueOf(entry.detail())).doesNotContain("temporary-pass-9").doesNotContain(PASSWORD));
        }

        @Test
        void theAuditTrailCannotBeRewritten() {
            staff.createUser(admin, newUser("maria", Role.RECEPTIONIST, Optional.empty()));
            assertThatThrownBy(() -> db.dsl().execute("delete from audit_entry")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> db.dsl().execute("update auth_event set username = 'x'")).hasMessageContaining("append-only");
        }
    }

    @Nested
    class Departments {
        @Test
        void namesAreUniqueWhateverTheCase() {
            var e = catchThrowableOfType(DomainException.Conflict.class,
                    () -> staff.createDepartment(admin.userId(), Optional.empty(), " cardiology "));
            assertThat(e.field()).contains("name");
        }

        @Test
        void renameRetireAndListWithDoctorCounts() {
            staff.createUser(admin, newUser("dr.haddad", Role.DOCTOR, Optional.of(cardiologist())));
            UUID ent = staff.createDepartment(admin.userId(), Optional.empty(), "Ear Nose Throat").id();
            staff.renameDepartment(admin, ent, "ENT");
            staff.retireDepartment(admin, ent);
            assertThat(staff.listDepartments(false)).extracting(StaffModel.Department::name).containsExactly("Cardiology");
            assertThat(staff.listDepartments(true)).extracting(StaffModel.Department::name, StaffModel.Department::doctorCount, StaffModel.Department::retired)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Cardiology", 1, false), org.assertj.core.groups.Tuple.tuple("ENT", 0, true));
        }

        @Test
        void aRetryWithTheSameRequestIdMakesOneDepartment() {
            UUID requestId = UUID.randomUUID();
            var first = staff.createDepartment(admin.userId(), Optional.of(requestId), "Dermatology");
            var again = staff.createDepartment(admin.userId(), Optional.of(requestId), "Dermatology");
            assertThat(again.id()).isEqualTo(first.id());
        }
    }
}
