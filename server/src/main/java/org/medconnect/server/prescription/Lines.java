package org.medconnect.server.prescription;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.medconnect.server.chart.coding.DrugCatalogue;
import org.medconnect.server.chart.coding.DrugEntry;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.prescription.PrescriptionModel.Frequency;
import org.medconnect.server.prescription.PrescriptionModel.LineInput;
import org.medconnect.server.prescription.PrescriptionModel.ResolvedLine;
import org.medconnect.shared.validation.FieldError;

/**
 * Reads prescription lines as the doctor wrote them: resolves each drug to the ingredient keys
 * the checks read (a catalogue ingredient, a local brand's ingredients, or nothing for free
 * text), checks every field (errors name it, e.g. {@code lines[2].dose_amount}), computes the
 * quantity unless one is given, and writes the sig.
 */
final class Lines {

    static final int MAX_LINES = 50;
    static final String BRAND_PREFIX = "brand:";
    static final BigDecimal MAX_DOSE = new BigDecimal("10000");
    static final BigDecimal MAX_QUANTITY = new BigDecimal("100000");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,6}(\\.\\d{1,3})?");

    /** A local brand: its name and ingredient keys. */
    record Brand(String name, List<String> ingredientKeys) {}

    private Lines() {}

    /** The lines resolved, or INVALID_ARGUMENT naming every wrong field. */
    static List<ResolvedLine> read(List<LineInput> inputs, DrugCatalogue drugs, Function<UUID, Optional<Brand>> brands) {
        List<FieldError> errors = new ArrayList<>();
        if (inputs.size() > MAX_LINES) {
            throw DomainException.InvalidInput.of("lines", "A prescription holds at most " + MAX_LINES + " drugs.");
        }
        List<ResolvedLine> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            read(i, inputs.get(i), drugs, brands, errors).ifPresent(out::add);
        }
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
        return out;
    }

    private static Optional<ResolvedLine> read(int i, LineInput in, DrugCatalogue drugs, Function<UUID, Optional<Brand>> brands,
                                               List<FieldError> errors) {
        String p = "lines[" + i + "].";
        int before = errors.size();
        String key = strip(in.drugKey());
        String name = strip(in.drugName());
        Optional<String> drugKey = Optional.empty();
        List<String> ingredients = List.of();
        if (key.startsWith(BRAND_PREFIX)) {
            Optional<Brand> brand = uuid(key.substring(BRAND_PREFIX.length())).flatMap(brands);
            if (brand.isEmpty()) {
                errors.add(new FieldError(p + "drug_key", "That brand is not (or no longer) in the clinic's list; pick another drug."));
            } else {
                drugKey = Optional.of(key);
                ingredients = brand.get().ingredientKeys();
                name = name.isEmpty() ? brand.get().name() : name;
            }
        } else if (!key.isEmpty()) {
            Optional<DrugEntry> entry = drugs.find(key).filter(e -> e.kind() == DrugEntry.Kind.INGREDIENT);
            if (entry.isEmpty()) {
                errors.add(new FieldError(p + "drug_key",
                        "That drug is not in the clinic's catalogue; pick one from the search, or write its name as free text."));
            } else {
                drugKey = Optional.of(entry.get().key());
                ingredients = List.of(entry.get().key());
                name = name.isEmpty() ? entry.get().name() : name;
            }
        } else if (name.isEmpty()) {
            errors.add(new FieldError(p + "drug_name", "Choose a drug or write its name."));
        }
        length(errors, p + "drug_name", name, 200);
        length(errors, p + "strength", in.strength(), 60);
        length(errors, p + "form", in.form(), 60);
        if (in.route().isEmpty()) {
            errors.add(new FieldError(p + "route", "Choose how it is taken."));
        }
        Optional<BigDecimal> dose = decimal(errors, p + "dose_amount", in.doseAmount(), MAX_DOSE, "Give the dose as a number more than 0, e.g. 1 or 0.5.");
        String doseUnit = strip(in.doseUnit());
        if (doseUnit.isEmpty()) {
            errors.add(new FieldError(p + "dose_unit", "Give the dose's unit, e.g. tablet or mL."));
        }
        length(errors, p + "dose_unit", doseUnit, 30);
        if (in.frequency().isEmpty()) {
            errors.add(new FieldError(p + "frequency", "Choose how often it is taken."));
        }
        if (in.durationDays() < 1 || in.durationDays() > 365) {
            errors.add(new FieldError(p + "duration_days", "Give a duration of 1 to 365 days."));
        }
        String quantityText = strip(in.quantity());
        Optional<BigDecimal> override = quantityText.isEmpty() ? Optional.empty()
                : decimal(errors, p + "quantity", quantityText, MAX_QUANTITY, "Give the quantity as a number more than 0, or leave it empty to compute it.");
        String quantityUnit = strip(in.quantityUnit()).isEmpty() ? doseUnit : strip(in.quantityUnit());
        length(errors, p + "quantity_unit", quantityUnit, 30);
        if (in.refills() < 0 || in.refills() > 12) {
            errors.add(new FieldError(p + "refills", "Give 0 to 12 refills."));
        }
        length(errors, p + "instructions", in.instructions(), 1000);
        length(errors, p + "warnings", in.warnings(), 1000);
        if (errors.size() > before) {
            return Optional.empty();
        }
        BigDecimal quantity;
        if (override.isPresent()) {
            quantity = override.get();
        } else {
            quantity = computeQuantity(dose.orElseThrow(), in.frequency().orElseThrow(), in.durationDays());
            if (quantity.compareTo(MAX_QUANTITY) > 0) {
                errors.add(new FieldError(p + "quantity", "That comes to more than 100,000; check the dose and duration."));
                return Optional.empty();
            }
        }
        return Optional.of(new ResolvedLine(i + 1, drugKey, name, ingredients, strip(in.strength()), strip(in.form()), in.route().orElseThrow(),
                dose.orElseThrow(), doseUnit, in.frequency().orElseThrow(), in.asNeeded(), in.durationDays(), quantity, quantityUnit,
                override.isPresent(), in.refills(), strip(in.instructions()), strip(in.warnings())));
    }

    /**
     * Dose x doses per day x days; a single dose for ONCE; per started week for WEEKLY. For
     * "as needed" the frequency is the most often, so this is the most that may be taken.
     */
    static BigDecimal computeQuantity(BigDecimal dose, Frequency frequency, int days) {
        return switch (frequency) {
            case ONCE -> dose;
            case WEEKLY -> dose.multiply(BigDecimal.valueOf((days + 6) / 7));
            default -> dose.multiply(BigDecimal.valueOf((long) frequency.dosesPerDay() * days));
        };
    }

    /** The most taken per day, for days of supply; ONCE counts its one dose as a day. */
    static BigDecimal dailyDose(ResolvedLine l) {
        return switch (l.frequency()) {
            case ONCE -> l.doseAmount();
            case WEEKLY -> l.doseAmount().divide(BigDecimal.valueOf(7), 6, RoundingMode.HALF_UP);
            default -> l.doseAmount().multiply(BigDecimal.valueOf(l.frequency().dosesPerDay()));
        };
    }

    static String sig(ResolvedLine l) {
        StringBuilder b = new StringBuilder().append(plain(l.doseAmount())).append(' ').append(l.doseUnit()).append(' ')
                .append(l.frequency().words());
        if (l.frequency() != Frequency.ONCE) {
            b.append(" for ").append(l.durationDays()).append(l.durationDays() == 1 ? " day" : " days");
        }
        if (l.asNeeded()) {
            b.append(" (as needed)");
        }
        return b.toString();
    }

    /** "1", "0.5", "14": no trailing zeros, no exponent. */
    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    static Optional<BigDecimal> decimal(List<FieldError> errors, String field, String raw, BigDecimal max, String message) {
        String s = strip(raw);
        if (!DECIMAL.matcher(s).matches()) {
            errors.add(new FieldError(field, message));
            return Optional.empty();
        }
        BigDecimal d = new BigDecimal(s);
        if (d.signum() <= 0 || d.compareTo(max) > 0) {
            errors.add(new FieldError(field, "Give a number more than 0 and at most " + plain(max) + "."));
            return Optional.empty();
        }
        return Optional.of(d);
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.add(new FieldError(field, "Keep this to " + max + " characters."));
        }
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
