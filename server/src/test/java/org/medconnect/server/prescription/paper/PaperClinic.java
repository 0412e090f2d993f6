package org.medconnect.server.prescription.paper;

import static org.medconnect.server.db.Tables.BILLING_PROFILE;
import static org.medconnect.server.db.Tables.DOCTOR_PROFILE;
import static org.medconnect.server.db.Tables.ENCOUNTER;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.db.Tables.PRESCRIPTION;
import static org.medconnect.server.db.Tables.PRESCRIPTION_LINE;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.prescription.v1.PrescriptionPaperServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionPaperServiceGrpc.PrescriptionPaperServiceBlockingStub;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * A clinic on a fresh database, served in-process, for prescription papers: Dr Amara Okafor
 * (has seen the patients), Dr Sam Sharma (has not), a nurse, a receptionist and an admin, and
 * signed prescriptions inserted with SQL (lines written while DRAFT, then signed: a trigger
 * locks lines after).
 */
final class PaperClinic implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    static final OffsetDateTime SIGNED_AT = OffsetDateTime.parse("2026-11-24T08:30:00Z");

    final ClinicServices services;
    final DSLContext dsl;
    final Principal okafor;
    final Principal sharma;
    final SchedulingFixture fixture;
    private final MedConnectServer server;
    private final ManagedChannel channel;

    /** One line as the tests write it; the quantity is counted in the dose unit unless a quantity unit is given. */
    record Rx(String drug, String strength, String form, String route, String dose, String unit, String frequency,
              boolean asNeeded, int days, String quantity, String quantityUnit, int refills, String instructions, String warnings) {

        Rx(String drug, String strength, String form, String route, String dose, String unit, String frequency,
           boolean asNeeded, int days, String quantity, int refills, String instructions, String warnings) {
            this(drug, strength, form, route, dose, unit, frequency, asNeeded, days, quantity, unit, refills, instructions, warnings);
        }

        static Rx amoxicillin() {
            return new Rx("amoxicillin", "500 mg", "capsule", "ORAL", "1", "capsule", "THREE_TIMES_DAILY", false, 7, "21", 0,
                    "Take with water; finish the course.", "Stop and call us if a rash appears.");
        }

        static Rx metformin() {
            return new Rx("metformin", "500 mg", "tablet", "ORAL", "1", "tablet", "TWICE_DAILY", false, 7, "14", 2,
                    "Take with meals.", "");
        }

        static Rx salbutamol() {
            // One metered-dose inhaler holds 200 puffs: a month at up to eight a day.
            return new Rx("salbutamol", "100 micrograms/dose", "inhaler", "INHALED", "2", "puff", "FOUR_TIMES_DAILY", true, 30, "1",
                    "inhaler of 200 doses", 1, "Shake before use; rinse your mouth afterwards.", "");
        }
    }

    PaperClinic(ServerConfig config) {
        String name = "rx-papers-" + UUID.randomUUID();
        var db = TestDatabase.fresh();
        dsl = db.dsl();
        services = new ClinicServices(config, db, new MutableClock(NOW));
        try {
            server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        fixture = new SchedulingFixture(dsl, services);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Family medicine", "General practice");
        sharma = fixture.doctor("sharma", "Dr Sam Sharma", "Dermatology", "Dermatology");
        fixture.staff("nina", "Nina Berg", Role.NURSE);
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("adam", "Adam Admin", Role.ADMIN);
        dsl.update(DOCTOR_PROFILE).set(DOCTOR_PROFILE.QUALIFICATION, "MBBS, MRCGP").set(DOCTOR_PROFILE.REGISTRATION_NUMBER, "GMC 7654321")
                .where(DOCTOR_PROFILE.USER_ID.eq(okafor.userId())).execute();
        dsl.update(BILLING_PROFILE).set(BILLING_PROFILE.CLINIC_NAME, "Riverside Family Clinic")
                .set(BILLING_PROFILE.ADDRESS, "12 Mill Lane\nRiverside RS1 4AB").set(BILLING_PROFILE.PHONE, "+44 20 7946 0000")
                .set(BILLING_PROFILE.EMAIL, "desk@riverside.test").execute();
    }

    PaperClinic() {
        this(TestConfig.defaults());
    }

    /** A patient Dr Okafor has seen, with an email address. */
    UUID patient(String given, String family) {
        UUID id = fixture.patient(given, family);
        dsl.update(PATIENT).set(PATIENT.EMAIL, given.toLowerCase().replaceAll("[^a-z]", "") + id.toString().substring(0, 4) + "@patients.test")
                .set(PATIENT.DATE_OF_BIRTH, LocalDate.of(1984, 3, 7)).where(PATIENT.ID.eq(id)).execute();
        var at = OffsetDateTime.parse("2026-11-20T10:00:00Z");
        dsl.insertInto(ENCOUNTER).set(ENCOUNTER.PATIENT_ID, id).set(ENCOUNTER.DOCTOR_ID, okafor.userId())
                .set(ENCOUNTER.KIND, "WALK_IN").set(ENCOUNTER.STARTED_AT, at).set(ENCOUNTER.UPDATED_BY, okafor.userId())
                .set(ENCOUNTER.UPDATED_AT, at).execute();
        return id;
    }

    /** A draft by Dr Okafor with these lines. */
    UUID draft(UUID patient, List<Rx> lines) {
        var at = SIGNED_AT.minusMinutes(10);
        UUID id = dsl.insertInto(PRESCRIPTION).set(PRESCRIPTION.PATIENT_ID, patient).set(PRESCRIPTION.PRESCRIBER_ID, okafor.userId())
                .set(PRESCRIPTION.VALID_DAYS, 30).set(PRESCRIPTION.CREATED_AT, at).set(PRESCRIPTION.UPDATED_BY, okafor.userId())
                .set(PRESCRIPTION.UPDATED_AT, at).returning(PRESCRIPTION.ID).fetchSingle(PRESCRIPTION.ID);
        int position = 1;
        for (Rx l : lines) {
            dsl.insertInto(PRESCRIPTION_LINE).set(PRESCRIPTION_LINE.PRESCRIPTION_ID, id).set(PRESCRIPTION_LINE.POSITION, position++)
                    .set(PRESCRIPTION_LINE.DRUG_KEY, l.drug()).set(PRESCRIPTION_LINE.DRUG_NAME, l.drug())
                    .set(PRESCRIPTION_LINE.INGREDIENT_KEYS, new String[] {l.drug()})
                    .set(PRESCRIPTION_LINE.STRENGTH, l.strength()).set(PRESCRIPTION_LINE.FORM, l.form()).set(PRESCRIPTION_LINE.ROUTE, l.route())
                    .set(PRESCRIPTION_LINE.DOSE_AMOUNT, new BigDecimal(l.dose())).set(PRESCRIPTION_LINE.DOSE_UNIT, l.unit())
                    .set(PRESCRIPTION_LINE.FREQUENCY, l.frequency()).set(PRESCRIPTION_LINE.AS_NEEDED, l.asNeeded())
                    .set(PRESCRIPTION_LINE.DURATION_DAYS, l.days()).set(PRESCRIPTION_LINE.QUANTITY, new BigDecimal(l.quantity()))
                    .set(PRESCRIPTION_LINE.QUANTITY_UNIT, l.quantityUnit()).set(PRESCRIPTION_LINE.REFILLS, l.refills())
                    .set(PRESCRIPTION_LINE.INSTRUCTIONS, l.instructions()).set(PRESCRIPTION_LINE.WARNINGS, l.warnings()).execute();
        }
        return id;
    }

    /** A prescription signed this morning, valid 30 days. */
    UUID signed(UUID patient, List<Rx> lines) {
        UUID id = draft(patient, lines);
        dsl.update(PRESCRIPTION).set(PRESCRIPTION.STATUS, "SIGNED").set(PRESCRIPTION.SIGNED_AT, SIGNED_AT)
                .set(PRESCRIPTION.VALID_UNTIL, LocalDate.of(2026, 12, 24)).where(PRESCRIPTION.ID.eq(id)).execute();
        return id;
    }

    void cancel(UUID prescription) {
        dsl.update(PRESCRIPTION).set(PRESCRIPTION.STATUS, "CANCELLED").set(PRESCRIPTION.CANCELLED_AT, SIGNED_AT.plusMinutes(5))
                .set(PRESCRIPTION.CANCELLED_BY, okafor.userId()).set(PRESCRIPTION.CANCEL_REASON, "Wrong patient")
                .where(PRESCRIPTION.ID.eq(prescription)).execute();
    }

    static String password(String username) {
        return List.of("okafor", "sharma").contains(username) ? "doctor-pass-2026" : "staff-pass-2026";
    }

    PrescriptionPaperServiceBlockingStub papers(String username) {
        String token = AuthServiceGrpc.newBlockingStub(channel)
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password(username)).build()).getSessionToken();
        return PrescriptionPaperServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(120, TimeUnit.SECONDS);
    }

    Optional<String> patientEmail(UUID patient) {
        return Optional.ofNullable(dsl.select(PATIENT.EMAIL).from(PATIENT).where(PATIENT.ID.eq(patient)).fetchOne(PATIENT.EMAIL));
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }
}
