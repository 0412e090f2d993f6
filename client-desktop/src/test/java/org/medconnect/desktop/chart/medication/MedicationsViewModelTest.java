package org.medconnect.desktop.chart.medication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.chart.problem.FakeChartListsServer;
import org.medconnect.proto.chart.v1.MedicationStatus;

class MedicationsViewModelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);

    final FakeChartListsServer server = new FakeChartListsServer();
    final MedicationsViewModel model = new MedicationsViewModel(server.connection(), server.calls(), CLOCK, "patient-1");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stoppingTheSelectedMedicationSendsDateReasonAndVersionAndMovesItToPast() {
        server.current("m1", "amoxicillin", 3);
        model.load();
        model.selectedProperty().set(model.current().getFirst());
        model.stopReasonProperty().set("Rash on day 3");

        model.stop();

        assertThat(server.stops()).singleElement().satisfies(r -> {
            assertThat(r.getExpectedVersion()).isEqualTo(3);
            assertThat(r.getReason()).isEqualTo("Rash on day 3");
            assertThat(r.getStoppedOn()).isEqualTo("2026-11-24");
        });
        assertThat(model.current()).isEmpty();
        assertThat(model.past()).singleElement().satisfies(row -> {
            assertThat(row.stopped()).contains("Dr Amara Okafor");
            assertThat(row.stopReason()).isEqualTo("Rash on day 3");
        });
    }

    @Test
    void aStopWithoutAReasonIsNotSent() {
        server.current("m1", "amoxicillin", 1);
        model.load();
        model.selectedProperty().set(model.current().getFirst());

        model.stop();

        assertThat(server.stops()).isEmpty();
        assertThat(model.stopErrorProperty().get()).isEqualTo("Say why it is stopped.");
    }

    @Test
    void aStaleStopSaysWhoChangedItKeepsTheReasonAndReloads() {
        server.current("m1", "amoxicillin", 1);
        model.load();
        model.selectedProperty().set(model.current().getFirst());
        server.current("m1", "amoxicillin", 2); // someone else edited it meanwhile
        model.stopReasonProperty().set("Rash");

        model.stop();

        assertThat(model.messageProperty().get()).startsWith("Changed by Dr Lena Lindqvist at 10:42");
        assertThat(model.current().getFirst().medication().getVersion()).isEqualTo(2);
        assertThat(model.stopReasonProperty().get()).isEqualTo("Rash");
        assertThat(server.medications().get("m1").getStatus()).isEqualTo(MedicationStatus.MEDICATION_STATUS_ACTIVE);
    }

    @Test
    void aCatalogueDrugIsSentByKeyAndFreeTextByNameMarkedNotChecked() {
        model.drugQueryProperty().set("amox");
        model.choose(model.matches().getFirst());
        model.strengthProperty().set("500 mg");
        model.add();
        model.drugQueryProperty().set("Grandmother's herbal tea");
        model.add();

        assertThat(model.current()).extracting(MedicationsViewModel.Row::drug)
                .containsExactlyInAnyOrder("amoxicillin 500 mg", "Grandmother's herbal tea (not checked)");
    }
}
