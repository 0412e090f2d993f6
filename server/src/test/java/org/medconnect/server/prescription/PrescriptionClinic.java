package org.medconnect.server.prescription;

import static org.medconnect.server.db.Tables.ALLERGY;
import static org.medconnect.server.db.Tables.ALLERGY_REVIEW;
import static org.medconnect.server.db.Tables.ENCOUNTER;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.MedicationServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.proto.prescription.v1.PrescriptionLineInput;
import org.medconnect.proto.prescription.v1.PrescriptionRoute;
import org.medconnect.proto.prescription.v1.PrescriptionServiceGrpc;
import org.medconnect.proto.prescription.v1.RefillServiceGrpc;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * A clinic on a fresh database, served in-process, for prescribing: Dr Amara Okafor and Dr
 * Lena Lindqvist have seen Ana Souza, Dr Sam Sharma has not; a nurse (Nina Berg), a
 * receptionist (Maria Lopez) and an admin. The clock stands at {@link #NOW} (UTC clinic) until moved.
 */
final class PrescriptionClinic implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    final ClinicServices services;
    final DSLContext dsl;
    final MutableClock clock = new MutableClock(NOW);
    final Principal okafor;
    final Principal lindqvist;
    final Principal sharma;
    final Principal maria;
    final UUID patient;
    private final MedConnectServer server;
    private final ManagedChannel channel;
    private final Map<String, CallCredentials> sessions = new ConcurrentHashMap<>();

    PrescriptionClinic() throws Exception {
        String name = "prescriptions-" + UUID.randomUUID();
        var db = TestDatabase.fresh();
        dsl = db.dsl();
        services = new ClinicServices(TestConfig.defaults(), db, clock);
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        var fixture = new SchedulingFixture(dsl, services);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Family medicine", "General practice");
        lindqvist = fixture.doctor("lindqvist", "Dr Lena Lindqvist", "Family medicine", "General practice");
        sharma = fixture.doctor("sharma", "Dr Sam Sharma", "Dermatology", "Dermatology");
        fixture.staff("nina", "Nina Berg", Role.NURSE);
        maria = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("adam", "Adam Admin", Role.ADMIN);
        patient = fixture.patient("Ana", "Souza");
        seen(okafor, patient);
        seen(lindqvist, patient);
    }

    /** A walk-in consultation: the doctor now has a care relation with the patient. */
    UUID seen(Principal doctor, UUID patientId) {
        var at = OffsetDateTime.parse("2026-11-20T10:00:00Z");
        return dsl.insertInto(ENCOUNTER).set(ENCOUNTER.PATIENT_ID, patientId).set(ENCOUNTER.DOCTOR_ID, doctor.userId())
                .set(ENCOUNTER.KIND, "WALK_IN").set(ENCOUNTER.STARTED_AT, at).set(ENCOUNTER.UPDATED_BY, doctor.userId())
                .set(ENCOUNTER.UPDATED_AT, at).returning(ENCOUNTER.ID).fetchSingle(ENCOUNTER.ID);
    }

    /** An active drug allergy coded with a catalogue key, e.g. "class:penicillins". */
    UUID allergy(String code, String substance) {
        var at = OffsetDateTime.parse("2026-11-20T10:00:00Z");
        return dsl.insertInto(ALLERGY).set(ALLERGY.PATIENT_ID, patient).set(ALLERGY.SUBSTANCE_CODE, code).set(ALLERGY.SUBSTANCE, substance)
                .set(ALLERGY.CATEGORY, code.startsWith("class:") ? "DRUG_CLASS" : "DRUG").set(ALLERGY.SEVERITY, "SEVERE")
                .set(ALLERGY.STATUS, "ACTIVE").set(ALLERGY.RECORDED_BY, okafor.userId()).set(ALLERGY.RECORDED_AT, at)
                .set(ALLERGY.UPDATED_BY, okafor.userId()).set(ALLERGY.UPDATED_AT, at).returning(ALLERGY.ID).fetchSingle(ALLERGY.ID);
    }

    /** The patient was asked and has no known allergies. */
    void noKnownAllergies() {
        dsl.insertInto(ALLERGY_REVIEW).set(ALLERGY_REVIEW.PATIENT_ID, patient).set(ALLERGY_REVIEW.NO_KNOWN_ALLERGIES, true)
                .set(ALLERGY_REVIEW.UPDATED_BY, okafor.userId()).set(ALLERGY_REVIEW.UPDATED_AT, OffsetDateTime.parse("2026-11-20T10:00:00Z"))
                .execute();
    }

    static String password(String username) {
        return List.of("okafor", "lindqvist", "sharma").contains(username) ? "doctor-pass-2026" : "staff-pass-2026";
    }

    private CallCredentials signIn(String username) {
        return sessions.computeIfAbsent(username, u -> Calls.bearer(AuthServiceGrpc.newBlockingStub(channel)
                .signIn(SignInRequest.newBuilder().setUsername(u).setPassword(password(u)).build()).getSessionToken()));
    }

    PrescriptionServiceGrpc.PrescriptionServiceBlockingStub prescriptions(String username) {
        return PrescriptionServiceGrpc.newBlockingStub(channel).withCallCredentials(signIn(username)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    RefillServiceGrpc.RefillServiceBlockingStub refills(String username) {
        return RefillServiceGrpc.newBlockingStub(channel).withCallCredentials(signIn(username)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    MedicationServiceGrpc.MedicationServiceBlockingStub medications(String username) {
        return MedicationServiceGrpc.newBlockingStub(channel).withCallCredentials(signIn(username)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** "1 &lt;unit&gt; &lt;frequency&gt; for &lt;days&gt; days", oral, of a catalogue drug. */
    static PrescriptionLineInput.Builder line(String drugKey, String unit, PrescriptionFrequency frequency, int days) {
        return PrescriptionLineInput.newBuilder().setDrugKey(drugKey).setRoute(PrescriptionRoute.PRESCRIPTION_ROUTE_ORAL)
                .setDoseAmount("1").setDoseUnit(unit).setFrequency(frequency).setDurationDays(days);
    }

    static PrescriptionLineInput amoxicillin() {
        return line("amoxicillin", "capsule", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY, 7)
                .setStrength("500 mg").setForm("capsule").setInstructions("Take with food").build();
    }

    /** Rows in a table matching a condition, by plain SQL. */
    int count(String sql, Object... args) {
        return dsl.resultQuery(sql, args).fetchSingle(0, Integer.class);
    }

    /** Moves the clock; sessions are signed in again (the old ones have gone idle). */
    void advance(Duration d) {
        clock.advance(d);
        sessions.clear();
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }
}
