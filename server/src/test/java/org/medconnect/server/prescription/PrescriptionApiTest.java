package org.medconnect.server.prescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.prescription.PrescriptionClinic.amoxicillin;
import static org.medconnect.server.prescription.PrescriptionClinic.line;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medconnect.proto.chart.v1.ListMedicationsRequest;
import org.medconnect.proto.chart.v1.Medication;
import org.medconnect.proto.chart.v1.MedicationFilter;
import org.medconnect.proto.chart.v1.MedicationSource;
import org.medconnect.proto.chart.v1.MedicationStatus;
import org.medconnect.proto.prescription.v1.CancelPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CheckPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CreatePrescriptionRequest;
import org.medconnect.proto.prescription.v1.DispenseSource;
import org.medconnect.proto.prescription.v1.GetAdherenceRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionResponse;
import org.medconnect.proto.prescription.v1.ListPrescriptionsRequest;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionAlert;
import org.medconnect.proto.prescription.v1.PrescriptionAlertKind;
import org.medconnect.proto.prescription.v1.PrescriptionAlertSeverity;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.proto.prescription.v1.PrescriptionHistoryEntry;
import org.medconnect.proto.prescription.v1.PrescriptionLine;
import org.medconnect.proto.prescription.v1.PrescriptionLineInput;
import org.medconnect.proto.prescription.v1.PrescriptionOverride;
import org.medconnect.proto.prescription.v1.PrescriptionRoute;
import org.medconnect.proto.prescription.v1.PrescriptionServiceGrpc.PrescriptionServiceBlockingStub;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.PrescriptionSummary;
import org.medconnect.proto.prescription.v1.RecordDispenseRequest;
import org.medconnect.proto.prescription.v1.RenewPrescriptionRequest;
import org.medconnect.proto.prescription.v1.SignPrescriptionRequest;
import org.medconnect.proto.prescription.v1.UpdatePrescriptionDraftRequest;
import org.medconnect.server.chart.medication.MedicationModel.NewMedication;
import org.medconnect.server.chart.medication.MedicationModel.Source;
import org.medconnect.server.chart.problem.ChartListsClinic;
import org.medconnect.server.testing.Calls;

/**
 * Prescribing over gRPC against the real rule set and PostgreSQL: drafts checked on save,
 * signing past high alerts only with an audited reason, the medication list, cancelling,
 * renewing, dispensing within the limit, derived expiry, adherence, races and bad input.
 */
class PrescriptionApiTest {

    static final PrescriptionFrequency TWICE = PrescriptionFrequency.PRESCRIPTION_FREQUENCY_TWICE_DAILY;

    PrescriptionClinic clinic;
    PrescriptionServiceBlockingStub okafor;

    @BeforeEach
    void start() throws Exception {
        clinic = new PrescriptionClinic();
        okafor = clinic.prescriptions("okafor");
    }

    @AfterEach
    void stop() throws Exception {
        clinic.close();
    }

    CreatePrescriptionRequest.Builder create(PrescriptionLineInput... lines) {
        return CreatePrescriptionRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(clinic.patient.toString())
                .addAllLines(List.of(lines));
    }

    Prescription draft(PrescriptionLineInput... lines) {
        return okafor.createPrescription(create(lines).build()).getPrescription();
    }

    Prescription sign(Prescription p, PrescriptionOverride... overrides) {
        return okafor.signPrescription(SignPrescriptionRequest.newBuilder().setPrescriptionId(p.getPrescriptionId())
                .setExpectedVersion(p.getVersion()).addAllOverrides(List.of(overrides)).build()).getPrescription();
    }

    /** Amoxicillin for a patient who was asked and has no known allergies: nothing high stands in the way. */
    Prescription signedAmoxicillin() {
        clinic.noKnownAllergies();
        return sign(draft(amoxicillin()));
    }

    GetPrescriptionResponse get(Prescription p) {
        return okafor.getPrescription(GetPrescriptionRequest.newBuilder().setPrescriptionId(p.getPrescriptionId()).build());
    }

    RecordDispenseRequest.Builder dispense(Prescription p, String quantity) {
        return RecordDispenseRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPrescriptionId(p.getPrescriptionId())
                .setLineId(p.getLines(0).getLineId()).setDispensedOn("2026-11-24").setQuantity(quantity)
                .setSource(DispenseSource.DISPENSE_SOURCE_PHARMACY);
    }

    List<Medication> currentMedications() {
        return clinic.medications("okafor").listMedications(ListMedicationsRequest.newBuilder().setPatientId(clinic.patient.toString())
                .setFilter(MedicationFilter.MEDICATION_FILTER_CURRENT).build()).getMedicationsList();
    }

    @Nested
    class Drafts {

