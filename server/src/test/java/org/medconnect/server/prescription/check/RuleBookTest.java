package org.medconnect.server.prescription.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.medconnect.server.chart.coding.DrugCatalogue;
import org.medconnect.server.prescription.check.DrugChecks.Alert;
import org.medconnect.server.prescription.check.DrugChecks.AllergyState;
import org.medconnect.server.prescription.check.DrugChecks.CurrentMedication;
import org.medconnect.server.prescription.check.DrugChecks.Input;
import org.medconnect.server.prescription.check.DrugChecks.Kind;
import org.medconnect.server.prescription.check.DrugChecks.KnownAllergy;
import org.medconnect.server.prescription.check.DrugChecks.Line;
import org.medconnect.server.prescription.check.DrugChecks.Severity;

/** The shipped rule set: the ONC pairs, allergies, duplicates and what is not checked (decision 0037). */
class RuleBookTest {

    static final DrugCatalogue CATALOGUE = DrugCatalogue.load();
    static final RuleBook RULES = RuleBook.load(CATALOGUE);

    static Line line(int position, String ingredient) {
        return new Line(position, ingredient, List.of(ingredient));
    }

    static CurrentMedication medication(String ingredient) {
        return new CurrentMedication(UUID.nameUUIDFromBytes(ingredient.getBytes()), ingredient, List.of(ingredient));
    }

    static List<Alert> check(List<Line> lines, List<CurrentMedication> medications) {
        return RULES.check(new Input(lines, medications, AllergyState.NO_KNOWN_ALLERGIES, List.of()));
    }

