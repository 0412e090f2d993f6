package org.medconnect.shared.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a partial credit takes off one invoice line, the same on the server and in the desk's
 * preview. Every credit is a share of what is still left on the line (not of the original), each
 * figure rounded half-even to the minor unit, and the credit that takes the rest takes exactly the
 * rest: however a line is credited in parts, the parts sum to the line and never exceed it.
 * Figures here are positive; a credit note stores them negated.
 */
public final class CreditMath {

    private CreditMath() {}

    /** What is left to credit on a line: its quantity and money less everything credited before. */
    public record Remaining(BigDecimal quantity, long netMinor, long discountMinor, long taxMinor) {
        public long grossMinor() {
            return netMinor + taxMinor;
        }

        /** No money left to credit on the line (a quantity may remain after amounts took its money). */
        public boolean nothingLeft() {
            return netMinor + taxMinor == 0;
        }
    }

    /** One credit off a line (positive figures): amount = net + discount, gross = net + tax. */
    public record Credit(BigDecimal quantity, long discountMinor, long netMinor, long taxMinor) {
        public long amountMinor() {
            return netMinor + discountMinor;
        }

        public long grossMinor() {
            return netMinor + taxMinor;
        }
    }

    /**
     * {@code quantity} of what is left, with its share of the net, discount and tax; all of the
     * rest when it is all the quantity left. The caller checks 0 < quantity <= remaining.
     */
    public static Credit ofQuantity(Remaining left, BigDecimal quantity) {
        if (quantity.compareTo(left.quantity()) >= 0) {
            return new Credit(left.quantity(), left.discountMinor(), left.netMinor(), left.taxMinor());
        }
        return new Credit(quantity, share(left.discountMinor(), quantity, left.quantity()), share(left.netMinor(), quantity, left.quantity()),
                share(left.taxMinor(), quantity, left.quantity()));
    }

    /**
     * {@code grossMinor} (tax included) off what is left: the net is its share of the net left,
     * rounded half-even, and the tax is the rest, so the credit is exactly the amount asked.
     * The caller checks 0 < gross <= remaining gross. The quantity is left as it was.
     */
    public static Credit ofAmount(Remaining left, long grossMinor) {
        if (grossMinor >= left.grossMinor()) {
            return new Credit(BigDecimal.ZERO, 0, left.netMinor(), left.taxMinor());
        }
        long net = share(left.netMinor(), BigDecimal.valueOf(grossMinor), BigDecimal.valueOf(left.grossMinor()));
        return new Credit(BigDecimal.ZERO, 0, net, grossMinor - net);
    }

    /**
     * Spreads {@code amountMinor} over lines in proportion to what is left on each (largest
     * remainder, ties to the earlier line), never giving a line more than it has left.
     * The caller checks 0 < amount <= the sum of {@code leftGross}.
     */
    public static long[] spread(long amountMinor, long[] leftGross) {
        long total = 0;
        for (long g : leftGross) {
            total = Math.addExact(total, g);
        }
        long[] out = new long[leftGross.length];
        BigDecimal[] remainders = new BigDecimal[leftGross.length];
        long given = 0;
        for (int i = 0; i < leftGross.length; i++) {
            BigDecimal exact = BigDecimal.valueOf(amountMinor).multiply(BigDecimal.valueOf(leftGross[i]))
                    .divide(BigDecimal.valueOf(total), 12, RoundingMode.DOWN);
            out[i] = exact.setScale(0, RoundingMode.DOWN).longValueExact();
            remainders[i] = exact.subtract(BigDecimal.valueOf(out[i]));
            given += out[i];
        }
        while (given < amountMinor) {
            int best = -1;
            for (int i = 0; i < out.length; i++) {
                if (out[i] < leftGross[i] && (best < 0 || remainders[i].compareTo(remainders[best]) > 0)) {
                    best = i;
                }
            }
            out[best]++;
            remainders[best] = BigDecimal.ZERO.subtract(BigDecimal.ONE);
            given++;
        }
        return out;
    }

    /** value x part / whole, rounded half-even to a whole minor unit. */
    private static long share(long value, BigDecimal part, BigDecimal whole) {
        return BigDecimal.valueOf(value).multiply(part).divide(whole, 0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
