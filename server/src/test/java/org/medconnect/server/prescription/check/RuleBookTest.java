package org.medconnect.server.prescription.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
