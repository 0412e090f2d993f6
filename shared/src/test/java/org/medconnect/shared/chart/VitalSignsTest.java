package org.medconnect.shared.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.shared.chart.VitalSigns.Flag;
import org.medconnect.shared.chart.VitalSigns.Reading;
import org.medconnect.shared.chart.VitalSigns.Vital;
import org.medconnect.shared.validation.FieldError;

class VitalSignsTest {

    @Nested
    class Codes {
        @ParameterizedTest(name = "{0} is LOINC {1} in {2}")
        @CsvSource({
                "SYSTOLIC, 8480-6, mm[Hg]",
                "DIASTOLIC, 8462-4, mm[Hg]",
                "HEART_RATE, 8867-4, /min",
                "TEMPERATURE, 8310-5, Cel",
                "RESPIRATORY_RATE, 9279-1, /min",
                "OXYGEN_SATURATION, 2708-6, %",
                "BODY_WEIGHT, 29463-7, kg",
                "BODY_HEIGHT, 8302-2, cm",
                "BMI, 39156-5, kg/m2"})
        void carriesTheFhirVitalSignsProfileCodeAndUcumUnit(Vital vital, String loinc, String ucum) {
            assertThat(vital.loinc()).isEqualTo(loinc);
            assertThat(vital.ucum()).isEqualTo(ucum);
        }

        @Test
        void bloodPressureComponentsBelongToThePanelAndSpo2CarriesThePulseOximetryCode() {
            assertThat(Vital.SYSTOLIC.panelLoinc()).isEqualTo("85354-9");
            assertThat(Vital.DIASTOLIC.panelLoinc()).isEqualTo("85354-9");
            assertThat(Vital.OXYGEN_SATURATION.additionalLoinc()).isEqualTo("59408-5");
        }
    }

    @Nested
    class Plausibility {
        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource(delimiter = '|', value = {
                "HEART_RATE|400|A pulse of 400 /min is not possible; check the reading.",
                "HEART_RATE|19|A pulse of 19 /min is not possible; check the reading.",
                "SYSTOLIC|301|A systolic pressure of 301 mmHg is not possible; check the reading.",
                "DIASTOLIC|10|A diastolic pressure of 10 mmHg is not possible; check the reading.",
                "TEMPERATURE|47.5|A temperature of 47.5 °C is not possible; check the reading.",
                "TEMPERATURE|24.9|A temperature of 24.9 °C is not possible; check the reading.",
                "RESPIRATORY_RATE|90|A respiratory rate of 90 /min is not possible; check the reading.",
                "OXYGEN_SATURATION|101|An SpO2 of 101 % is not possible; check the reading.",
                "OXYGEN_SATURATION|49|An SpO2 of 49 % is not possible; check the reading.",
                "BODY_WEIGHT|501|A weight of 501 kg is not possible; check the reading.",
                "BODY_HEIGHT|300|A height of 300 cm is not possible; check the reading.",
                "HEART_RATE|72.5|Pulse is a whole number.",
                "TEMPERATURE|37.25|Temperature takes at most 1 decimal."})
        void refusesImplausibleValuesNamingTheVital(Vital vital, String value, String message) {
            assertThat(VitalSigns.problem(vital, new BigDecimal(value))).contains(message);
        }

        @ParameterizedTest(name = "{0} {1} is plausible")
        @CsvSource({"HEART_RATE, 20", "HEART_RATE, 300", "TEMPERATURE, 25.0", "TEMPERATURE, 45", "OXYGEN_SATURATION, 100",
                "BODY_WEIGHT, 0.3", "BODY_WEIGHT, 72.45", "BODY_HEIGHT, 172.5", "SYSTOLIC, 40", "DIASTOLIC, 200"})
        void acceptsTheEdgesOfThePlausibleRange(Vital vital, String value) {
            assertThat(VitalSigns.problem(vital, new BigDecimal(value))).isEmpty();
        }