        @Test
        void theQuantityIsComputedAndTheSigWritten() {
            Prescription p = draft(amoxicillin());

            PrescriptionLine l = p.getLines(0);
            assertThat(p.getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT);
            assertThat(p.getValidDays()).isEqualTo(30);
            assertThat(l.getQuantity()).isEqualTo("21");
            assertThat(l.getQuantityOverridden()).isFalse();
            assertThat(l.getSig()).isEqualTo("1 capsule three times daily for 7 days");
            assertThat(l.getIngredientKeysList()).containsExactly("amoxicillin");
            assertThat(l.getNotChecked()).isFalse();
            assertThat(clinic.count("select count(*) from chart_entry_history where entry_kind = 'PRESCRIPTION' and entry_id = ?::uuid",
                    p.getPrescriptionId())).isEqualTo(1);
        }

        @Test
        void aGivenQuantityIsKeptAsAnOverrideAndAsNeededIsInTheSig() {
            Prescription p = draft(line("ibuprofen", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_EVERY_8_HOURS, 5)
                    .setAsNeeded(true).setQuantity("10").build(),
                    line("ibuprofen", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_EVERY_8_HOURS, 5).setAsNeeded(true).build());

            assertThat(p.getLines(0).getQuantity()).isEqualTo("10");
            assertThat(p.getLines(0).getQuantityOverridden()).isTrue();
            assertThat(p.getLines(1).getQuantity()).isEqualTo("15");
            assertThat(p.getLines(1).getSig()).isEqualTo("1 tablet every 8 hours for 5 days (as needed)");
        }

        @Test
        void aSingleDoseAndAWeeklyDoseAreCountedAsSuch() {
            Prescription p = draft(line("fluconazole", "capsule", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE, 1).build(),
                    line("methotrexate", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_WEEKLY, 28).setDoseAmount("4").build());

            assertThat(p.getLines(0).getQuantity()).isEqualTo("1");
            assertThat(p.getLines(1).getQuantity()).isEqualTo("16");
            assertThat(p.getLines(1).getSig()).isEqualTo("4 tablet once a week for 28 days");
        }

        @Test
        void freeTextIsKeptButMarkedNotChecked() {
            Prescription p = draft(PrescriptionLineInput.newBuilder().setDrugName("Grandmother's herbal tincture")
                    .setRoute(PrescriptionRoute.PRESCRIPTION_ROUTE_ORAL).setDoseAmount("5").setDoseUnit("mL").setFrequency(TWICE)
                    .setDurationDays(10).build());

            assertThat(p.getLines(0).getNotChecked()).isTrue();
            assertThat(p.getLines(0).getIngredientKeysList()).isEmpty();
            assertThat(p.getAlertsList()).extracting(PrescriptionAlert::getKind).contains(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_NOT_CHECKED);
        }

        @Test
        void aRetryWithTheSameRequestIdAnswersTheFirstDraft() {
            CreatePrescriptionRequest request = create(amoxicillin()).build();

            Prescription first = okafor.createPrescription(request).getPrescription();
            Prescription again = okafor.createPrescription(request).getPrescription();

            assertThat(again.getPrescriptionId()).isEqualTo(first.getPrescriptionId());
            assertThat(clinic.count("select count(*) from prescription")).isEqualTo(1);
        }

        @Test
        void savingReplacesTheLinesAndAStaleSaveIsRefusedNamingWhoSaved() {
            Prescription p = draft(amoxicillin());
            Prescription saved = okafor.updatePrescriptionDraft(UpdatePrescriptionDraftRequest.newBuilder().setPrescriptionId(p.getPrescriptionId())
                    .setExpectedVersion(1).addLines(line("acetaminophen", "tablet", TWICE, 3).build()).setValidDays(14).build()).getPrescription();

            Throwable t = catchThrowable(() -> okafor.updatePrescriptionDraft(UpdatePrescriptionDraftRequest.newBuilder()
                    .setPrescriptionId(p.getPrescriptionId()).setExpectedVersion(1).addLines(amoxicillin()).build()));

            assertThat(saved.getVersion()).isEqualTo(2);
            assertThat(saved.getValidDays()).isEqualTo(14);
            assertThat(saved.getLinesList()).extracting(l -> l.getInput().getDrugKey()).containsExactly("acetaminophen");
            assertThat(Calls.code(t)).isEqualTo(Status.Code.ABORTED);
            assertThat(Calls.message(t)).startsWith("Changed by Dr Amara Okafor at 09:00");
        }

