package org.medconnect.server.chart.coding;

import java.util.List;

/**
 * One entry of the drug catalogue: an ingredient keyed by its RxNorm name ("amoxicillin") or
 * a class keyed "class:&lt;name&gt;" ("class:penicillins"). An ingredient lists the classes it
 * belongs to; a class lists none.
 */
public record DrugEntry(String key, String name, Kind kind, List<String> classKeys) {

    /** Whether the entry is one ingredient or a class of them. */
    public enum Kind { INGREDIENT, CLASS }

    public DrugEntry {
        classKeys = List.copyOf(classKeys);
    }
}