        @Test
        void bloodPressureNeedsBothHalvesAndSystolicAboveDiastolic() {
            assertThat(VitalSigns.problems(reading("120", null, null))).extracting(FieldError::field).containsExactly("diastolic_mmhg");
            assertThat(VitalSigns.problems(reading("80", "90", null))).extracting(FieldError::message)
                    .containsExactly("The diastolic pressure must be lower than the systolic; check the reading.");
            assertThat(VitalSigns.problems(reading("120", "80", "72"))).isEmpty();
        }

        @Test
        void anEmptySetIsRefused() {
            assertThat(VitalSigns.problems(reading(null, null, null))).extracting(FieldError::field).containsExactly("values");
        }

        private Reading reading(String sys, String dia, String pulse) {
            return new Reading(opt(sys), opt(dia), opt(pulse), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        private Optional<BigDecimal> opt(String s) {
            return Optional.ofNullable(s).map(BigDecimal::new);
        }
    }

    @Nested
    class AdultRanges {
        @ParameterizedTest(name = "{0} {1} is {2}")
        @CsvSource({
                "SYSTOLIC, 85, CRITICAL_LOW", "SYSTOLIC, 95, LOW", "SYSTOLIC, 120, NORMAL", "SYSTOLIC, 139, NORMAL",
                "SYSTOLIC, 140, HIGH", "SYSTOLIC, 185, CRITICAL_HIGH",
                "DIASTOLIC, 55, LOW", "DIASTOLIC, 80, NORMAL", "DIASTOLIC, 95, HIGH", "DIASTOLIC, 120, CRITICAL_HIGH",
                "HEART_RATE, 38, CRITICAL_LOW", "HEART_RATE, 48, LOW", "HEART_RATE, 72, NORMAL", "HEART_RATE, 100, NORMAL",
                "HEART_RATE, 110, HIGH", "HEART_RATE, 140, CRITICAL_HIGH",
                "TEMPERATURE, 34.8, CRITICAL_LOW", "TEMPERATURE, 35.8, LOW", "TEMPERATURE, 37.0, NORMAL", "TEMPERATURE, 38.0, NORMAL",
                "TEMPERATURE, 38.4, HIGH", "TEMPERATURE, 39.5, CRITICAL_HIGH",
                "RESPIRATORY_RATE, 7, CRITICAL_LOW", "RESPIRATORY_RATE, 10, LOW", "RESPIRATORY_RATE, 16, NORMAL",
                "RESPIRATORY_RATE, 22, HIGH", "RESPIRATORY_RATE, 28, CRITICAL_HIGH",
                "OXYGEN_SATURATION, 88, CRITICAL_LOW", "OXYGEN_SATURATION, 94, LOW", "OXYGEN_SATURATION, 97, NORMAL",
                "BMI, 15.0, CRITICAL_LOW", "BMI, 18.0, LOW", "BMI, 22.0, NORMAL", "BMI, 27.3, HIGH", "BMI, 41.2, CRITICAL_HIGH",
                "BODY_WEIGHT, 150, NORMAL", "BODY_HEIGHT, 140, NORMAL"})
        void flagsAgainstTheDocumentedAdultRanges(Vital vital, String value, Flag flag) {
            assertThat(VitalSigns.flag(vital, new BigDecimal(value))).isEqualTo(flag);
        }

        @Test
        void criticalIsWorseThanAbnormal() {
            assertThat(Flag.HIGH.worse(Flag.CRITICAL_LOW)).isEqualTo(Flag.CRITICAL_LOW);
            assertThat(Flag.NORMAL.worse(Flag.LOW)).isEqualTo(Flag.LOW);
        }
    }

    @Test
    void bmiIsWeightOverHeightSquaredToOneDecimal() {
        assertThat(VitalSigns.bmi(Optional.of(new BigDecimal("70")), Optional.of(new BigDecimal("175")))).contains(new BigDecimal("22.9"));
        assertThat(VitalSigns.bmi(Optional.of(new BigDecimal("70")), Optional.empty())).isEmpty();
    }

    @Test
    void readsTypedNumbersWithACommaToo() {
        assertThat(VitalSigns.parse("37,2")).contains(new BigDecimal("37.2"));
        assertThat(VitalSigns.parse("abc")).isEmpty();
        assertThat(VitalSigns.parse(" ")).isEmpty();
    }
}
