package org.medconnect.shared.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Invoice arithmetic both sides agree on: amounts are whole minor units of the currency
 * (cents), a line's amount and its tax are each rounded half-even to the minor unit, and the
 * invoice totals are sums of the rounded lines (so a printed invoice always adds up).
 */
public final class InvoiceMath {

    /** At most this many lines on one invoice. */
    public static final int MAX_LINES = 200;
    /** Largest quantity on a line. */
    public static final BigDecimal MAX_QUANTITY = new BigDecimal("10000");
    /** Largest unit price, in minor units (a billion in major units for a two-decimal currency). */
    public static final long MAX_UNIT_PRICE_MINOR = 100_000_000_000L;
    /** Decimals a quantity may have. */
    public static final int QUANTITY_SCALE = 3;

    private InvoiceMath() {}

    /** One line's figures in minor units. */
    public record LineAmounts(long amountMinor, long discountMinor, long netMinor, long taxMinor, long grossMinor) {}

    /** An invoice's totals in minor units. */
    public record Totals(long subtotalMinor, long discountMinor, long taxMinor, long totalMinor) {}

    /** How many decimals the currency's minor unit has (2 for EUR, 0 for JPY, 3 for KWD). */
    public static int minorDigits(String currencyCode) {
        int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
        return Math.max(digits, 0);
    }

    /**
     * quantity x unit price, less the discount, plus tax at {@code taxPercent} on the result.
     * Both the amount and the tax are rounded half-even to whole minor units.
     */
    public static LineAmounts line(BigDecimal quantity, long unitPriceMinor, long discountMinor, BigDecimal taxPercent) {
        long amount = quantity.multiply(BigDecimal.valueOf(unitPriceMinor)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        long net = amount - discountMinor;
        long tax = BigDecimal.valueOf(net).multiply(taxPercent).movePointLeft(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return new LineAmounts(amount, discountMinor, net, tax, net + tax);
    }

    public static Totals totals(List<LineAmounts> lines) {
        long subtotal = 0;
        long discount = 0;
        long tax = 0;
        for (LineAmounts l : lines) {
            subtotal = Math.addExact(subtotal, l.amountMinor());
            discount = Math.addExact(discount, l.discountMinor());
            tax = Math.addExact(tax, l.taxMinor());
        }
        return new Totals(subtotal, discount, tax, subtotal - discount + tax);
    }

    /** Parses a quantity typed at the desk ("1", "2.5"); empty when it is not a positive number within limits. */
    public static Optional<BigDecimal> quantity(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of(BigDecimal.ONE);
        }
        if (raw.length() > 20) {
            return Optional.empty();
        }
        try {
            BigDecimal q = new BigDecimal(raw.strip());
            if (q.signum() <= 0 || q.compareTo(MAX_QUANTITY) > 0 || q.stripTrailingZeros().scale() > QUANTITY_SCALE) {
                return Optional.empty();
            }
            return Optional.of(q.setScale(QUANTITY_SCALE, RoundingMode.UNNECESSARY));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Parses a tax rate in percent ("20", "7.7", "8.875"); empty when not between 0 and 100 with at most four decimals. */
    public static Optional<BigDecimal> percent(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 12) {
            return Optional.empty();
        }
        try {
            BigDecimal p = new BigDecimal(raw.strip());
            if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0 || p.stripTrailingZeros().scale() > 4) {
                return Optional.empty();
            }
            return Optional.of(p.setScale(4, RoundingMode.UNNECESSARY));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** "1234.50" for 123450 EUR minor units; the minor digits follow the currency. */
    public static String format(long minor, String currencyCode) {
        return BigDecimal.valueOf(minor).movePointLeft(minorDigits(currencyCode)).toPlainString();
    }
}
