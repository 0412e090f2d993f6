package org.medconnect.desktop.chart.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.chart.v1.CodingDiagnosis;

class ProblemsViewModelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);

    final FakeChartListsServer server = new FakeChartListsServer();
    final ProblemsViewModel model = new ProblemsViewModel(server.connection(), server.calls(), CLOCK, "patient-1");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void typingWordsFindsCodesAndPickingOneFillsTheTitle() {
        model.codeQueryProperty().set("asthma");

        assertThat(model.matches()).extracting(CodingDiagnosis::getCode).containsExactly("J45.20", "J45.909");

        model.choose(model.matches().get(1));

        assertThat(model.chosenCodeProperty().get().getCode()).isEqualTo("J45.909");
        assertThat(model.titleProperty().get()).isEqualTo("Unspecified asthma, uncomplicated");
        assertThat(model.matches()).isEmpty();
    }

    @Test
    void typingACodePrefixFindsTheCode() {
        model.codeQueryProperty().set("I1");

        assertThat(model.matches()).extracting(CodingDiagnosis::getCode).containsExactly("I10");
    }

    @Test
    void addingAPickedCodeSendsItAndListsTheProblemAsActive() {
        model.codeQueryProperty().set("asthma");
        model.choose(model.matches().getFirst());
        model.onsetProperty().set(LocalDate.of(2020, 4, 1));

        model.add();

        assertThat(server.addedProblems).singleElement().satisfies(r -> {
            assertThat(r.getIcd10Code()).isEqualTo("J45.20");
            assertThat(r.getOnsetDate()).isEqualTo("2020-04-01");
            assertThat(r.getPatientId()).isEqualTo("patient-1");
        });
        assertThat(model.active()).extracting(ProblemsViewModel.Row::title).containsExactly("Mild intermittent asthma, uncomplicated");
        assertThat(model.codeQueryProperty().get()).isEmpty();
        assertThat(model.noticeProperty().get()).contains("Added");
    }

    @Test
    void freeTextGoesWithoutACode() {
        model.titleProperty().set("Fear of flying");

        model.add();

        assertThat(server.addedProblems).singleElement().satisfies(r -> {
            assertThat(r.getIcd10Code()).isEmpty();
            assertThat(r.getTitle()).isEqualTo("Fear of flying");
        });
    }

    @Test
    void aSearchLeftUnpickedIsNotSentAsFreeTextByAccident() {
        model.codeQueryProperty().set("asthm");

        model.add();

        assertThat(server.addedProblems).isEmpty();
        assertThat(model.codeErrorProperty().get()).contains("Pick a code");
    }

    @Test
    void aFutureOnsetIsRefusedBeforeAskingTheServer() {
        model.titleProperty().set("Back pain");
        model.onsetProperty().set(LocalDate.of(2026, 12, 1));

        model.add();

        assertThat(server.addedProblems).isEmpty();
        assertThat(model.onsetErrorProperty().get()).isNotEmpty();
    }
}
