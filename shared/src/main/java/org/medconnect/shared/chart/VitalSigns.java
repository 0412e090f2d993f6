package org.medconnect.shared.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medconnect.shared.validation.FieldError;

/**
 * Vital signs as the chart records them (issue 12, decision 0031): each vital's LOINC code and
 * UCUM unit as in the FHIR R4 vital-signs profile, the plausibility limits (a value outside
 * them is a typing or measuring mistake and is refused), and the adult reference ranges that
 * flag a value LOW, HIGH or CRITICAL. The workstation checks as the user types; the server
 * checks the same rules again.
 *
 * <p>Adult ranges: the "critical" bands are the 3-point bands of the Royal College of
 * Physicians' National Early Warning Score 2 (NEWS2, 2017) where it scores the vital; blood
 * pressure high and severe follow NICE NG136 (clinic 140/90, severe 180/120); BMI follows the
 * WHO adult classes (18.5, 25, 40; severe thinness below 16). Weight and height are not flagged.
 */
public final class VitalSigns {

    /** The LOINC code of the blood pressure panel whose components are systolic and diastolic. */
    public static final String BP_PANEL_LOINC = "85354-9";

    /** How a value compares with the adult reference ranges. */
    public enum Flag {
        NORMAL, LOW, HIGH, CRITICAL_LOW, CRITICAL_HIGH;

        public boolean abnormal() {
            return this != NORMAL;
        }

        public boolean critical() {
            return this == CRITICAL_LOW || this == CRITICAL_HIGH;
        }

        /** The worse of two flags (critical over abnormal over normal). */
        public Flag worse(Flag other) {
            return rank(other) > rank(this) ? other : this;
        }

        private static int rank(Flag f) {
            return switch (f) {
                case NORMAL -> 0;
                case LOW, HIGH -> 1;
                case CRITICAL_LOW, CRITICAL_HIGH -> 2;
            };
        }
    }

    /**
     * Bands at the vital's own precision, each inclusive and null when there is none: at or
     * below {@code criticalLow} is CRITICAL_LOW, at or below {@code low} LOW, at or above
     * {@code high} HIGH, at or above {@code criticalHigh} CRITICAL_HIGH.
     */
    public record Bands(BigDecimal criticalLow, BigDecimal low, BigDecimal high, BigDecimal criticalHigh) {
        static Bands of(String criticalLow, String low, String high, String criticalHigh) {
            return new Bands(dec(criticalLow), dec(low), dec(high), dec(criticalHigh));
        }

        private static BigDecimal dec(String s) {
            return s == null ? null : new BigDecimal(s);
        }
    }

    /** One vital: its codes, units, precision, the plausible range and the adult bands. */
    public enum Vital {
        SYSTOLIC("systolic_mmhg", "8480-6", "", BP_PANEL_LOINC, "Systolic blood pressure", "systolic pressure", "mm[Hg]", "mmHg", 0,
                "40", "300", Bands.of("90", "99", "140", "180")),
        DIASTOLIC("diastolic_mmhg", "8462-4", "", BP_PANEL_LOINC, "Diastolic blood pressure", "diastolic pressure", "mm[Hg]", "mmHg", 0,
                "20", "200", Bands.of(null, "59", "90", "120")),
        HEART_RATE("pulse_per_min", "8867-4", "", "", "Heart rate", "pulse", "/min", "/min", 0,
                "20", "300", Bands.of("40", "50", "101", "131")),
        TEMPERATURE("temperature_c", "8310-5", "", "", "Body temperature", "temperature", "Cel", "\u00b0C", 1,
                "25", "45", Bands.of("35.0", "36.0", "38.1", "39.1")),
        RESPIRATORY_RATE("respiratory_per_min", "9279-1", "", "", "Respiratory rate", "respiratory rate", "/min", "/min", 0,
                "4", "80", Bands.of("8", "11", "21", "25")),
        OXYGEN_SATURATION("spo2_pct", "2708-6", "59408-5", "", "Oxygen saturation in Arterial blood", "SpO2", "%", "%", 0,
                "50", "100", Bands.of("91", "95", null, null)),
        BODY_WEIGHT("weight_kg", "29463-7", "", "", "Body weight", "weight", "kg", "kg", 2,
                "0.3", "500", Bands.of(null, null, null, null)),
        BODY_HEIGHT("height_cm", "8302-2", "", "", "Body height", "height", "cm", "cm", 1,
                "20", "260", Bands.of(null, null, null, null)),
        BMI("bmi", "39156-5", "", "", "Body mass index (BMI) [Ratio]", "BMI", "kg/m2", "kg/m\u00b2", 1,
                "1", "250", Bands.of("15.9", "18.4", "25.0", "40.0"));

