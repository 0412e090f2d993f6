package org.medconnect.desktop.chart.allergy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.chart.coding.CodeChoice;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.testing.StaffedClinic;
import org.medconnect.proto.chart.v1.AllergyCategory;
import org.medconnect.proto.chart.v1.AllergySeverity;

/** The allergy form against a real server: the substance comes from the drug catalogue, or is typed and marked not coded. */
class AllergiesViewModelTest {

    static StaffedClinic clinic;
    static ServerConnection nurse;
    static int patients;
    java.util.UUID patient;
    AllergiesViewModel model;

    @BeforeAll
    static void start() {
        clinic = new StaffedClinic();
        nurse = clinic.signedIn("n.patel");
    }

    @AfterAll
    static void stop() {
        nurse.close();
        clinic.close();
    }

    @BeforeEach
    void fresh() {
        patient = clinic.checkedIn("Test", "Patient" + (++patients));
        model = new AllergiesViewModel(nurse, StaffedClinic.calls(nurse), patient.toString());
        model.load();
    }

    private String storedCode(String substance) {
        return clinic.dsl.resultQuery("select coalesce(substance_code, '') from allergy where patient_id = ? and substance = ?", patient, substance)
                .fetchSingle(0, String.class);
    }

    @Nested
    class PickedFromTheCatalogue {

        @Test
        void aDrugClassIsStoredByItsKeyForThePrescriptionChecks() {
            model.substance().queryProperty().set("penicillins");
            model.substance().search();
            CodeChoice penicillins = model.substance().results().stream().filter(c -> c.key().equals("class:penicillins")).findFirst().orElseThrow();
            model.substance().choose(penicillins);
            assertThat(model.categoryProperty().get()).isEqualTo(AllergyCategory.ALLERGY_CATEGORY_DRUG_CLASS);
            assertThat(model.notCodedProperty().get()).isFalse();
            model.reactionProperty().set("Hives");
            model.severityProperty().set(AllergySeverity.ALLERGY_SEVERITY_SEVERE);

            model.add();

            assertThat(model.problemProperty().get()).isEmpty();
            assertThat(model.noticeProperty().get()).isEqualTo("Recorded: allergy to Penicillins.");
            assertThat(storedCode("Penicillins")).isEqualTo("class:penicillins");
            assertThat(model.allergies()).singleElement().satisfies(a -> assertThat(a.getSubstanceCode()).isEqualTo("class:penicillins"));
            assertThat(model.substance().chosen()).as("the form is empty for the next one").isEmpty();
            assertThat(model.substance().queryProperty().get()).isEmpty();
        }

        @Test
        void anIngredientIsADrug() {
            model.substance().queryProperty().set("amoxicillin");
            model.substance().search();
            model.substance().choose(model.substance().results().stream().filter(c -> c.key().equals("amoxicillin")).findFirst().orElseThrow());
            assertThat(model.categoryProperty().get()).isEqualTo(AllergyCategory.ALLERGY_CATEGORY_DRUG);
            model.add();
            assertThat(model.problemProperty().get()).isEmpty();
            assertThat(model.allergies()).singleElement().satisfies(a -> {
                assertThat(a.getSubstanceCode()).isEqualTo("amoxicillin");
                assertThat(storedCode(a.getSubstance())).isEqualTo("amoxicillin");
            });
        }
    }

    @Nested
    class TypedAsFreeText {

        @Test
        void isMarkedNotCodedAndStoredWithoutACode() {
            model.substance().queryProperty().set("Grandma's herbal tonic");
            model.substance().useTyped();
            assertThat(model.notCodedProperty().get()).isTrue();
            model.categoryProperty().set(AllergyCategory.ALLERGY_CATEGORY_OTHER);

            model.add();

            assertThat(model.problemProperty().get()).isEmpty();
            assertThat(storedCode("Grandma's herbal tonic")).isEmpty();
            assertThat(AllergiesViewModel.substanceText(model.allergies().getFirst())).isEqualTo("Grandma's herbal tonic");
        }

        @Test
        void aTypedDrugSaysItIsNotCodedInTheList() {
            model.substance().queryProperty().set("Brand X cough syrup");
            model.substance().useTyped();
            model.categoryProperty().set(AllergyCategory.ALLERGY_CATEGORY_DRUG);
            model.add();
            assertThat(AllergiesViewModel.substanceText(model.allergies().getFirst())).isEqualTo("Brand X cough syrup (not coded)");
        }

