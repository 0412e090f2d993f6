package org.medconnect.server.chart.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.CodingDiagnosis;
import org.medconnect.proto.chart.v1.CodingServiceGrpc;
import org.medconnect.proto.chart.v1.CodingServiceGrpc.CodingServiceBlockingStub;
import org.medconnect.proto.chart.v1.CodingSubstance;
import org.medconnect.proto.chart.v1.CodingSubstanceKind;
import org.medconnect.proto.chart.v1.SearchDiagnosisCodesRequest;
import org.medconnect.proto.chart.v1.SearchSubstancesRequest;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** The code-list search as the workstation's pickers call it over gRPC (in-process). */
class CodingApiTest {

    MedConnectServer server;
    ManagedChannel channel;
    CodingServiceBlockingStub doctor;

    @BeforeEach
    void start() throws Exception {
        String name = "coding-" + UUID.randomUUID();
        var db = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(Instant.parse("2026-11-24T09:00:00Z")));
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        SchedulingFixture fixture = new SchedulingFixture(db.dsl(), services);
        fixture.doctor("okafor", "Dr Okafor", "Family medicine", "General practice");
        fixture.staff("nina", "Nina Reyes", Role.NURSE);
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("adam", "Adam Admin", Role.ADMIN);
        doctor = stub("okafor", "doctor-pass-2026");
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }

    CodingServiceBlockingStub stub(String username, String password) {
        String token = AuthServiceGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password).build())
                .getSessionToken();
        return CodingServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    static SearchDiagnosisCodesRequest diagnoses(String query, int limit) {
        return SearchDiagnosisCodesRequest.newBuilder().setQuery(query).setLimit(limit).build();
    }

    @Test
    void aDoctorFindsDiagnosisCodesByWordsAndByCode() {
        List<CodingDiagnosis> byWords = doctor.searchDiagnosisCodes(diagnoses("asthma mild", 5)).getCodesList();
        assertThat(byWords).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(byWords.getFirst().getCode()).isEqualTo("J45.20");
        assertThat(byWords.getFirst().getTitle()).isEqualTo("Mild intermittent asthma, uncomplicated");

        assertThat(doctor.searchDiagnosisCodes(diagnoses("i10", 0)).getCodesList())
                .extracting(CodingDiagnosis::getCode).containsExactly("I10");
    }

    @Test
    void aNurseMaySearchBothLists() {
        CodingServiceBlockingStub nurse = stub("nina", "staff-pass-2026");
        assertThat(nurse.searchDiagnosisCodes(diagnoses("fever", 3)).getCodesCount()).isPositive();
        assertThat(nurse.searchSubstances(SearchSubstancesRequest.newBuilder().setQuery("penicillin").build()).getSubstancesCount()).isPositive();
    }

    @Test
    void receptionAndAdminsAreRefused() {
        for (String user : List.of("maria", "adam")) {
            CodingServiceBlockingStub stub = stub(user, "staff-pass-2026");
            assertThat(Calls.code(catchThrowable(() -> stub.searchDiagnosisCodes(diagnoses("asthma", 5)))))
                    .as(user).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Calls.code(catchThrowable(() -> stub.searchSubstances(SearchSubstancesRequest.newBuilder().setQuery("amox").build()))))
                    .as(user).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void withoutASessionTheCallIsUnauthenticated() {
        var anonymous = CodingServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThat(Calls.code(catchThrowable(() -> anonymous.searchDiagnosisCodes(diagnoses("asthma", 5)))))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aSubstanceSearchReturnsIngredientsWithTheirClassesAndClasses() {
        List<CodingSubstance> found = doctor.searchSubstances(SearchSubstancesRequest.newBuilder().setQuery("amoxicillin").setLimit(5).build())
                .getSubstancesList();
        assertThat(found.getFirst().getKey()).isEqualTo("amoxicillin");
        assertThat(found.getFirst().getKind()).isEqualTo(CodingSubstanceKind.CODING_SUBSTANCE_KIND_INGREDIENT);
        assertThat(found.getFirst().getClassKeysList()).containsExactly("class:penicillins");

        List<CodingSubstance> classes = doctor.searchSubstances(SearchSubstancesRequest.newBuilder().setQuery("peni")
                .addKinds(CodingSubstanceKind.CODING_SUBSTANCE_KIND_CLASS).build()).getSubstancesList();
        assertThat(classes).extracting(CodingSubstance::getKey).containsExactly("class:penicillins");
        assertThat(classes.getFirst().getName()).isEqualTo("Penicillins");
    }

    @Test
    void aBlankQueryFindsNothingRatherThanFailing() {
        assertThat(doctor.searchDiagnosisCodes(diagnoses("", 10)).getCodesList()).isEmpty();
        assertThat(doctor.searchDiagnosisCodes(diagnoses("   ", 10)).getCodesList()).isEmpty();
        assertThat(doctor.searchSubstances(SearchSubstancesRequest.getDefaultInstance()).getSubstancesList()).isEmpty();
    }

    @Test
    void aLimitOutsideOneToAHundredIsRefusedNamingTheField() {
        for (int limit : new int[] {-1, 101, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            Throwable refused = catchThrowable(() -> doctor.searchDiagnosisCodes(diagnoses("asthma", limit)));
            assertThat(Calls.code(refused)).as("limit " + limit).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(refused)).as("limit " + limit).anySatisfy(f -> assertThat(f).contains("limit"));
            Throwable refusedToo = catchThrowable(() -> doctor.searchSubstances(SearchSubstancesRequest.newBuilder().setQuery("amox").setLimit(limit).build()));
            assertThat(Calls.code(refusedToo)).as("limit " + limit).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
    }

    @Test
    void aLongQueryIsRefusedNamingTheField() {
        Throwable refused = catchThrowable(() -> doctor.searchDiagnosisCodes(diagnoses("a".repeat(101), 10)));
        assertThat(Calls.code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(refused)).anySatisfy(f -> assertThat(f).contains("query"));
        assertThat(doctor.searchDiagnosisCodes(diagnoses("a".repeat(100), 10)).getCodesList()).isEmpty();
    }

    @Test
    void controlCharactersInTheQueryAreRefused() {
        Throwable refused = catchThrowable(() -> doctor.searchDiagnosisCodes(diagnoses("asthma\u0000", 10)));
        assertThat(Calls.code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        Throwable multiLine = catchThrowable(() -> doctor.searchSubstances(SearchSubstancesRequest.newBuilder().setQuery("amox\nicillin").build()));
        assertThat(Calls.code(multiLine)).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @EnumSource(value = CodingSubstanceKind.class, names = {"CODING_SUBSTANCE_KIND_UNSPECIFIED"})
    void anUnspecifiedKindIsRefused(CodingSubstanceKind kind) {
        Throwable refused = catchThrowable(() -> doctor.searchSubstances(SearchSubstancesRequest.newBuilder().setQuery("amox").addKinds(kind).build()));
        assertThat(Calls.code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(refused)).anySatisfy(f -> assertThat(f).contains("kinds"));
    }

    @Test
    void anUnknownKindNumberIsRefused() {
        Throwable refused = catchThrowable(() -> doctor.searchSubstances(SearchSubstancesRequest.newBuilder().setQuery("amox").addKindsValue(42).build()));
        assertThat(Calls.code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void twentyClientsSearchingAtOnceAllGetTheSameAnswer() throws Exception {
        List<CodingServiceBlockingStub> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(i % 2 == 0 ? doctor : stub("nina", "staff-pass-2026"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<CodingDiagnosis>>> futures = new ArrayList<>();
            for (CodingServiceBlockingStub client : clients) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return client.searchDiagnosisCodes(diagnoses("back pain", 10)).getCodesList();
                }));
            }
            go.countDown();
            List<CodingDiagnosis> first = futures.getFirst().get(60, TimeUnit.SECONDS);
            assertThat(first).isNotEmpty();
            for (Future<List<CodingDiagnosis>> f : futures) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
