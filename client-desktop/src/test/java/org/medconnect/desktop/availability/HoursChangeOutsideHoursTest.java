package org.medconnect.desktop.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.testing.FakeClinicServer;
import org.medconnect.proto.appointment.v1.AbsenceMode;
import org.medconnect.proto.appointment.v1.AbsenceOutcome;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceRequest;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceResponse;
import org.medconnect.proto.schedule.v1.AvailabilityRule;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.OutsideHoursAppointment;
import org.medconnect.proto.schedule.v1.SaveAvailabilityRuleResponse;

/** Issue 11 item 12: saving hours that strand booked patients lists them and offers the absence move for just them. */
class HoursChangeOutsideHoursTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final FakeClinicServer server = new FakeClinicServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private static OutsideHoursAppointment outside(String id, String isoInstant, String patient, String reference) {
        return OutsideHoursAppointment.newBuilder().setAppointmentId(id)
                .setStartsAt(Timestamp.newBuilder().setSeconds(Instant.parse(isoInstant).getEpochSecond())).setPatientName(patient)
                .setReference(reference).build();
    }

    @Test
    void shrunkHoursListTheStrandedPatientsAndMoveOnlyThemToColleagues() {
        server.on(AppointmentServiceGrpc.getHandleDoctorAbsenceMethod(), r -> HandleDoctorAbsenceResponse.newBuilder()
                .setMovedCount(1).setNotMovedCount(1)
                .addOutcomes(AbsenceOutcome.newBuilder().setDone(true))
                .addOutcomes(AbsenceOutcome.newBuilder().setDone(false).setWhyNot("No colleague is free at Wed 25 Nov 16:45."))
                .build());
        AvailabilityViewModel model = AvailabilityViewModel.forAnyDoctor(server.connection(), server.calls(),
                Clock.fixed(Instant.parse("2026-11-24T07:00:00Z"), BERLIN));
        model.doctorProperty().set(Doctor.newBuilder().setDoctorId("okafor").setDisplayName("Dr Okafor").build());

        model.ruleSaved(SaveAvailabilityRuleResponse.newBuilder()
                .setRule(AvailabilityRule.newBuilder().addAllWeekdays(java.util.List.of(1, 2, 3, 4, 5)).setStartTime("08:30")
                        .setEndTime("16:00").setLocationName("Riverside"))
                .addOutsideHours(outside("a1", "2026-11-25T15:15:00Z", "Zelda Okoro", "A-000012"))
                .addOutsideHours(outside("a2", "2026-11-26T15:45:00Z", "Ada Lovelace", "A-000013")).build());

        assertThat(model.noticeProperty().get())
                .isEqualTo("Weekly rule saved: Mon–Fri 08:30–16:00 at Riverside. 2 booked appointments are now outside the hours.");
        assertThat(model.outsideHoursList()).isEqualTo("Wed 25 Nov 16:15  Zelda Okoro (A-000012)\nThu 26 Nov 16:45  Ada Lovelace (A-000013)");
        assertThat(model.mayMoveOutsideHours()).isTrue();

        model.moveOutsideHours();

        HandleDoctorAbsenceRequest sent = server.lastRequest(AppointmentServiceGrpc.getHandleDoctorAbsenceMethod());
        assertThat(sent.getOnlyAppointmentIdsList()).containsExactly("a1", "a2");
        assertThat(sent.getFromDate()).isEqualTo("2026-11-25");
        assertThat(sent.getToDate()).isEqualTo("2026-11-26");
        assertThat(sent.getMode()).isEqualTo(AbsenceMode.ABSENCE_MODE_MOVE_TO_COLLEAGUES);
        assertThat(sent.getDryRun()).isFalse();
        assertThat(model.noticeProperty().get())
                .isEqualTo("1 appointment moved to a colleague. 1 could not be moved and stay: No colleague is free at Wed 25 Nov 16:45.");
        assertThat(model.outsideHours()).isEmpty();
    }

    @Test
    void aDoctorsOwnScreenListsThemButLeavesTheMoveToReception() {
        AvailabilityViewModel model = AvailabilityViewModel.forDoctor(server.connection(), server.calls(),
                Clock.fixed(Instant.parse("2026-11-24T07:00:00Z"), BERLIN), "okafor", "Dr Okafor");
        model.ruleSaved(SaveAvailabilityRuleResponse.newBuilder().setRule(AvailabilityRule.newBuilder().addWeekdays(1)
                .setStartTime("08:30").setEndTime("16:00")).addOutsideHours(outside("a1", "2026-11-25T15:15:00Z", "Zelda Okoro", "")).build());

        assertThat(model.mayMoveOutsideHours()).isFalse();
        assertThat(model.outsideHoursList()).isEqualTo("Wed 25 Nov 16:15  Zelda Okoro");
    }
}
