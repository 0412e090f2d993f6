package org.medconnect.desktop.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.testing.StaffedClinic;
import org.medconnect.proto.chart.v1.AdmitRequest;
import org.medconnect.proto.chart.v1.DischargeRequest;

/** The doctor's Inpatients screen against a real server: the ward list with reasons for their own patients, and their discharges. */
class InpatientsViewModelTest {

    static StaffedClinic clinic;

    @BeforeAll
    static void start() {
        clinic = new StaffedClinic();
    }

    @AfterAll
    static void stop() {
        clinic.close();
    }

    @Test
    void aDoctorSeesEveryInpatientTheReasonOnlyForTheirOwnAndTheirDischarges() {
        ServerConnection okafor = clinic.signedIn("a.okafor");
        ServerConnection novak = clinic.signedIn("i.novak");
        UUID carla = clinic.checkedIn("Carla", "Mendes");
        UUID dario = clinic.checkedIn("Dario", "Costa");
        var first = okafor.admissions().admit(AdmitRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(carla.toString()).setWard("Ward 2").setBed("4").setReason("Pneumonia, IV antibiotics").build()).getAdmission();
        okafor.admissions().admit(AdmitRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(dario.toString()).setWard("Ward 2").setBed("5").setReason("Cellulitis").build());
        okafor.admissions().discharge(DischargeRequest.newBuilder().setAdmissionId(first.getId()).setExpectedVersion(1)
                .setDischargeSummary("Afebrile 48 h, oral antibiotics").build());

        InpatientsViewModel mine = new InpatientsViewModel(okafor, StaffedClinic.calls(okafor), StaffedClinic.ZONE);
        mine.reload();
        assertThat(mine.inpatients()).singleElement().satisfies(a -> {
            assertThat(a.getPatientName()).isEqualTo("Dario Costa");
            assertThat(a.getReason()).isEqualTo("Cellulitis");
        });
        assertThat(mine.discharges()).singleElement().satisfies(a -> {
            assertThat(a.getPatientName()).isEqualTo("Carla Mendes");
            assertThat(a.getDischargeSummary()).isEqualTo("Afebrile 48 h, oral antibiotics");
        });
        assertThat(mine.summaryProperty().get()).isEqualTo("1 patient in hospital.");

        InpatientsViewModel colleague = new InpatientsViewModel(novak, StaffedClinic.calls(novak), StaffedClinic.ZONE);
        colleague.reload();
        assertThat(colleague.inpatients()).singleElement().satisfies(a -> assertThat(a.getReason()).as("not his patient").isEmpty());
        assertThat(colleague.discharges()).isEmpty();
        okafor.close();
        novak.close();
    }
}
