package org.medconnect.desktop.chart.prescription;

import org.medconnect.desktop.chart.prescription.paper.PrescriptionPaper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.desktop.chart.prescription.FakePrescriptionServer.NOVAK;
import static org.medconnect.desktop.chart.prescription.FakePrescriptionServer.OKAFOR;
import static org.medconnect.desktop.chart.prescription.FakePrescriptionServer.line;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.proto.chart.v1.EncounterStatus;
import org.medconnect.proto.prescription.v1.DispenseSource;
import org.medconnect.proto.prescription.v1.PrescriptionAdherence;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;

class PrescriptionsViewModelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);

    final FakePrescriptionServer server = new FakePrescriptionServer();
    final PrescriptionsViewModel model = new PrescriptionsViewModel(server.connection(), server.calls(), CLOCK, "patient-1", OKAFOR);

    @BeforeEach
    void seed() {
        server.put("rx-draft", PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT, OKAFOR, "Dr Amara Okafor", "2026-11-23T10:00:00Z",
                line("l-d1", 1, "Ibuprofen", "400 mg", "tablet", "14", 0));
        server.put("rx-signed", PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED, OKAFOR, "Dr Amara Okafor", "2026-11-20T10:00:00Z",
                line("l-s1", 1, "Warfarin", "5 mg", "tablet", "28", 1), line("l-s2", 2, "Aspirin", "75 mg", "tablet", "28", 0));
        server.alert("rx-signed", FakePrescriptionServer.interaction("Warfarin + aspirin: antiplatelet with anticoagulant",
                "Cardiology advised dual therapy for 3 months; INR weekly", "Dr Amara Okafor"));
        server.put("rx-old", PrescriptionStatus.PRESCRIPTION_STATUS_CANCELLED, NOVAK, "Dr Ivan Novak", "2026-10-01T10:00:00Z",
                line("l-o1", 1, "Amoxicillin", "500 mg", "capsule", "21", 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PrescriptionsViewModel.Row row(String id) {
        return model.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Nested
    class TheList {
        @Test
        void showsWhatIsInPlayNewestFirstAndEverythingWhenAllIsChosen() {
            model.load();
            assertThat(model.rows()).extracting(PrescriptionsViewModel.Row::id).containsExactly("rx-draft", "rx-signed");
            assertThat(server.lists.getLast().getIncludeClosed()).isFalse();

            model.showAllProperty().set(true);

            assertThat(server.lists.getLast().getIncludeClosed()).isTrue();
            assertThat(model.rows()).extracting(PrescriptionsViewModel.Row::id).containsExactly("rx-draft", "rx-signed", "rx-old");
        }

        @Test
        void aRowShowsItsStatusWordsDatesInTheClinicFormatAndItsOverriddenAlerts() {
            model.load();
            PrescriptionsViewModel.Row signed = row("rx-signed");
            assertThat(signed.statusText()).isEqualTo("Signed");
            assertThat(signed.date()).isEqualTo("20/11/2026");
            assertThat(signed.validUntil()).isEqualTo("20/12/2026");
            assertThat(signed.alerts()).isEqualTo("1 alert, 1 overridden");
            assertThat(signed.alertsShort()).isEqualTo("1 overridden");
            assertThat(signed.byLine()).isEqualTo("Dr Amara Okafor · valid until 20/12/2026");
            assertThat(signed.drugs()).isEqualTo("Warfarin 5 mg; Aspirin 75 mg");
            assertThat(row("rx-draft").statusText()).isEqualTo("Draft");
            assertThat(PrescriptionText.status(PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED)).isEqualTo("Partly dispensed");
            assertThat(PrescriptionText.statusStyle(PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED)).isEqualTo("rx-status-partly-dispensed");
        }
    }

    @Nested
    class TheDetail {
        @Test
        void selectingOneShowsItsLinesTheAlertItWasSignedWithWhoOverrodeItAndItsHistory() {
            model.load();
            model.selectedProperty().set(row("rx-signed"));

            assertThat(model.lines()).extracting(PrescriptionsViewModel.LineRow::drug).containsExactly("Warfarin 5 mg tablet", "Aspirin 75 mg tablet");
            assertThat(model.lines().getFirst().sig()).isEqualTo("1 tablet twice daily for 7 days");
            assertThat(model.lines().getFirst().quantity()).isEqualTo("28 tablet");
            assertThat(model.lines().getFirst().instructions()).isEqualTo("Take with food");
            assertThat(model.alerts()).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo("High");
                assertThat(a.override()).isEqualTo("Overridden by Dr Amara Okafor: Cardiology advised dual therapy for 3 months; INR weekly");
                assertThat(a.source()).contains("Phansalkar");
            });
            assertThat(model.history()).extracting(PrescriptionsViewModel.HistoryRow::what).containsExactly("Created", "Signed");
            assertThat(model.history().getFirst().when()).isEqualTo("20/11/2026 10:00");
        }

        @Test
        void onlyTheRightActionsAreOfferedForEachStatus() {
            model.load();
            model.selectedProperty().set(row("rx-draft"));
            assertThat(model.canEditProperty().get()).isTrue();
            assertThat(model.canPrintProperty().get()).isFalse();
            assertThat(model.canRenewProperty().get()).isFalse();
            assertThat(model.canDispenseProperty().get()).isFalse();

            model.selectedProperty().set(row("rx-signed"));
            assertThat(model.canEditProperty().get()).isFalse();
            assertThat(model.canPrintProperty().get()).isTrue();
            assertThat(model.canRenewProperty().get()).isTrue();
            assertThat(model.canDispenseProperty().get()).isTrue();
            assertThat(model.canCancelProperty().get()).isTrue();

            model.showAllProperty().set(true);
            model.selectedProperty().set(row("rx-old"));
            assertThat(model.canCancelProperty().get()).isFalse();
            assertThat(model.canPrintProperty().get()).isFalse();
        }

        @Test
        void aLiveChangeReadsTheSelectedPrescriptionAgain() {
            model.load();
            model.selectedProperty().set(row("rx-signed"));
            server.prescriptions.computeIfPresent("rx-signed", (k, p) -> p.toBuilder()
                    .setStatus(PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED).build());

            model.load(); // what chart.onChange(PRESCRIPTION) runs

            assertThat(model.detailProperty().get().getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED);
            assertThat(model.selectedProperty().get().id()).isEqualTo("rx-signed");
        }
    }

    @Nested
    class NewAndRenew {
        @Test
        void aNewPrescriptionGoesInTheCallersOpenEncounterAndOpensTheEditor() {
            server.encounter("enc-novak", EncounterStatus.ENCOUNTER_STATUS_OPEN, NOVAK);
            server.encounter("enc-signed", EncounterStatus.ENCOUNTER_STATUS_SIGNED, OKAFOR);
            server.encounter("enc-mine", EncounterStatus.ENCOUNTER_STATUS_OPEN, OKAFOR);
            model.load();

            model.newPrescription();

            assertThat(server.creates).singleElement().satisfies(c -> {
                assertThat(c.getEncounterId()).isEqualTo("enc-mine");
                assertThat(c.getPatientId()).isEqualTo("patient-1");
                assertThat(c.getRequestId()).isNotBlank();
            });
            assertThat(model.editingProperty().get()).isEqualTo(server.prescriptions.values().stream()
                    .filter(p -> p.getEncounterId().equals("enc-mine")).findFirst().orElseThrow().getPrescriptionId());
        }

        @Test
        void withNoOpenEncounterTheNewPrescriptionStandsAlone() {
            server.encounter("enc-signed", EncounterStatus.ENCOUNTER_STATUS_SIGNED, OKAFOR);

            model.newPrescription();

            assertThat(server.creates).singleElement().satisfies(c -> assertThat(c.getEncounterId()).isEmpty());
            assertThat(model.editingProperty().get()).isNotEmpty();
        }

        @Test
        void prescribeFromTheEncounterPageUsesThatEncounter() {
            model.prescribeFor("enc-42");

            assertThat(server.creates).singleElement().satisfies(c -> assertThat(c.getEncounterId()).isEqualTo("enc-42"));
            assertThat(model.editingProperty().get()).isNotEmpty();
        }

        @Test
        void closingTheEditorReturnsToTheListWithTheEditedPrescriptionSelected() {
            model.load();
            model.prescribeFor("");
            String created = model.editingProperty().get();

            model.editorClosed();

            assertThat(model.editingProperty().get()).isEmpty();
            assertThat(model.rows()).extracting(PrescriptionsViewModel.Row::id).contains(created);
            assertThat(model.detailProperty().get().getPrescriptionId()).isEqualTo(created);
        }

        @Test
        void renewingOpensTheLinkedDraftInTheEditor() {
            model.load();
            model.selectedProperty().set(row("rx-signed"));

            model.renew();

            assertThat(server.renewals).singleElement().satisfies(r -> assertThat(r.getPrescriptionId()).isEqualTo("rx-signed"));
            assertThat(server.prescriptions.get(model.editingProperty().get()).getRenewalOf()).isEqualTo("rx-signed");
        }
    }

    @Nested
    class Cancelling {
        @Test
        void needsAReason() {
            model.load();
            model.selectedProperty().set(row("rx-draft"));
            model.startCancel();

            model.cancel(() -> { });

            assertThat(server.cancels).isEmpty();
            assertThat(model.cancelErrorProperty().get()).isEqualTo("Say why it is cancelled.");
        }

        @Test
        void sendsTheReasonAndVersionClosesTheFormAndTheDraftLeavesTheInPlayList() {
            model.load();
            model.selectedProperty().set(row("rx-draft"));
            model.startCancel();
            model.cancelReasonProperty().set("Patient already has ibuprofen at home");
            boolean[] closed = {false};

            model.cancel(() -> closed[0] = true);

            assertThat(closed[0]).isTrue();
            assertThat(server.cancels).singleElement().satisfies(c -> {
                assertThat(c.getReason()).isEqualTo("Patient already has ibuprofen at home");
                assertThat(c.getExpectedVersion()).isEqualTo(1);
            });
            assertThat(model.rows()).extracting(PrescriptionsViewModel.Row::id).containsExactly("rx-signed");
        }

        @Test
        void aStaleCancelSaysWhoChangedItKeepsTheReasonAndReloads() {
            model.load();
            model.selectedProperty().set(row("rx-draft"));
            server.prescriptions.computeIfPresent("rx-draft", (k, p) -> p.toBuilder().setVersion(2).build());
            model.startCancel();
            model.cancelReasonProperty().set("Duplicate");
            boolean[] closed = {false};

            model.cancel(() -> closed[0] = true);

            assertThat(closed[0]).isFalse();
            assertThat(model.cancelErrorProperty().get()).startsWith("Changed by Dr Lena Lindqvist at 10:42");
            assertThat(model.cancelReasonProperty().get()).isEqualTo("Duplicate");
            assertThat(model.detailProperty().get().getVersion()).isEqualTo(2);
        }
    }

    @Nested
    class Dispensing {
        @Test
        void theFormStartsOnTheFirstLineWithAllThatIsLeftTodayFromThePharmacy() {
            model.load();
            model.selectedProperty().set(row("rx-signed"));

            model.startDispense();

            assertThat(model.dispenseLineProperty().get().id()).isEqualTo("l-s1");
            assertThat(model.dispenseQuantityProperty().get()).isEqualTo("56"); // 28 x (1 + 1 refill)
            assertThat(model.dispensedOnProperty().get()).isEqualTo(LocalDate.of(2026, 11, 24));
            assertThat(model.dispenseSourceProperty().get()).isEqualTo(PrescriptionsViewModel.Source.PHARMACY);
        }

        @Test
        void recordsLineDateQuantityAndSourceThenShowsTheNewTotal() {
            model.load();
            model.selectedProperty().set(row("rx-signed"));
            model.startDispense();
            model.dispenseQuantityProperty().set("28");
            model.dispenseSourceProperty().set(PrescriptionsViewModel.Source.PATIENT);
            model.dispensedOnProperty().set(LocalDate.of(2026, 11, 21));

            model.recordDispense(() -> { });

            assertThat(server.dispenses).singleElement().satisfies(d -> {
                assertThat(d.getLineId()).isEqualTo("l-s1");
                assertThat(d.getQuantity()).isEqualTo("28");
                assertThat(d.getDispensedOn()).isEqualTo("2026-11-21");
                assertThat(d.getSource()).isEqualTo(DispenseSource.DISPENSE_SOURCE_PATIENT);
            });
            assertThat(model.lines().getFirst().dispensed()).isEqualTo("28");
            assertThat(model.detailProperty().get().getStatus()).isEqualTo(PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED);
        }

        @Test
        void refusesAFutureDayADayBeforeSigningTooMuchAndNotANumberWithoutCallingTheServer() {
            model.load();
            model.selectedProperty().set(row("rx-signed"));
            model.startDispense();

            model.dispensedOnProperty().set(LocalDate.of(2026, 11, 25));
            model.recordDispense(() -> { });
            assertThat(model.dispenseErrorProperty().get()).isEqualTo("The day cannot be in the future.");

            model.dispensedOnProperty().set(LocalDate.of(2026, 11, 19));
            model.recordDispense(() -> { });
            assertThat(model.dispenseErrorProperty().get()).isEqualTo("The day cannot be before the prescription was signed.");

            model.dispensedOnProperty().set(LocalDate.of(2026, 11, 24));
            model.dispenseQuantityProperty().set("57");
            model.recordDispense(() -> { });
            assertThat(model.dispenseErrorProperty().get()).startsWith("At most 56 may still be dispensed");

            model.dispenseQuantityProperty().set("a box");
            model.recordDispense(() -> { });
            assertThat(model.dispenseErrorProperty().get()).startsWith("Write the quantity as a number");

            assertThat(server.dispenses).isEmpty();
        }
    }

    @Nested
    class Papers {
        @Test
        void printingRendersThePagesAndTheDetailThenShowsTheSha256() {
            model.load();
            model.selectedProperty().set(row("rx-signed"));

            model.print();

            PrescriptionPaper paper = model.paperProperty().get();
            assertThat(paper.pageCount()).isEqualTo(1);
            assertThat(paper.pages().widths().getFirst()).isBetween(780, 800); // A4 at 96 dpi
            assertThat(paper.sha256()).isEqualTo(FakePrescriptionServer.sha256(server.pdf));
            assertThat(model.detailProperty().get().getPdfSha256()).isEqualTo(paper.sha256());
            assertThat(model.history()).extracting(PrescriptionsViewModel.HistoryRow::what).contains("Printed");
        }

        @Test
        void saveCopyWritesTheArchivedBytesExactly(@TempDir Path dir) throws Exception {
            model.load();
            model.selectedProperty().set(row("rx-signed"));
            model.print();
            Path file = dir.resolve("copy.pdf");

            model.savePaper(file);

            assertThat(Files.readAllBytes(file)).isEqualTo(server.pdf);
            assertThat(model.noticeProperty().get()).isEqualTo("Saved a copy as copy.pdf.");
        }

        @Test
        void emailGoesToThePatientsAddressUnlessOneIsTypedAndATypoIsCaughtFirst() {
            model.load();
            model.selectedProperty().set(row("rx-signed"));
            model.startEmail();
            model.emailRecipientProperty().set("ana at example");
            model.email(() -> { });
            assertThat(server.emails).isEmpty();
            assertThat(model.emailErrorProperty().get()).startsWith("Write an email address");

            model.emailRecipientProperty().set("");
            model.email(() -> { });

            assertThat(server.emails).singleElement().satisfies(e -> assertThat(e.getRecipient()).isEmpty());
            assertThat(model.noticeProperty().get()).isEqualTo("Emailed to ana.souza@example.org (queued in the outbox).");
        }
    }

    @Test
    void adherenceShowsDaysCoveredAsAProportionLastDispensedAndSupplyUntil() {
        server.adherence.add(PrescriptionAdherence.newBuilder().setDrugName("Warfarin 5 mg tablet").setDaysCovered(150).setDaysInPeriod(180)
                .setProportionCovered(150 / 180.0).setLastDispensedOn("2026-11-01").setSupplyUntil("2026-11-29").setDispenseCount(5).build());

        model.load();

        assertThat(model.adherence()).singleElement().satisfies(a -> {
            assertThat(a.percent()).isEqualTo("83%");
            assertThat(a.days()).isEqualTo("150 of 180 days");
            assertThat(a.proportion()).isBetween(0.83, 0.84);
            assertThat(a.lastDispensed()).isEqualTo("01/11/2026");
            assertThat(a.supplyUntil()).isEqualTo("29/11/2026");
        });
    }
}
