package org.medconnect.desktop.chart.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.chart.v1.RecordVitalsResponse;
import org.medconnect.proto.chart.v1.VitalSet;
import org.medconnect.shared.chart.VitalSigns.Vital;

class VitalsFormViewModelTest {

    final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    final VitalsFormViewModel model = new VitalsFormViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }),
            new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState()), "p-1", Clock.systemUTC());

    @Test
    void anImplausibleValueSaysSoAsItIsTypedAndIsNeverSent() {
        model.text(Vital.HEART_RATE).set("400");

        assertThat(model.hint(Vital.HEART_RATE).get()).isEqualTo("A pulse of 400 /min is not possible; check the reading.");
        assertThat(model.validProperty().get()).isFalse();
        model.save();
        assertThat(runner.pendingCount()).isZero();
    }

    @Test
    void anAbnormalValueIsFlaggedButMayBeSaved() {
        model.text(Vital.SYSTOLIC).set("185");
        model.text(Vital.DIASTOLIC).set("100");
        model.text(Vital.OXYGEN_SATURATION).set("90");

        assertThat(model.flag(Vital.SYSTOLIC).get()).isEqualTo("Critical high");
        assertThat(model.flag(Vital.DIASTOLIC).get()).isEqualTo("High");
        assertThat(model.flag(Vital.OXYGEN_SATURATION).get()).isEqualTo("Critical low");
        model.save();
        assertThat(runner.pendingCount()).isEqualTo(1);
    }

    @Test
    void bmiShowsBeforeSavingAndTheFormEmptiesOnceRecorded() {
        model.text(Vital.BODY_WEIGHT).set("70");
        model.text(Vital.BODY_HEIGHT).set("175");
        assertThat(model.bmiProperty().get()).isEqualTo("22.9 kg/m\u00b2");

        model.save();
        runner.succeed(RecordVitalsResponse.newBuilder().setVitals(VitalSet.newBuilder().setId("v-1")).build());

        assertThat(model.text(Vital.BODY_WEIGHT).get()).isEmpty();
        assertThat(model.noticeProperty().get()).isEqualTo("Vitals recorded.");
    }

    @Test
    void halfABloodPressureIsRefusedNamingTheMissingHalf() {
        model.text(Vital.SYSTOLIC).set("120");
        model.save();
        assertThat(model.problemProperty().get()).isEqualTo("Blood pressure needs both systolic and diastolic.");
        assertThat(runner.pendingCount()).isZero();
    }
}