        @Test
        void onlyThePrescriberChangesADraft() {
            Prescription p = draft(amoxicillin());

            Throwable t = catchThrowable(() -> clinic.prescriptions("lindqvist").updatePrescriptionDraft(UpdatePrescriptionDraftRequest
                    .newBuilder().setPrescriptionId(p.getPrescriptionId()).setExpectedVersion(1).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    static List<Arguments> malformedLines() {
        PrescriptionLineInput ok = amoxicillin();
        return List.of(
                Arguments.of(ok.toBuilder().setDoseAmount("abc").build(), "lines[0].dose_amount"),
                Arguments.of(ok.toBuilder().setDoseAmount("0").build(), "lines[0].dose_amount"),
                Arguments.of(ok.toBuilder().setDoseAmount("10001").build(), "lines[0].dose_amount"),
                Arguments.of(ok.toBuilder().setDoseAmount("1e3").build(), "lines[0].dose_amount"),
                Arguments.of(ok.toBuilder().setDoseUnit("").build(), "lines[0].dose_unit"),
                Arguments.of(ok.toBuilder().setDurationDays(0).build(), "lines[0].duration_days"),
                Arguments.of(ok.toBuilder().setDurationDays(366).build(), "lines[0].duration_days"),
                Arguments.of(ok.toBuilder().setRoute(PrescriptionRoute.PRESCRIPTION_ROUTE_UNSPECIFIED).build(), "lines[0].route"),
                Arguments.of(ok.toBuilder().setFrequency(PrescriptionFrequency.PRESCRIPTION_FREQUENCY_UNSPECIFIED).build(), "lines[0].frequency"),
                Arguments.of(ok.toBuilder().setDrugKey("not-a-drug").build(), "lines[0].drug_key"),
                Arguments.of(ok.toBuilder().setDrugKey("class:penicillins").build(), "lines[0].drug_key"),
                Arguments.of(ok.toBuilder().setDrugKey("brand:" + UUID.randomUUID()).build(), "lines[0].drug_key"),
                Arguments.of(ok.toBuilder().setDrugKey("").setDrugName("").build(), "lines[0].drug_name"),
                Arguments.of(ok.toBuilder().setRefills(13).build(), "lines[0].refills"),
                Arguments.of(ok.toBuilder().setQuantity("-2").build(), "lines[0].quantity"),
                Arguments.of(ok.toBuilder().setDoseAmount("10000").setFrequency(PrescriptionFrequency.PRESCRIPTION_FREQUENCY_EVERY_4_HOURS)
                        .setDurationDays(365).build(), "lines[0].quantity"),
                Arguments.of(ok.toBuilder().setStrength("x".repeat(61)).build(), "lines[0].strength"),
                Arguments.of(ok.toBuilder().setInstructions("x".repeat(1001)).build(), "lines[0].instructions"),
                Arguments.of(ok.toBuilder().setWarnings("x".repeat(1001)).build(), "lines[0].warnings"));
    }

    @Nested
    class BadInput {

        @ParameterizedTest
        @MethodSource("org.medconnect.server.prescription.PrescriptionApiTest#malformedLines")
        void aMalformedLineIsRefusedNamingTheField(PrescriptionLineInput bad, String field) {
            Throwable t = catchThrowable(() -> okafor.createPrescription(create(bad).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).containsExactly(field);
            assertThat(clinic.count("select count(*) from prescription")).isZero();
        }

        @Test
        void theSecondOfTwoLinesIsNamedByItsIndex() {
            Throwable t = catchThrowable(() -> okafor.checkPrescription(CheckPrescriptionRequest.newBuilder()
                    .setPatientId(clinic.patient.toString()).addLines(amoxicillin()).addLines(amoxicillin().toBuilder().setDoseAmount("")).build()));

            assertThat(Calls.badFields(t)).containsExactly("lines[1].dose_amount");
        }

        @Test
        void moreThanFiftyLinesAreRefused() {
            PrescriptionLineInput[] many = IntStream.range(0, 51).mapToObj(i -> amoxicillin()).toArray(PrescriptionLineInput[]::new);

            Throwable t = catchThrowable(() -> okafor.createPrescription(create(many).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @Test
        void aControlCharacterInADrugNameIsRefused() {
            Throwable t = catchThrowable(() -> okafor.createPrescription(create(amoxicillin().toBuilder().setDrugName("Amox\u0000").build()).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @Test
        void aValidityOutOfRangeAndAnOverlongNoteAreRefused() {
            Throwable days = catchThrowable(() -> okafor.createPrescription(create(amoxicillin()).setValidDays(366).build()));
            Throwable note = catchThrowable(() -> okafor.createPrescription(create(amoxicillin()).setNote("x".repeat(1001)).build()));

            assertThat(Calls.badFields(days)).containsExactly("valid_days");
            assertThat(Calls.badFields(note)).containsExactly("note");
        }

        @Test
        void anOverrideWithoutAReasonIsRefusedNamingIt() {
            Prescription p = draft(amoxicillin());

            Throwable t = catchThrowable(() -> sign(p, PrescriptionOverride.newBuilder().setAlertKey("x").setReason(" ").build()));

            assertThat(Calls.badFields(t)).containsExactly("overrides[0].reason");
        }
    }

    @Nested
    class Checks {

        @Test
        void theCheckAnswersAnUnknownPatientAndAStrangerAsBeforeAndLetsAGrantIn() {
            var check = CheckPrescriptionRequest.newBuilder().addLines(amoxicillin());
            var sharma = clinic.prescriptions("sharma");

            Throwable unknown = catchThrowable(() -> okafor.checkPrescription(check.setPatientId(UUID.randomUUID().toString()).build()));
            Throwable stranger = catchThrowable(() -> sharma.checkPrescription(check.setPatientId(clinic.patient.toString()).build()));
            grant("2026-11-24T06:00:00Z", "2026-11-24T08:00:00Z");
            Throwable expired = catchThrowable(() -> sharma.checkPrescription(check.build()));
            grant("2026-11-24T08:30:00Z", "2026-11-24T12:00:00Z");

            assertThat(Calls.code(unknown)).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(Calls.code(stranger)).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Calls.code(expired)).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(sharma.checkPrescription(check.build()).getAlertsList()).extracting(PrescriptionAlert::getKind)
                    .contains(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_ALLERGIES_NOT_RECORDED);
        }

        /** Dr Sharma breaks the glass for the patient, for this period. */
        void grant(String from, String until) {
            clinic.dsl.query("insert into chart_access_grant (patient_id, doctor_id, kind, reason, granted_by, starts_at, expires_at)"
                    + " values (?::uuid, ?::uuid, 'BREAK_GLASS', 'Covering for Dr Okafor', ?::uuid, ?::timestamptz, ?::timestamptz)",
                    clinic.patient, clinic.sharma.userId(), clinic.sharma.userId(), java.time.OffsetDateTime.parse(from),
                    java.time.OffsetDateTime.parse(until)).execute();
        }

        @Test
        void aPenicillinAllergicPatientPrescribedAmoxicillinGetsTheAllergyAlertOnSave() {
            UUID allergy = clinic.allergy("class:penicillins", "Penicillins");

            Prescription p = draft(amoxicillin());

            PrescriptionAlert alert = p.getAlertsList().stream()
                    .filter(a -> a.getKind() == PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_ALLERGY).findFirst().orElseThrow();
            assertThat(alert.getSeverity()).isEqualTo(PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH);
            assertThat(alert.getLinePositionsList()).containsExactly(1);
            assertThat(alert.getAllergyId()).isEqualTo(allergy.toString());
            assertThat(alert.getSource()).isNotBlank();
        }

        @Test
        void checkingWithoutSavingAnswersTheSameAlertsAndSavesNothing() {
            clinic.allergy("class:penicillins", "Penicillins");

            var checked = okafor.checkPrescription(CheckPrescriptionRequest.newBuilder().setPatientId(clinic.patient.toString())
                    .addLines(amoxicillin()).build());

            assertThat(checked.getAlertsList()).extracting(PrescriptionAlert::getKind).contains(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_ALLERGY);
            assertThat(checked.getLines(0).getQuantity()).isEqualTo("21");
            assertThat(clinic.count("select count(*) from prescription")).isZero();
        }

        @Test
        void aCurrentMedicationOfTheSameDrugIsADuplicate() {
            clinic.noKnownAllergies();
            sign(draft(amoxicillin()));

            var checked = okafor.checkPrescription(CheckPrescriptionRequest.newBuilder().setPatientId(clinic.patient.toString())
                    .addLines(amoxicillin()).build());

            assertThat(checked.getAlertsList()).extracting(PrescriptionAlert::getKind)
                    .contains(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_DUPLICATE_THERAPY);
        }

        @Test
        void aLocalBrandIsCheckedAsItsIngredientsAndStaysCheckedOnTheMedicationList() {
            clinic.allergy("class:penicillins", "Penicillins");
            UUID brand = clinic.dsl.resultQuery("""
                    insert into drug_brand (name, ingredient_keys, created_by, created_at, updated_by, updated_at)
                    values ('Augmentin', '{amoxicillin,clavulanate}', ?, now(), ?, now()) returning id""",
                    clinic.okafor.userId(), clinic.okafor.userId()).fetchSingle(0, UUID.class);
            PrescriptionLineInput augmentin = line("brand:" + brand, "tablet", TWICE, 7).build();

            Prescription p = draft(augmentin);
            PrescriptionOverride[] overrides = p.getAlertsList().stream()
                    .filter(a -> a.getSeverity() == PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH)
                    .map(a -> PrescriptionOverride.newBuilder().setAlertKey(a.getAlertKey()).setReason("Desensitised").build())
                    .toArray(PrescriptionOverride[]::new);
            sign(p, overrides);
            var later = okafor.checkPrescription(CheckPrescriptionRequest.newBuilder().setPatientId(clinic.patient.toString())
                    .addLines(amoxicillin()).build());

            assertThat(p.getLines(0).getInput().getDrugName()).isEqualTo("Augmentin");
            assertThat(p.getLines(0).getIngredientKeysList()).containsExactlyInAnyOrder("amoxicillin", "clavulanate");
            assertThat(p.getAlertsList()).extracting(PrescriptionAlert::getKind).contains(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_ALLERGY);
            assertThat(currentMedications()).extracting(Medication::getName).containsExactly("Augmentin");
            assertThat(later.getAlertsList()).extracting(PrescriptionAlert::getKind)
                    .contains(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_DUPLICATE_THERAPY);
        }

        @Test
        void aDraftsOwnMedicationRowsAreNotCountedAgainstIt() {
            Prescription p = signedAmoxicillin();

            var checked = okafor.checkPrescription(CheckPrescriptionRequest.newBuilder().setPatientId(clinic.patient.toString())
                    .setPrescriptionId(p.getPrescriptionId()).addLines(amoxicillin()).build());

            assertThat(checked.getAlertsList()).extracting(PrescriptionAlert::getKind)
                    .doesNotContain(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_DUPLICATE_THERAPY);
        }
    }

    @Nested
    class Signing {

        @Test
        void signingAddsTheDrugsToTheMedicationList() {
            Prescription p = signedAmoxicillin();

            assertThat(p.getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED);
            assertThat(p.getValidUntil()).isEqualTo("2026-12-24");
            List<Medication> meds = currentMedications();
            assertThat(meds).hasSize(1);
            assertThat(meds.getFirst().getDrugKey()).isEqualTo("amoxicillin");
            assertThat(meds.getFirst().getSource()).isEqualTo(MedicationSource.MEDICATION_SOURCE_PRESCRIBED);
            assertThat(meds.getFirst().getDosage()).isEqualTo("1 capsule three times daily for 7 days");
            assertThat(get(p).getHistoryList()).extracting(PrescriptionHistoryEntry::getWhat).containsExactly("Created", "Signed");
        }

        @Test
        void signingPastAHighAlertWithoutAReasonIsRefusedNamingTheAlert() {
            clinic.allergy("class:penicillins", "Penicillins");
            Prescription p = draft(amoxicillin());
            String title = p.getAlertsList().stream().filter(a -> a.getSeverity() == PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH)
                    .findFirst().orElseThrow().getTitle();

            Throwable t = catchThrowable(() -> sign(p));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(Calls.message(t)).contains(title);
            assertThat(get(p).getPrescription().getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT);
            assertThat(currentMedications()).isEmpty();
        }

        @Test
        void signingPastAHighAlertWithAReasonSignsKeepsTheReasonAndAuditsItWithoutTheDrug() {
            clinic.allergy("class:penicillins", "Penicillins");
            Prescription p = draft(amoxicillin());
            List<PrescriptionOverride> overrides = p.getAlertsList().stream()
                    .filter(a -> a.getSeverity() == PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH)
                    .map(a -> PrescriptionOverride.newBuilder().setAlertKey(a.getAlertKey()).setReason("Tolerated a full course in 2024").build())
                    .toList();

            Prescription signed = sign(p, overrides.toArray(PrescriptionOverride[]::new));

            assertThat(signed.getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED);
            PrescriptionAlert kept = signed.getAlertsList().stream()
                    .filter(a -> a.getKind() == PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_ALLERGY).findFirst().orElseThrow();
            assertThat(kept.getOverrideReason()).isEqualTo("Tolerated a full course in 2024");
            assertThat(kept.getOverriddenByName()).isEqualTo("Dr Amara Okafor");
            assertThat(clinic.count("select count(*) from prescription_alert where prescription_id = ?::uuid and override_reason is not null",
                    p.getPrescriptionId())).isEqualTo(overrides.size());
            List<String> details = clinic.dsl.resultQuery("select detail from audit_entry where action = 'PRESCRIPTION_OVERRIDE' and target_id = ?",
                    p.getPrescriptionId()).fetch(0, String.class);
            assertThat(details).hasSize(overrides.size());
            assertThat(details.getFirst()).contains("kind=ALLERGY").doesNotContainIgnoringCase("amoxicillin")
                    .doesNotContainIgnoringCase("penicillin").doesNotContain("Tolerated");
            assertThat(get(p).getHistoryList()).extracting(PrescriptionHistoryEntry::getWhat)
                    .anyMatch(w -> w.startsWith("Overrode: " + kept.getTitle()));
        }

        @Test
        void theKeptAlertsSayWhichLineAndWhichAllergyOrMedicationTheyConcern() {
            UUID allergy = clinic.allergy("class:penicillins", "Penicillins");
            clinic.services.medications().addIn(clinic.dsl, clinic.okafor.userId(), new NewMedication(Optional.empty(), clinic.patient,
                    Optional.of("lisinopril"), "lisinopril", "10 mg", "tablet", "once daily", Optional.empty(), ""), Source.RECORDED, Optional.empty());
            UUID lisinopril = clinic.dsl.resultQuery("select id from medication where patient_id = ?::uuid and name = 'lisinopril'", clinic.patient)
                    .fetchSingle(0, UUID.class);
            Prescription p = draft(line("metformin", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_TWICE_DAILY, 30).build(), amoxicillin(),
                    line("ibuprofen", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY, 5).build());
            List<PrescriptionOverride> overrides = p.getAlertsList().stream()
                    .filter(a -> a.getSeverity() == PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH)
                    .map(a -> PrescriptionOverride.newBuilder().setAlertKey(a.getAlertKey()).setReason("Tolerated a full course in 2024").build())
                    .toList();

            Prescription signed = sign(p, overrides.toArray(PrescriptionOverride[]::new));
            // Read back as stored, not as the signing call built it.
            GetPrescriptionResponse read = get(signed);

            PrescriptionAlert allergic = read.getPrescription().getAlertsList().stream()
                    .filter(a -> a.getKind() == PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_ALLERGY).findFirst().orElseThrow();
            assertThat(allergic.getLinePositionsList()).containsExactly(2);
            assertThat(allergic.getAllergyId()).isEqualTo(allergy.toString());
            assertThat(allergic.getAllergySubstance()).isEqualTo("Penicillins");
            assertThat(allergic.getConcerns()).isEqualTo("line 2 (amoxicillin) against allergy: Penicillins");
            PrescriptionAlert interaction = read.getPrescription().getAlertsList().stream()
                    .filter(a -> a.getKind() == PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_INTERACTION && !a.getMedicationId().isEmpty())
                    .findFirst().orElseThrow();
            assertThat(interaction.getLinePositionsList()).containsExactly(3);
            assertThat(interaction.getMedicationId()).isEqualTo(lisinopril.toString());
            assertThat(interaction.getMedicationName()).isEqualTo("lisinopril");
            assertThat(interaction.getConcerns()).isEqualTo("line 3 (ibuprofen) against current medication: lisinopril");
            assertThat(clinic.count("select count(*) from prescription_alert where prescription_id = ?::uuid and allergy_id = ?::uuid"
                    + " and allergy_substance = 'Penicillins' and line_positions = '{2}'", p.getPrescriptionId(), allergy)).isEqualTo(1);
            assertThat(read.getHistoryList()).extracting(PrescriptionHistoryEntry::getWhat)
                    .contains("Overrode: " + allergic.getTitle() + " \u2014 line 2 (amoxicillin) against allergy: Penicillins"
                            + " (Tolerated a full course in 2024)");
        }

        @Test
        void anInteractionOverrideIsAuditedByItsRuleIdAlone() {
            clinic.noKnownAllergies();
            Prescription p = draft(line("atazanavir", "capsule", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE_DAILY, 30).build(),
                    line("omeprazole", "capsule", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE_DAILY, 30).build());
            PrescriptionAlert interaction = p.getAlertsList().stream()
                    .filter(a -> a.getKind() == PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_INTERACTION).findFirst().orElseThrow();

            sign(p, PrescriptionOverride.newBuilder().setAlertKey(interaction.getAlertKey()).setReason("HIV clinic advised; dose separated").build());

            assertThat(interaction.getSeverity()).isEqualTo(PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH);
            assertThat(interaction.getLinePositionsList()).containsExactlyInAnyOrder(1, 2);
            assertThat(clinic.dsl.resultQuery("select detail from audit_entry where action = 'PRESCRIPTION_OVERRIDE' and target_id = ?",
                    p.getPrescriptionId()).fetch(0, String.class))
                    .containsExactly("kind=INTERACTION severity=HIGH rule=onc-high-02");
        }

        @Test
        void aSignedPrescriptionsLinesCannotChange() {
            Prescription p = signedAmoxicillin();

            Throwable update = catchThrowable(() -> okafor.updatePrescriptionDraft(UpdatePrescriptionDraftRequest.newBuilder()
                    .setPrescriptionId(p.getPrescriptionId()).setExpectedVersion(p.getVersion()).addLines(amoxicillin()).build()));
            Throwable direct = catchThrowable(() -> clinic.dsl.execute("update prescription_line set dose_amount = 2 where prescription_id = ?::uuid",
                    p.getPrescriptionId()));

            assertThat(Calls.code(update)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(direct).hasMessageContaining("cannot change");
            assertThat(get(p).getPrescription().getLines(0).getInput().getDoseAmount()).isEqualTo("1");
        }

        @Test
        void onlyThePrescriberSigns() {
            clinic.noKnownAllergies();
            Prescription p = draft(amoxicillin());

            Throwable t = catchThrowable(() -> clinic.prescriptions("lindqvist").signPrescription(SignPrescriptionRequest.newBuilder()
                    .setPrescriptionId(p.getPrescriptionId()).setExpectedVersion(1).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.PERMISSION_DENIED);
        }

        @Test
        void anEmptyDraftCannotBeSigned() {
            Prescription p = draft();

            Throwable t = catchThrowable(() -> sign(p));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        }

        @Test
        void twentyConcurrentSignaturesOfOneDraftLetOneWin() throws Exception {
            clinic.noKnownAllergies();
            Prescription p = draft(amoxicillin());

            List<Status.Code> codes = ChartListsClinic.concurrently(20, () -> sign(p));

            assertThat(codes).isSubsetOf(Status.Code.OK, Status.Code.ABORTED, Status.Code.FAILED_PRECONDITION);
            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
            assertThat(currentMedications()).hasSize(1);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancellingASignedPrescriptionStopsItsMedications() {
            Prescription p = signedAmoxicillin();

            Prescription cancelled = okafor.cancelPrescription(CancelPrescriptionRequest.newBuilder().setPrescriptionId(p.getPrescriptionId())
                    .setExpectedVersion(p.getVersion()).setReason("Wrong patient's strength").build()).getPrescription();

            assertThat(cancelled.getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_CANCELLED);
            assertThat(cancelled.getCancelReason()).isEqualTo("Wrong patient's strength");
            assertThat(currentMedications()).isEmpty();
            assertThat(clinic.medications("okafor").listMedications(ListMedicationsRequest.newBuilder().setPatientId(clinic.patient.toString())
                    .setFilter(MedicationFilter.MEDICATION_FILTER_PAST).build()).getMedications(0).getStatus())
                    .isEqualTo(MedicationStatus.MEDICATION_STATUS_STOPPED);
            assertThat(get(p).getHistoryList()).extracting(PrescriptionHistoryEntry::getWhat).last()
                    .isEqualTo("Cancelled: Wrong patient's strength");
        }

        @Test
        void aPrescriptionWithSomethingDispensedCannotBeCancelled() {
            Prescription p = signedAmoxicillin();
            Prescription dispensed = okafor.recordDispense(dispense(p, "21").build()).getPrescription();

            Throwable t = catchThrowable(() -> okafor.cancelPrescription(CancelPrescriptionRequest.newBuilder()
                    .setPrescriptionId(p.getPrescriptionId()).setExpectedVersion(dispensed.getVersion()).setReason("Changed my mind").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        }

        @Test
        void aCancellationNeedsAReason() {
            Prescription p = draft(amoxicillin());

            Throwable t = catchThrowable(() -> okafor.cancelPrescription(CancelPrescriptionRequest.newBuilder()
                    .setPrescriptionId(p.getPrescriptionId()).setExpectedVersion(1).build()));

            assertThat(Calls.badFields(t)).containsExactly("reason");
        }
    }

    @Nested
    class Renewing {

        @Test
        void aRenewalIsANewDraftWithTheOriginalsLinesCheckedAgain() {
            Prescription p = signedAmoxicillin();

            Prescription renewal = clinic.prescriptions("lindqvist").renewPrescription(RenewPrescriptionRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setPrescriptionId(p.getPrescriptionId()).build()).getPrescription();

            assertThat(renewal.getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT);
            assertThat(renewal.getRenewalOf()).isEqualTo(p.getPrescriptionId());
            assertThat(renewal.getPrescriberName()).isEqualTo("Dr Lena Lindqvist");
            assertThat(renewal.getLinesList()).extracting(PrescriptionLine::getSig).containsExactly("1 capsule three times daily for 7 days");
            assertThat(renewal.getLinesList()).extracting(l -> l.getInput().getInstructions()).containsExactly("Take with food");
            assertThat(get(p).getHistoryList()).extracting(PrescriptionHistoryEntry::getWhat).contains("Renewed as a new prescription");
        }

        @Test
        void aDraftCannotBeRenewed() {
            Prescription p = draft(amoxicillin());

            Throwable t = catchThrowable(() -> okafor.renewPrescription(RenewPrescriptionRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setPrescriptionId(p.getPrescriptionId()).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        }
    }

    @Nested
    class Dispensing {

        @Test
        void dispensingPartlyThenFullyMovesTheStatus() {
            Prescription p = signedAmoxicillin();

            Prescription partly = okafor.recordDispense(dispense(p, "10").build()).getPrescription();
            Prescription fully = okafor.recordDispense(dispense(p, "11").setSource(DispenseSource.DISPENSE_SOURCE_PATIENT).build()).getPrescription();

            assertThat(partly.getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED);
            assertThat(partly.getLines(0).getDispensedQuantity()).isEqualTo("10");
            assertThat(fully.getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_DISPENSED);
            assertThat(get(p).getHistoryList()).extracting(PrescriptionHistoryEntry::getWhat)
                    .contains("Dispensed 10 capsule of amoxicillin", "Dispensed 11 capsule of amoxicillin");
        }

        @Test
        void moreThanQuantityTimesOnePlusRefillsIsRefused() {
            clinic.noKnownAllergies();
            Prescription p = sign(draft(amoxicillin().toBuilder().setRefills(1).build()));
            okafor.recordDispense(dispense(p, "21").build());
            okafor.recordDispense(dispense(p, "20").build());

            Throwable t = catchThrowable(() -> okafor.recordDispense(dispense(p, "2").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(Calls.message(t)).contains("at most 42");
        }

        @Test
        void theDatabaseRefusesADispensingPastTheLimitWhoeverWritesIt() {
            Prescription p = signedAmoxicillin();
            okafor.recordDispense(dispense(p, "20").build());

            Throwable t = catchThrowable(() -> clinic.dsl.query("""
                    insert into prescription_dispense (prescription_id, line_id, dispensed_on, quantity, source, recorded_by, recorded_at)
                    select prescription_id, id, current_date, 2, 'PHARMACY', ?::uuid, now() from prescription_line where prescription_id = ?::uuid""",
                    clinic.okafor.userId(), UUID.fromString(p.getPrescriptionId())).execute());

            assertThat(t).hasMessageContaining("prescription_dispense_limit");
            assertThat(get(p).getPrescription().getLines(0).getDispensedQuantity()).isEqualTo("20");
        }

        @Test
        void aRetryWithTheSameRequestIdIsCountedOnce() {
            Prescription p = signedAmoxicillin();
            RecordDispenseRequest request = dispense(p, "5").build();

            okafor.recordDispense(request);
            Prescription again = okafor.recordDispense(request).getPrescription();

            assertThat(again.getLines(0).getDispensedQuantity()).isEqualTo("5");
        }

        @Test
        void aFutureDateOrOneBeforeSigningIsRefusedNamingTheDate() {
            Prescription p = signedAmoxicillin();

            Throwable future = catchThrowable(() -> okafor.recordDispense(dispense(p, "5").setDispensedOn("2026-11-25").build()));
            Throwable before = catchThrowable(() -> okafor.recordDispense(dispense(p, "5").setDispensedOn("2026-11-23").build()));
            Throwable quantity = catchThrowable(() -> okafor.recordDispense(dispense(p, "0").build()));

            assertThat(Calls.badFields(future)).containsExactly("dispensed_on");
            assertThat(Calls.badFields(before)).containsExactly("dispensed_on");
            assertThat(Calls.badFields(quantity)).containsExactly("quantity");
        }

        @Test
        void aDraftIsNotDispensed() {
            Prescription p = draft(amoxicillin());

            Throwable t = catchThrowable(() -> okafor.recordDispense(dispense(p, "5").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        }

        @Test
        void twentyConcurrentDispensingsNeverExceedTheLimit() throws Exception {
            Prescription p = signedAmoxicillin();

            List<Status.Code> codes = ChartListsClinic.concurrently(20, () -> okafor.recordDispense(dispense(p, "5").build()));

            assertThat(codes).containsOnly(Status.Code.OK, Status.Code.FAILED_PRECONDITION);
            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(4);
            assertThat(get(p).getPrescription().getLines(0).getDispensedQuantity()).isEqualTo("20");
        }
    }

    @Nested
    class ExpiryListsAndAdherence {

        @Test
        void aSignedPrescriptionPastItsValidityReadsAsExpiredAndLeavesTheOpenList() {
            Prescription p = signedAmoxicillin();

            clinic.advance(Duration.ofDays(31));
            PrescriptionServiceBlockingStub later = clinic.prescriptions("okafor");

            assertThat(later.getPrescription(GetPrescriptionRequest.newBuilder().setPrescriptionId(p.getPrescriptionId()).build())
                    .getPrescription().getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_EXPIRED);
            assertThat(later.listPrescriptions(ListPrescriptionsRequest.newBuilder().setPatientId(clinic.patient.toString()).build())
                    .getPrescriptionsList()).isEmpty();
            assertThat(later.listPrescriptions(ListPrescriptionsRequest.newBuilder().setPatientId(clinic.patient.toString())
                    .setIncludeClosed(true).build()).getPrescriptionsList()).extracting(PrescriptionSummary::getStatus)
                    .containsExactly(PrescriptionStatus.PRESCRIPTION_STATUS_EXPIRED);
        }

        @Test
        void theListIsNewestFirstWithTheDrugs() {
            clinic.noKnownAllergies();
            Prescription first = draft(amoxicillin());
            clinic.advance(Duration.ofMinutes(5));
            Prescription second = clinic.prescriptions("okafor").createPrescription(create(line("acetaminophen", "tablet", TWICE, 3).build()).build())
                    .getPrescription();

            List<PrescriptionSummary> list = clinic.prescriptions("okafor").listPrescriptions(ListPrescriptionsRequest.newBuilder()
                    .setPatientId(clinic.patient.toString()).build()).getPrescriptionsList();

            assertThat(list).extracting(PrescriptionSummary::getPrescriptionId).containsExactly(second.getPrescriptionId(), first.getPrescriptionId());
            assertThat(list.get(1).getDrugs()).isEqualTo("amoxicillin 500 mg capsule");
        }

        @Test
        void adherenceIsTheProportionOfDaysCoveredByWhatWasDispensed() {
            Prescription p = signedAmoxicillin();
            okafor.recordDispense(dispense(p, "21").build());

            clinic.advance(Duration.ofDays(13));
            var drugs = clinic.prescriptions("okafor").getAdherence(GetAdherenceRequest.newBuilder().setPatientId(clinic.patient.toString())
                    .setDays(30).build()).getDrugsList();

            assertThat(drugs).hasSize(1);
            assertThat(drugs.getFirst().getDaysCovered()).isEqualTo(7);
            assertThat(drugs.getFirst().getDaysInPeriod()).isEqualTo(14);
            assertThat(drugs.getFirst().getProportionCovered()).isEqualTo(0.5);
            assertThat(drugs.getFirst().getSupplyUntil()).isEqualTo("2026-11-30");
            assertThat(drugs.getFirst().getDispenseCount()).isEqualTo(1);
        }

        @Test
        void anAdherencePeriodOutOfRangeIsRefused() {
            Throwable t = catchThrowable(() -> okafor.getAdherence(GetAdherenceRequest.newBuilder().setPatientId(clinic.patient.toString())
                    .setDays(731).build()));

            assertThat(Calls.badFields(t)).containsExactly("days");
        }
    }
}
