package org.medconnect.desktop.chart.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.chart.v1.Admission;
import org.medconnect.proto.chart.v1.AdmissionStatus;
import org.medconnect.proto.chart.v1.ListAdmissionsRequest;
import org.medconnect.proto.chart.v1.ListAdmissionsResponse;

class AdmissionsViewModelTest {

    private final ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC),
            new SessionState());
    private final List<ListAdmissionsRequest> asked = new ArrayList<>();

    static Admission stay(AdmissionStatus status, String ward, String bed) {
        return Admission.newBuilder().setId("a-" + ward + bed).setPatientName("Zoë Ångström").setWard(ward).setBed(bed)
                .setAdmittingDoctorName("Dr Amara Okafor").setStatus(status)
                .setAdmittedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_796_630_400L)).build();
    }

    @Test
    void loadsThePatientsStaysAndSaysWhetherTheyAreInHospital() {
        var model = new AdmissionsViewModel("p-1", r -> {
            asked.add(r);
            return ListAdmissionsResponse.newBuilder().addAdmissions(stay(AdmissionStatus.ADMISSION_STATUS_ADMITTED, "Ward 3", "12"))
                    .addAdmissions(stay(AdmissionStatus.ADMISSION_STATUS_DISCHARGED, "Ward 1", "")).build();
        }, calls, ZoneId.of("Europe/Berlin"));

        model.reload();

        assertThat(asked).extracting(ListAdmissionsRequest::getPatientId).containsExactly("p-1");
        assertThat(model.admissions()).hasSize(2);
        assertThat(model.summaryProperty().get()).isEqualTo("In hospital now.");
        assertThat(AdmissionsViewModel.place(model.admissions().get(0))).isEqualTo("Ward 3, bed 12");
        assertThat(AdmissionsViewModel.place(model.admissions().get(1))).isEqualTo("Ward 1");
        assertThat(model.when(model.admissions().get(0).getAdmittedAt())).endsWith("2026 09:00");
        assertThat(model.when(model.admissions().get(0).getDischargedAt())).isEmpty();
    }

    @Test
    void aRefusalIsShownAndTheListStaysAsItWas() {
        var model = new AdmissionsViewModel("p-1", r -> {
            throw Status.PERMISSION_DENIED.withDescription("Clinical records are for the patient's doctors and nurses.").asRuntimeException();
        }, calls, ZoneId.of("Europe/Berlin"));

        model.reload();

        assertThat(model.admissions()).isEmpty();
        assertThat(model.messageProperty().get()).contains("Clinical records are for the patient's doctors");
    }

    @Test
    void summarySaysNeverAdmittedOrCountsPastStays() {
        assertThat(AdmissionsViewModel.summary(List.of())).isEqualTo("Never admitted.");
        assertThat(AdmissionsViewModel.summary(List.of(stay(AdmissionStatus.ADMISSION_STATUS_DISCHARGED, "W", ""),
                stay(AdmissionStatus.ADMISSION_STATUS_DISCHARGED, "V", "")))).isEqualTo("2 past stays.");
    }
}
