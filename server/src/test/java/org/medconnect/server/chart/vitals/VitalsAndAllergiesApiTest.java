package org.medconnect.server.chart.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.AllergyCategory;
import org.medconnect.proto.chart.v1.AllergyReviewState;
import org.medconnect.proto.chart.v1.AllergyServiceGrpc;
import org.medconnect.proto.chart.v1.AllergyServiceGrpc.AllergyServiceBlockingStub;
import org.medconnect.proto.chart.v1.AllergySeverity;
import org.medconnect.proto.chart.v1.AllergyStatus;
import org.medconnect.proto.chart.v1.ListAllergiesRequest;
import org.medconnect.proto.chart.v1.ListVitalsRequest;
import org.medconnect.proto.chart.v1.MarkVitalsEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.RecordAllergyRequest;
import org.medconnect.proto.chart.v1.RecordNoKnownAllergiesRequest;
import org.medconnect.proto.chart.v1.RecordVitalsRequest;
import org.medconnect.proto.chart.v1.UpdateAllergyRequest;
import org.medconnect.proto.chart.v1.VitalFlag;
import org.medconnect.proto.chart.v1.VitalKind;
import org.medconnect.proto.chart.v1.VitalObservation;
import org.medconnect.proto.chart.v1.VitalSet;
import org.medconnect.proto.chart.v1.VitalValues;
import org.medconnect.proto.chart.v1.VitalsServiceGrpc;
import org.medconnect.proto.chart.v1.VitalsServiceGrpc.VitalsServiceBlockingStub;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * Vitals and allergies as workstations meet them over gRPC (in-process, real PostgreSQL): who
 * may call, implausible values, LOINC/UCUM and flags in answers, versions, races.
 */
class VitalsAndAllergiesApiTest {

    static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    MedConnectServer server;
    ManagedChannel channel;
    ClinicServices services;
    DSLContext dsl;
    SchedulingFixture fixture;
    UUID checkedIn;
    UUID bookedLater;
    UUID doctorId;

