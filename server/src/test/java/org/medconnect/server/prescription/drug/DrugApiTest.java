package org.medconnect.server.prescription.drug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.proto.prescription.v1.DrugBrand;
import org.medconnect.proto.prescription.v1.DrugChoice;
import org.medconnect.proto.prescription.v1.DrugChoiceKind;
import org.medconnect.proto.prescription.v1.DrugServiceGrpc;
import org.medconnect.proto.prescription.v1.DrugServiceGrpc.DrugServiceBlockingStub;
import org.medconnect.proto.prescription.v1.ListDrugBrandsRequest;
import org.medconnect.proto.prescription.v1.RetireDrugBrandRequest;
import org.medconnect.proto.prescription.v1.SaveDrugBrandRequest;
import org.medconnect.proto.prescription.v1.SearchDrugsRequest;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.chart.problem.ChartListsClinic;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** Prescribable drugs over gRPC: search by prefix and words, the clinic's brands, stale edits, races, malformed input, who may call. */
class DrugApiTest {

    ClinicServices services;
    MedConnectServer server;
    ManagedChannel channel;
    DrugServiceBlockingStub admin;
    DrugServiceBlockingStub doctor;

    @BeforeEach
    void start() throws Exception {
        String name = "drugs-" + UUID.randomUUID();
        var db = TestDatabase.fresh();
        services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(Instant.parse("2026-11-24T09:00:00Z")));
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        var fixture = new SchedulingFixture(db.dsl(), services);
        fixture.doctor("okafor", "Dr Amara Okafor", "Family medicine", "General practice");
        fixture.staff("adam", "Adam Admin", Role.ADMIN);
        fixture.staff("nina", "Nina Berg", Role.NURSE);
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        admin = stub("adam", "staff-pass-2026");
        doctor = stub("okafor", "doctor-pass-2026");
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
    }

    DrugServiceBlockingStub stub(String username, String password) {
        String token = services.auth().signIn(username, password, "ws-" + username, "test").token();
        return DrugServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    SaveDrugBrandRequest.Builder add(String name, String... ingredients) {
        return SaveDrugBrandRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setName(name).addAllIngredientKeys(List.of(ingredients));
    }

    List<DrugChoice> search(DrugServiceBlockingStub as, String query) {
        return as.searchDrugs(SearchDrugsRequest.newBuilder().setQuery(query).build()).getDrugsList();
    }

    @Nested
    class Searching {

        @Test
        void aPrefixFindsTheIngredientWithItsClassesAndCommonForms() {
            List<DrugChoice> found = search(doctor, "amoxi");

            assertThat(found).first().satisfies(d -> {
                assertThat(d.getDrugKey()).isEqualTo("amoxicillin");
                assertThat(d.getKind()).isEqualTo(DrugChoiceKind.DRUG_CHOICE_KIND_INGREDIENT);
                assertThat(d.getDetailsList()).contains("Penicillins");
                assertThat(d.getCommonFormsList()).contains("500 MG Oral Capsule");
            });
        }

        @Test
        void wordsInAnyOrderFindAnActiveBrandWithItsIngredients() {
            admin.saveDrugBrand(add("Augmentin Duo Forte", "amoxicillin", "clavulanate").build());

            List<DrugChoice> found = search(doctor, "duo augm");

            assertThat(found).singleElement().satisfies(d -> {
                assertThat(d.getKind()).isEqualTo(DrugChoiceKind.DRUG_CHOICE_KIND_BRAND);
                assertThat(d.getDrugKey()).startsWith("brand:");
                assertThat(d.getDetailsList()).containsExactly("amoxicillin", "clavulanate");
            });
        }

        @Test
        void aRetiredBrandIsNoLongerOffered() {
            DrugBrand b = admin.saveDrugBrand(add("Panadol", "acetaminophen").build()).getBrand();
            assertThat(search(doctor, "panadol")).hasSize(1);

            admin.retireDrugBrand(RetireDrugBrandRequest.newBuilder().setBrandId(b.getBrandId()).setExpectedVersion(b.getVersion()).build());

            assertThat(search(doctor, "panadol")).isEmpty();
            assertThat(admin.listDrugBrands(ListDrugBrandsRequest.newBuilder().setIncludeRetired(true).build()).getBrandsList())
                    .singleElement().satisfies(x -> assertThat(x.getActive()).isFalse());
            assertThat(admin.listDrugBrands(ListDrugBrandsRequest.getDefaultInstance()).getBrandsList()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\u0000amox"})
        void anEmptyOrControlCharacterQueryIsRefusedNamingTheField(String query) {
            Throwable t = catchThrowable(() -> search(doctor, query));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).containsExactly("query");
        }

        @Test
        void aTooLongQueryOrLimitIsRefusedNamingTheField() {
            assertThat(Calls.badFields(catchThrowable(() -> search(doctor, "a".repeat(101))))).containsExactly("query");
            assertThat(Calls.badFields(catchThrowable(() -> doctor.searchDrugs(
                    SearchDrugsRequest.newBuilder().setQuery("amox").setLimit(51).build())))).containsExactly("limit");
        }
    }

    @Nested
    class Brands {

        @Test
        void anAdminAddsABrandMappedToCatalogueIngredients() {
            DrugBrand b = admin.saveDrugBrand(add("  Amoxil ", "Amoxicillin").build()).getBrand();

            assertThat(b.getName()).isEqualTo("Amoxil");
            assertThat(b.getIngredientKeysList()).containsExactly("amoxicillin");
            assertThat(b.getIngredientNamesList()).containsExactly("amoxicillin");
            assertThat(b.getActive()).isTrue();
            assertThat(b.getVersion()).isEqualTo(1);
            assertThat(doctor.listDrugBrands(ListDrugBrandsRequest.getDefaultInstance()).getBrandsList()).extracting(DrugBrand::getName)
                    .containsExactly("Amoxil");
        }

        @Test
        void aRetryWithTheSameRequestIdAnswersTheFirst() {
            SaveDrugBrandRequest request = add("Amoxil", "amoxicillin").build();

            DrugBrand first = admin.saveDrugBrand(request).getBrand();
            DrugBrand again = admin.saveDrugBrand(request).getBrand();

            assertThat(again.getBrandId()).isEqualTo(first.getBrandId());
        }

        @Test
        void aChangeFromTheCurrentVersionIsSaved() {
            DrugBrand b = admin.saveDrugBrand(add("Augmentin", "amoxicillin").build()).getBrand();

            DrugBrand changed = admin.saveDrugBrand(SaveDrugBrandRequest.newBuilder().setBrandId(b.getBrandId()).setExpectedVersion(1)
                    .setName("Augmentin").addIngredientKeys("amoxicillin").addIngredientKeys("clavulanate").build()).getBrand();

            assertThat(changed.getVersion()).isEqualTo(2);
            assertThat(changed.getIngredientKeysList()).containsExactly("amoxicillin", "clavulanate");
        }

        @Test
        void aStaleEditIsAbortedNamingWhoChangedIt() {
            DrugBrand b = admin.saveDrugBrand(add("Augmentin", "amoxicillin").build()).getBrand();
            admin.saveDrugBrand(SaveDrugBrandRequest.newBuilder().setBrandId(b.getBrandId()).setExpectedVersion(1)
                    .setName("Augmentin 625").addIngredientKeys("amoxicillin").build());

            Throwable t = catchThrowable(() -> admin.saveDrugBrand(SaveDrugBrandRequest.newBuilder().setBrandId(b.getBrandId())
                    .setExpectedVersion(1).setName("Augmentin 1g").addIngredientKeys("amoxicillin").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.ABORTED);
            assertThat(Calls.message(t)).contains("Changed by Adam Admin");
        }

        @Test
        void aSecondActiveBrandWithTheSameNameIsAlreadyExists() {
            admin.saveDrugBrand(add("Amoxil", "amoxicillin").build());

            Throwable t = catchThrowable(() -> admin.saveDrugBrand(add("AMOXIL", "amoxicillin").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.ALREADY_EXISTS);
        }

        @Test
        void twentyAdminsAddingTheSameNameAtOnceLeaveOneBrandAndNoInternalError() throws Exception {
            List<Status.Code> codes = ChartListsClinic.concurrently(20, () -> admin.saveDrugBrand(add("Brufen", "ibuprofen").build()));

            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
            assertThat(codes).filteredOn(c -> c != Status.Code.OK).containsOnly(Status.Code.ALREADY_EXISTS).hasSize(19);
            assertThat(admin.listDrugBrands(ListDrugBrandsRequest.getDefaultInstance()).getBrandsList()).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-a-drug", "class:penicillins"})
        void anIngredientNotInTheCatalogueIsRefusedNamingTheField(String key) {
            Throwable t = catchThrowable(() -> admin.saveDrugBrand(add("Mystery", key).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).containsExactly("ingredient_keys");
        }

        @Test
        void malformedBrandsAreRefusedNamingTheField() {
            assertThat(Calls.badFields(catchThrowable(() -> admin.saveDrugBrand(add(" ", "amoxicillin").build())))).containsExactly("name");
            assertThat(Calls.badFields(catchThrowable(() -> admin.saveDrugBrand(add("x".repeat(121), "amoxicillin").build()))))
                    .containsExactly("name");
            assertThat(Calls.badFields(catchThrowable(() -> admin.saveDrugBrand(add("Empty").build())))).containsExactly("ingredient_keys");
            String[] eleven = {"amoxicillin", "ibuprofen", "metformin", "lisinopril", "amlodipine", "atorvastatin", "omeprazole",
                    "sertraline", "losartan", "prednisone", "albuterol"};
            assertThat(Calls.badFields(catchThrowable(() -> admin.saveDrugBrand(add("Everything", eleven).build()))))
                    .containsExactly("ingredient_keys");
            assertThat(Calls.badFields(catchThrowable(() -> admin.saveDrugBrand(
                    SaveDrugBrandRequest.newBuilder().setName("No id").addIngredientKeys("amoxicillin").build())))).containsExactly("request_id");
            assertThat(Calls.badFields(catchThrowable(() -> admin.saveDrugBrand(
                    add("Bad id", "amoxicillin").setBrandId("not-a-uuid").build())))).containsExactly("brand_id");
            assertThat(Calls.code(catchThrowable(() -> admin.saveDrugBrand(add("Tab\tname", "amoxicillin").build()))))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @Test
        void tenThousandIngredientKeysAreRefusedNotInternal() {
            String[] many = new String[10_000];
            java.util.Arrays.fill(many, "amoxicillin");

            Throwable t = catchThrowable(() -> admin.saveDrugBrand(add("Many", many).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @Test
        void anUnknownBrandIsNotFound() {
            Throwable t = catchThrowable(() -> admin.retireDrugBrand(RetireDrugBrandRequest.newBuilder()
                    .setBrandId(UUID.randomUUID().toString()).setExpectedVersion(1).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    @Nested
    class WhoMayCall {

        @ParameterizedTest
        @ValueSource(strings = {"maria", "nina"})
        void neitherReceptionNorNursesSearchOrReadBrands(String username) {
            DrugServiceBlockingStub other = stub(username, "staff-pass-2026");

            assertThat(Calls.code(catchThrowable(() -> search(other, "amox")))).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Calls.code(catchThrowable(() -> other.listDrugBrands(ListDrugBrandsRequest.getDefaultInstance()))))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Calls.code(catchThrowable(() -> other.saveDrugBrand(add("Amoxil", "amoxicillin").build()))))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
        }

        @Test
        void aDoctorCannotChangeBrands() {
            assertThat(Calls.code(catchThrowable(() -> doctor.saveDrugBrand(add("Amoxil", "amoxicillin").build()))))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Calls.code(catchThrowable(() -> doctor.retireDrugBrand(RetireDrugBrandRequest.newBuilder()
                    .setBrandId(UUID.randomUUID().toString()).setExpectedVersion(1).build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }
}
