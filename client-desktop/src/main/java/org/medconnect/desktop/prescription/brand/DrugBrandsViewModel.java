package org.medconnect.desktop.prescription.brand;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.Plural;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
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

/**
 * The admin's Drug brands: the clinic's local brand names, each mapped to catalogue ingredients so
 * the prescription checks can read a brand. Add and edit (name plus ingredients found in the drug
 * catalogue, ingredients only), retire; a stale edit shows the server's "Changed by ..." message.
 */
public final class DrugBrandsViewModel {

    public static final int NAME_LIMIT = 120;
    public static final int INGREDIENT_LIMIT = 10;
    public static final int QUERY_LIMIT = 100;

    /** One ingredient of the brand being edited: its catalogue key and name. */
    public record Ingredient(String key, String name) {}

    /** The drug calls this screen makes. */
    public interface Server {
        ListDrugBrandsResponse list(ListDrugBrandsRequest request);

        SaveDrugBrandResponse save(SaveDrugBrandRequest request);

        RetireDrugBrandResponse retire(RetireDrugBrandRequest request);

        SearchDrugsResponse search(SearchDrugsRequest request);

        static Server over(ServerConnection connection) {
            return new Server() {
                @Override public ListDrugBrandsResponse list(ListDrugBrandsRequest r) { return connection.drugs().listDrugBrands(r); }
                @Override public SaveDrugBrandResponse save(SaveDrugBrandRequest r) { return connection.drugs().saveDrugBrand(r); }
                @Override public RetireDrugBrandResponse retire(RetireDrugBrandRequest r) { return connection.drugs().retireDrugBrand(r); }
                @Override public SearchDrugsResponse search(SearchDrugsRequest r) { return connection.drugs().searchDrugs(r); }
            };
        }
    }

    private final Server server;
    private final ServerCalls calls;
    private final ObservableList<DrugBrand> brands = FXCollections.observableArrayList();
    private final BooleanProperty includeRetired = new SimpleBooleanProperty();
    private final ObjectProperty<DrugBrand> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<DrugBrand> editing = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final ObservableList<Ingredient> ingredients = FXCollections.observableArrayList();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<DrugChoice> results = FXCollections.observableArrayList();
    private final StringProperty searchMessage = new SimpleStringProperty("");
    private final StringProperty formTitle = new SimpleStringProperty("New brand");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();
    private long searchSeq;

    public DrugBrandsViewModel(Server server, ServerCalls calls) {
        this.server = server;
        this.calls = calls;
        includeRetired.addListener((obs, old, now) -> reload());
    }

    /** The brands again (when shown, on F5, when the retired toggle changes). */
    public void reload() {
        ListDrugBrandsRequest request = ListDrugBrandsRequest.newBuilder().setIncludeRetired(includeRetired.get()).build();
        calls.call(busy, () -> server.list(request), response -> {
            brands.setAll(sorted(response.getBrandsList()));
            updateSummary();
        }, failure -> message.set(failure.message()));
    }

