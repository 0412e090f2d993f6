package org.medconnect.desktop.chart.prescription.editor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.proto.prescription.v1.PrescriptionRoute;

/**
 * What the editor says about dosing without asking the server: readable labels for the
 * frequency and route enums, the live quantity preview (dose x doses per day x days, the rule
 * the server applies when it stores a line), and the split of a catalogue form such as
 * "500 MG Oral Capsule" into strength, route and form.
 */
public final class Dosing {

    static final BigDecimal MAX_DOSE = new BigDecimal("10000");
    static final int MAX_DAYS = 365;
    static final int MAX_REFILLS = 12;

    private Dosing() {}

    /** The frequencies a doctor can pick, in the order a prescriber thinks of them. */
    public static List<PrescriptionFrequency> frequencies() {
        return List.of(PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE_DAILY, PrescriptionFrequency.PRESCRIPTION_FREQUENCY_TWICE_DAILY,
                PrescriptionFrequency.PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY, PrescriptionFrequency.PRESCRIPTION_FREQUENCY_FOUR_TIMES_DAILY,
                PrescriptionFrequency.PRESCRIPTION_FREQUENCY_EVERY_4_HOURS, PrescriptionFrequency.PRESCRIPTION_FREQUENCY_EVERY_6_HOURS,
                PrescriptionFrequency.PRESCRIPTION_FREQUENCY_EVERY_8_HOURS, PrescriptionFrequency.PRESCRIPTION_FREQUENCY_IN_THE_MORNING,
                PrescriptionFrequency.PRESCRIPTION_FREQUENCY_AT_NIGHT, PrescriptionFrequency.PRESCRIPTION_FREQUENCY_WEEKLY,
                PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE);
    }

    /** The routes a doctor can pick. */
    public static List<PrescriptionRoute> routes() {
        return java.util.Arrays.stream(PrescriptionRoute.values())
                .filter(r -> r != PrescriptionRoute.PRESCRIPTION_ROUTE_UNSPECIFIED && r != PrescriptionRoute.UNRECOGNIZED).toList();
    }

    public static String label(PrescriptionFrequency frequency) {
        if (frequency == null) {
            return "";
        }
        return switch (frequency) {
            case PRESCRIPTION_FREQUENCY_ONCE -> "once (a single dose)";
            case PRESCRIPTION_FREQUENCY_ONCE_DAILY -> "once daily";
            case PRESCRIPTION_FREQUENCY_TWICE_DAILY -> "twice daily";
            case PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY -> "three times daily";
            case PRESCRIPTION_FREQUENCY_FOUR_TIMES_DAILY -> "four times daily";
            case PRESCRIPTION_FREQUENCY_EVERY_4_HOURS -> "every 4 hours";
            case PRESCRIPTION_FREQUENCY_EVERY_6_HOURS -> "every 6 hours";
            case PRESCRIPTION_FREQUENCY_EVERY_8_HOURS -> "every 8 hours";
            case PRESCRIPTION_FREQUENCY_AT_NIGHT -> "at night";
            case PRESCRIPTION_FREQUENCY_IN_THE_MORNING -> "in the morning";
            case PRESCRIPTION_FREQUENCY_WEEKLY -> "weekly";
            default -> "";
        };
    }

