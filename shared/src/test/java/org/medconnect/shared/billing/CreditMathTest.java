package org.medconnect.shared.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.medconnect.shared.billing.CreditMath.Credit;
import org.medconnect.shared.billing.CreditMath.Remaining;

/** Credits in parts round half-even and always sum to the line exactly, never past it. */
class CreditMathTest {

    static Remaining less(Remaining r, Credit c) {
        return new Remaining(r.quantity().subtract(c.quantity()), r.netMinor() - c.netMinor(), r.discountMinor() - c.discountMinor(),
                r.taxMinor() - c.taxMinor());
    }

    @Test
    void threeThirdsOfALineSumToTheLineToTheCent() {
        Remaining line = new Remaining(new BigDecimal("3"), 1000, 1, 77); // tax 77: thirds of 25.67
        Credit a = CreditMath.ofQuantity(line, BigDecimal.ONE);
        Remaining left = less(line, a);
        Credit b = CreditMath.ofQuantity(left, BigDecimal.ONE);
        left = less(left, b);
        Credit c = CreditMath.ofQuantity(left, BigDecimal.ONE);
        assertThat(new long[] {a.netMinor(), b.netMinor(), c.netMinor()}).containsExactly(333, 334, 333); // 1000/3 -> 333, then 667/2 = 333.5 -> 334 (half-even), the rest 333
        assertThat(a.netMinor() + b.netMinor() + c.netMinor()).isEqualTo(1000);
        assertThat(new long[] {a.taxMinor(), b.taxMinor(), c.taxMinor()}).containsExactly(26, 26, 25);
        assertThat(less(left, c)).isEqualTo(new Remaining(new BigDecimal("0"), 0, 0, 0));
    }

    @Test
    void anAmountIsExactAndItsTaxIsWhatIsLeftAfterTheNetShare() {
        Remaining line = new Remaining(BigDecimal.ONE, 1000, 0, 200);
        Credit c = CreditMath.ofAmount(line, 601);
        assertThat(c.grossMinor()).isEqualTo(601);
        assertThat(c.netMinor()).isEqualTo(501); // 1000 x 601/1200 = 500.83
        assertThat(c.taxMinor()).isEqualTo(100);
        assertThat(CreditMath.ofAmount(less(line, c), 599)).isEqualTo(new Credit(BigDecimal.ZERO, 0, 499, 100));
    }

    @Test
    void anAmountIsSpreadByLargestRemainderAndNeverPastALine() {
        assertThat(CreditMath.spread(1001, new long[] {1200, 800})).containsExactly(601, 400);
        assertThat(CreditMath.spread(2, new long[] {1, 1, 1})).containsExactly(1, 1, 0);
        assertThat(CreditMath.spread(3, new long[] {1, 0, 2})).containsExactly(1, 0, 2);
    }
}
