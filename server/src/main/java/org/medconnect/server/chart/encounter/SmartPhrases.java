package org.medconnect.server.chart.encounter;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medconnect.server.chart.encounter.EncounterModel.Expansion;
import org.medconnect.server.chart.encounter.EncounterModel.Phrase;
import org.medconnect.server.chart.encounter.SmartPhraseRepository.Vitals;

/**
 * The smart phrases a doctor types into a note (.vitals, .meds, .allergies, .problems) and
 * the text each stands for, worded as a note reads: units as FHIR's vital-signs profile
 * writes them, ICD-10-CM codes named, and "No known allergies" kept apart from "Allergies not
 * recorded" (nobody has asked yet).
 */
final class SmartPhrases {

    /** A phrase is a word of its own: ".vitals" but not "x.vitals" or ".vitalsigns". */
    private static final Pattern PHRASE = Pattern.compile("(?<![\\w.])\\.(vitals|meds|allergies|problems)(?![\\w])");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private SmartPhrases() {}

    /** Every phrase's value for this patient, in the order the editor lists them. */
    static Map<String, String> values(SmartPhraseRepository chart, UUID patientId, ZoneId zone) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(".vitals", chart.latestVitals(patientId).map(v -> vitals(v, zone)).orElse("No vitals recorded"));
        var meds = chart.currentMedications(patientId);
        values.put(".meds", meds.isEmpty() ? "No current medications" : String.join("; ", meds.stream().map(m -> join(" ",
                Optional.of(m.name()), m.strength(), m.form()) + m.dosage().map(d -> ", " + d).orElse("")).toList()));
        var allergies = chart.activeAllergies(patientId);
        values.put(".allergies", !allergies.isEmpty()
                ? "Allergies: " + String.join("; ", allergies.stream().map(a -> a.substance() + " (" + a.reaction().filter(s -> !s.isBlank())
                        .map(s -> s + ", ").orElse("") + a.severity().toLowerCase() + ")").toList())
                : chart.noKnownAllergies(patientId).orElse(false) ? "No known allergies" : "Allergies not recorded");
        var problems = chart.activeProblems(patientId);
        values.put(".problems", problems.isEmpty() ? "No active problems" : String.join("; ", problems.stream()
                .map(p -> p.title() + p.icd10Code().map(c -> " (ICD-10-CM " + c + ")").orElse("")).toList()));
        return values;
    }

    /** Replaces each phrase in {@code text} with its value. */
    static Expansion expand(String text, Map<String, String> values) {
        Matcher m = PHRASE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(), m.group())));
        }
        m.appendTail(out);
        List<Phrase> phrases = new ArrayList<>();
        values.forEach((k, v) -> phrases.add(new Phrase(k, v)));
        return new Expansion(out.toString(), phrases);
    }

    static String vitals(Vitals v, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        if (v.systolic() != null) {
            parts.add("BP " + v.systolic() + "/" + v.diastolic() + " mmHg");
        }
        if (v.pulse() != null) {
            parts.add("pulse " + v.pulse() + " /min");
        }
        if (v.temperature() != null) {
            parts.add("temperature " + plain(v.temperature()) + " \u00b0C");
        }
        if (v.respiratory() != null) {
            parts.add("respiratory rate " + v.respiratory() + " /min");
        }
        if (v.spo2() != null) {
            parts.add("SpO2 " + v.spo2() + " %");
        }
        if (v.weight() != null) {
            parts.add("weight " + plain(v.weight()) + " kg");
        }
        if (v.height() != null) {
            parts.add("height " + plain(v.height()) + " cm");
        }
        if (v.bmi() != null) {
            parts.add("BMI " + plain(v.bmi()) + " kg/m2");
        }
        return String.join(", ", parts) + " (" + DAY_TIME.format(v.measuredAt().atZoneSameInstant(zone)) + ")";
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    @SafeVarargs
    private static String join(String sep, Optional<String>... parts) {
        List<String> present = new ArrayList<>();
        for (Optional<String> p : parts) {
            p.filter(s -> !s.isBlank()).ifPresent(present::add);
        }
        return String.join(sep, present);
    }
}