    @BeforeEach
    void start() throws Exception {
        String name = "vitals-" + UUID.randomUUID();
        var db = TestDatabase.fresh();
        dsl = db.dsl();
        services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(NOW));
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        fixture = new SchedulingFixture(dsl, services);
        doctorId = fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine").userId();
        fixture.doctor("stranger", "Dr Lena Fischer", "Cardiology", "Cardiology");
        fixture.staff("nina", "Nina Patel", Role.NURSE);
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("root", "Sam Admin", Role.ADMIN);
        checkedIn = fixture.patient("Ana", "Souza");
        bookedLater = fixture.patient("Ben", "Carter");
        UUID location = fixture.location("Main");
        UUID type = fixture.type("Consultation", 20, 0, false, false);
        appointment(checkedIn, location, type, NOW.minus(Duration.ofMinutes(30)), "CHECKED_IN");
        appointment(bookedLater, location, type, NOW.plus(Duration.ofDays(2)), "CONFIRMED");
    }

    private void appointment(UUID patient, UUID location, UUID type, Instant at, String status) {
        OffsetDateTime start = at.atOffset(ZoneOffset.UTC);
        var a = org.medconnect.server.db.Tables.APPOINTMENT;
        dsl.insertInto(a).set(a.REFERENCE, "A-" + UUID.randomUUID().toString().substring(0, 8)).set(a.PATIENT_ID, patient)
                .set(a.DOCTOR_ID, doctorId).set(a.LOCATION_ID, location).set(a.TYPE_ID, type).set(a.STARTS_AT, start)
                .set(a.ENDS_AT, start.plusMinutes(20)).set(a.BLOCKS_UNTIL, start.plusMinutes(20)).set(a.STATUS, status).execute();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }

    String token(String username, String password) {
        return AuthServiceGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password).build())
                .getSessionToken();
    }

    VitalsServiceBlockingStub vitals(String username) {
        return VitalsServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token(username, password(username))))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    AllergyServiceBlockingStub allergies(String username) {
        return AllergyServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token(username, password(username))))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    static String password(String username) {
        return username.equals("okafor") || username.equals("stranger") ? "doctor-pass-2026" : "staff-pass-2026";
    }

    static RecordVitalsRequest vitalsRequest(UUID patient, VitalValues.Builder values) {
        return RecordVitalsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                .setValues(values).build();
    }

    static VitalValues.Builder typical() {
        return VitalValues.newBuilder().setSystolicMmhg(150).setDiastolicMmhg(85).setPulsePerMin(72).setTemperatureC(37.2)
                .setRespiratoryPerMin(16).setSpo2Pct(97).setWeightKg(70).setHeightCm(175);
    }

    static VitalObservation observation(VitalSet set, VitalKind kind) {
        return set.getObservationsList().stream().filter(o -> o.getKind() == kind).findFirst().orElseThrow();
    }

    @Nested
    class Vitals {

        @Test
        void aNurseRecordsVitalsForAPatientCheckedInTodayWithLoincUcumAndFlags() {
            VitalSet set = vitals("nina").recordVitals(vitalsRequest(checkedIn, typical())).getVitals();

            VitalObservation systolic = observation(set, VitalKind.VITAL_KIND_SYSTOLIC);
            assertThat(systolic.getLoinc()).isEqualTo("8480-6");
            assertThat(systolic.getPanelLoinc()).isEqualTo("85354-9");
            assertThat(systolic.getUcumUnit()).isEqualTo("mm[Hg]");
            assertThat(systolic.getFlag()).isEqualTo(VitalFlag.VITAL_FLAG_HIGH);
            assertThat(observation(set, VitalKind.VITAL_KIND_HEART_RATE)).satisfies(o -> {
                assertThat(o.getLoinc()).isEqualTo("8867-4");
                assertThat(o.getUcumUnit()).isEqualTo("/min");
                assertThat(o.getFlag()).isEqualTo(VitalFlag.VITAL_FLAG_NORMAL);
            });
            assertThat(observation(set, VitalKind.VITAL_KIND_TEMPERATURE).getUcumUnit()).isEqualTo("Cel");
            assertThat(observation(set, VitalKind.VITAL_KIND_OXYGEN_SATURATION).getLoinc()).isEqualTo("2708-6");
            assertThat(observation(set, VitalKind.VITAL_KIND_BODY_WEIGHT).getLoinc()).isEqualTo("29463-7");
            assertThat(observation(set, VitalKind.VITAL_KIND_BODY_HEIGHT).getUcumUnit()).isEqualTo("cm");
            VitalObservation bmi = observation(set, VitalKind.VITAL_KIND_BMI);
            assertThat(bmi.getLoinc()).isEqualTo("39156-5");
            assertThat(bmi.getUcumUnit()).isEqualTo("kg/m2");
            assertThat(bmi.getValue()).isEqualTo(22.9);
            assertThat(set.getWorstFlag()).isEqualTo(VitalFlag.VITAL_FLAG_HIGH);
            assertThat(set.getRecordedByName()).isEqualTo("Nina Patel");
        }

        @Test
        void aNurseIsRefusedForAPatientNotCheckedInTodayButTheirDoctorMayRecord() {
            Throwable nurse = catchThrowable(() -> vitals("nina").recordVitals(vitalsRequest(bookedLater, typical())));
            assertThat(Calls.code(nurse)).isEqualTo(Status.Code.PERMISSION_DENIED);

            VitalSet byDoctor = vitals("okafor").recordVitals(vitalsRequest(bookedLater, typical())).getVitals();
            assertThat(byDoctor.getRecordedByName()).isEqualTo("Dr Amara Okafor");
        }

        @Test
        void aDoctorWithoutARelationIsRefused() {
            Throwable t = catchThrowable(() -> vitals("stranger").listVitals(ListVitalsRequest.newBuilder().setPatientId(checkedIn.toString()).build()));
            assertThat(Calls.code(t)).isEqualTo(Status.Code.PERMISSION_DENIED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"maria", "root"})
        void receptionistsAndAdminsGetNoVitalsOrAllergies(String username) {
            var v = vitals(username);
            var a = allergies(username);
            List<Throwable> refusals = List.of(
                    catchThrowable(() -> v.recordVitals(vitalsRequest(checkedIn, typical()))),
                    catchThrowable(() -> v.listVitals(ListVitalsRequest.newBuilder().setPatientId(checkedIn.toString()).build())),
                    catchThrowable(() -> v.markVitalsEnteredInError(MarkVitalsEnteredInErrorRequest.newBuilder()
                            .setVitalsId(UUID.randomUUID().toString()).setReason("x").setExpectedVersion(1).build())),
                    catchThrowable(() -> a.listAllergies(ListAllergiesRequest.newBuilder().setPatientId(checkedIn.toString()).build())),
                    catchThrowable(() -> a.recordAllergy(allergyRequest(checkedIn, "Latex"))),
                    catchThrowable(() -> a.recordNoKnownAllergies(RecordNoKnownAllergiesRequest.newBuilder().setPatientId(checkedIn.toString()).build())));
            assertThat(refusals).allSatisfy(t -> assertThat(Calls.code(t)).isEqualTo(Status.Code.PERMISSION_DENIED));
        }

        @Test
        void anImplausiblePulseIsRefusedNamingTheField() {
            Throwable t = catchThrowable(() -> vitals("nina").recordVitals(vitalsRequest(checkedIn, VitalValues.newBuilder().setPulsePerMin(400))));
            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.message(t)).isEqualTo("A pulse of 400 /min is not possible; check the reading.");
            assertThat(Calls.badFields(t)).containsExactly("pulse_per_min");
        }

        @Test
        void malformedValuesAreInvalidArgumentNeverInternal() {
            var stub = vitals("nina");
            assertThat(Calls.code(catchThrowable(() -> stub.recordVitals(vitalsRequest(checkedIn, VitalValues.newBuilder())))))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.code(catchThrowable(() -> stub.recordVitals(vitalsRequest(checkedIn,
                    VitalValues.newBuilder().setTemperatureC(Double.NaN)))))).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.code(catchThrowable(() -> stub.recordVitals(vitalsRequest(checkedIn,
                    VitalValues.newBuilder().setWeightKg(1e300)))))).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.code(catchThrowable(() -> stub.recordVitals(vitalsRequest(checkedIn, typical()).toBuilder()
                    .setMeasuredAt(Timestamp.newBuilder().setSeconds(NOW.plus(Duration.ofDays(1)).getEpochSecond())).build()))))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.code(catchThrowable(() -> stub.recordVitals(vitalsRequest(checkedIn, typical()).toBuilder()
                    .setPatientId("not-an-id").build())))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @Test
        void aRetryWithTheSameRequestIdReturnsTheFirstSet() {
            var request = vitalsRequest(checkedIn, typical());
            var stub = vitals("nina");
            assertThat(stub.recordVitals(request).getVitals().getId()).isEqualTo(stub.recordVitals(request).getVitals().getId());
            assertThat(dsl.fetchCount(org.medconnect.server.db.Tables.VITAL_SIGNS)).isEqualTo(1);
        }

        @Test
        void enteredInErrorLeavesTheTrendButStaysInTheHistory() {
            var stub = vitals("nina");
            VitalSet good = stub.recordVitals(vitalsRequest(checkedIn, VitalValues.newBuilder().setPulsePerMin(70))).getVitals();
            VitalSet wrong = stub.recordVitals(vitalsRequest(checkedIn, VitalValues.newBuilder().setPulsePerMin(170))).getVitals();

            VitalSet marked = stub.markVitalsEnteredInError(MarkVitalsEnteredInErrorRequest.newBuilder().setVitalsId(wrong.getId())
                    .setReason("Wrong patient's reading").setExpectedVersion(1).build()).getVitals();

            assertThat(marked.getVersion()).isEqualTo(2);
            var trend = stub.listVitals(ListVitalsRequest.newBuilder().setPatientId(checkedIn.toString()).setTrend(true).build());
            assertThat(trend.getVitalsList()).extracting(VitalSet::getId).containsExactly(good.getId());
            assertThat(trend.getSeriesList()).singleElement().satisfies(s -> assertThat(s.getValuesList()).containsExactly(70.0));
            var all = stub.listVitals(ListVitalsRequest.newBuilder().setPatientId(checkedIn.toString()).setIncludeEnteredInError(true).build());
            assertThat(all.getVitalsList()).hasSize(2);
            assertThat(dsl.fetch("select change from chart_entry_history where entry_id = ?::uuid order by version", wrong.getId())
                    .getValues(0, String.class)).containsExactly("CREATED", "ENTERED_IN_ERROR");
        }

        @Test
        void aStaleCorrectionIsAbortedNamingWhoChangedIt() {
            VitalSet set = vitals("nina").recordVitals(vitalsRequest(checkedIn, typical())).getVitals();
            vitals("okafor").markVitalsEnteredInError(MarkVitalsEnteredInErrorRequest.newBuilder().setVitalsId(set.getId())
                    .setReason("Cuff too small").setExpectedVersion(1).build());

            Throwable t = catchThrowable(() -> vitals("nina").markVitalsEnteredInError(MarkVitalsEnteredInErrorRequest.newBuilder()
                    .setVitalsId(set.getId()).setReason("Typo").setExpectedVersion(1).build()));
            assertThat(Calls.code(t)).isEqualTo(Status.Code.ABORTED);
            assertThat(Calls.message(t)).startsWith("Changed by Dr Amara Okafor at ");
        }

        @Test
        void twentyWorkstationsCorrectingTheSameSetOneWinsTheRestConflict() throws Exception {
            VitalSet set = vitals("nina").recordVitals(vitalsRequest(checkedIn, typical())).getVitals();
            var stub = vitals("nina");
            List<Status.Code> codes = concurrently(20, () -> stub.markVitalsEnteredInError(MarkVitalsEnteredInErrorRequest.newBuilder()
                    .setVitalsId(set.getId()).setReason("Duplicate").setExpectedVersion(1).build()));
            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
            assertThat(codes).filteredOn(c -> c != Status.Code.OK).allMatch(c -> c == Status.Code.ABORTED);
        }

        @Test
        void threeThousandSetsComeBackAsOnePageAndOneTrendOfPackedSeries() {
            OffsetDateTime start = NOW.atOffset(ZoneOffset.UTC).minusDays(3000);
            dsl.query("""
                    insert into vital_signs (patient_id, measured_at, systolic_mmhg, diastolic_mmhg, pulse_per_min, recorded_by, recorded_at,
                                             updated_by, updated_at)
                    select ?, ?::timestamptz + g * interval '1 day', 110 + g % 40, 70 + g % 15, 60 + g % 30, ?, now(), ?, now()
                      from generate_series(0, 2999) g
                    """, checkedIn, start, doctorId, doctorId).execute();
            var answer = vitals("okafor").listVitals(ListVitalsRequest.newBuilder().setPatientId(checkedIn.toString()).setTrend(true)
                    .setPage(PageRequest.newBuilder().setPageSize(50)).build());
            assertThat(answer.getVitalsCount()).isEqualTo(50);
            assertThat(answer.getPage().getTotalCount()).isEqualTo(3000);
            assertThat(answer.getSeriesList()).extracting(s -> s.getEpochSecondsCount()).containsOnly(3000);
        }
    }

    static RecordAllergyRequest allergyRequest(UUID patient, String substance) {
        return RecordAllergyRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                .setSubstance(substance).setCategory(AllergyCategory.ALLERGY_CATEGORY_DRUG).setReaction("Hives")
                .setSeverity(AllergySeverity.ALLERGY_SEVERITY_MODERATE).build();
    }

    @Nested
    class Allergies {

        @Test
        void nobodyAskedYetIsNotTheSameAsNoKnownAllergies() {
            var stub = allergies("nina");
            var list = ListAllergiesRequest.newBuilder().setPatientId(checkedIn.toString()).build();
            assertThat(stub.listAllergies(list).getReview().getState()).isEqualTo(AllergyReviewState.ALLERGY_REVIEW_STATE_NOT_ASKED);

            stub.recordNoKnownAllergies(RecordNoKnownAllergiesRequest.newBuilder().setPatientId(checkedIn.toString()).build());

            assertThat(stub.listAllergies(list).getReview()).satisfies(r -> {
                assertThat(r.getState()).isEqualTo(AllergyReviewState.ALLERGY_REVIEW_STATE_NO_KNOWN_ALLERGIES);
                assertThat(r.getUpdatedByName()).isEqualTo("Nina Patel");
            });
        }

        @Test
        void recordingAnAllergyTurnsNoKnownAllergiesOffAsANewVersion() {
            var stub = allergies("nina");
            stub.recordNoKnownAllergies(RecordNoKnownAllergiesRequest.newBuilder().setPatientId(checkedIn.toString()).build());

            var recorded = stub.recordAllergy(allergyRequest(checkedIn, "Penicillins"));

            assertThat(recorded.getReview().getState()).isEqualTo(AllergyReviewState.ALLERGY_REVIEW_STATE_HAS_ALLERGIES);
            assertThat(recorded.getAllergy().getStatus()).isEqualTo(AllergyStatus.ALLERGY_STATUS_ACTIVE);
            assertThat(dsl.fetch("select version, change from chart_entry_history where entry_kind = 'ALLERGY_REVIEW' order by version")
                    .map(r -> r.get(0) + " " + r.get(1))).containsExactly("1 CREATED", "2 UPDATED");
        }

        @Test
        void noKnownAllergiesIsRefusedWhileAnAllergyIsActive() {
            var stub = allergies("okafor");
            stub.recordAllergy(allergyRequest(checkedIn, "Latex"));
            Throwable t = catchThrowable(() -> stub.recordNoKnownAllergies(RecordNoKnownAllergiesRequest.newBuilder()
                    .setPatientId(checkedIn.toString()).build()));
            assertThat(Calls.code(t)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(Calls.message(t)).contains("Latex");
        }

        @Test
        void anUnknownCatalogueCodeIsInvalidArgument() {
            Throwable t = catchThrowable(() -> allergies("nina").recordAllergy(allergyRequest(checkedIn, "").toBuilder()
                    .setSubstanceCode("no-such-drug").build()));
            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).contains("substance_code");
        }

        @Test
        void aCatalogueClassIsRecordedWithItsNameAndCategory() {
            var allergy = allergies("nina").recordAllergy(allergyRequest(checkedIn, "").toBuilder().setSubstanceCode("class:penicillins")
                    .clearCategory().build()).getAllergy();
            assertThat(allergy.getSubstance()).isEqualTo("Penicillins");
            assertThat(allergy.getSubstanceCode()).isEqualTo("class:penicillins");
            assertThat(allergy.getCategory()).isEqualTo(AllergyCategory.ALLERGY_CATEGORY_DRUG_CLASS);
        }

        @Test
        void twentyConcurrentRecordingsOfTheSameSubstanceOneWinsTheRestAlreadyExist() throws Exception {
            var stub = allergies("nina");
            List<Status.Code> codes = concurrently(20, () -> stub.recordAllergy(allergyRequest(checkedIn, "Penicillins")));
            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
            assertThat(codes).filteredOn(c -> c != Status.Code.OK).hasSize(19).allMatch(c -> c == Status.Code.ALREADY_EXISTS);
            Throwable again = catchThrowable(() -> stub.recordAllergy(allergyRequest(checkedIn, "penicillins")));
            assertThat(Calls.message(again)).isEqualTo("An active allergy to Penicillins is already recorded for this patient.");
        }

        @Test
        void aStaleUpdateIsAbortedAndTheWinnersVersionStays() {
            var allergy = allergies("nina").recordAllergy(allergyRequest(checkedIn, "Sulfonamides")).getAllergy();
            var update = UpdateAllergyRequest.newBuilder().setAllergyId(allergy.getId()).setExpectedVersion(1)
                    .setCategory(AllergyCategory.ALLERGY_CATEGORY_DRUG).setStatus(AllergyStatus.ALLERGY_STATUS_ACTIVE)
                    .setSeverity(AllergySeverity.ALLERGY_SEVERITY_SEVERE).setReaction("Anaphylaxis").build();
            allergies("okafor").updateAllergy(update);

            Throwable t = catchThrowable(() -> allergies("nina").updateAllergy(update.toBuilder().setReaction("Rash").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.ABORTED);
            assertThat(Calls.message(t)).startsWith("Changed by Dr Amara Okafor at ").endsWith("Your text is kept.");
            var now = allergies("nina").listAllergies(ListAllergiesRequest.newBuilder().setPatientId(checkedIn.toString()).build());
            assertThat(now.getAllergies(0).getReaction()).isEqualTo("Anaphylaxis");
            assertThat(now.getAllergies(0).getVersion()).isEqualTo(2);
        }
    }

    static List<Status.Code> concurrently(int n, Callable<?> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Status.Code>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        call.call();
                        return Status.Code.OK;
                    } catch (RuntimeException e) {
                        return Status.fromThrowable(e).getCode();
                    }
                }));
            }
            go.countDown();
            List<Status.Code> codes = new ArrayList<>();
            for (Future<Status.Code> f : futures) {
                codes.add(f.get(60, TimeUnit.SECONDS));
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }
}
