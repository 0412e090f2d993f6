package org.medconnect.server.staff;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.auth.AccountChanges;
import org.medconnect.server.auth.PasswordHasher;
import org.medconnect.server.auth.RecentSessions;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.StepUp;
import org.medconnect.server.staff.StaffModel.Department;
import org.medconnect.server.staff.StaffModel.DoctorProfile;
import org.medconnect.server.staff.StaffModel.DoctorProfileInput;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.staff.StaffModel.Page;
import org.medconnect.server.staff.StaffModel.StaffMember;
import org.medconnect.server.staff.StaffModel.UserChanges;
import org.medconnect.server.staff.StaffModel.UserQuery;
import org.medconnect.shared.staff.StaffRules;
import org.medconnect.shared.validation.Validation;

/**
 * Staff accounts and departments: the rules admins work under. Each use case is one
 * transaction that also writes its audit entry. Uniqueness is the database's job; this
 * class turns a broken unique rule into a message naming the field.
 */
public final class StaffService {

    private final DSLContext dsl;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final RecentSessions recentSessions;
    private final StepUp stepUp;

    public StaffService(DSLContext dsl, PasswordHasher hasher, Clock clock, RecentSessions recentSessions) {
        this(dsl, hasher, clock, recentSessions, StepUp.NOT_REQUIRED);
    }

    /** With {@code stepUp} asked before role changes and password resets. */
    public StaffService(DSLContext dsl, PasswordHasher hasher, Clock clock, RecentSessions recentSessions, StepUp stepUp) {
        this.stepUp = stepUp;
        this.dsl = dsl;
        this.hasher = hasher;
        this.clock = clock;
        this.recentSessions = recentSessions;
    }

    // ---- accounts ----

    public StaffMember createUser(Principal actor, NewUser user) {
        return createUser(actor == null ? null : actor.userId(), user, true);
    }

    /**
     * Creates an account. {@code mustChangePassword} is false only for accounts the server
     * seeds itself with passwords it prints (demo data).
     */
    public StaffMember createUser(UUID actorId, NewUser user, boolean mustChangePassword) {
        Optional<UUID> earlier = InsertOnce.earlier(user.requestId(), new StaffUserRepository(dsl)::findIdByRequestId);
        if (earlier.isPresent()) {
            return getUser(earlier.get());
        }
        String username = StaffRules.normalizeUsername(user.username());
        Validation v = new Validation()
                .check("username", StaffRules.checkUsername(user.username()))
                .check("display_name", StaffRules.checkDisplayName(user.displayName()))
                .check("email", StaffRules.checkEmail(user.email()))
                .check("phone", StaffRules.checkPhone(user.phone()))
                .check("initial_password", StaffRules.checkNewPassword(user.initialPassword(), username));
        if (user.role().isEmpty()) {
            v.add("role", "Choose a role.");
        }
        validateProfile(v, user.role(), user.doctorProfile());
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
        String hash = hasher.hash(user.initialPassword());
        OffsetDateTime now = now();
        UUID id = InsertOnce.insert(dsl, user.requestId(), "staff_user_request_id_key",
                new StaffUserRepository(dsl)::findIdByRequestId, tx -> {
                var users = new StaffUserRepository(tx);
                UUID newId = users.insert(new StaffUserRepository.Insert(user.requestId().orElse(null), username,
                        user.displayName().strip(), user.email().strip(), blankToNull(user.phone()), user.role().get(),
                        hash, mustChangePassword, now));
                if (user.role().get() == Role.DOCTOR) {
                    users.saveDoctorProfile(newId, profile(tx, user.doctorProfile().get(), Optional.empty()));
                }
                AuditTrail.in(tx).record(actorId, "STAFF_USER_CREATED", "staff_user", newId,
                        "username=" + username + " role=" + user.role().get(), now);
                return newId;
            }, StaffService::translate);
        return getUser(id);
    }

    public StaffMember getUser(UUID id) {
        return new StaffUserRepository(dsl).find(id, now())
                .orElseThrow(() -> new DomainException.NotFound("That staff account does not exist."));
    }

    public Page<StaffMember> listUsers(UserQuery query) {
        return new StaffUserRepository(dsl).search(query, now());
    }

