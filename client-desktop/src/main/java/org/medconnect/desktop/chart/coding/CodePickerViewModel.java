package org.medconnect.desktop.chart.coding;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.CodingSubstance;
import org.medconnect.proto.chart.v1.CodingSubstanceKind;
import org.medconnect.proto.chart.v1.SearchDiagnosisCodesRequest;
import org.medconnect.proto.chart.v1.SearchSubstancesRequest;

/**
 * Search-as-you-type over the shipped code lists, for the pages that code what they record:
 * problems (ICD-10-CM), allergies and medications (drug ingredients and classes). The page keeps
 * one picker per field, reads {@link #selectedProperty()} and may set it (editing an entry).
 *
 * <p>Server calls go through {@link ServerCalls} (in the background); an answer to an older query
 * than the one now typed is dropped, so fast typing never shows stale results.
 */
public final class CodePickerViewModel {

    /** Ask for this many matches: a screenful, cheap for the server. */
    public static final int LIMIT = 25;
    /** Fewer characters than this search nothing ("J4" does, "J" does not). */
    public static final int MIN_CHARACTERS = 2;

    /** Where the picker looks. Runs on a background thread; may throw what a gRPC call throws. */
    @FunctionalInterface
    public interface CodeSearch {
        List<CodeChoice> search(String query, int limit);
    }

    private final ServerCalls calls;
    private final CodeSearch search;
    private final String noun;
    private final ReadOnlyBooleanWrapper freeTextAllowed;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<CodeChoice> results = FXCollections.observableArrayList();
    private final ObjectProperty<CodeChoice> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long generation;

    /**
     * @param calls          runs the searches in the background
     * @param search         where to look ({@link #diagnosisSearch} or {@link #substanceSearch})
     * @param noun           what is being picked, for messages: "diagnosis", "substance"
     * @param allowFreeText  whether "Use as typed" is offered when no code fits
     */
    public CodePickerViewModel(ServerCalls calls, CodeSearch search, String noun, boolean allowFreeText) {
        this.calls = calls;
        this.search = search;
        this.noun = noun;
        this.freeTextAllowed = new ReadOnlyBooleanWrapper(allowFreeText);
    }

    /** A picker of ICD-10-CM codes for a problem list ("free text allowed where no code fits"). */
    public static CodePickerViewModel diagnoses(ServerConnection connection, ServerCalls calls, boolean allowFreeText) {
        return new CodePickerViewModel(calls, diagnosisSearch(connection), "diagnosis", allowFreeText);
    }

    /** A picker of drug ingredients and/or classes (none given: both) for allergies and medications. */
    public static CodePickerViewModel substances(ServerConnection connection, ServerCalls calls, boolean allowFreeText,
                                                 CodingSubstanceKind... kinds) {
        return new CodePickerViewModel(calls, substanceSearch(connection, Set.of(kinds)), "substance", allowFreeText);
    }

    /** SearchDiagnosisCodes: each code with its title. */
    public static CodeSearch diagnosisSearch(ServerConnection connection) {
        return (text, limit) -> connection.coding()
                .searchDiagnosisCodes(SearchDiagnosisCodesRequest.newBuilder().setQuery(text).setLimit(limit).build())
                .getCodesList().stream()
                .map(c -> new CodeChoice(c.getCode(), c.getTitle(), c.getCode(), false))
                .toList();
    }

    /** SearchSubstances: ingredients with the classes they belong to, and classes. */
    public static CodeSearch substanceSearch(ServerConnection connection, Set<CodingSubstanceKind> kinds) {
        return (text, limit) -> connection.coding()
                .searchSubstances(SearchSubstancesRequest.newBuilder().setQuery(text).setLimit(limit).addAllKinds(kinds).build())
                .getSubstancesList().stream()
                .map(CodePickerViewModel::substanceChoice)
                .toList();
    }

    static CodeChoice substanceChoice(CodingSubstance s) {
        if (s.getKind() == CodingSubstanceKind.CODING_SUBSTANCE_KIND_CLASS) {
            return new CodeChoice(s.getKey(), s.getName(), "Drug class", false);
        }
        List<String> names = s.getClassNamesCount() == s.getClassKeysCount() ? s.getClassNamesList()
                : s.getClassKeysList().stream().map(CodePickerViewModel::className).toList();
        String classes = String.join(", ", names);
        return new CodeChoice(s.getKey(), s.getName(), classes.isEmpty() ? "Ingredient" : "Ingredient · " + classes, false);
    }

    /** Without names from the server, "class:strong-cyp3a4-inhibitors" reads "strong cyp3a4 inhibitors". */
    private static String className(String key) {
        String bare = key.startsWith("class:") ? key.substring("class:".length()) : key;
        return bare.replace('-', ' ');
    }

    /** Searches for what is typed now; called by the view after a short pause in typing, and on Enter. */
    public void search() {
        String text = query.get() == null ? "" : query.get().strip();
        long mine = ++generation;
        if (text.length() < MIN_CHARACTERS) {
            results.clear();
            message.set(text.isEmpty() ? "" : "Type at least " + MIN_CHARACTERS + " characters.");
            return;
        }
        calls.call(busy, () -> search.search(text, LIMIT), found -> {
            if (mine != generation) {
                return;
            }
            results.setAll(found);
            message.set(found.isEmpty() ? nothingFound(text) : "");
        }, failure -> {
            if (mine == generation) {
                results.clear();
                message.set(failure.message());
            }
        });
    }

    private String nothingFound(String text) {
        String base = "No " + noun + " matches \"" + text + "\".";
        return freeTextAllowed.get() ? base + " Check the spelling, or use it as typed." : base + " Check the spelling.";
    }

    /** This is the one. */
    public void choose(CodeChoice choice) {
        selected.set(choice);
    }

    /** No listed code fits: keep the typed text itself (only where the page allows it). */
    public void useTyped() {
        String text = query.get() == null ? "" : query.get().strip();
        if (!freeTextAllowed.get() || text.isEmpty()) {
            return;
        }
        selected.set(CodeChoice.typed(text));
    }

    /** Back to searching; the typed text stays. */
    public void clearChoice() {
        selected.set(null);
    }

    public Optional<CodeChoice> chosen() {
        return Optional.ofNullable(selected.get());
    }

    /** Whether "Use as typed" can be pressed now. */
    public boolean canUseTyped() {
        return freeTextAllowed.get() && query.get() != null && !query.get().isBlank();
    }

    public StringProperty queryProperty() { return query; }
    public ObservableList<CodeChoice> results() { return results; }
    public ObjectProperty<CodeChoice> selectedProperty() { return selected; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    public ReadOnlyBooleanProperty freeTextAllowedProperty() { return freeTextAllowed.getReadOnlyProperty(); }
}
