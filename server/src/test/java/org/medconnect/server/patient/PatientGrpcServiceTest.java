package org.medconnect.server.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.patient.v1.FindLikelyDuplicatesRequest;
import org.medconnect.proto.patient.v1.GetPatientRequest;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.patient.v1.PatientDetails;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.patient.v1.PatientServiceGrpc.PatientServiceBlockingStub;
import org.medconnect.proto.patient.v1.RegisterPatientRequest;
import org.medconnect.proto.patient.v1.SearchPatientsRequest;
import org.medconnect.proto.patient.v1.SearchPatientsResponse;
import org.medconnect.proto.patient.v1.Sex;
import org.medconnect.proto.patient.v1.UpdatePatientRequest;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.shared.patient.Mrn;

/** The patient API as a workstation meets it, over real Netty: roles, errors, paging. */
class PatientGrpcServiceTest {

    private static final String PASSWORD = "a-good-password-1";

    private static TestClinic clinic;
    private static PatientServiceBlockingStub reception;
    private static PatientServiceBlockingStub doctor;

    @BeforeAll
    static void start() {
        clinic = TestClinic.start();
        clinic.createUser("maria.lopez", PASSWORD, "RECEPTIONIST", "Maria Lopez", false);
        clinic.createUser("dr.okafor", PASSWORD, "DOCTOR", "Dr. Amara Okafor", false);
        reception = stubFor("maria.lopez");
        doctor = stubFor("dr.okafor");
    }

    @AfterAll
    static void stop() {
        clinic.close();
    }

