package org.medconnect.server.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.proto.patient.v1.AddConsentRecordRequest;
import org.medconnect.proto.patient.v1.AddEmergencyContactRequest;
import org.medconnect.proto.patient.v1.AddInsurancePolicyRequest;
import org.medconnect.proto.patient.v1.ConsentRecordInput;
import org.medconnect.proto.patient.v1.ConsentRecordKind;
import org.medconnect.proto.patient.v1.DemographicsBloodGroup;
import org.medconnect.proto.patient.v1.EmergencyContactInput;
import org.medconnect.proto.patient.v1.GetPatientDemographicsRequest;
import org.medconnect.proto.patient.v1.InsurancePolicyInput;
import org.medconnect.proto.patient.v1.MoveEmergencyContactRequest;
import org.medconnect.proto.patient.v1.PatientDemographics;
import org.medconnect.proto.patient.v1.PatientDemographicsServiceGrpc;
import org.medconnect.proto.patient.v1.PatientDemographicsServiceGrpc.PatientDemographicsServiceBlockingStub;
import org.medconnect.proto.patient.v1.RetireEmergencyContactRequest;
import org.medconnect.proto.patient.v1.UpdateConsentRecordRequest;
import org.medconnect.proto.patient.v1.UpdateEmergencyContactRequest;
import org.medconnect.proto.patient.v1.UpdateInsurancePolicyRequest;
import org.medconnect.proto.patient.v1.UpdatePatientProfileRequest;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** Demographics through real gRPC: reception edits, who may read, stale edits, races and malformed input. */
class DemographicsApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    TestClinic clinic;
    SchedulingFixture fixture;
    Principal desk;
    Principal okafor;
    UUID riverside;
    UUID quick;
    String maria;
    String james;
    String okaforToken;
    String sharmaToken;
    String nurseToken;
    UUID patient;

    @BeforeEach
    void clinic() {
        clinic = TestClinic.start(new MutableClock(ZonedDateTime.of(DAY, LocalTime.of(8, 30), BERLIN).toInstant()),
                TestConfig.defaults().withClinicZone(BERLIN));
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("james", "James Wilson", Role.RECEPTIONIST);
        fixture.staff("nora", "Nora Lindqvist", Role.NURSE);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        fixture.doctor("sharma", "Dr Sharma", "Dermatology", "Dermatology");
        riverside = fixture.location("Riverside");
        quick = fixture.type("Quick check", 10, 0, false, false);
        fixture.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        var auth = clinic.services().auth();
        maria = auth.signIn("maria", "staff-pass-2026", "desk-1", "test").token();
        james = auth.signIn("james", "staff-pass-2026", "desk-2", "test").token();
        nurseToken = auth.signIn("nora", "staff-pass-2026", "triage", "test").token();
        okaforToken = auth.signIn("okafor", "doctor-pass-2026", "room-4", "test").token();
        sharmaToken = auth.signIn("sharma", "doctor-pass-2026", "room-5", "test").token();
        patient = fixture.patient("Zelda", "Quartermain");
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    PatientDemographicsServiceBlockingStub as(String token) {
        return PatientDemographicsServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    Appointment book(UUID who, int slot) {
        return clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), who, okafor.userId(), riverside,
                quick, ZonedDateTime.of(DAY, LocalTime.of(9, 0), BERLIN).toInstant().plus(Duration.ofMinutes(15L * slot)),
                Optional.of("Dizzy spells")));
    }

    static EmergencyContactInput contact(String name, String phone) {
        return EmergencyContactInput.newBuilder().setName(name).setRelationship("Wife").setPhone(phone).build();
    }

    PatientDemographics addContact(String token, String name) {
        return as(token).addEmergencyContact(AddEmergencyContactRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patient.toString()).setContact(contact(name, "+49 30 1234567")).build()).getDemographics();
    }

    PatientDemographics get(String token) {
        return as(token).getPatientDemographics(GetPatientDemographicsRequest.newBuilder().setPatientId(patient.toString()).build())
                .getDemographics();
    }

    List<String> historyKinds() {
        return clinic.database().dsl().resultQuery(
                "select entry_kind || ' ' || change from chart_entry_history where patient_id = ? order by id", patient)
                .fetch(0, String.class);
    }

    static Status.Code code(Throwable t) {
        return Status.fromThrowable(t).getCode();
    }

    @Test
    void receptionKeepsContactsInsuranceConsentsAndProfileAndEachChangeIsAVersionInTheChartHistory() {
        addContact(maria, "Lena Quartermain");
        addContact(maria, "Tom Quartermain");
        as(maria).addInsurancePolicy(AddInsurancePolicyRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patient.toString()).setPolicy(InsurancePolicyInput.newBuilder().setInsurer("TK Techniker")
                        .setPolicyNumber("A123-456").setCoverageStart("2025-01-01").setCoverageEnd("2026-06-30")).build());
        as(maria).addInsurancePolicy(AddInsurancePolicyRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patient.toString()).setPolicy(InsurancePolicyInput.newBuilder().setInsurer("AOK")
                        .setPolicyNumber("B99").setCoverageStart("2026-07-01")).build());
        as(maria).addConsentRecord(AddConsentRecordRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patient.toString()).setConsent(ConsentRecordInput.newBuilder()
                        .setKind(ConsentRecordKind.CONSENT_RECORD_KIND_TELEHEALTH).setGivenOn("2026-11-02")
                        .setNote("Signed at the desk\nby the patient")).build());
        PatientDemographics d = as(maria).updatePatientProfile(UpdatePatientProfileRequest.newBuilder()
                .setPatientId(patient.toString()).setExpectedVersion(1)
                .setBloodGroup(DemographicsBloodGroup.DEMOGRAPHICS_BLOOD_GROUP_AB_NEGATIVE).setPreferredLanguage("Portuguese").build())
                .getDemographics();

        assertThat(d.getContactsList()).extracting(c -> c.getName() + " #" + c.getPriority())
                .containsExactly("Lena Quartermain #1", "Tom Quartermain #2");
        assertThat(d.getPoliciesList()).extracting(p -> p.getInsurer() + " in force: " + p.getInForce())
                .containsExactly("AOK in force: true", "TK Techniker in force: false");
        assertThat(d.getConsentsList()).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo(ConsentRecordKind.CONSENT_RECORD_KIND_TELEHEALTH);
            assertThat(c.getUpdatedByName()).isEqualTo("Maria Lopez");
        });
        assertThat(d.getBloodGroup()).isEqualTo(DemographicsBloodGroup.DEMOGRAPHICS_BLOOD_GROUP_AB_NEGATIVE);
        assertThat(d.getPreferredLanguage()).isEqualTo("Portuguese");
        assertThat(d.getProfileVersion()).isEqualTo(2);
        assertThat(historyKinds()).containsExactly("CONTACT CREATED", "CONTACT CREATED", "INSURANCE CREATED", "INSURANCE CREATED",
                "CONSENT CREATED", "DEMOGRAPHICS UPDATED");
    }

    @Test
    void aRetriedAddWithTheSameRequestIdAnswersTheFirstContact() {
        var request = AddEmergencyContactRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patient.toString()).setContact(contact("Lena Quartermain", "030 1234567")).build();
        String first = as(maria).addEmergencyContact(request).getContactId();
        String again = as(maria).addEmergencyContact(request).getContactId();

        assertThat(again).isEqualTo(first);
        assertThat(get(maria).getContactsCount()).isEqualTo(1);
    }

    @Test
    void contactsMoveRetireAndKeepTheirOrder() {
        addContact(maria, "Ann First");
        addContact(maria, "Ben Second");
        PatientDemographics d = addContact(maria, "Cat Third");
        var cat = d.getContacts(2);
        d = as(maria).moveEmergencyContact(MoveEmergencyContactRequest.newBuilder().setContactId(cat.getContactId())
                .setExpectedVersion(cat.getVersion()).setUp(true).build()).getDemographics();
        assertThat(d.getContactsList()).extracting(c -> c.getName()).containsExactly("Ann First", "Cat Third", "Ben Second");

        var ann = d.getContacts(0);
        d = as(maria).retireEmergencyContact(RetireEmergencyContactRequest.newBuilder().setContactId(ann.getContactId())
                .setExpectedVersion(ann.getVersion()).build()).getDemographics();
        assertThat(d.getContactsList()).extracting(c -> c.getName() + (c.getActive() ? "" : " (retired)"))
                .containsExactly("Cat Third", "Ben Second", "Ann First (retired)");
        assertThat(historyKinds()).contains("CONTACT REORDERED", "CONTACT RETIRED");
    }

    @Nested
    class StaleEdits {

        @Test
        void anEditFromAnOldVersionIsRefusedNamingWhoChangedItAndWhen() {
            var lena = addContact(maria, "Lena Quartermain").getContacts(0);
            as(maria).updateEmergencyContact(UpdateEmergencyContactRequest.newBuilder().setContactId(lena.getContactId())
                    .setExpectedVersion(1).setContact(contact("Lena Q. Quartermain", "030 1234567")).build());

            Throwable refused = catchThrowable(() -> as(james).updateEmergencyContact(UpdateEmergencyContactRequest.newBuilder()
                    .setContactId(lena.getContactId()).setExpectedVersion(1).setContact(contact("Lena Smith", "030 7654321")).build()));

            assertThat(code(refused)).isEqualTo(Status.Code.ABORTED);
            assertThat(Status.fromThrowable(refused).getDescription())
                    .isEqualTo("Changed by Maria Lopez at 08:30; reload to see it. Your text is kept.");
            assertThat(get(maria).getContacts(0).getName()).isEqualTo("Lena Q. Quartermain");
        }

        @Test
        void twentyDesksSavingTheSamePolicyAtOnceLeaveOneWinnerAndNineteenConflicts() throws Exception {
            String policyId = as(maria).addInsurancePolicy(AddInsurancePolicyRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                    .setPolicy(InsurancePolicyInput.newBuilder().setInsurer("AOK").setPolicyNumber("B99").setCoverageStart("2026-01-01"))
                    .build()).getPolicyId();
            int n = 20;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Status.Code>> outcomes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String end = "2027-01-" + String.format("%02d", i + 1);
                String token = i % 2 == 0 ? maria : james;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        as(token).updateInsurancePolicy(UpdateInsurancePolicyRequest.newBuilder()
                                .setPolicyId(policyId).setExpectedVersion(1).setPolicy(InsurancePolicyInput.newBuilder()
                                        .setInsurer("AOK").setPolicyNumber("B99").setCoverageStart("2026-01-01").setCoverageEnd(end))
                                .build());
                        return Status.Code.OK;
                    } catch (StatusRuntimeException e) {
                        return e.getStatus().getCode();
                    }
                }));
            }
            go.countDown();
            List<Status.Code> codes = new ArrayList<>();
            for (Future<Status.Code> f : outcomes) {
                codes.add(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();

            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
            assertThat(codes).filteredOn(c -> c != Status.Code.OK).hasSize(n - 1).allMatch(c -> c == Status.Code.ABORTED);
            assertThat(get(maria).getPolicies(0).getVersion()).isEqualTo(2);
            assertThat(historyKinds()).filteredOn(k -> k.startsWith("INSURANCE")).containsExactly("INSURANCE CREATED", "INSURANCE UPDATED");
        }
    }

    @Nested
    class WhoMayRead {

        @Test
        void aDoctorWithoutACareRelationIsRefusedAndTheBookedDoctorReads() {
            addContact(maria, "Lena Quartermain");
            book(patient, 2);

            assertThat(get(okaforToken).getContacts(0).getName()).isEqualTo("Lena Quartermain");
            Throwable refused = catchThrowable(() -> get(sharmaToken));
            assertThat(code(refused)).isEqualTo(Status.Code.PERMISSION_DENIED);
        }

        @Test
        void aNurseReadsOnlyAPatientCheckedInToday() {
            addContact(maria, "Lena Quartermain");
            Appointment booked = book(patient, 1);
            assertThat(code(catchThrowable(() -> get(nurseToken)))).isEqualTo(Status.Code.PERMISSION_DENIED);

            clinic.services().appointments().checkIn(desk, booked.id());

            assertThat(get(nurseToken).getContacts(0).getName()).isEqualTo("Lena Quartermain");
        }

        @Test
        void doctorsAndNursesCannotEdit() {
            clinic.services().appointments().checkIn(desk, book(patient, 1).id());
            for (String token : List.of(okaforToken, nurseToken)) {
                assertThat(code(catchThrowable(() -> addContact(token, "Somebody Else")))).isEqualTo(Status.Code.PERMISSION_DENIED);
            }
        }
    }

    @Nested
    class MalformedInput {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "coverage end before start|AOK|B99|2026-05-01|2026-04-30|coverage_end",
                "no insurer|'  '|B99|2026-05-01|''|insurer",
                "policy number with a semicolon|AOK|B99;drop|2026-05-01|''|policy_number",
                "start in the year 9999|AOK|B99|9999-01-01|''|coverage_start",
                "start not a date|AOK|B99|31.12.2026|''|coverage_start",
        })
        void aBadPolicyIsRefusedNamingTheField(String why, String insurer, String number, String start, String end, String field) {
            Throwable refused = catchThrowable(() -> as(maria).addInsurancePolicy(AddInsurancePolicyRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString()).setPolicy(InsurancePolicyInput
                            .newBuilder().setInsurer(insurer).setPolicyNumber(number).setCoverageStart(start).setCoverageEnd(end))
                    .build()));

            assertThat(code(refused)).as(why).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(refused)).as(why).contains(field);
        }

        @Test
        void aContactWithAControlCharacterOrABadPhoneIsRefused() {
            Throwable control = catchThrowable(() -> as(maria).addEmergencyContact(AddEmergencyContactRequest.newBuilder()
                    .setPatientId(patient.toString()).setContact(contact("Lena\u0007", "030 1234567")).build()));
            Throwable phone = catchThrowable(() -> as(maria).addEmergencyContact(AddEmergencyContactRequest.newBuilder()
                    .setPatientId(patient.toString()).setContact(contact("Lena", "call me")).build()));
            Throwable tooLong = catchThrowable(() -> as(maria).addEmergencyContact(AddEmergencyContactRequest.newBuilder()
                    .setPatientId(patient.toString()).setContact(contact("L".repeat(121), "030 1234567")).build()));

            assertThat(List.of(control, phone, tooLong)).extracting(DemographicsApiTest::code).containsOnly(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(phone)).contains("phone");
            assertThat(Calls.badFields(tooLong)).contains("name");
        }

        @Test
        void aConsentInTheFutureWithdrawnBeforeGivenOrWithAForeignDocumentIsRefused() {
            Throwable future = catchThrowable(() -> as(maria).addConsentRecord(AddConsentRecordRequest.newBuilder()
                    .setPatientId(patient.toString()).setConsent(ConsentRecordInput.newBuilder()
                            .setKind(ConsentRecordKind.CONSENT_RECORD_KIND_RESEARCH).setGivenOn("2026-12-24")).build()));
            Throwable noKind = catchThrowable(() -> as(maria).addConsentRecord(AddConsentRecordRequest.newBuilder()
                    .setPatientId(patient.toString()).setConsent(ConsentRecordInput.newBuilder().setGivenOn("2026-01-24")).build()));
            Throwable document = catchThrowable(() -> as(maria).addConsentRecord(AddConsentRecordRequest.newBuilder()
                    .setPatientId(patient.toString()).setConsent(ConsentRecordInput.newBuilder()
                            .setKind(ConsentRecordKind.CONSENT_RECORD_KIND_RESEARCH).setGivenOn("2026-01-24")
                            .setDocumentId(UUID.randomUUID().toString())).build()));

            assertThat(Calls.badFields(future)).contains("given_on");
            assertThat(Calls.badFields(noKind)).contains("kind");
            assertThat(Calls.badFields(document)).contains("document_id");
            assertThat(List.of(future, noKind, document)).extracting(DemographicsApiTest::code).containsOnly(Status.Code.INVALID_ARGUMENT);
        }

        @Test
        void aWithdrawalIsRecordedAndOneBeforeTheConsentIsRefused() {
            var consent = as(maria).addConsentRecord(AddConsentRecordRequest.newBuilder().setPatientId(patient.toString())
                    .setConsent(ConsentRecordInput.newBuilder().setKind(ConsentRecordKind.CONSENT_RECORD_KIND_RESEARCH)
                            .setGivenOn("2026-02-01")).build()).getDemographics().getConsents(0);
            Throwable early = catchThrowable(() -> as(maria).updateConsentRecord(UpdateConsentRecordRequest.newBuilder()
                    .setConsentId(consent.getConsentId()).setExpectedVersion(1).setConsent(ConsentRecordInput.newBuilder()
                            .setKind(ConsentRecordKind.CONSENT_RECORD_KIND_RESEARCH).setGivenOn("2026-02-01")
                            .setWithdrawnOn("2026-01-01")).build()));
            var withdrawn = as(maria).updateConsentRecord(UpdateConsentRecordRequest.newBuilder()
                    .setConsentId(consent.getConsentId()).setExpectedVersion(1).setConsent(ConsentRecordInput.newBuilder()
                            .setKind(ConsentRecordKind.CONSENT_RECORD_KIND_RESEARCH).setGivenOn("2026-02-01")
                            .setWithdrawnOn("2026-11-20")).build()).getDemographics().getConsents(0);

            assertThat(code(early)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(withdrawn.getWithdrawnOn()).isEqualTo("2026-11-20");
            assertThat(historyKinds()).containsExactly("CONSENT CREATED", "CONSENT WITHDRAWN");
        }

        @Test
        void aMissingExpectedVersionOrUnknownBloodGroupIsInvalidNotInternal() {
            Throwable noVersion = catchThrowable(() -> as(maria).updatePatientProfile(UpdatePatientProfileRequest.newBuilder()
                    .setPatientId(patient.toString()).setPreferredLanguage("Welsh").build()));
            Throwable unknownEnum = catchThrowable(() -> as(maria).updatePatientProfile(UpdatePatientProfileRequest.newBuilder()
                    .setPatientId(patient.toString()).setExpectedVersion(1).setBloodGroupValue(42).build()));
            Throwable badPatient = catchThrowable(() -> as(maria).getPatientDemographics(GetPatientDemographicsRequest.newBuilder()
                    .setPatientId("not-a-uuid").build()));

            assertThat(List.of(noVersion, unknownEnum, badPatient)).extracting(DemographicsApiTest::code)
                    .containsOnly(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(noVersion)).contains("expected_version");
            assertThat(Calls.badFields(unknownEnum)).contains("blood_group");
        }
    }
}