        private final String field;
        private final String loinc;
        private final String additionalLoinc;
        private final String panelLoinc;
        private final String display;
        private final String noun;
        private final String ucum;
        private final String unitLabel;
        private final int decimals;
        private final BigDecimal min;
        private final BigDecimal max;
        private final Bands bands;

        Vital(String field, String loinc, String additionalLoinc, String panelLoinc, String display, String noun, String ucum,
              String unitLabel, int decimals, String min, String max, Bands bands) {
            this.field = field;
            this.loinc = loinc;
            this.additionalLoinc = additionalLoinc;
            this.panelLoinc = panelLoinc;
            this.display = display;
            this.noun = noun;
            this.ucum = ucum;
            this.unitLabel = unitLabel;
            this.decimals = decimals;
            this.min = new BigDecimal(min);
            this.max = new BigDecimal(max);
            this.bands = bands;
        }

        /** The request field that carries it, e.g. "pulse_per_min". */
        public String field() {
            return field;
        }

        public String loinc() {
            return loinc;
        }

        /** A second code the profile lists (59408-5 for SpO2 by pulse oximetry), or "". */
        public String additionalLoinc() {
            return additionalLoinc;
        }

        /** The panel it is a component of (85354-9 for blood pressure), or "". */
        public String panelLoinc() {
            return panelLoinc;
        }

        /** The LOINC display name. */
        public String display() {
            return display;
        }

        /** As a sentence names it: "pulse", "temperature". */
        public String noun() {
            return noun;
        }

        /** The UCUM code, e.g. "mm[Hg]". */
        public String ucum() {
            return ucum;
        }

        /** The unit as a person reads it, e.g. "mmHg". */
        public String unitLabel() {
            return unitLabel;
        }

        /** Digits after the decimal point the chart keeps (0 for whole numbers). */
        public int decimals() {
            return decimals;
        }

        public BigDecimal min() {
            return min;
        }

        public BigDecimal max() {
            return max;
        }

        public Bands bands() {
            return bands;
        }

        /** "72 /min", "37.2 °C", "120 mmHg". */
        public String format(BigDecimal value) {
            String v = value.setScale(Math.min(decimals, Math.max(0, value.stripTrailingZeros().scale())), RoundingMode.HALF_UP)
                    .toPlainString();
            return "%".equals(unitLabel) ? v + " %" : v + " " + unitLabel;
        }
    }

    /** The values of one set as typed; empty means "not taken". */
    public record Reading(Optional<BigDecimal> systolic, Optional<BigDecimal> diastolic, Optional<BigDecimal> pulse,
                          Optional<BigDecimal> temperature, Optional<BigDecimal> respiratoryRate, Optional<BigDecimal> spo2,
                          Optional<BigDecimal> weight, Optional<BigDecimal> height) {

        public Optional<BigDecimal> get(Vital vital) {
            return switch (vital) {
                case SYSTOLIC -> systolic;
                case DIASTOLIC -> diastolic;
                case HEART_RATE -> pulse;
                case TEMPERATURE -> temperature;
                case RESPIRATORY_RATE -> respiratoryRate;
                case OXYGEN_SATURATION -> spo2;
                case BODY_WEIGHT -> weight;
                case BODY_HEIGHT -> height;
                case BMI -> bmi(weight, height);
            };
        }
    }

