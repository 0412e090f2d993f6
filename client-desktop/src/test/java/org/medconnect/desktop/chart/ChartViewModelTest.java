package org.medconnect.desktop.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.chart.v1.ChartAllergyItem;
import org.medconnect.proto.chart.v1.ChartAllergyState;
import org.medconnect.proto.chart.v1.ChartSummary;
import org.medconnect.proto.chart.v1.ChartTrendPoint;
import org.medconnect.proto.chart.v1.ChartVitalsSnapshot;

/** What the summary header says: the allergy banner's three states, the vitals line with trend arrows, the sparkline. */
class ChartViewModelTest {

    @Test
    void theBannerTellsAllergiesFromNoKnownAllergiesFromNotAsked() {
        var allergic = ChartSummary.newBuilder().setAllergyState(ChartAllergyState.CHART_ALLERGY_STATE_ALLERGIC)
                .addAllergies(ChartAllergyItem.newBuilder().setSubstance("Penicillin").setSeverity("SEVERE"))
                .addAllergies(ChartAllergyItem.newBuilder().setSubstance("Latex").setSeverity("MILD")).build();
        assertThat(ChartViewModel.allergyBanner(allergic)).isEqualTo("ALLERGIES: Penicillin (severe), Latex (mild)");
        assertThat(ChartViewModel.allergyBanner(ChartSummary.newBuilder()
                .setAllergyState(ChartAllergyState.CHART_ALLERGY_STATE_NONE_KNOWN).build())).isEqualTo("No known allergies");
        assertThat(ChartViewModel.allergyBanner(ChartSummary.newBuilder()
                .setAllergyState(ChartAllergyState.CHART_ALLERGY_STATE_NOT_ASKED).build())).isEqualTo("Allergies not yet asked");
    }

    @Test
    void theVitalsLineShowsWhichWayEachValueMoved() {
        Timestamp at = Timestamp.newBuilder().setSeconds(Instant.parse("2026-11-24T09:05:00Z").getEpochSecond()).build();
        var vitals = ChartVitalsSnapshot.newBuilder().setMeasuredAt(at).setSystolicMmhg(131).setDiastolicMmhg(82)
                .setPulsePerMin(70).setWeightKg(74.5)
                .addAllBloodPressureTrend(points(140, 131)).addAllPulseTrend(points(70, 70)).addAllWeightTrend(points(74, 74.5));
        String line = ChartViewModel.vitalsLine(ChartSummary.newBuilder().setLastVitals(vitals).build(), ZoneOffset.UTC);
        assertThat(line).startsWith("BP 131/82 ↓   Pulse 70   Wt 74.5 kg ↑").endsWith("09:05)");
        assertThat(ChartViewModel.vitalsLine(ChartSummary.getDefaultInstance(), ZoneOffset.UTC)).isEqualTo("No vitals recorded");
    }

    @Test
    void theSparklineRisesWithTheValues() {
        assertThat(ChartViewModel.sparkline(points(120, 130, 140))).isEqualTo("▁▅█");
        assertThat(ChartViewModel.sparkline(points(120))).isEmpty();
    }

    private static List<ChartTrendPoint> points(double... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> ChartTrendPoint.newBuilder().setValue(v).build()).toList();
    }
}
