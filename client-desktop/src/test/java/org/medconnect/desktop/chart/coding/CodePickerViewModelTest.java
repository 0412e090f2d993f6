package org.medconnect.desktop.chart.coding;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.chart.v1.CodingSubstance;
import org.medconnect.proto.chart.v1.CodingSubstanceKind;

/** The picker's rules without a window: when it searches, what it shows, what it hands to the page. */
class CodePickerViewModelTest {

    final List<String> asked = new ArrayList<>();
    final ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "test", ZoneOffset.UTC), new SessionState());

    CodePickerViewModel picker(boolean freeText, CodePickerViewModel.CodeSearch search) {
        return new CodePickerViewModel(calls, (q, limit) -> {
            asked.add(q + "/" + limit);
            return search.search(q, limit);
        }, "diagnosis", freeText);
    }

    static final List<CodeChoice> ASTHMA = List.of(
            new CodeChoice("J45.20", "Mild intermittent asthma, uncomplicated", "J45.20", false),
            new CodeChoice("J45.30", "Mild persistent asthma, uncomplicated", "J45.30", false));

    @Test
    void searchesWhatIsTypedAndShowsTheMatches() {
        CodePickerViewModel model = picker(false, (q, l) -> ASTHMA);
        model.queryProperty().set("  asthma mild ");
        model.search();
        assertThat(asked).containsExactly("asthma mild/" + CodePickerViewModel.LIMIT);
        assertThat(model.results()).containsExactlyElementsOf(ASTHMA);
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void doesNotAskTheServerForFewerThanTwoCharacters() {
        CodePickerViewModel model = picker(false, (q, l) -> ASTHMA);
        model.queryProperty().set("J");
        model.search();
        assertThat(asked).isEmpty();
        assertThat(model.results()).isEmpty();
        assertThat(model.messageProperty().get()).contains("at least 2");
        model.queryProperty().set("");
        model.search();
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void saysSoWhenNothingMatchesAndOffersFreeTextOnlyWhereAllowed() {
        CodePickerViewModel coded = picker(false, (q, l) -> List.of());
        coded.queryProperty().set("xylophone");
        coded.search();
        assertThat(coded.messageProperty().get()).contains("No diagnosis matches \"xylophone\"").doesNotContain("as typed");
        coded.useTyped();
        assertThat(coded.chosen()).isEmpty();

        CodePickerViewModel free = picker(true, (q, l) -> List.of());
        free.queryProperty().set("xylophone");
        free.search();
        assertThat(free.messageProperty().get()).contains("use it as typed");
        free.useTyped();
        assertThat(free.chosen()).hasValueSatisfying(c -> {
            assertThat(c.freeText()).isTrue();
            assertThat(c.key()).isEmpty();
            assertThat(c.label()).isEqualTo("xylophone");
        });
    }

    @Test
    void handsTheChosenCodeToThePageAndLetsItChangeIt() {
        CodePickerViewModel model = picker(false, (q, l) -> ASTHMA);
        model.queryProperty().set("asthma");
        model.search();
        model.choose(model.results().get(1));
        assertThat(model.chosen()).map(CodeChoice::key).contains("J45.30");
        model.clearChoice();
        assertThat(model.chosen()).isEmpty();
        assertThat(model.queryProperty().get()).isEqualTo("asthma");
    }

    @Test
    void showsTheServersRefusalInPlaceOfResults() {
        CodePickerViewModel model = picker(false, (q, l) -> {
            throw Status.PERMISSION_DENIED.withDescription("Your role cannot search clinical codes.").asRuntimeException();
        });
        model.results().setAll(ASTHMA);
        model.queryProperty().set("asthma");
        model.search();
        assertThat(model.results()).isEmpty();
        assertThat(model.messageProperty().get()).isNotBlank();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void dropsAnAnswerToAnOlderQuery() {
        List<Runnable> pending = new ArrayList<>();
        // A runner that holds calls back, so two searches can overlap.
        ServerCalls slow = new ServerCalls(new org.medconnect.desktop.platform.TaskRunner() {
            @Override
            public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> onSuccess,
                                java.util.function.Consumer<Throwable> onFailure) {
                pending.add(() -> {
                    try {
                        onSuccess.accept(work.call());
                    } catch (Exception e) {
                        onFailure.accept(e);
                    }
                });
            }
        }, new ServerErrors(() -> "test", ZoneOffset.UTC), new SessionState());
        CodePickerViewModel model = new CodePickerViewModel(slow, (q, l) -> q.startsWith("asth")
                ? ASTHMA : List.of(new CodeChoice("I10", "Essential (primary) hypertension", "I10", false)), "diagnosis", false);
        model.queryProperty().set("hypert");
        model.search();
        model.queryProperty().set("asthma");
        model.search();
        pending.get(1).run();
        pending.get(0).run(); // the older answer arrives last
        assertThat(model.results()).containsExactlyElementsOf(ASTHMA);
    }

    @Test
    void readsAnIngredientWithItsClassesAndAClassAsSuch() {
        CodeChoice amoxicillin = CodePickerViewModel.substanceChoice(CodingSubstance.newBuilder().setKey("amoxicillin").setName("amoxicillin")
                .setKind(CodingSubstanceKind.CODING_SUBSTANCE_KIND_INGREDIENT).addClassKeys("class:penicillins").addClassNames("Penicillins").build());
        assertThat(amoxicillin).isEqualTo(new CodeChoice("amoxicillin", "amoxicillin", "Ingredient · Penicillins", false));
        CodeChoice penicillins = CodePickerViewModel.substanceChoice(CodingSubstance.newBuilder().setKey("class:penicillins").setName("Penicillins")
                .setKind(CodingSubstanceKind.CODING_SUBSTANCE_KIND_CLASS).build());
        assertThat(penicillins.detail()).isEqualTo("Drug class");
        assertThat(penicillins.key()).isEqualTo("class:penicillins");
    }
}
