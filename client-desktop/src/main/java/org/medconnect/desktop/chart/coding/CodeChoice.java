package org.medconnect.desktop.chart.coding;

/**
 * One line of the code picker, and what it hands to the page that embeds it: a diagnosis code
 * ({@code key} "J45.909"), a substance ({@code key} "amoxicillin" or "class:penicillins"), or
 * text typed where no code fits ({@code key} empty, {@link #freeText()} true).
 *
 * @param key    the code or substance key stored with the entry; empty for free text
 * @param label  what a person reads: the ICD-10-CM title, the ingredient or class name, or the typed text
 * @param detail the second line: the code, "Penicillins, Beta lactams" (an ingredient's classes) or "Drug class"
 */
public record CodeChoice(String key, String label, String detail, boolean freeText) {

    /** Text the user typed because no listed code fits. */
    public static CodeChoice typed(String text) {
        return new CodeChoice("", text.strip(), "Free text, not coded", true);
    }
}
