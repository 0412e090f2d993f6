package org.medconnect.server.chart.coding;

import java.util.List;
import java.util.Set;
import org.medconnect.server.chart.coding.DrugEntry.Kind;
import org.medconnect.server.platform.DomainException;

/**
 * Searches the shipped code lists for the chart's pickers. No patient data and no database:
 * who may call is the access policy's business (doctors and nurses); here are only the rules
 * of a search (a blank query finds nothing, a query is at most {@value #MAX_QUERY} characters,
 * at most {@value #MAX_LIMIT} results).
 */
public final class CodingService {

    public static final int MAX_QUERY = 100;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final Icd10Catalogue diagnoses;
    private final DrugCatalogue drugs;

    public CodingService(Icd10Catalogue diagnoses, DrugCatalogue drugs) {
        this.diagnoses = diagnoses;
        this.drugs = drugs;
    }

    /** The ICD-10-CM list, for services that check a code a client sends (problems). */
    public Icd10Catalogue diagnoses() {
        return diagnoses;
    }

    /** The drug catalogue, for services that check a substance key (allergies, medications, prescriptions). */
    public DrugCatalogue drugs() {
        return drugs;
    }

    public List<Icd10Code> searchDiagnosisCodes(String query, int limit) {
        int n = checkedLimit(limit);
        String q = checkedQuery(query);
        return q.isEmpty() ? List.of() : diagnoses.search(q, n);
    }

    /** Both kinds when {@code kinds} is empty. */
    public List<DrugEntry> searchSubstances(String query, int limit, Set<Kind> kinds) {
        int n = checkedLimit(limit);
        String q = checkedQuery(query);
        return q.isEmpty() ? List.of() : drugs.search(q, n, kinds.isEmpty() ? Set.of(Kind.values()) : kinds);
    }

    private static String checkedQuery(String query) {
        String q = query == null ? "" : query.strip();
        if (q.length() > MAX_QUERY) {
            throw DomainException.InvalidInput.of("query", "Search for at most " + MAX_QUERY + " characters.");
        }
        return q;
    }

    private static int checkedLimit(int limit) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw DomainException.InvalidInput.of("limit", "Ask for 1 to " + MAX_LIMIT + " results (0 for the default of " + DEFAULT_LIMIT + ").");
        }
        return limit == 0 ? DEFAULT_LIMIT : limit;
    }
}