    public StaffMember updateUser(Principal actor, UserChanges changes) {
        StaffMember before = getUser(changes.id());
        Validation v = new Validation()
                .check("display_name", StaffRules.checkDisplayName(changes.displayName()))
                .check("email", StaffRules.checkEmail(changes.email()))
                .check("phone", StaffRules.checkPhone(changes.phone()));
        if (changes.role().isEmpty()) {
            v.add("role", "Choose a role.");
        }
        validateProfile(v, changes.role(), changes.doctorProfile());
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
        Role role = changes.role().get();
        if (before.role() != role) {
            stepUp.require(actor, "change a staff member's role");
        }
        OffsetDateTime now = now();
        try {
            dsl.transaction(cfg -> {
                var users = new StaffUserRepository(cfg.dsl());
                if (before.role() == Role.ADMIN && role != Role.ADMIN) {
                    if (changes.id().equals(actor.userId())) {
                        throw DomainException.InvalidInput.of("role", "You cannot take the admin role away from yourself.");
                    }
                    if (before.active() && users.countActiveAdmins() <= 1) {
                        throw DomainException.InvalidInput.of("role", "The clinic needs at least one active admin.");
                    }
                }
                users.update(changes.id(), changes.displayName().strip(), changes.email().strip(), blankToNull(changes.phone()), role, now);
                if (role == Role.DOCTOR) {
                    users.saveDoctorProfile(changes.id(), profile(cfg.dsl(), changes.doctorProfile().get(),
                            before.doctorProfile().map(DoctorProfile::departmentId)));
                } else {
                    users.deleteDoctorProfile(changes.id());
                }
                AuditTrail.in(cfg.dsl()).record(actor.userId(), "STAFF_USER_UPDATED", "staff_user", changes.id(),
                        before.role() != role ? "role " + before.role() + " -> " + role : null, now);
            });
        } catch (DataAccessException e) {
            throw translate(e);
        }
        recentSessions.forgetUser(changes.id()); // a new role or name applies from the next call
        return getUser(changes.id());
    }

    /** Blocks sign-in and ends every open session of the user at once. */
    public StaffMember deactivate(Principal actor, UUID id) {
        if (id.equals(actor.userId())) {
            throw new DomainException.FailedPrecondition("SELF", "You cannot deactivate your own account.");
        }
        StaffMember member = getUser(id);
        if (!member.active()) {
            return member;
        }
        OffsetDateTime now = now();
        dsl.transaction(cfg -> {
            var users = new StaffUserRepository(cfg.dsl());
            if (member.role() == Role.ADMIN && users.countActiveAdmins() <= 1) {
                throw new DomainException.FailedPrecondition("LAST_ADMIN", "The clinic needs at least one active admin.");
            }
            users.setActive(id, false, now);
            int ended = AccountChanges.in(cfg.dsl()).deactivated(id, now);
            AuditTrail.in(cfg.dsl()).record(actor.userId(), "STAFF_USER_DEACTIVATED", "staff_user", id,
                    ended + " open sessions ended", now);
        });
        recentSessions.forgetUser(id);
        return getUser(id);
    }

    public StaffMember reactivate(Principal actor, UUID id) {
        StaffMember member = getUser(id);
        if (member.active()) {
            return member;
        }
        OffsetDateTime now = now();
        dsl.transaction(cfg -> {
            new StaffUserRepository(cfg.dsl()).setActive(id, true, now);
            AuditTrail.in(cfg.dsl()).record(actor.userId(), "STAFF_USER_REACTIVATED", "staff_user", id, null, now);
        });
        return getUser(id);
    }

    /** Sets a temporary password to be changed at next sign-in; ends sessions and lifts a lock. */
    public StaffMember resetPassword(Principal actor, UUID id, String temporaryPassword) {
        StaffMember member = getUser(id);
        StaffRules.checkNewPassword(temporaryPassword, member.username()).ifPresent(problem -> {
            throw DomainException.InvalidInput.of("temporary_password", problem);
        });
        stepUp.require(actor, "reset a password");
        String hash = hasher.hash(temporaryPassword);
        OffsetDateTime now = now();
        dsl.transaction(cfg -> {
            AccountChanges.in(cfg.dsl()).passwordReset(id, member.username(), hash, now);
            AuditTrail.in(cfg.dsl()).record(actor.userId(), "STAFF_PASSWORD_RESET", "staff_user", id, null, now);
        });
        recentSessions.forgetUser(id);
        return getUser(id);
    }

    public boolean hasAnyUser() {
        return new StaffUserRepository(dsl).countAll() > 0;
    }

    // ---- departments ----

    public Department createDepartment(UUID actorId, Optional<UUID> requestId, String name) {
        Optional<UUID> earlier = InsertOnce.earlier(requestId, new DepartmentRepository(dsl)::findIdByRequestId);
        if (earlier.isPresent()) {
            return getDepartment(earlier.get());
        }
        checkDepartmentName(name);
        OffsetDateTime now = now();
        UUID id = InsertOnce.insert(dsl, requestId, "department_request_id_key", new DepartmentRepository(dsl)::findIdByRequestId, tx -> {
            UUID newId = new DepartmentRepository(tx).insert(requestId.orElse(null), name.strip());
            AuditTrail.in(tx).record(actorId, "DEPARTMENT_CREATED", "department", newId, name.strip(), now);
            return newId;
        }, StaffService::translate);
        return getDepartment(id);
    }

