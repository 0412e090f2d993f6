package org.medconnect.desktop.chart.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.testing.StaffedClinic;
import org.medconnect.proto.chart.v1.CarePlanStatus;
import org.medconnect.proto.chart.v1.UpdateCarePlanRequest;

/** Correcting care plans against a real server: entered in error with a reason, and a stale edit that keeps the text. */
class CarePlanCorrectionTest {

    static StaffedClinic clinic;
    static ServerConnection doctor;
    static int patients;
    PlansViewModel model;

    @BeforeAll
    static void start() {
        clinic = new StaffedClinic();
        doctor = clinic.signedIn("a.okafor");
    }

    @AfterAll
    static void stop() {
        doctor.close();
        clinic.close();
    }

    @BeforeEach
    void plan() {
        UUID patient = clinic.checkedIn("Plan", "Patient" + (++patients));
        model = new PlansViewModel(patient.toString(), clinic.okafor.toString(), PlansViewModel.Server.over(doctor),
                StaffedClinic.calls(doctor), StaffedClinic.ZONE);
        model.reload();
        model.planTitleProperty().set("Blood pressure control");
        model.planDetailsProperty().set("Home readings twice a day");
        model.savePlan();
        assertThat(model.plans()).hasSize(1);
    }

    @Test
    void aPlanEnteredInErrorNeedsAReasonAndLeavesTheList() {
        var plan = model.plans().getFirst();
        model.markEnteredInError(plan);
        assertThat(model.messageProperty().get()).isEqualTo("Say why \"Blood pressure control\" was entered in error.");
        assertThat(model.plans()).hasSize(1);

        model.planErrorReasonProperty().set("Meant for another patient");
        model.markEnteredInError(plan);

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.plans()).isEmpty();
        model.showEnteredInErrorProperty().set(true);
        assertThat(model.plans()).singleElement().satisfies(p -> {
            assertThat(p.getStatus()).isEqualTo(CarePlanStatus.CARE_PLAN_STATUS_ENTERED_IN_ERROR);
            assertThat(p.getErrorReason()).isEqualTo("Meant for another patient");
        });
    }

    @Test
    void aStaleEditSaysWhoChangedItKeepsTheTextAndSavesOnTheNewVersion() {
        var plan = model.plans().getFirst();
        model.edit(plan);
        model.planDetailsProperty().set("Home readings twice a day; review in 4 weeks");
        doctor.plans().updateCarePlan(UpdateCarePlanRequest.newBuilder().setCarePlanId(plan.getId()).setExpectedVersion(plan.getVersion())
                .setTitle("Blood pressure control").setDetails("Changed elsewhere").build());

        model.savePlan();

        assertThat(model.messageProperty().get()).startsWith("Changed by Dr Amara Okafor at ").contains("reload to see it.");
        assertThat(model.planDetailsProperty().get()).isEqualTo("Home readings twice a day; review in 4 weeks");
        assertThat(model.editingProperty().get().getVersion()).isEqualTo(plan.getVersion() + 1);

        model.savePlan();

        assertThat(model.plans()).singleElement().satisfies(p -> assertThat(p.getDetails())
                .isEqualTo("Home readings twice a day; review in 4 weeks"));
    }
}