    private static PatientServiceBlockingStub stubFor(String username) {
        String token = AuthServiceGrpc.newBlockingStub(clinic.channel())
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(PASSWORD).build()).getSessionToken();
        return PatientServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token));
    }

    /** Every call with a deadline, as the workstation makes them. */
    private static PatientServiceBlockingStub in(PatientServiceBlockingStub stub) {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static PatientDetails details(String given, String family, String dateOfBirth, String phone) {
        return PatientDetails.newBuilder().setGivenName(given).setFamilyName(family).setDateOfBirth(dateOfBirth)
                .setSex(Sex.SEX_FEMALE).setPhone(phone).build();
    }

    private static RegisterPatientRequest registration(PatientDetails details) {
        return RegisterPatientRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setDetails(details).build();
    }

    private static SearchPatientsResponse search(PatientServiceBlockingStub stub, String query) {
        return in(stub).searchPatients(SearchPatientsRequest.newBuilder().setQuery(query).build());
    }

    @Test
    void aReceptionistRegistersAPatientAndFindsHerDespiteTypos() {
        RegisterPatientRequest request = registration(details("Eleanor", "Whitcombe", "1962-08-14", "+1 555 0142 889"));
        Patient registered = in(reception).registerPatient(request).getPatient();
        assertThat(Mrn.isValid(registered.getMrn())).isTrue();
        assertThat(registered.getSex()).isEqualTo(Sex.SEX_FEMALE);
        assertThat(in(reception).registerPatient(request).getPatient().getPatientId())
                .as("a retry after a lost reply").isEqualTo(registered.getPatientId());

        assertThat(search(reception, "Elanor Whitcomb").getPatientsList()).first()
                .extracting(Patient::getPatientId).isEqualTo(registered.getPatientId());
        assertThat(search(reception, "14.08.1962").getPatientsList()).extracting(Patient::getMrn).contains(registered.getMrn());
        assertThat(in(reception).getPatient(GetPatientRequest.newBuilder().setPatientId(registered.getPatientId()).build())
                .getPatient()).isEqualTo(registered);
    }

    @Test
    void aDoctorMaySearchAndReadButNotRegisterOrCorrect() {
        Patient p = in(reception).registerPatient(registration(details("Theodora", "Quillfeather", "1991-02-03", ""))).getPatient();

        assertThat(search(doctor, "quillfeather").getPatientsList()).extracting(Patient::getPatientId).containsExactly(p.getPatientId());
        assertThat(in(doctor).getPatient(GetPatientRequest.newBuilder().setPatientId(p.getPatientId()).build()).getPatient().getMrn())
                .isEqualTo(p.getMrn());

        Throwable register = catchThrowable(() -> in(doctor).registerPatient(registration(details("A", "B", "2000-01-01", ""))));
        assertThat(Calls.code(register)).isEqualTo(Status.Code.PERMISSION_DENIED);
        Throwable update = catchThrowable(() -> in(doctor).updatePatient(UpdatePatientRequest.newBuilder()
                .setPatientId(p.getPatientId()).setDetails(details("Theodora", "Quill", "1991-02-03", "")).build()));
        assertThat(Calls.code(update)).isEqualTo(Status.Code.PERMISSION_DENIED);
        Throwable duplicates = catchThrowable(() -> in(doctor).findLikelyDuplicates(FindLikelyDuplicatesRequest.newBuilder()
                .setDetails(details("Theodora", "Quillfeather", "1991-02-03", "")).build()));
        assertThat(Calls.code(duplicates)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aLikelyDuplicateIsRefusedWithItsReasonThenRegisteredOnPurpose() {
        PatientDetails first = details("Rosalind", "Featherstonehaugh", "1977-04-21", "+44 161 496 0321");
        Patient existing = in(reception).registerPatient(registration(first)).getPatient();

        PatientDetails again = details("ROSALIND", " Featherstonehaugh ", "1977-04-21", "");
        Throwable refused = catchThrowable(() -> in(reception).registerPatient(registration(again)));
        assertThat(Calls.code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Calls.reason(refused)).isEqualTo("LIKELY_DUPLICATE");
        assertThat(Calls.message(refused)).contains("Rosalind Featherstonehaugh", existing.getMrn());

        var duplicates = in(reception).findLikelyDuplicates(FindLikelyDuplicatesRequest.newBuilder().setDetails(again).build());
        assertThat(duplicates.getDuplicatesList()).singleElement().satisfies(d -> {
            assertThat(d.getPatient().getPatientId()).isEqualTo(existing.getPatientId());
            assertThat(d.getWhy()).isEqualTo("Same name and date of birth");
        });

        Patient second = in(reception).registerPatient(registration(again).toBuilder().setRegisterDespiteDuplicates(true).build()).getPatient();
        assertThat(second.getPatientId()).isNotEqualTo(existing.getPatientId());
        assertThat(second.getFamilyName()).isEqualTo("Featherstonehaugh");
    }

    @Test
    void badFieldsComeBackNamedForTheForm() {
        PatientDetails bad = PatientDetails.newBuilder().setGivenName(" ").setFamilyName("Doe").setDateOfBirth("07/03/1984")
                .setPhone("call me").build();
        Throwable t = catchThrowable(() -> in(reception).registerPatient(registration(bad)));
        assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(t)).containsExactlyInAnyOrder("given_name", "date_of_birth", "sex", "phone");

        Throwable shortQuery = catchThrowable(() -> search(reception, "x"));
        assertThat(Calls.code(shortQuery)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(shortQuery)).containsExactly("query");
    }

    @Test
    void aReceptionistCorrectsAPhoneNumber() {
        Patient p = in(reception).registerPatient(registration(details("Ignatius", "Pemberton", "1950-12-01", "0161 496 0000"))).getPatient();
        Patient corrected = in(reception).updatePatient(UpdatePatientRequest.newBuilder().setPatientId(p.getPatientId())
                .setDetails(details("Ignatius", "Pemberton", "1950-12-01", "0161 496 0999")).build()).getPatient();
        assertThat(corrected.getPhone()).isEqualTo("0161 496 0999");
        assertThat(search(reception, "496 0999").getPatientsList()).extracting(Patient::getPatientId).containsExactly(p.getPatientId());

        Throwable unknown = catchThrowable(() -> in(reception).getPatient(GetPatientRequest.newBuilder()
                .setPatientId(UUID.randomUUID().toString()).build()));
        assertThat(Calls.code(unknown)).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void searchResultsComePageByPageWithTheTotal() {
        for (int i = 1; i <= 5; i++) {
            in(reception).registerPatient(registration(details("Page" + "abcde".charAt(i - 1), "Zwieback", "2000-01-0" + i, "")));
        }
        var firstPage = in(reception).searchPatients(SearchPatientsRequest.newBuilder().setQuery("zwieback")
                .setPage(PageRequest.newBuilder().setPageSize(2)).build());
        assertThat(firstPage.getPatientsCount()).isEqualTo(2);
        assertThat(firstPage.getPage().getTotalCount()).isEqualTo(5);
        assertThat(firstPage.getPage().getNextPageToken()).isNotEmpty();

        var lastPage = in(reception).searchPatients(SearchPatientsRequest.newBuilder().setQuery("zwieback")
                .setPage(PageRequest.newBuilder().setPageSize(2).setPageToken("4")).build());
        assertThat(lastPage.getPatientsCount()).isEqualTo(1);
        assertThat(lastPage.getPage().getNextPageToken()).isEmpty();

        Throwable badToken = catchThrowable(() -> in(reception).searchPatients(SearchPatientsRequest.newBuilder().setQuery("zwieback")
                .setPage(PageRequest.newBuilder().setPageToken("next")).build()));
        assertThat(Calls.badFields(badToken)).containsExactly("page.page_token");
    }
}
