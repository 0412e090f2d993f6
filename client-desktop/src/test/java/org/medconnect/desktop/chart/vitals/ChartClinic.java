package org.medconnect.desktop.chart.vitals;

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
 * A real server with one patient checked in today (Ana Souza) under Dr Amara Okafor, a nurse
 * (Nina Patel) and, on request, months of vitals: what the vitals and allergy screens meet.
 */
final class ChartClinic implements AutoCloseable {

    static final ZoneId ZONE = ZoneOffset.UTC;

    final TestClinic clinic;
    final DSLContext dsl;
    final UUID patient;
    final UUID doctor;

    ChartClinic() {
        System.setProperty(org.medconnect.desktop.platform.ServerTrust.PLAINTEXT_PROPERTY, "true");
        clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(ZONE));
        dsl = clinic.database().dsl();
        SchedulingFixture f = new SchedulingFixture(dsl, clinic.services());
        doctor = f.doctor("a.okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine").userId();
        f.staff("n.patel", "Nina Patel", Role.NURSE);
        patient = f.patient("Ana", "Souza");
        UUID location = f.location("Riverside Clinic");
        UUID type = f.type("Consultation", 20, 0, false, false);
        OffsetDateTime start = LocalDate.now(ZONE).atStartOfDay(ZONE).toOffsetDateTime().plusMinutes(1);
        var a = Tables.APPOINTMENT;
        dsl.insertInto(a).set(a.REFERENCE, "MC-1001").set(a.PATIENT_ID, patient).set(a.DOCTOR_ID, doctor).set(a.LOCATION_ID, location)
                .set(a.TYPE_ID, type).set(a.STARTS_AT, start).set(a.ENDS_AT, start.plusMinutes(20)).set(a.BLOCKS_UNTIL, start.plusMinutes(20))
                .set(a.STATUS, "CHECKED_IN").execute();
    }

    /** Vitals every few days over {@code days}, drifting like a treated hypertensive's, a few abnormal. */
    void seedVitals(int days) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var v = Tables.VITAL_SIGNS;
        for (int d = days; d > 0; d -= 4) {
            OffsetDateTime at = now.minusDays(d).withHour(9).withMinute(15 + d % 30);
            int sys = 150 - (days - d) / 30 + (d % 7) * 2;
            dsl.insertInto(v).set(v.PATIENT_ID, patient).set(v.MEASURED_AT, at).set(v.SYSTOLIC_MMHG, sys).set(v.DIASTOLIC_MMHG, 90 - (days - d) / 60 + d % 5)
                    .set(v.PULSE_PER_MIN, 66 + d % 17).set(v.TEMPERATURE_C, new java.math.BigDecimal(d % 23 == 0 ? "38.4" : "36." + (5 + d % 4)))
                    .set(v.RESPIRATORY_PER_MIN, 14 + d % 5).set(v.SPO2_PCT, d % 29 == 0 ? 93 : 97 + d % 3)
                    .set(v.WEIGHT_KG, new java.math.BigDecimal(84 - (days - d) / 60.0).setScale(1, java.math.RoundingMode.HALF_UP))
                    .set(v.HEIGHT_CM, new java.math.BigDecimal("172.0"))
                    .set(v.RECORDED_BY, doctor).set(v.RECORDED_AT, at).set(v.UPDATED_BY, doctor).set(v.UPDATED_AT, at).execute();
        }
    }

    /** A connection signed in as this user. */
    ServerConnection signedIn(String username, String password) {
        ServerConnection connection = new ServerConnection(Duration.ofSeconds(10), s -> { });
        connection.connectTo(clinic.address());
        String token = connection.auth().signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password).build())
                .getSessionToken();
        connection.useToken(token);
        return connection;
    }

    ServerConnection nurse() {
        return signedIn("n.patel", "staff-pass-2026");
    }

    ServerConnection doctorConnection() {
        return signedIn("a.okafor", "doctor-pass-2026");
    }

    static ServerCalls calls(ServerConnection connection) {
        return calls(connection, new SameThreadTaskRunner());
    }

    static ServerCalls calls(ServerConnection connection, TaskRunner runner) {
        return new ServerCalls(runner, new ServerErrors(connection::address, ZONE), new SessionState());
    }

    @Override
    public void close() {
        clinic.close();
    }
}
