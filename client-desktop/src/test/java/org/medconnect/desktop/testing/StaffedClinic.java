package org.medconnect.desktop.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.TaskRunner;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.server.db.Tables;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * A real in-process server with one of each role: Dr Amara Okafor (a.okafor), Dr Ivan Novak
 * (i.novak), the nurse Nina Patel (n.patel), the receptionist Rita Gomes (r.gomes) and the admin
 * (clinic.admin); Ana Souza checked in today with Dr Okafor (so both the doctor and the nurse may
 * write her chart) and Bruno Lima with no visit at all. For view-model tests and TestFX flows of
 * the chart and the workspace screens around it.
 */
public final class StaffedClinic implements AutoCloseable {

    public static final ZoneId ZONE = ZoneOffset.UTC;
    public static final String DOCTOR_PASSWORD = "doctor-pass-2026";
    public static final String STAFF_PASSWORD = "staff-pass-2026";

    public final TestClinic clinic;
    public final DSLContext dsl;
    public final SchedulingFixture fixture;
    public final UUID ana;
    public final UUID bruno;
    public final UUID okafor;
    public final UUID novak;

    public StaffedClinic() {
        System.setProperty(org.medconnect.desktop.platform.ServerTrust.PLAINTEXT_PROPERTY, "true");
        clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(ZONE));
        dsl = clinic.database().dsl();
        fixture = new SchedulingFixture(dsl, clinic.services());
        okafor = fixture.doctor("a.okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine").userId();
        novak = fixture.doctor("i.novak", "Dr Ivan Novak", "Cardiology", "Cardiology").userId();
        fixture.staff("n.patel", "Nina Patel", Role.NURSE);
        fixture.staff("r.gomes", "Rita Gomes", Role.RECEPTIONIST);
        fixture.staff("clinic.admin", "Clinic Admin", Role.ADMIN);
        location = fixture.location("Riverside Clinic");
        type = fixture.type("Consultation", 20, 0, false, false);
        ana = checkedIn("Ana", "Souza");
        bruno = fixture.patient("Bruno", "Lima");
    }

    private final UUID location;
    private final UUID type;
    private int visits;

    /** A new patient checked in today with Dr Okafor: his chart to write, and the nurse's to triage. */
    public UUID checkedIn(String given, String family) {
        UUID patient = fixture.patient(given, family);
        OffsetDateTime start = LocalDate.now(ZONE).atStartOfDay(ZONE).toOffsetDateTime().plusMinutes(1 + 20 * visits);
        visits++;
        var a = Tables.APPOINTMENT;
        dsl.insertInto(a).set(a.REFERENCE, "MC-" + (1000 + visits)).set(a.PATIENT_ID, patient).set(a.DOCTOR_ID, okafor)
                .set(a.LOCATION_ID, location).set(a.TYPE_ID, type).set(a.STARTS_AT, start).set(a.ENDS_AT, start.plusMinutes(20))
                .set(a.BLOCKS_UNTIL, start.plusMinutes(20)).set(a.STATUS, "CHECKED_IN").execute();
        return patient;
    }

    /** A connection signed in as this user (staff other than doctors use {@link #STAFF_PASSWORD}). */
    public ServerConnection signedIn(String username) {
        String password = username.equals("a.okafor") || username.equals("i.novak") ? DOCTOR_PASSWORD : STAFF_PASSWORD;
        ServerConnection connection = new ServerConnection(Duration.ofSeconds(30), s -> { });
        connection.connectTo(clinic.address());
        String token = connection.auth().signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password).build())
                .getSessionToken();
        connection.useToken(token);
        return connection;
    }

    /** Background calls run on the caller's thread: a view model's call is done when the method returns. */
    public static ServerCalls calls(ServerConnection connection) {
        return calls(connection, new SameThreadTaskRunner());
    }

    public static ServerCalls calls(ServerConnection connection, TaskRunner runner) {
        return new ServerCalls(runner, new ServerErrors(connection::address, ZONE), new SessionState());
    }

    @Override
    public void close() {
        clinic.close();
    }
}
