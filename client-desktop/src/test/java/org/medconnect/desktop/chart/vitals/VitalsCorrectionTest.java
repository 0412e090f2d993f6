package org.medconnect.desktop.chart.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.testing.StaffedClinic;
import org.medconnect.proto.chart.v1.RecordVitalsRequest;
import org.medconnect.proto.chart.v1.VitalStatus;
import org.medconnect.proto.chart.v1.VitalValues;

/** Marking a set of vitals entered in error from the Vitals page's table, against a real server. */
class VitalsCorrectionTest {

    static StaffedClinic clinic;
    static ServerConnection nurse;

    @BeforeAll
    static void start() {
        clinic = new StaffedClinic();
        nurse = clinic.signedIn("n.patel");
    }

    @AfterAll
    static void stop() {
        nurse.close();
        clinic.close();
    }

    @Test
    void aSetEnteredInErrorWithAReasonLeavesTheTableAndTheTrendAndShowsStruckThroughOnlyWhenAskedFor() {
        UUID patient = clinic.checkedIn("Carla", "Mendes");
        nurse.vitals().recordVitals(RecordVitalsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                .setValues(VitalValues.newBuilder().setSystolicMmhg(210).setDiastolicMmhg(95)).build());
        nurse.vitals().recordVitals(RecordVitalsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                .setValues(VitalValues.newBuilder().setSystolicMmhg(128).setDiastolicMmhg(82)).build());
        VitalsTrendViewModel model = new VitalsTrendViewModel(nurse, StaffedClinic.calls(nurse), patient.toString(), Clock.systemUTC());
        model.load();
        assertThat(model.rows()).hasSize(2);
        var wrong = model.rows().stream().filter(s -> s.getObservations(0).getValue() == 210).findFirst().orElseThrow();
        model.selectedProperty().set(wrong);

        model.markEnteredInError();
        assertThat(model.correctionProblemProperty().get()).isEqualTo("Say why these vitals were entered in error.");
        assertThat(model.rows()).hasSize(2);

        model.errorReasonProperty().set("Cuff on the wrong arm size");
        model.markEnteredInError();

        assertThat(model.correctionProblemProperty().get()).isEmpty();
        assertThat(model.rows()).singleElement().satisfies(s -> assertThat(s.getObservations(0).getValue()).isEqualTo(128));
        assertThat(model.series(org.medconnect.proto.chart.v1.VitalKind.VITAL_KIND_SYSTOLIC).orElseThrow().getValuesList()).containsExactly(128.0);

        model.showEnteredInErrorProperty().set(true);
        assertThat(model.rows()).hasSize(2).anySatisfy(s -> {
            assertThat(s.getStatus()).isEqualTo(VitalStatus.VITAL_STATUS_ENTERED_IN_ERROR);
            assertThat(s.getErrorReason()).isEqualTo("Cuff on the wrong arm size");
        });
        assertThat(model.series(org.medconnect.proto.chart.v1.VitalKind.VITAL_KIND_SYSTOLIC).orElseThrow().getValuesList())
                .as("never in the trend").containsExactly(128.0);
    }
}
