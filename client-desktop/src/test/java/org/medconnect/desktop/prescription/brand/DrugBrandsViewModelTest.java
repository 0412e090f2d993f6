package org.medconnect.desktop.prescription.brand;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.prescription.v1.DrugBrand;
import org.medconnect.proto.prescription.v1.DrugChoice;
import org.medconnect.proto.prescription.v1.DrugChoiceKind;
import org.medconnect.proto.prescription.v1.ListDrugBrandsRequest;
import org.medconnect.proto.prescription.v1.ListDrugBrandsResponse;
import org.medconnect.proto.prescription.v1.RetireDrugBrandRequest;
import org.medconnect.proto.prescription.v1.RetireDrugBrandResponse;
import org.medconnect.proto.prescription.v1.SaveDrugBrandRequest;
import org.medconnect.proto.prescription.v1.SaveDrugBrandResponse;
import org.medconnect.proto.prescription.v1.SearchDrugsRequest;
import org.medconnect.proto.prescription.v1.SearchDrugsResponse;

class DrugBrandsViewModelTest {

    final ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC),
            new SessionState());
    final FakeServer server = new FakeServer();
    final DrugBrandsViewModel model = new DrugBrandsViewModel(server, calls);

    static DrugChoice ingredient(String name) {
        return DrugChoice.newBuilder().setDrugKey(name.toLowerCase()).setName(name).setKind(DrugChoiceKind.DRUG_CHOICE_KIND_INGREDIENT).build();
    }

    static DrugBrand brand(String id, String name, boolean active, int version, String... ingredients) {
        return DrugBrand.newBuilder().setBrandId(id).setName(name).setActive(active).setVersion(version)
                .addAllIngredientKeys(List.of(ingredients)).addAllIngredientNames(List.of(ingredients)).build();
    }

    static final class FakeServer implements DrugBrandsViewModel.Server {
        final List<DrugBrand> stored = new ArrayList<>();
        final List<DrugChoice> catalogue = new ArrayList<>();
        final List<SaveDrugBrandRequest> saved = new ArrayList<>();
        final List<ListDrugBrandsRequest> listed = new ArrayList<>();
        final List<RetireDrugBrandRequest> retired = new ArrayList<>();
        RuntimeException saveFails;

        @Override public ListDrugBrandsResponse list(ListDrugBrandsRequest r) {
            listed.add(r);
            return ListDrugBrandsResponse.newBuilder().addAllBrands(stored.stream().filter(b -> r.getIncludeRetired() || b.getActive()).toList())
                    .build();
        }

        @Override public SaveDrugBrandResponse save(SaveDrugBrandRequest r) {
            saved.add(r);
            if (saveFails != null) {
                throw saveFails;
            }
            String id = r.getBrandId().isEmpty() ? "brand-" + saved.size() : r.getBrandId();
            DrugBrand made = brand(id, r.getName(), true, r.getExpectedVersion() + 1, r.getIngredientKeysList().toArray(String[]::new));
            stored.removeIf(b -> b.getBrandId().equals(id));
            stored.add(made);
            return SaveDrugBrandResponse.newBuilder().setBrand(made).build();
        }

        @Override public RetireDrugBrandResponse retire(RetireDrugBrandRequest r) {
            retired.add(r);
            DrugBrand was = stored.stream().filter(b -> b.getBrandId().equals(r.getBrandId())).findFirst().orElseThrow();
            DrugBrand now = was.toBuilder().setActive(false).setVersion(was.getVersion() + 1).build();
            stored.replaceAll(b -> b == was ? now : b);
            return RetireDrugBrandResponse.newBuilder().setBrand(now).build();
        }

        @Override public SearchDrugsResponse search(SearchDrugsRequest r) {
            return SearchDrugsResponse.newBuilder().addAllDrugs(catalogue.stream()
                    .filter(d -> d.getName().toLowerCase().contains(r.getQuery().toLowerCase())).toList()).build();
        }
    }

    @Test
    void listsActiveBrandsByNameAndRetiredOnesOnlyWhenAsked() {
        server.stored.add(brand("b1", "Zestril", true, 1, "lisinopril"));
        server.stored.add(brand("b2", "Augmentin", true, 1, "amoxicillin", "clavulanate"));
        server.stored.add(brand("b3", "Old Brand", false, 2, "ibuprofen"));

        model.reload();
        assertThat(model.brands()).extracting(DrugBrand::getName).containsExactly("Augmentin", "Zestril");
        assertThat(DrugBrandsViewModel.ingredientsOf(model.brands().getFirst())).isEqualTo("amoxicillin, clavulanate");

        model.includeRetiredProperty().set(true);
        assertThat(server.listed.getLast().getIncludeRetired()).isTrue();
        assertThat(model.brands()).extracting(DrugBrand::getName).containsExactly("Augmentin", "Zestril", "Old Brand");
        assertThat(model.summaryProperty().get()).isEqualTo("2 brands in use · 1 retired");
    }

    @Nested
    class Ingredients {

        @Test
        void theSearchOffersCatalogueIngredientsOnlyNeverBrands() {
            server.catalogue.add(ingredient("Amoxicillin"));
            server.catalogue.add(DrugChoice.newBuilder().setDrugKey("brand:x").setName("Amoxil").setKind(DrugChoiceKind.DRUG_CHOICE_KIND_BRAND).build());
            model.queryProperty().set("amox");

            model.search();

            assertThat(model.results()).extracting(DrugChoice::getName).containsExactly("Amoxicillin");
        }

        @Test
        void sayWhenNothingMatches() {
            model.queryProperty().set("zzz");
            model.search();
            assertThat(model.searchMessageProperty().get()).isEqualTo("No catalogue ingredient matches \u201czzz\u201d.");
        }

        @Test
        void anIngredientIsAddedOnceAndAtMostTen() {
            model.addIngredient(ingredient("Amoxicillin"));
            model.addIngredient(ingredient("Amoxicillin"));
            assertThat(model.ingredients()).hasSize(1);

            IntStream.range(0, 12).forEach(i -> model.addIngredient(ingredient("Drug" + i)));
            assertThat(model.ingredients()).hasSize(10);
            assertThat(model.messageProperty().get()).contains("at most 10");
        }
    }

    @Nested
    class Saving {

        @Test
        void aNewBrandGoesWithARequestIdItsNameAndItsIngredientKeys() {
            model.nameProperty().set("  Augmentin ");
            model.addIngredient(ingredient("Amoxicillin"));
            model.addIngredient(ingredient("Clavulanate"));

            assertThat(model.save()).isTrue();

            SaveDrugBrandRequest sent = server.saved.getFirst();
            assertThat(sent.getBrandId()).isEmpty();
            assertThat(sent.getRequestId()).isNotBlank();
            assertThat(sent.getName()).isEqualTo("Augmentin");
            assertThat(sent.getIngredientKeysList()).containsExactly("amoxicillin", "clavulanate");
            assertThat(model.brands()).extracting(DrugBrand::getName).containsExactly("Augmentin");
            assertThat(model.editingProperty().get().getBrandId()).isEqualTo("brand-1");
            assertThat(model.noticeProperty().get()).isEqualTo("Added Augmentin (amoxicillin, clavulanate).");
        }

        @Test
        void anEditGoesWithTheBrandAndTheVersionItWasReadAt() {
            server.stored.add(brand("b1", "Zestril", true, 4, "lisinopril"));
            model.reload();
            model.edit(model.brands().getFirst());
            model.nameProperty().set("Zestril 10");

            model.save();

            assertThat(server.saved.getFirst().getBrandId()).isEqualTo("b1");
            assertThat(server.saved.getFirst().getExpectedVersion()).isEqualTo(4);
            assertThat(server.saved.getFirst().getRequestId()).isEmpty();
            assertThat(model.brands()).extracting(DrugBrand::getName).containsExactly("Zestril 10");
        }

        @Test
        void aStaleEditShowsWhoChangedItAndKeepsWhatWasTyped() {
            server.stored.add(brand("b1", "Zestril", true, 4, "lisinopril"));
            model.reload();
            model.edit(model.brands().getFirst());
            model.nameProperty().set("Zestril 20");
            server.saveFails = Status.ABORTED.withDescription("Changed by Admin Ada Lovelace at 10:42; reload to see it.").asRuntimeException();

            model.save();

            assertThat(model.messageProperty().get()).isEqualTo("Changed by Admin Ada Lovelace at 10:42; reload to see it.");
            assertThat(model.nameProperty().get()).isEqualTo("Zestril 20");
        }

        @Test
        void needsANameAndAtLeastOneIngredient() {
            model.nameProperty().set(" ");
            assertThat(model.save()).isFalse();
            assertThat(model.messageProperty().get()).startsWith("Give the brand its name");
            model.nameProperty().set("Augmentin");
            assertThat(model.save()).isFalse();
            assertThat(model.messageProperty().get()).startsWith("Add the ingredients");
            model.nameProperty().set("x".repeat(121));
            model.addIngredient(ingredient("Amoxicillin"));
            assertThat(model.save()).isFalse();
            assertThat(model.messageProperty().get()).contains("121 characters");
            assertThat(server.saved).isEmpty();
        }
    }

    @Test
    void retiringSendsTheVersionAndTakesTheBrandOffTheListAndTheForm() {
        server.stored.add(brand("b1", "Zestril", true, 4, "lisinopril"));
        model.reload();
        model.edit(model.brands().getFirst());

        model.retire(model.brands().getFirst());

        assertThat(server.retired.getFirst().getExpectedVersion()).isEqualTo(4);
        assertThat(model.brands()).isEmpty();
        assertThat(model.editingProperty().get()).isNull();
        assertThat(model.noticeProperty().get()).isEqualTo("Retired Zestril.");
    }
}