        @Test
        void textThatWasNeitherPickedNorKeptAsTypedIsNotSent() {
            model.substance().queryProperty().set("penicil");
            model.add();
            assertThat(model.problemProperty().get()).startsWith("Pick the substance from the list");
            assertThat(model.allergies()).isEmpty();
            assertThat(clinic.dsl.fetchCount(clinic.dsl.selectFrom("allergy").where("patient_id = ?", patient))).isZero();
            assertThat(model.substance().queryProperty().get()).as("what was typed stays").isEqualTo("penicil");
        }
    }

    @Nested
    class Corrections {

        private org.medconnect.proto.chart.v1.Allergy recordPenicillins() {
            model.substance().queryProperty().set("penicillins");
            model.substance().search();
            model.substance().choose(model.substance().results().stream().filter(c -> c.key().equals("class:penicillins")).findFirst().orElseThrow());
            model.reactionProperty().set("Hives");
            model.add();
            return model.allergies().getFirst();
        }

        @Test
        void aStaleEditSaysWhoChangedItAndKeepsWhatWasTyped() {
            var allergy = recordPenicillins();
            model.selectedProperty().set(allergy);
            model.editReactionProperty().set("Hives and wheeze");
            model.editSeverityProperty().set(AllergySeverity.ALLERGY_SEVERITY_SEVERE);
            // Meanwhile Dr Okafor corrects the same allergy on his workstation.
            ServerConnection doctor = clinic.signedIn("a.okafor");
            try {
                doctor.allergies().updateAllergy(org.medconnect.proto.chart.v1.UpdateAllergyRequest.newBuilder().setAllergyId(allergy.getId())
                        .setExpectedVersion(allergy.getVersion()).setCategory(allergy.getCategory()).setReaction("Urticaria")
                        .setSeverity(AllergySeverity.ALLERGY_SEVERITY_MODERATE).setStatus(allergy.getStatus()).build());
            } finally {
                doctor.close();
            }

            model.save();

            assertThat(model.editProblemProperty().get()).startsWith("Changed by Dr Amara Okafor at ").contains("reload to see it.");
            assertThat(model.editReactionProperty().get()).isEqualTo("Hives and wheeze");
            assertThat(model.editSeverityProperty().get()).isEqualTo(AllergySeverity.ALLERGY_SEVERITY_SEVERE);
            assertThat(model.allergies().getFirst().getReaction()).as("the list shows the other change").isEqualTo("Urticaria");

            model.save(); // on top of the version just read

            assertThat(model.editProblemProperty().get()).isEmpty();
            assertThat(model.allergies().getFirst().getReaction()).isEqualTo("Hives and wheeze");
            assertThat(model.allergies().getFirst().getVersion()).isEqualTo(3);
        }

        @Test
        void enteredInErrorNeedsAReasonThenLeavesTheListAndShowsOnlyWhenAskedFor() {
            var allergy = recordPenicillins();
            model.selectedProperty().set(allergy);

            model.markEnteredInError();
            assertThat(model.editProblemProperty().get()).isEqualTo("Say why this allergy was entered in error.");
            assertThat(model.allergies()).hasSize(1);

            model.errorReasonProperty().set("Recorded on the wrong patient");
            model.markEnteredInError();

            assertThat(model.editProblemProperty().get()).isEmpty();
            assertThat(model.allergies()).isEmpty();
            assertThat(model.noticeProperty().get()).isEqualTo("Entered in error: allergy to Penicillins.");

            model.showEnteredInErrorProperty().set(true);
            assertThat(model.allergies()).singleElement().satisfies(a -> {
                assertThat(a.getStatus()).isEqualTo(org.medconnect.proto.chart.v1.AllergyStatus.ALLERGY_STATUS_ENTERED_IN_ERROR);
                assertThat(a.getErrorReason()).isEqualTo("Recorded on the wrong patient");
            });
            model.selectedProperty().set(model.allergies().getFirst());
            assertThat(model.canCorrectProperty().get()).as("an entry in error cannot be corrected again").isFalse();
        }
    }
}