    /** The vitals a person types, in display order (BMI is computed, not typed). */
    public static final List<Vital> MEASURED = List.of(Vital.SYSTOLIC, Vital.DIASTOLIC, Vital.HEART_RATE, Vital.TEMPERATURE,
            Vital.RESPIRATORY_RATE, Vital.OXYGEN_SATURATION, Vital.BODY_WEIGHT, Vital.BODY_HEIGHT);

    private VitalSigns() {}

    /**
     * What is wrong with one typed value, if anything: "A pulse of 400 /min is not possible;
     * check the reading." for a value outside the plausible range, or a precision message.
     */
    public static Optional<String> problem(Vital vital, BigDecimal value) {
        if (value.compareTo(vital.min()) < 0 || value.compareTo(vital.max()) > 0) {
            String article = vital.noun().startsWith("S") ? "An" : "A";
            return Optional.of(article + " " + vital.noun() + " of " + value.stripTrailingZeros().toPlainString() + " "
                    + vital.unitLabel() + " is not possible; check the reading.");
        }
        if (Math.max(0, value.stripTrailingZeros().scale()) > vital.decimals()) {
            return Optional.of(vital.decimals() == 0
                    ? capitalised(vital.noun()) + " is a whole number."
                    : capitalised(vital.noun()) + " takes at most " + vital.decimals() + (vital.decimals() == 1 ? " decimal." : " decimals."));
        }
        return Optional.empty();
    }

    /** Every problem of a whole set, each naming its field; empty when it may be recorded. */
    public static List<FieldError> problems(Reading reading) {
        List<FieldError> errors = new ArrayList<>();
        for (Vital v : MEASURED) {
            reading.get(v).flatMap(value -> problem(v, value)).ifPresent(p -> errors.add(new FieldError(v.field(), p)));
        }
        if (reading.systolic().isPresent() != reading.diastolic().isPresent()) {
            Vital missing = reading.systolic().isPresent() ? Vital.DIASTOLIC : Vital.SYSTOLIC;
            errors.add(new FieldError(missing.field(), "Blood pressure needs both systolic and diastolic."));
        } else if (reading.systolic().isPresent() && errors.isEmpty()
                && reading.systolic().get().compareTo(reading.diastolic().get()) <= 0) {
            errors.add(new FieldError(Vital.DIASTOLIC.field(), "The diastolic pressure must be lower than the systolic; check the reading."));
        }
        if (MEASURED.stream().allMatch(v -> reading.get(v).isEmpty())) {
            errors.add(new FieldError("values", "Enter at least one vital sign."));
        }
        return errors;
    }

    /** How a plausible value compares with the adult ranges. */
    public static Flag flag(Vital vital, BigDecimal value) {
        Bands b = vital.bands();
        if (b.criticalLow() != null && value.compareTo(b.criticalLow()) <= 0) {
            return Flag.CRITICAL_LOW;
        }
        if (b.criticalHigh() != null && value.compareTo(b.criticalHigh()) >= 0) {
            return Flag.CRITICAL_HIGH;
        }
        if (b.low() != null && value.compareTo(b.low()) <= 0) {
            return Flag.LOW;
        }
        if (b.high() != null && value.compareTo(b.high()) >= 0) {
            return Flag.HIGH;
        }
        return Flag.NORMAL;
    }

    /**
     * BMI = kg / m², to one decimal, rounded half up: the same as the database's generated
     * column, so the form can show it before saving.
     */
    public static Optional<BigDecimal> bmi(Optional<BigDecimal> weightKg, Optional<BigDecimal> heightCm) {
        if (weightKg.isEmpty() || heightCm.isEmpty() || heightCm.get().signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal m = heightCm.get().divide(BigDecimal.valueOf(100));
        return Optional.of(weightKg.get().divide(m.multiply(m), 1, RoundingMode.HALF_UP));
    }

    /** Reads what a user typed ("37,2" too); empty for blank, or for text that is not a number. */
    public static Optional<BigDecimal> parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(typed.strip().replace(',', '.')));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
