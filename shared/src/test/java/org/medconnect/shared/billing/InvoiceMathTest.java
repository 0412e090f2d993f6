package org.medconnect.shared.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InvoiceMathTest {

    @ParameterizedTest(name = "{0} x {1} less {2} at {3}% = net {4}, tax {5}")
    @CsvSource({
            // half a cent of tax goes to the even cent: 100.5 -> 100, 101.5 -> 102
            "1, 1005, 0, 10, 1005, 100",
            "1, 1015, 0, 10, 1015, 102",
            // half a cent of amount: 2.5 -> 2, 7.5 -> 8
            "0.5, 5, 0, 0, 2, 0",
            "2.5, 3, 0, 0, 8, 0",
            // a third of a euro
            "0.333, 100, 0, 20, 33, 7",
            // New York's 8.875% on 19.99: 177.41125 cents -> 177
            "1, 1999, 0, 8.875, 1999, 177",
            // 7.7% on 0.65: 5.005 -> 5 (half-up would say 5 too); on 0.75: 5.775 -> 6
            "1, 65, 0, 7.7, 65, 5",
            "1, 75, 0, 7.7, 75, 6",
            // 19% on 2.50 = 47.5 -> 48; on 3.50 = 66.5 -> 66
            "1, 250, 0, 19, 250, 48",
            "1, 350, 0, 19, 350, 66",
            // a discount comes off before tax
            "3, 1999, 97, 20, 5900, 1180",
    })
    void roundsAmountAndTaxHalfEvenToTheMinorUnit(String quantity, long unit, long discount, String percent, long net, long tax) {
        InvoiceMath.LineAmounts a = InvoiceMath.line(new BigDecimal(quantity), unit, discount, new BigDecimal(percent));
        assertThat(a.netMinor()).isEqualTo(net);
        assertThat(a.taxMinor()).isEqualTo(tax);
        assertThat(a.grossMinor()).isEqualTo(net + tax);
    }

    @Test
    void totalsAreSumsOfRoundedLinesSoThePrintedInvoiceAddsUp() {
        // Three lines of 0.10 at 15%: 1.5 cents of tax each rounds to 2; the invoice shows 6,
        // where taxing the 0.30 total would say 4.5 -> 4 and the lines would not add up.
        var line = InvoiceMath.line(BigDecimal.ONE, 10, 0, new BigDecimal("15"));
        var totals = InvoiceMath.totals(List.of(line, line, line));
        assertThat(line.taxMinor()).isEqualTo(2);
        assertThat(totals.taxMinor()).isEqualTo(6);
        assertThat(totals.totalMinor()).isEqualTo(36);
    }

    @Test
    void minorUnitsFollowTheCurrency() {
        assertThat(InvoiceMath.minorDigits("EUR")).isEqualTo(2);
        assertThat(InvoiceMath.minorDigits("JPY")).isZero();
        assertThat(InvoiceMath.minorDigits("KWD")).isEqualTo(3);
        assertThat(InvoiceMath.format(123450, "EUR")).isEqualTo("1234.50");
        assertThat(InvoiceMath.format(-5, "EUR")).isEqualTo("-0.05");
        assertThat(InvoiceMath.format(1500, "JPY")).isEqualTo("1500");
        assertThat(InvoiceMath.format(1500, "KWD")).isEqualTo("1.500");
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "10000.001", "1e9", "abc", "0.0001", "99999999999999999999999"})
    void refusesQuantitiesOutsideTheLimits(String raw) {
        assertThat(InvoiceMath.quantity(raw)).isEmpty();
    }

    @Test
    void acceptsOrdinaryQuantities() {
        assertThat(InvoiceMath.quantity("")).contains(BigDecimal.ONE);
        assertThat(InvoiceMath.quantity("2.5")).contains(new BigDecimal("2.500"));
        assertThat(InvoiceMath.quantity("10000")).contains(new BigDecimal("10000.000"));
        assertThat(InvoiceMath.percent("8.875")).contains(new BigDecimal("8.8750"));
        assertThat(InvoiceMath.percent("100.01")).isEmpty();
        assertThat(InvoiceMath.percent("-1")).isEmpty();
    }
}