    private static List<DrugBrand> sorted(List<DrugBrand> list) {
        return list.stream().sorted(Comparator.comparing((DrugBrand b) -> !b.getActive())
                .thenComparing(b -> b.getName().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** An empty form for a new brand. */
    public void newBrand() {
        editing.set(null);
        name.set("");
        ingredients.clear();
        query.set("");
        results.clear();
        searchMessage.set("");
        formTitle.set("New brand");
        message.set("");
        notice.set("");
    }

    /** The form filled with {@code brand} as listed. */
    public void edit(DrugBrand brand) {
        if (brand == null) {
            return;
        }
        editing.set(brand);
        name.set(brand.getName());
        ingredients.clear();
        for (int i = 0; i < brand.getIngredientKeysCount(); i++) {
            String display = i < brand.getIngredientNamesCount() ? brand.getIngredientNames(i) : brand.getIngredientKeys(i);
            ingredients.add(new Ingredient(brand.getIngredientKeys(i), display));
        }
        query.set("");
        results.clear();
        searchMessage.set("");
        formTitle.set(brand.getActive() ? "Edit " + brand.getName() : brand.getName() + " (retired)");
        message.set("");
        notice.set("");
    }

    /** Searches the catalogue's ingredients (brands cannot be made of brands). */
    public void search() {
        String text = query.get() == null ? "" : query.get().strip();
        long seq = ++searchSeq;
        if (text.isEmpty()) {
            results.clear();
            searchMessage.set("");
            return;
        }
        if (text.length() > QUERY_LIMIT) {
            searchMessage.set("Search with at most " + QUERY_LIMIT + " characters.");
            return;
        }
        SearchDrugsRequest request = SearchDrugsRequest.newBuilder().setQuery(text).setLimit(30).build();
        calls.call(searching, () -> server.search(request), response -> {
            if (seq != searchSeq) {
                return; // a later search is on its way
            }
            List<DrugChoice> found = response.getDrugsList().stream()
                    .filter(d -> d.getKind() == DrugChoiceKind.DRUG_CHOICE_KIND_INGREDIENT).toList();
            results.setAll(found);
            searchMessage.set(found.isEmpty() ? "No catalogue ingredient matches \u201c" + text + "\u201d." : "");
        }, failure -> searchMessage.set(failure.message()));
    }

    /** Adds a found ingredient to the brand (once; at most ten). */
    public void addIngredient(DrugChoice choice) {
        if (choice == null || choice.getKind() != DrugChoiceKind.DRUG_CHOICE_KIND_INGREDIENT) {
            return;
        }
        if (ingredients.stream().anyMatch(i -> i.key().equals(choice.getDrugKey()))) {
            return;
        }
        if (ingredients.size() >= INGREDIENT_LIMIT) {
            message.set("A brand maps to at most " + INGREDIENT_LIMIT + " ingredients.");
            return;
        }
        ingredients.add(new Ingredient(choice.getDrugKey(), choice.getName()));
        message.set("");
    }

    public void removeIngredient(Ingredient ingredient) {
        ingredients.remove(ingredient);
    }

    /** Saves the form (adds, or changes the brand being edited at the version it was read). */
    public boolean save() {
        notice.set("");
        String typed = name.get() == null ? "" : name.get().strip();
        if (typed.isEmpty()) {
            message.set("Give the brand its name as it is written on the pack.");
            return false;
        }
        if (typed.length() > NAME_LIMIT) {
            message.set("The name is " + typed.length() + " characters; keep it under " + NAME_LIMIT + ".");
            return false;
        }
        if (ingredients.isEmpty()) {
            message.set("Add the ingredients the brand contains: the checks read a brand through them.");
            return false;
        }
        SaveDrugBrandRequest.Builder request = SaveDrugBrandRequest.newBuilder().setName(typed)
                .addAllIngredientKeys(ingredients.stream().map(Ingredient::key).toList());
        DrugBrand was = editing.get();
        if (was == null) {
            request.setRequestId(requestId);
        } else {
            request.setBrandId(was.getBrandId()).setExpectedVersion(was.getVersion());
        }
        SaveDrugBrandRequest built = request.build();
        calls.call(busy, () -> server.save(built), response -> {
            DrugBrand saved = response.getBrand();
            requestId = UUID.randomUUID().toString();
            replace(saved);
            edit(saved);
            notice.set((was == null ? "Added " : "Saved ") + saved.getName() + " (" + String.join(", ", saved.getIngredientNamesList()) + ").");
        }, this::refused);
        return true;
    }

    /** Retires a brand: new prescriptions cannot name it; those that did keep their ingredients. */
    public void retire(DrugBrand brand) {
        if (brand == null || !brand.getActive()) {
            return;
        }
        notice.set("");
        RetireDrugBrandRequest request = RetireDrugBrandRequest.newBuilder().setBrandId(brand.getBrandId())
                .setExpectedVersion(brand.getVersion()).build();
        calls.call(busy, () -> server.retire(request), response -> {
            DrugBrand retired = response.getBrand();
            if (includeRetired.get()) {
                replace(retired);
            } else {
                brands.removeIf(b -> b.getBrandId().equals(retired.getBrandId()));
                updateSummary();
            }
            if (editing.get() != null && editing.get().getBrandId().equals(retired.getBrandId())) {
                newBrand();
            }
            message.set("");
            notice.set("Retired " + retired.getName() + ".");
        }, this::refused);
    }

    private void refused(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        // A stale edit comes back ABORTED with "Changed by ... at ...; reload to see it.": the form keeps what was typed.
        message.set(failure.message());
    }

    private void replace(DrugBrand brand) {
        List<DrugBrand> now = new java.util.ArrayList<>(brands.stream().filter(b -> !b.getBrandId().equals(brand.getBrandId())).toList());
        now.add(brand);
        brands.setAll(sorted(now));
        updateSummary();
    }

    private void updateSummary() {
        long active = brands.stream().filter(DrugBrand::getActive).count();
        long retired = brands.size() - active;
        summary.set(Plural.of(active, "brand in use", "brands in use") + (retired > 0 ? " · " + retired + " retired" : ""));
    }

    /** "amoxicillin, clavulanate" for the list. */
    public static String ingredientsOf(DrugBrand brand) {
        return String.join(", ", brand.getIngredientNamesCount() > 0 ? brand.getIngredientNamesList() : brand.getIngredientKeysList());
    }

    /** "Amoxicillin · penicillins" for a search result. */
    public static String describe(DrugChoice choice) {
        return choice.getDetailsCount() == 0 ? choice.getName() : choice.getName() + " · " + String.join(", ", choice.getDetailsList());
    }

    public ObservableList<DrugBrand> brands() { return brands; }
    public BooleanProperty includeRetiredProperty() { return includeRetired; }
    public ObjectProperty<DrugBrand> selectedProperty() { return selected; }
    public ObjectProperty<DrugBrand> editingProperty() { return editing; }
    public StringProperty nameProperty() { return name; }
    public ObservableList<Ingredient> ingredients() { return ingredients; }
    public StringProperty queryProperty() { return query; }
    public ObservableList<DrugChoice> results() { return results; }
    public StringProperty searchMessageProperty() { return searchMessage; }
    public StringProperty formTitleProperty() { return formTitle; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty searchingProperty() { return searching; }
}
