package org.medconnect.server.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.audit.AuditRepository;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.schedule.ScheduleModel.NewLocation;
import org.medconnect.server.schedule.ScheduleModel.RuleInput;
import org.medconnect.server.staff.StaffModel.DoctorProfileInput;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.staff.StaffService;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;
import org.medconnect.shared.schedule.ScheduleRules.BreakDraft;
import org.medconnect.shared.validation.FieldError;

/**
 * The clinic {@link ScheduleServiceTest} and {@link ClinicSetupServiceTest} start from: two
 * departments, an admin, a receptionist, two doctors and two locations, on a Monday.
 */
abstract class ScheduleTestBase {

    /** A Monday. */
    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static final List<Integer> MON_TO_FRI = List.of(1, 2, 3, 4, 5);

    Database db;
    StaffService staff;
    ClinicSetupService setup;
    ScheduleService schedule;
    Principal admin;
    Principal reception;
    Principal drOkafor;
    Principal drHaddad;
    UUID cardiology;
    UUID generalMedicine;
    UUID riverside;
    UUID hillview;

    @BeforeEach
    void freshClinic() {
        startClinic(TestConfig.defaults(), NOW);
    }

    void startClinic(org.medconnect.server.platform.ServerConfig config, Instant now) {
        db = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(config, db, new MutableClock(now));
        staff = services.staff();
        setup = services.clinicSetup();
        schedule = services.schedule();
        cardiology = staff.createDepartment(null, Optional.empty(), "Cardiology").id();
        generalMedicine = staff.createDepartment(null, Optional.empty(), "General Medicine").id();
        admin = person("grace", Role.ADMIN, null);
        reception = person("maria", Role.RECEPTIONIST, null);
        drOkafor = person("dr.okafor", Role.DOCTOR, generalMedicine);
        drHaddad = person("dr.haddad", Role.DOCTOR, cardiology);
        riverside = setup.createLocation(admin, new NewLocation(Optional.empty(), "Riverside Clinic", "12 River Road", "+1 555 0100")).id();
        hillview = setup.createLocation(admin, new NewLocation(Optional.empty(), "Hillview Clinic", "", "")).id();
    }

    Principal person(String username, Role role, UUID department) {
        Optional<DoctorProfileInput> profile = role == Role.DOCTOR
                ? Optional.of(new DoctorProfileInput("Medicine", department.toString(), "MD", 10, 5000, "USD")) : Optional.empty();
        var member = staff.createUser(null, new NewUser(Optional.empty(), username, "Dr " + username, username + "@clinic.test", "",
                Optional.of(role), profile, "initial-pass-1"), false);
        return new Principal(member.id(), username, member.displayName(), role, false, new byte[0]);
    }

    RuleInput rule(Principal doctor, UUID location, List<Integer> days, String start, String end) {
        return new RuleInput(Optional.empty(), Optional.empty(), doctor.userId(), location, Optional.empty(), days, start, end, 15,
                List.of(), "2026-11-23", "");
    }

    RuleInput week(Principal doctor, UUID location) {
        return new RuleInput(Optional.empty(), Optional.empty(), doctor.userId(), location, Optional.empty(), MON_TO_FRI, "09:00", "17:00",
                15, List.of(new BreakDraft("12:30", "13:30")), "2026-11-23", "2027-11-22");
    }

    static List<String> fields(DomainException.InvalidInput e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    List<String> auditActions() {
        return new AuditRepository(db.dsl()).latest(50).stream().map(AuditRepository.Entry::action).toList();
    }
}