    static List<Alert> check(String... ingredients) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < ingredients.length; i++) {
            lines.add(line(i + 1, ingredients[i]));
        }
        return check(lines, List.of());
    }

    static List<Alert> withRule(List<Alert> alerts, String ruleId) {
        return alerts.stream().filter(a -> a.key().startsWith("interaction:" + ruleId + ":")).toList();
    }

    @Nested
    class TheOncHighPriorityPairs {

        /** One representative pair per row of Phansalkar 2012, Table 2. */
        static Stream<String[]> pairs() {
            return Stream.of(
                    new String[] {"onc-high-01", "methylphenidate", "phenelzine"},
                    new String[] {"onc-high-02", "atazanavir", "omeprazole"},
                    new String[] {"onc-high-03", "febuxostat", "azathioprine"},
                    new String[] {"onc-high-04", "fluoxetine", "selegiline"},
                    new String[] {"onc-high-05", "irinotecan", "ketoconazole"},
                    new String[] {"onc-high-06", "meperidine", "tranylcypromine"},
                    new String[] {"onc-high-07", "amitriptyline", "phenelzine"},
                    new String[] {"onc-high-08", "azithromycin", "ondansetron"},
                    new String[] {"onc-high-09", "ramelteon", "fluvoxamine"},
                    new String[] {"onc-high-10", "rifampin", "darunavir"},
                    new String[] {"onc-high-11", "simvastatin", "clarithromycin"},
                    new String[] {"onc-high-12", "ergotamine", "ritonavir"},
                    new String[] {"onc-high-13", "tizanidine", "ciprofloxacin"},
                    new String[] {"onc-high-14", "tranylcypromine", "procarbazine"},
                    new String[] {"onc-high-15", "sumatriptan", "phenelzine"});
        }

        @ParameterizedTest(name = "{0}: {1} + {2} on one prescription")
        @MethodSource("pairs")
        void fireOnceAsHighWithinThePrescriptionInEitherOrder(String rule, String a, String b) {
            for (List<Alert> alerts : List.of(check(a, b), check(b, a))) {
                assertThat(withRule(alerts, rule)).singleElement().satisfies(alert -> {
                    assertThat(alert.kind()).isEqualTo(Kind.INTERACTION);
                    assertThat(alert.severity()).isEqualTo(Severity.HIGH);
                    assertThat(alert.linePositions()).containsExactly(1, 2);
                    assertThat(alert.source()).contains("Phansalkar").contains("2012");
                    assertThat(alert.consequence()).isNotBlank();
                    assertThat(alert.action()).isNotBlank();
                });
            }
            assertThat(withRule(check(a, b), rule).getFirst().key()).isEqualTo(withRule(check(b, a), rule).getFirst().key());
        }

        @ParameterizedTest(name = "{0}: {1} + {2} against the medication list")
        @MethodSource("pairs")
        void fireOnceAsHighAgainstTheCurrentMedicationInEitherDirection(String rule, String a, String b) {
            List<Alert> aPrescribed = check(List.of(line(1, a)), List.of(medication(b)));
            List<Alert> bPrescribed = check(List.of(line(1, b)), List.of(medication(a)));
            assertThat(withRule(aPrescribed, rule)).singleElement().satisfies(alert -> {
                assertThat(alert.severity()).isEqualTo(Severity.HIGH);
                assertThat(alert.linePositions()).containsExactly(1);
                assertThat(alert.medicationId()).contains(medication(b).id());
            });
            assertThat(withRule(bPrescribed, rule)).singleElement()
                    .satisfies(alert -> assertThat(alert.medicationId()).contains(medication(a).id()));
        }

        @Test
        void areFifteenHighRules() {
            assertThat(RULES.interactionRules()).filteredOn(r -> r.severity() == Severity.HIGH).hasSize(15)
                    .allSatisfy(r -> assertThat(r.source()).contains("J Am Med Inform Assoc 2012;19(5):735-743"));
        }
    }

    @Nested
    class TheRuleFiles {

        @Test
        void loadAndNameOnlyKeysTheCatalogueHas() {
            assertThat(RULES.interactionRules()).allSatisfy(r -> {
                assertThat(r.sideA()).allSatisfy(k -> assertThat(CATALOGUE.find(k)).as(r.id() + " " + k).isPresent());
                assertThat(r.sideB()).allSatisfy(k -> assertThat(CATALOGUE.find(k)).as(r.id() + " " + k).isPresent());
            });
            assertThat(RULES.allergyClassRules()).allSatisfy(r -> assertThat(CATALOGUE.find(r.classKey())).isPresent());
            assertThat(RULES.crossClassRules()).allSatisfy(r -> {
                assertThat(r.allergySide()).allSatisfy(k -> assertThat(CATALOGUE.find(k)).isPresent());
                assertThat(r.drugSide()).allSatisfy(k -> assertThat(CATALOGUE.find(k)).isPresent());
            });
            assertThat(RULES.duplicateClassRules()).allSatisfy(r -> assertThat(CATALOGUE.find(r.classKey())).isPresent());
        }
    }

    @Nested
    class OrdinaryPairs {

        @ParameterizedTest(name = "{0} + {1}")
        @CsvSource({
                "lisinopril, amlodipine",
                "metformin, atorvastatin",
                "metformin, lisinopril",
                "levothyroxine, metformin",
                "losartan, hydrochlorothiazide",
                "amoxicillin, acetaminophen",
                "omeprazole, metformin",
                "sertraline, metformin",
                "albuterol, montelukast",
                "gabapentin, acetaminophen",
                "prednisone, albuterol",
                "cetirizine, fluticasone",
                "tamsulosin, finasteride",
                "insulin glargine, metformin",
                "furosemide, potassium chloride",
                "atorvastatin, amlodipine"})
        void raiseNothing(String a, String b) {
            assertThat(check(a, b)).isEmpty();
            assertThat(check(List.of(line(1, a)), List.of(medication(b)))).isEmpty();
        }
    }

    @Nested
    class EachAlertOnce {

        @Test
        void aDrugInSeveralRulesRaisesEachRuleOnce() {
            List<Alert> alerts = check("amiodarone", "simvastatin", "tizanidine", "ramelteon", "azithromycin");
            assertThat(alerts).filteredOn(a -> a.kind() == Kind.INTERACTION).extracting(a -> a.key().split(":")[1])
                    .containsExactlyInAnyOrder("onc-high-08", "onc-high-09", "onc-high-11", "onc-high-13");
            assertThat(alerts).extracting(Alert::key).doesNotHaveDuplicates();
        }

        @Test
        void aPairMatchedThroughSeveralSidesOfOneRuleIsOneAlert() {
            // Citalopram and clarithromycin are both QT-prolonging: the rule's two sides match both ways.
            assertThat(withRule(check("citalopram", "clarithromycin"), "onc-high-08")).hasSize(1);
            // Warfarin is both class:anticoagulants and named; dipyridamole is named: one alert each pair.
            assertThat(withRule(check("warfarin", "prednisone"), "onc-low-17")).hasSize(1);
        }

        @Test
        void twoIdenticalLinesMakeOneAlertNamingBoth() {
            List<Alert> alerts = check("simvastatin", "clarithromycin", "simvastatin");
            assertThat(withRule(alerts, "onc-high-11")).singleElement()
                    .satisfies(a -> assertThat(a.linePositions()).containsExactly(1, 2, 3));
        }

        @Test
        void highComesFirstInAStableOrder() {
            List<Alert> alerts = check("lisinopril", "ibuprofen", "simvastatin", "clarithromycin");
            assertThat(alerts.getFirst().severity()).isEqualTo(Severity.HIGH);
            assertThat(alerts).isSortedAccordingTo(java.util.Comparator.comparing(Alert::severity));
            assertThat(check("lisinopril", "ibuprofen", "simvastatin", "clarithromycin")).isEqualTo(alerts);
        }
    }

    @Nested
    class NonInterruptivePairs {

        @Test
        void anAceInhibitorWithAnNsaidIsLowAndCitesThe2013Panel() {
            assertThat(withRule(check("lisinopril", "ibuprofen"), "onc-low-33")).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.LOW);
                assertThat(a.source()).contains("2013;20(3):489-493");
            });
            assertThat(check("lisinopril", "ibuprofen")).noneMatch(a -> a.severity() == Severity.HIGH);
        }

        @Test
        void everyNonInterruptiveRuleIsLow() {
            assertThat(RULES.interactionRules()).filteredOn(r -> r.id().startsWith("onc-low-"))
                    .isNotEmpty().allSatisfy(r -> assertThat(r.severity()).isEqualTo(Severity.LOW));
        }
    }

    @Nested
    class Allergies {

        static final UUID ALLERGY = UUID.fromString("00000000-0000-0000-0000-00000000a11e");

        List<Alert> withAllergy(String substanceKey, String... ingredients) {
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < ingredients.length; i++) {
                lines.add(line(i + 1, ingredients[i]));
            }
            KnownAllergy allergy = new KnownAllergy(ALLERGY, Optional.of(substanceKey), substanceKey, "SEVERE");
            return RULES.check(new Input(lines, List.of(), AllergyState.RECORDED, List.of(allergy)));
        }

        @Test
        void aPenicillinClassAllergyCatchesAmoxicillin() {
            assertThat(withAllergy("class:penicillins", "amoxicillin")).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(Kind.ALLERGY);
                assertThat(a.severity()).isEqualTo(Severity.HIGH);
                assertThat(a.allergyId()).contains(ALLERGY);
                assertThat(a.linePositions()).containsExactly(1);
            });
        }

        @Test
        void anIngredientAllergyCatchesThatIngredient() {
            assertThat(withAllergy("amoxicillin", "amoxicillin")).singleElement()
                    .satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.HIGH));
        }

        @Test
        void anAmoxicillinAllergyFlagsAmpicillinAsCrossSensitivity() {
            assertThat(withAllergy("amoxicillin", "ampicillin")).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(Kind.ALLERGY);
                assertThat(a.title()).contains("cross-sensitivity");
                assertThat(a.consequence()).contains("Penicillins");
            });
        }

        @Test
        void aPenicillinAllergyFlagsACephalosporinAsModerate() {
            assertThat(withAllergy("amoxicillin", "cephalexin")).singleElement()
                    .satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.MODERATE));
        }

        @Test
        void anUnrelatedDrugRaisesNoAllergyAlert() {
            assertThat(withAllergy("amoxicillin", "metformin")).isEmpty();
            assertThat(withAllergy("class:penicillins", "azithromycin")).isEmpty();
        }

        @Test
        void aFreeTextAllergyIsMarkedNotChecked() {
            KnownAllergy freeText = new KnownAllergy(ALLERGY, Optional.empty(), "the pink antibiotic", "MILD");
            List<Alert> alerts = RULES.check(new Input(List.of(line(1, "amoxicillin")), List.of(), AllergyState.RECORDED, List.of(freeText)));
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(Kind.NOT_CHECKED);
                assertThat(a.severity()).isEqualTo(Severity.LOW);
            });
        }

        @Test
        void allergiesNeverAskedAreAnAlert() {
            List<Alert> alerts = RULES.check(new Input(List.of(line(1, "metformin")), List.of(), AllergyState.NOT_ASKED, List.of()));
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(Kind.ALLERGIES_NOT_RECORDED);
                assertThat(a.severity()).isEqualTo(Severity.MODERATE);
            });
            assertThat(RULES.check(new Input(List.of(line(1, "metformin")), List.of(), AllergyState.NO_KNOWN_ALLERGIES, List.of()))).isEmpty();
        }
    }

    @Nested
    class DuplicateTherapy {

        @Test
        void theSameIngredientTwiceIsADuplicate() {
            assertThat(check("metformin", "metformin")).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(Kind.DUPLICATE_THERAPY);
                assertThat(a.linePositions()).containsExactly(1, 2);
            });
            assertThat(check(List.of(line(1, "metformin")), List.of(medication("metformin")))).singleElement()
                    .satisfies(a -> assertThat(a.medicationId()).contains(medication("metformin").id()));
        }

        @ParameterizedTest(name = "{0} + {1}")
        @CsvSource({"sertraline, fluoxetine", "omeprazole, pantoprazole", "atorvastatin, rosuvastatin", "lisinopril, enalapril",
                "losartan, valsartan", "ibuprofen, naproxen", "lorazepam, diazepam", "oxycodone, morphine"})
        void twoMembersOfADuplicationClassAreADuplicate(String a, String b) {
            assertThat(check(a, b)).filteredOn(x -> x.kind() == Kind.DUPLICATE_THERAPY).singleElement()
                    .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.MODERATE));
        }
    }

    @Nested
    class FreeText {

        @Test
        void aDrugThatMatchesNothingIsNotCheckedNeverSilentlyPassed() {
            List<Alert> alerts = check(List.of(new Line(1, "Grandma's tonic", List.of()), line(2, "metformin")), List.of());
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(Kind.NOT_CHECKED);
                assertThat(a.severity()).isEqualTo(Severity.LOW);
                assertThat(a.title()).contains("Not checked");
                assertThat(a.linePositions()).containsExactly(1);
            });
        }

        @Test
        void aKeyTheCatalogueLacksIsNotCheckedToo() {
            assertThat(check(List.of(new Line(1, "Unobtainium", List.of("unobtainium"))), List.of()))
                    .singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo(Kind.NOT_CHECKED));
        }

        @Test
        void aFreeTextCurrentMedicationIsNotChecked() {
            CurrentMedication herbal = new CurrentMedication(UUID.randomUUID(), "St John's wort", List.of());
            assertThat(check(List.of(line(1, "darunavir")), List.of(herbal))).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(Kind.NOT_CHECKED);
                assertThat(a.medicationId()).contains(herbal.id());
            });
        }
    }
}