    public Department renameDepartment(Principal actor, UUID id, String name) {
        Department before = getDepartment(id);
        checkDepartmentName(name);
        OffsetDateTime now = now();
        try {
            dsl.transaction(cfg -> {
                new DepartmentRepository(cfg.dsl()).rename(id, name.strip());
                AuditTrail.in(cfg.dsl()).record(actor.userId(), "DEPARTMENT_RENAMED", "department", id,
                        before.name() + " -> " + name.strip(), now);
            });
        } catch (DataAccessException e) {
            throw translate(e);
        }
        return getDepartment(id);
    }

    public Department retireDepartment(Principal actor, UUID id) {
        Department before = getDepartment(id);
        if (before.retired()) {
            return before;
        }
        OffsetDateTime now = now();
        dsl.transaction(cfg -> {
            new DepartmentRepository(cfg.dsl()).retire(id);
            AuditTrail.in(cfg.dsl()).record(actor.userId(), "DEPARTMENT_RETIRED", "department", id, before.name(), now);
        });
        return getDepartment(id);
    }

    public List<Department> listDepartments(boolean includeRetired) {
        return new DepartmentRepository(dsl).list(includeRetired);
    }

    public Department getDepartment(UUID id) {
        return new DepartmentRepository(dsl).find(id)
                .orElseThrow(() -> new DomainException.NotFound("That department does not exist."));
    }

    // ---- helpers ----

    private static void checkDepartmentName(String name) {
        StaffRules.checkDepartmentName(name).ifPresent(problem -> {
            throw DomainException.InvalidInput.of("name", problem);
        });
    }

    private static void validateProfile(Validation v, Optional<Role> role, Optional<DoctorProfileInput> profile) {
        if (role.isEmpty()) {
            return;
        }
        if (role.get() != Role.DOCTOR) {
            if (profile.isPresent()) {
                v.add("doctor_profile", "Only doctors have a doctor profile.");
            }
            return;
        }
        if (profile.isEmpty()) {
            v.add("doctor_profile", "Fill in the doctor's profile.");
            return;
        }
        DoctorProfileInput p = profile.get();
        if (blank(p.specialization())) {
            v.add("doctor_profile.specialization", "Enter the specialization, e.g. Cardiology.");
        } else if (p.specialization().strip().length() > StaffRules.SPECIALIZATION_MAX_LENGTH) {
            v.add("doctor_profile.specialization", StaffRules.SPECIALIZATION_TOO_LONG);
        }
        if (blank(p.departmentId())) {
            v.add("doctor_profile.department_id", "Choose a department.");
        }
        if (blank(p.qualification())) {
            v.add("doctor_profile.qualification", "Enter the qualification, e.g. MBBS, MD.");
        } else if (p.qualification().strip().length() > StaffRules.QUALIFICATION_MAX_LENGTH) {
            v.add("doctor_profile.qualification", StaffRules.QUALIFICATION_TOO_LONG);
        }
        if (p.registrationNumber() != null && p.registrationNumber().strip().length() > StaffRules.REGISTRATION_NUMBER_MAX_LENGTH) {
            v.add("doctor_profile.registration_number", StaffRules.REGISTRATION_NUMBER_TOO_LONG);
        }
        v.check("doctor_profile.years_of_experience", StaffRules.checkYearsOfExperience(p.yearsOfExperience()));
        v.check("doctor_profile.consultation_fee", StaffRules.checkFeeMinorUnits(p.feeMinorUnits()));
        if (p.currency() == null || !p.currency().matches("[A-Z]{3}")) {
            v.add("doctor_profile.consultation_fee", "Give the fee's currency as a three-letter code like USD.");
        }
    }

    private DoctorProfile profile(DSLContext tx, DoctorProfileInput p, Optional<UUID> currentDepartment) {
        UUID departmentId;
        try {
            departmentId = UUID.fromString(p.departmentId().strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.InvalidInput.of("doctor_profile.department_id", "Choose a department from the list.");
        }
        Department department = new DepartmentRepository(tx).find(departmentId)
                .orElseThrow(() -> DomainException.InvalidInput.of("doctor_profile.department_id", "That department does not exist."));
        if (department.retired() && !currentDepartment.equals(Optional.of(departmentId))) {
            throw DomainException.InvalidInput.of("doctor_profile.department_id",
                    "The " + department.name() + " department is retired; choose another.");
        }
        return new DoctorProfile(p.specialization().strip(), departmentId, department.name(), p.qualification().strip(),
                p.yearsOfExperience(), p.feeMinorUnits(), p.currency(),
                p.registrationNumber() == null ? "" : p.registrationNumber().strip());
    }

    private static RuntimeException translate(DataAccessException e) {
        Optional<String> unique = Constraints.violated(e, Constraints.UNIQUE_VIOLATION);
        if (unique.isPresent()) {
            return switch (unique.get()) {
                case "staff_user_username_key" -> new DomainException.Conflict("username", "That username is already taken.");
                case "staff_user_email_key" -> new DomainException.Conflict("email", "Another account already uses that email address.");
                case "department_name_key" -> new DomainException.Conflict("name", "A department with that name already exists.");
                default -> e;
            };
        }
        return e;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
