package org.medconnect.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.patient.PatientModel.SearchQuery;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.staff.StaffModel.UserQuery;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

class FirstStartTest {

    private static String run(ClinicServices services, boolean demo) {
        var out = new ByteArrayOutputStream();
        new FirstStart(services, new PrintStream(out, true, StandardCharsets.UTF_8)).run(demo);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyClinicGetsAnAdminWithAOneTimePasswordThatMustBeChanged() {
        var services = new ClinicServices(TestConfig.defaults(), TestDatabase.fresh(), Clock.systemUTC());
        String printed = run(services, false);
        Matcher m = Pattern.compile("password: (\\S+)").matcher(printed);
        assertThat(m.find()).isTrue();
        var signedIn = services.auth().signIn("admin", m.group(1), null, "console");
        assertThat(signedIn.principal().role()).isEqualTo(Role.ADMIN);
        assertThat(signedIn.principal().passwordChangeRequired()).isTrue();

        assertThat(run(services, false)).as("second start prints nothing").isEmpty();
    }

    @Test
    void demoSeedsTenDoctorsThreeReceptionistsOneAdminAndPatientsWithPrintedPasswords() {
        Database db = TestDatabase.fresh();
        var services = new ClinicServices(TestConfig.defaults(), db, Clock.systemUTC());
        String printed = run(services, true);
        assertThat(printed).contains(DemoClinic.PASSWORD);
        var staff = services.staff();
        assertThat(staff.listUsers(new UserQuery("", Optional.of(Role.DOCTOR), false, 50, 0)).total()).isEqualTo(10);
        assertThat(staff.listUsers(new UserQuery("", Optional.of(Role.RECEPTIONIST), false, 50, 0)).total()).isEqualTo(3);
        assertThat(staff.listUsers(new UserQuery("", Optional.of(Role.ADMIN), false, 50, 0)).total()).isEqualTo(1);
        assertThat(staff.listDepartments(false)).hasSizeGreaterThanOrEqualTo(5);
        var admin = services.auth().signIn("admin", DemoClinic.PASSWORD, null, "console");
        assertThat(admin.principal().passwordChangeRequired()).isFalse();
        assertThat(services.auth().signIn("maria.lopez", DemoClinic.PASSWORD, null, "console").principal().role()).isEqualTo(Role.RECEPTIONIST);

        var patients = services.patients();
        assertThat(db.dsl().fetchCount(org.medconnect.server.db.Tables.PATIENT)).isEqualTo(300);
        assertThat(patients.search(new SearchQuery("Jonh Smth", 50, 0)).items().getFirst().displayName()).isEqualTo("John Smith");
        assertThat(patients.search(new SearchQuery("07.03.1984", 50, 0)).items()).extracting(p -> p.displayName()).contains("John Smith");

        // Charts: three long histories on dr.okafor's list, and every booked patient has at least a visit and an allergy answer.
        var okafor = staff.listUsers(new UserQuery("okafor", Optional.of(Role.DOCTOR), false, 5, 0)).items().getFirst().id();
        assertThat(db.dsl().resultQuery("""
                select count(*) from (select patient_id from encounter where doctor_id = ?::uuid
                                       group by patient_id having count(*) >= 250) long_histories""", okafor).fetchSingle(0, Integer.class))
                .isEqualTo(3);
        assertThat(db.dsl().resultQuery("""
                select count(*) from (select distinct patient_id from appointment) booked
                 where not exists (select 1 from encounter e where e.patient_id = booked.patient_id)
                    or not exists (select 1 from allergy_review r where r.patient_id = booked.patient_id)""").fetchSingle(0, Integer.class))
                .isZero();
        assertThat(db.dsl().resultQuery("select count(*) from chart_event").fetchSingle(0, Integer.class)).isGreaterThan(3 * 250);

        // Prescriptions, written through the checks: one signed past a high alert with its reason kept, a draft, a refill waiting.
        assertThat(db.dsl().resultQuery("select status, count(*) from prescription group by status order by status")
                .fetch(r -> r.get(0, String.class) + "=" + r.get(1, Integer.class)))
                .containsExactly("DRAFT=1", "PARTLY_DISPENSED=1", "SIGNED=2");
        assertThat(db.dsl().resultQuery("select count(*) from prescription_alert where severity = 'HIGH' and override_reason is not null")
                .fetchSingle(0, Integer.class)).isPositive();
        assertThat(db.dsl().resultQuery("select count(*) from refill_request where status = 'PENDING' and doctor_id = ?::uuid", okafor)
                .fetchSingle(0, Integer.class)).isEqualTo(1);
        assertThat(db.dsl().resultQuery("select count(*) from medication where source = 'PRESCRIBED'").fetchSingle(0, Integer.class))
                .isEqualTo(4);
    }

    @Test
    void demoGivesEveryDoctorWeeklyHoursAtTheTwoSitesAndOneDoctorAWeekOfLeave() {
        var services = new ClinicServices(TestConfig.defaults(), TestDatabase.fresh(), Clock.systemUTC());
        run(services, true);
        var setup = services.clinicSetup();
        var schedule = services.schedule();
        assertThat(setup.listLocations(false)).extracting(l -> l.name()).containsExactly(DemoSchedule.HILLVIEW, DemoSchedule.RIVERSIDE);
        for (var location : setup.listLocations(false)) {
            assertThat(setup.listRooms(Optional.of(location.id()), false)).hasSizeBetween(4, 6);
        }
        assertThat(setup.listTypes(false)).extracting(t -> t.name() + " " + t.durationMinutes() + "+" + t.bufferMinutes())
                .containsExactlyInAnyOrder("Consultation 20+5", "Follow-up 15+0", "Procedure 45+15", "Video visit 20+0");
        var doctors = setup.listDoctors(Optional.empty(), Optional.empty());
        assertThat(doctors).hasSize(10).allSatisfy(d -> assertThat(d.locationIds()).isNotEmpty());
        assertThat(doctors).filteredOn(d -> d.locationIds().size() == 2).isNotEmpty();
        var withLeave = doctors.stream().filter(d -> !schedule.getAvailability(d.id()).exceptions().isEmpty()).toList();
        assertThat(withLeave).hasSize(1);
        var leave = schedule.getAvailability(withLeave.getFirst().id()).exceptions().getFirst();
        assertThat(leave.local().isWholeDays()).isTrue();
        assertThat(leave.local().startDate().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(leave.local().startDate().getMonth()).isEqualTo(schedule.today().plusMonths(1).getMonth());
        var rule = schedule.getAvailability(doctors.getFirst().id()).rules().getFirst();
        assertThat(rule.session().toString()).isEqualTo("09:00-17:00");
        assertThat(rule.breaks()).extracting(Object::toString).containsExactly("12:30-13:30");
        assertThat(rule.validFrom()).isEqualTo(schedule.today());

        // a week of bookings made through the booking rules, and a waiting-list offer
        var maria = services.auth().authenticate(services.auth().signIn("maria.lopez", DemoClinic.PASSWORD, null, "t").token());
        var week = services.appointments().list(maria, new org.medconnect.server.appointment.AppointmentModel.ListQuery(
                Instant.now(), Instant.now().plus(java.time.Duration.ofDays(8)), Optional.empty(), Optional.empty(),
                java.util.Set.of(), Optional.empty(), java.util.Set.of()));
        assertThat(week).hasSizeGreaterThan(100);
        assertThat(services.waitingList().open(Optional.empty(), Optional.empty())).hasSize(3);
    }

    @Test
    void theEmbeddedDatabaseKeepsTheClinicAcrossRestarts(@TempDir Path home) {
        ServerConfig base = TestConfig.defaults();
        ServerConfig config = new ServerConfig(home, base.bindAddress(), base.port(), Optional.empty(), base.dbUser(), "",
                4, base.sessionIdleTimeout(), base.sessionMaxLifetime(), base.lockoutAttempts(), base.lockoutDuration(),
                base.clinicZone(), base.currency(), base.videoBaseUrl(), base.passwordHashing(), base.reminders(),
                base.tls(), base.secondFactor(), base.clinicLocale(), base.reports(), base.documents());
        try (Database first = Database.open(config)) {
            var services = new ClinicServices(config, first, Clock.systemUTC());
            run(services, true);
            assertThat(first.description()).contains("embedded PostgreSQL").contains(home.toString());
            // committed bookings must survive a crash: the embedded server runs durable
            assertThat(first.dsl().fetchValue("show fsync")).isEqualTo("on");
            assertThat(first.dsl().fetchValue("show synchronous_commit")).isEqualTo("on");
        }
        try (Database second = Database.open(config)) {
            var services = new ClinicServices(config, second, Clock.systemUTC());
            assertThat(run(services, true)).contains("already has staff");
            assertThat(services.staff().listUsers(new UserQuery("", Optional.empty(), false, 50, 0)).total()).isEqualTo(15);
        }
    }
}