    public static String label(PrescriptionRoute route) {
        if (route == null || route == PrescriptionRoute.PRESCRIPTION_ROUTE_UNSPECIFIED || route == PrescriptionRoute.UNRECOGNIZED) {
            return "";
        }
        String name = route.name().substring("PRESCRIPTION_ROUTE_".length()).toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A decimal a doctor typed ("1", "0.5", "1,5"), if it is one. */
    public static Optional<BigDecimal> decimal(String typed) {
        String text = typed == null ? "" : typed.strip().replace(',', '.');
        if (text.isEmpty() || text.length() > 12) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A whole number a doctor typed, if it is one. */
    public static Optional<Integer> whole(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }

    /**
     * The quantity to dispense: dose x doses per day x days; a single dose is the dose; weekly is
     * one dose per started week. With "as needed" the frequency is the most often, so this is the most
     * the patient could need. Empty until dose, frequency and days are all readable.
     */
    public static Optional<BigDecimal> quantity(String doseAmount, PrescriptionFrequency frequency, String durationDays) {
        Optional<BigDecimal> dose = decimal(doseAmount).filter(d -> d.signum() > 0 && d.compareTo(MAX_DOSE) <= 0);
        Optional<Integer> days = whole(durationDays).filter(d -> d >= 1 && d <= MAX_DAYS);
        if (dose.isEmpty() || frequency == null) {
            return Optional.empty();
        }
        if (frequency == PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE) {
            return Optional.of(plain(dose.get()));
        }
        if (days.isEmpty()) {
            return Optional.empty();
        }
        long doses = switch (frequency) {
            case PRESCRIPTION_FREQUENCY_ONCE_DAILY, PRESCRIPTION_FREQUENCY_AT_NIGHT, PRESCRIPTION_FREQUENCY_IN_THE_MORNING -> days.get();
            case PRESCRIPTION_FREQUENCY_TWICE_DAILY -> 2L * days.get();
            case PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY, PRESCRIPTION_FREQUENCY_EVERY_8_HOURS -> 3L * days.get();
            case PRESCRIPTION_FREQUENCY_FOUR_TIMES_DAILY, PRESCRIPTION_FREQUENCY_EVERY_6_HOURS -> 4L * days.get();
            case PRESCRIPTION_FREQUENCY_EVERY_4_HOURS -> 6L * days.get();
            case PRESCRIPTION_FREQUENCY_WEEKLY -> (days.get() + 6) / 7;
            default -> -1;
        };
        return doses < 0 ? Optional.empty() : Optional.of(plain(dose.get().multiply(BigDecimal.valueOf(doses))));
    }

    /** "14", "7.5": no exponent, no trailing zeros. */
    public static String text(BigDecimal value) {
        return plain(value).toPlainString();
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.setScale(Math.min(Math.max(value.scale(), 0), 3), RoundingMode.HALF_UP).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static final Pattern COMMON_FORM = Pattern.compile("^\\s*([0-9][0-9.,/]*\\s*[A-Za-z%]+(?:/[A-Za-z0-9.]+)?)\\s+(.+)$");

    /** A catalogue form split for the line's fields. */
    public record FormParts(String strength, Optional<PrescriptionRoute> route, String form) {}

    /** "500 MG Oral Capsule" -> 500 mg, oral, capsule; text it cannot split goes whole into the form. */
    public static FormParts split(String commonForm) {
        String text = commonForm == null ? "" : commonForm.strip();
        Matcher m = COMMON_FORM.matcher(text);
        String strength = "";
        String rest = text;
        if (m.matches()) {
            strength = m.group(1).replaceAll("(?i)\\bMG\\b", "mg").replaceAll("(?i)\\bMCG\\b", "mcg").replaceAll("(?i)\\bML\\b", "mL")
                    .replaceAll("(?i)\\bUNT\\b", "units");
            rest = m.group(2).strip();
        }
        Optional<PrescriptionRoute> route = Optional.empty();
        String lower = rest.toLowerCase(java.util.Locale.ROOT);
        String[][] words = {{"oral", "ORAL"}, {"sublingual", "SUBLINGUAL"}, {"topical", "TOPICAL"}, {"transdermal", "TRANSDERMAL"},
                {"inhalation", "INHALED"}, {"inhalant", "INHALED"}, {"inhaled", "INHALED"}, {"nasal", "NASAL"},
                {"ophthalmic", "OPHTHALMIC"}, {"otic", "OTIC"}, {"rectal", "RECTAL"}, {"vaginal", "VAGINAL"}};
        for (String[] w : words) {
            if (lower.startsWith(w[0] + " ")) {
                route = Optional.of(PrescriptionRoute.valueOf("PRESCRIPTION_ROUTE_" + w[1]));
                rest = rest.substring(w[0].length()).strip();
                break;
            }
        }
        if (lower.startsWith("injectable") || lower.startsWith("injection")) {
            route = Optional.empty(); // which injection route is the doctor's choice
        }
        return new FormParts(strength, route, rest.toLowerCase(java.util.Locale.ROOT));
    }
}
