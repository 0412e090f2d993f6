package org.medconnect.server.chart.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.proto.chart.v1.AddMedicationRequest;
import org.medconnect.proto.chart.v1.ListMedicationsRequest;
import org.medconnect.proto.chart.v1.MarkMedicationEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.Medication;
import org.medconnect.proto.chart.v1.MedicationFilter;
import org.medconnect.proto.chart.v1.MedicationServiceGrpc.MedicationServiceBlockingStub;
import org.medconnect.proto.chart.v1.MedicationStatus;
import org.medconnect.proto.chart.v1.StopMedicationRequest;
import org.medconnect.proto.chart.v1.UpdateMedicationRequest;
import org.medconnect.server.chart.medication.MedicationModel.NewMedication;
import org.medconnect.server.chart.medication.MedicationModel.Source;
import org.medconnect.server.chart.problem.ChartListsClinic;
import org.medconnect.server.testing.Calls;

/** The medication list over gRPC: catalogue or free text, who started and stopped what and why, stale edits, races, who may call. */
class MedicationApiTest {

    ChartListsClinic clinic;
    MedicationServiceBlockingStub okafor;

    @BeforeEach
    void start() throws Exception {
        clinic = new ChartListsClinic();
        okafor = clinic.medications("okafor");
    }

    @AfterEach
    void stop() throws Exception {
        clinic.close();
    }

    AddMedicationRequest.Builder add(String drugKey) {
        return AddMedicationRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(clinic.patient.toString()).setDrugKey(drugKey);
    }

    Medication amoxicillin() {
        return okafor.addMedication(add("amoxicillin").setStrength("500 mg").setForm("capsule")
                .setDosage("1 capsule three times a day").setStartedOn("2026-11-20").setReason("Otitis media").build()).getMedication();
    }

    List<Medication> list(MedicationFilter filter) {
        return okafor.listMedications(ListMedicationsRequest.newBuilder().setPatientId(clinic.patient.toString()).setFilter(filter).build())
                .getMedicationsList();
    }

    StopMedicationRequest.Builder stop(Medication m) {
        return StopMedicationRequest.newBuilder().setMedicationId(m.getId()).setExpectedVersion(m.getVersion())
                .setStoppedOn("2026-11-23").setReason("Rash on day 3");
    }

    @Nested
    class Adding {

        @Test
        void aCatalogueDrugIsCheckedAndStartedByTheCaller() {
            Medication m = amoxicillin();

            assertThat(m.getDrugKey()).isEqualTo("amoxicillin");
            assertThat(m.getName()).isEqualTo("amoxicillin");
            assertThat(m.getNotChecked()).isFalse();
            assertThat(m.getStartedByName()).isEqualTo("Dr Amara Okafor");
            assertThat(m.getStartReason()).isEqualTo("Otitis media");
            assertThat(m.getStatus()).isEqualTo(MedicationStatus.MEDICATION_STATUS_ACTIVE);
            assertThat(clinic.versions("MEDICATION", m.getId())).isEqualTo(1);
        }

