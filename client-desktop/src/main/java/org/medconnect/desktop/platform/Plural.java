package org.medconnect.desktop.platform;

/** Counts in words ("1 patient", "2 patients"): the one place screens pluralise a count. */
public final class Plural {

    private Plural() {}

    /** {@code count} followed by the singular or the plural noun: {@code of(1, "patient", "patients")} is "1 patient". */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** The noun alone, for sentences that put the count elsewhere ("Call the highlighted patient"). */
    public static String noun(long count, String singular, String plural) {
        return count == 1 ? singular : plural;
    }
}
