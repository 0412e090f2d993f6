package org.medconnect.desktop.chart.prescription.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.chart.prescription.FakePrescriptionServer;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;

class PrescriptionEditorViewModelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);

    final FakePrescriptionServer server = FakePrescriptionServer.withEmptyDraft();
    final ManualDelay delay = new ManualDelay();
    final PrescriptionEditorViewModel model = new PrescriptionEditorViewModel(server.connection(), server.calls(), CLOCK, delay,
            "patient-1", FakePrescriptionServer.ID);

    @BeforeEach
    void open() {
        model.load();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void pickAmoxicillin() {
        model.drugQueryProperty().set("amox");
        model.choose(model.matches().getFirst());
    }

    private void writeAmoxicillinLine() {
        pickAmoxicillin();
        model.useCommonForm("500 MG Oral Capsule");
        model.frequencyProperty().set(PrescriptionFrequency.PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY);
        model.durationDaysProperty().set("7");
        model.saveLine();
    }

    @Nested
    class QuantityPreview {

        @Test
        void followsDoseTimesFrequencyTimesDaysAsTheDoctorTypes() {
            model.doseAmountProperty().set("2");
            model.frequencyProperty().set(PrescriptionFrequency.PRESCRIPTION_FREQUENCY_TWICE_DAILY);
            model.durationDaysProperty().set("10");
            assertThat(model.quantityProperty().get()).isEqualTo("40");

            model.doseAmountProperty().set("0.5");
            assertThat(model.quantityProperty().get()).isEqualTo("10");
            assertThat(model.quantityOverriddenProperty().get()).isFalse();
        }

        @Test
        void aSingleDoseIsTheDoseAndWeeklyCountsStartedWeeks() {
            model.doseAmountProperty().set("3");
            model.frequencyProperty().set(PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE);
            assertThat(model.quantityProperty().get()).isEqualTo("3");

            model.doseAmountProperty().set("1");
            model.frequencyProperty().set(PrescriptionFrequency.PRESCRIPTION_FREQUENCY_WEEKLY);
            model.durationDaysProperty().set("29");
            assertThat(model.quantityProperty().get()).isEqualTo("5");
        }

        @Test
        void aTypedQuantityIsKeptAsAnOverrideUntilTheDoctorGoesBackToComputed() {
            pickAmoxicillin();
            model.doseUnitProperty().set("capsule");
            model.frequencyProperty().set(PrescriptionFrequency.PRESCRIPTION_FREQUENCY_TWICE_DAILY);
            model.durationDaysProperty().set("7");
            model.quantityProperty().set("20");
            model.durationDaysProperty().set("10");

            assertThat(model.quantityOverriddenProperty().get()).isTrue();
            assertThat(model.quantityProperty().get()).isEqualTo("20");
            assertThat(model.computedQuantityProperty().get()).isEqualTo("20");
            assertThat(model.lineFromForm()).get().satisfies(line -> assertThat(line.getQuantity()).isEqualTo("20"));

            model.durationDaysProperty().set("14");
            model.useComputedQuantity();

            assertThat(model.quantityOverriddenProperty().get()).isFalse();
            assertThat(model.quantityProperty().get()).isEqualTo("28");
            assertThat(model.lineFromForm()).get().satisfies(line -> assertThat(line.getQuantity())
                    .as("a computed quantity is left for the server to compute").isEmpty());
        }

        @Test
        void unreadableInputShowsNoQuantityAndTheLineIsRefusedNamingTheField() {
            pickAmoxicillin();
            model.doseUnitProperty().set("capsule");
            model.durationDaysProperty().set("400");

            assertThat(model.quantityProperty().get()).isEmpty();
            model.saveLine();
            assertThat(model.formErrorProperty().get()).startsWith("Duration");
            assertThat(model.lines()).isEmpty();
        }
    }

    @Nested
    class LiveChecks {

        @Test
        void typingIsCheckedOncePerPauseWithTheLineBeingWrittenIncluded() {
            model.drugQueryProperty().set("a");
            delay.advance(Duration.ofMillis(200));
            model.drugQueryProperty().set("am");
            delay.advance(Duration.ofMillis(200));
            pickAmoxicillin();
            delay.advance(Duration.ofMillis(399));
            assertThat(server.checks).as("no check while the doctor is still typing").isEmpty();

            delay.advance(Duration.ofMillis(1));

            assertThat(server.checks).singleElement().satisfies(check -> {
                assertThat(check.getPrescriptionId()).isEqualTo(FakePrescriptionServer.ID);
                assertThat(check.getLinesList()).singleElement().satisfies(l -> assertThat(l.getDrugKey()).isEqualTo("amoxicillin"));
            });
            assertThat(model.alerts()).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo("HIGH");
                assertThat(a.style()).isEqualTo("rx-alert-high");
                assertThat(a.lines()).isEqualTo("the line being written");
            });
            assertThat(model.pendingLineAlertedProperty().get()).isTrue();
            assertThat(server.updates).as("nothing saved yet").isEmpty();
        }

        @Test
        void alertsNameTheLinesInvolvedAndTheLinesAreHighlighted() {
            model.drugQueryProperty().set("aml");
            model.choose(model.matches().getFirst());
            model.useCommonForm("5 MG Oral Tablet");
            model.saveLine();
            writeAmoxicillinLine();
            delay.advance(PrescriptionEditorViewModel.CHECK_PAUSE);

            assertThat(model.alerts()).singleElement().satisfies(a -> assertThat(a.lines()).isEqualTo("Line 2"));
            assertThat(model.lines()).extracting(PrescriptionEditorViewModel.LineRow::alertStyle).containsExactly("", "rx-line-high");
        }
    }

    @Nested
    class Autosave {

        @Test
        void anAddedLineIsSavedAfterAPauseWithTheVersionRead() {
            writeAmoxicillinLine();
            assertThat(server.updates).isEmpty();

            delay.advance(PrescriptionEditorViewModel.SAVE_PAUSE);

            assertThat(server.updates).singleElement().satisfies(u -> {
                assertThat(u.getExpectedVersion()).isEqualTo(1);
                assertThat(u.getLinesList()).singleElement().satisfies(l -> {
                    assertThat(l.getDrugKey()).isEqualTo("amoxicillin");
                    assertThat(l.getStrength()).isEqualTo("500 mg");
                    assertThat(l.getForm()).isEqualTo("capsule");
                    assertThat(l.getDoseUnit()).isEqualTo("capsule");
                });
            });
            assertThat(model.dirtyProperty().get()).isFalse();
            assertThat(model.saveStateProperty().get()).startsWith("Saved at");
        }

        @Test
        void aStaleSaveSaysWhoChangedItKeepsTheLinesAndReappliesThemOnTheNewerVersion() {
            writeAmoxicillinLine();
            server.changedElsewhere();

            delay.settle();

            assertThat(model.staleProperty().get()).isTrue();
            assertThat(model.staleMessageProperty().get()).startsWith("Changed by Dr Lena Lindqvist at 10:42");
            assertThat(model.lines()).singleElement().satisfies(r -> assertThat(r.input().getDrugKey()).isEqualTo("amoxicillin"));
            assertThat(model.canSignProperty().get()).isFalse();
            model.noteProperty().set("Please dispense capsules");
            delay.settle();
            assertThat(server.updates).as("nothing more goes out while stale").hasSize(1);

            model.reapplyMine();

            assertThat(model.staleProperty().get()).isFalse();
            assertThat(server.updates).hasSize(2);
            assertThat(server.updates.getLast().getExpectedVersion()).isEqualTo(2);
            assertThat(server.updates.getLast().getLinesList()).extracting(l -> l.getDrugKey()).containsExactly("amoxicillin");
            assertThat(server.updates.getLast().getNote()).isEqualTo("Please dispense capsules");
            assertThat(model.dirtyProperty().get()).isFalse();
        }

        @Test
        void takingTheNewerVersionDropsTheDoctorsLines() {
            writeAmoxicillinLine();
            server.changedElsewhere();
            delay.settle();

            model.discardMine();

            assertThat(model.staleProperty().get()).isFalse();
            assertThat(model.lines()).isEmpty();
            assertThat(model.noteProperty().get()).isEqualTo("their note");
        }
    }

    @Nested
    class Signing {

        @Test
        void aHighAlertKeepsSignFromGoingOutUntilItHasAReason() {
            writeAmoxicillinLine();
            delay.settle();
            assertThat(model.canSignProperty().get()).isTrue();
            assertThat(model.highAlerts()).hasSize(1);
            assertThat(model.overridesCompleteProperty().get()).isFalse();

            model.sign();
            assertThat(server.signs).isEmpty();
            assertThat(model.signErrorProperty().get()).contains("reason");

            model.overrideReason(FakePrescriptionServer.ALLERGY_KEY).set("Tolerated amoxicillin in 2024 without reaction");
            assertThat(model.overridesCompleteProperty().get()).isTrue();
            model.sign();

            assertThat(server.signs).singleElement().satisfies(s -> {
                assertThat(s.getExpectedVersion()).isEqualTo(2);
                assertThat(s.getOverridesList()).singleElement().satisfies(o -> {
                    assertThat(o.getAlertKey()).isEqualTo(FakePrescriptionServer.ALLERGY_KEY);
                    assertThat(o.getReason()).isEqualTo("Tolerated amoxicillin in 2024 without reaction");
                });
            });
            assertThat(model.signedProperty().get()).isTrue();
            assertThat(model.statusProperty().get()).startsWith("Signed, valid until");
            assertThat(model.editableProperty().get()).isFalse();
        }

        @Test
        void signIsOffWhileALineIsUnsavedOrStillBeingWritten() {
            writeAmoxicillinLine();
            assertThat(model.canSignProperty().get()).as("not saved yet").isFalse();
            delay.settle();
            assertThat(model.canSignProperty().get()).isTrue();

            model.drugQueryProperty().set("aml");
            assertThat(model.canSignProperty().get()).as("a line is being written").isFalse();
        }

        @Test
        void theServersRefusalIsShownReadably() {
            writeAmoxicillinLine();
            delay.settle();
            // The alert appeared on the server after the last check: the editor knew of none.
            model.highAlerts().clear();

            model.sign();

            assertThat(model.signErrorProperty().get())
                    .isEqualTo("Not signed: \"Amoxicillin: allergy to penicillins\" is a high alert: give a reason to sign past it.");
            assertThat(model.signedProperty().get()).isFalse();
            assertThat(model.highAlerts()).as("checked again to show what the server found").hasSize(1);
        }

        @Test
        void afterSigningTheEmailOutcomeIsShown() {
            writeAmoxicillinLine();
            delay.settle();
            model.overrideReason(FakePrescriptionServer.ALLERGY_KEY).set("Tolerated before");
            model.sign();

            model.email();

            assertThat(model.emailOutcomeProperty().get()).isEqualTo("To ana.souza@example.org: queued in the outbox.");
        }
    }
}