        @Test
        void freeTextIsKeptButMarkedNotChecked() {
            Medication m = okafor.addMedication(add("").setName("Grandmother's herbal tea").build()).getMedication();

            assertThat(m.getDrugKey()).isEmpty();
            assertThat(m.getNotChecked()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-a-drug", "class:penicillins"})
        void aKeyThatIsNoIngredientOfTheCatalogueIsRefusedNamingTheField(String key) {
            Throwable t = catchThrowable(() -> okafor.addMedication(add(key).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).containsExactly("drug_key");
        }

        @Test
        void neitherDrugNorNameIsRefusedNamingTheName() {
            Throwable t = catchThrowable(() -> okafor.addMedication(add("").setName(" ").build()));

            assertThat(Calls.badFields(t)).containsExactly("name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30", "3000-01-01", "2026-11-25"})
        void aBadOrFutureStartIsRefusedNamingTheField(String started) {
            Throwable t = catchThrowable(() -> okafor.addMedication(add("amoxicillin").setStartedOn(started).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).containsExactly("started_on");
        }

        @Test
        void anOverlongDosageIsRefused() {
            Throwable t = catchThrowable(() -> okafor.addMedication(add("amoxicillin").setDosage("x".repeat(501)).build()));

            assertThat(Calls.badFields(t)).containsExactly("dosage");
        }

        @Test
        void prescribingAddsAPrescribedRowInsideItsOwnTransaction() {
            // The prescription the row comes from (a foreign key since V22): a draft written in the same transaction.
            UUID prescription = UUID.randomUUID();
            var row = clinic.dsl.transactionResult(cfg -> {
                cfg.dsl().query("""
                        insert into prescription (id, patient_id, prescriber_id, created_at, updated_by, updated_at)
                        values (?, ?, ?, now(), ?, now())""", prescription, clinic.patient, clinic.okafor.userId(), clinic.okafor.userId())
                        .execute();
                return clinic.services.medications().addIn(cfg.dsl(), clinic.okafor.userId(),
                    new NewMedication(Optional.empty(), clinic.patient, Optional.of("amoxicillin"), "", "250 mg", "", "", Optional.empty(), ""),
                    Source.PRESCRIBED, Optional.of(prescription));
            });

            assertThat(row.source()).isEqualTo(Source.PRESCRIBED);
            assertThat(row.prescriptionId()).contains(prescription);
            assertThat(list(MedicationFilter.MEDICATION_FILTER_CURRENT)).hasSize(1);
        }
    }

    @Nested
    class Stopping {

        @Test
        void stoppingRecordsWhoStoppedItWhenAndWhyAndKeepsWhoStartedIt() {
            Medication m = amoxicillin();

            Medication stopped = clinic.medications("lindqvist").stopMedication(stop(m).build()).getMedication();

            assertThat(stopped.getStatus()).isEqualTo(MedicationStatus.MEDICATION_STATUS_STOPPED);
            assertThat(stopped.getStoppedOn()).isEqualTo("2026-11-23");
            assertThat(stopped.getStoppedByName()).isEqualTo("Dr Lena Lindqvist");
            assertThat(stopped.getStopReason()).isEqualTo("Rash on day 3");
            assertThat(stopped.getStartedByName()).isEqualTo("Dr Amara Okafor");
            assertThat(list(MedicationFilter.MEDICATION_FILTER_CURRENT)).isEmpty();
            assertThat(list(MedicationFilter.MEDICATION_FILTER_PAST)).extracting(Medication::getId).containsExactly(m.getId());
            assertThat(clinic.versions("MEDICATION", m.getId())).isEqualTo(2);
        }

        @Test
        void aStopNeedsAReason() {
            Medication m = amoxicillin();

            Throwable t = catchThrowable(() -> okafor.stopMedication(stop(m).setReason("").build()));

            assertThat(Calls.badFields(t)).containsExactly("reason");
        }

        @Test
        void aStopBeforeTheStartIsRefused() {
            Medication m = amoxicillin();

            Throwable t = catchThrowable(() -> okafor.stopMedication(stop(m).setStoppedOn("2026-11-19").build()));

            assertThat(Calls.badFields(t)).containsExactly("stopped_on");
        }

        @Test
        void aStoppedMedicationCannotBeStoppedAgain() {
            Medication stopped = okafor.stopMedication(stop(amoxicillin()).build()).getMedication();

            Throwable t = catchThrowable(() -> okafor.stopMedication(stop(stopped).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        }

        @Test
        void twentyConcurrentStopsLetOneWinAndTheRestConflict() throws Exception {
            Medication m = amoxicillin();
            MedicationServiceBlockingStub lindqvist = clinic.medications("lindqvist");

            List<Status.Code> codes = ChartListsClinic.concurrently(20, () -> lindqvist.stopMedication(stop(m).build()));

            assertThat(codes).containsOnly(Status.Code.OK, Status.Code.ABORTED);
            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
        }
    }

    @Nested
    class Changing {

        @Test
        void aStaleUpdateIsRefusedNamingWhoChangedIt() {
            Medication m = amoxicillin();
            clinic.medications("lindqvist").updateMedication(UpdateMedicationRequest.newBuilder().setMedicationId(m.getId())
                    .setExpectedVersion(1).setStrength("250 mg").setDosage("twice a day").build());

            Throwable t = catchThrowable(() -> okafor.updateMedication(UpdateMedicationRequest.newBuilder().setMedicationId(m.getId())
                    .setExpectedVersion(1).setStrength("1 g").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.ABORTED);
            assertThat(Calls.message(t)).startsWith("Changed by Dr Lena Lindqvist at 09:00");
            assertThat(list(MedicationFilter.MEDICATION_FILTER_ALL).getFirst().getStrength()).isEqualTo("250 mg");
        }

        @Test
        void enteredInErrorLeavesTheListButNotTheRecord() {
            Medication m = amoxicillin();

            Medication gone = okafor.markMedicationEnteredInError(MarkMedicationEnteredInErrorRequest.newBuilder()
                    .setMedicationId(m.getId()).setExpectedVersion(1).setReason("Another patient's list").build()).getMedication();

            assertThat(gone.getStatus()).isEqualTo(MedicationStatus.MEDICATION_STATUS_ENTERED_IN_ERROR);
            assertThat(list(MedicationFilter.MEDICATION_FILTER_UNSPECIFIED)).isEmpty();
            assertThat(list(MedicationFilter.MEDICATION_FILTER_ALL)).hasSize(1);
        }
    }

    @Nested
    class WhoMayCall {

        @ParameterizedTest
        @ValueSource(strings = {"nina", "maria", "adam", "sharma"})
        void onlyThePatientsDoctorsReadOrWriteTheList(String username) {
            Medication m = amoxicillin();
            MedicationServiceBlockingStub other = clinic.medications(username);

            Throwable read = catchThrowable(() -> other.listMedications(ListMedicationsRequest.newBuilder()
                    .setPatientId(clinic.patient.toString()).build()));
            Throwable write = catchThrowable(() -> other.addMedication(add("amoxicillin").build()));
            Throwable stopIt = catchThrowable(() -> other.stopMedication(stop(m).build()));

            assertThat(List.of(read, write, stopIt)).extracting(Calls::code).containsOnly(Status.Code.PERMISSION_DENIED);
            assertThat(list(MedicationFilter.MEDICATION_FILTER_CURRENT)).hasSize(1);
        }
    }
}
