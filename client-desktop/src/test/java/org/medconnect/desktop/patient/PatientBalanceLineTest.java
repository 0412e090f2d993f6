package org.medconnect.desktop.patient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.proto.common.v1.Money;

/** The small balance line under the patients list: what reception reads at a glance. */
class PatientBalanceLineTest {

    @ParameterizedTest
    @CsvSource({
            "1250, EUR, Balance due: €12.50",
            "0, EUR, Nothing owed",
            "-500, USD, In credit: $5.00",
            "1500, JPY, Balance due: ¥1500",
            "12345, KWD, Balance due: KWD 12.345"})
    void saysWhatIsOwedInTheClinicsCurrency(long minor, String currency, String expected) {
        assertThat(PatientsViewModel.balanceText(Money.newBuilder().setMinorUnits(minor).setCurrencyCode(currency).build()))
                .isEqualTo(expected);
    }
}
