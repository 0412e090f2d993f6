package org.medconnect.desktop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.testing.FakeClinicServer;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.ListAppointmentsResponse;
import org.medconnect.proto.patient.v1.PatientSummary;

class NurseQueueViewModelTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("UTC"));

    final FakeClinicServer server = new FakeClinicServer();
    final NurseQueueViewModel model = new NurseQueueViewModel(server.connection(), server.calls(), new ClinicTime(CLOCK));

    @AfterEach
    void stop() {
        server.close();
    }

    static Appointment checkedIn(String id, String patient, String doctor, int token, int minutesAgo) {
        return Appointment.newBuilder().setAppointmentId(id).setTokenNumber(token).setDoctorName(doctor)
                .setStatus(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN)
                .setPatient(PatientSummary.newBuilder().setPatientId("p-" + id).setDisplayName(patient))
                .setStartsAt(Timestamp.newBuilder().setSeconds(NOW.plusSeconds(600).getEpochSecond()))
                .setCheckedInAt(Timestamp.newBuilder().setSeconds(NOW.minusSeconds(60L * minutesAgo).getEpochSecond())).build();
    }

    @Test
    void todaysCheckedInPatientsOfEveryDoctorAreListedLongestWaitingFirst() {
        server.on(AppointmentServiceGrpc.getListAppointmentsMethod(), r -> ListAppointmentsResponse.newBuilder()
                .addAppointments(checkedIn("a", "Ada Obi", "Dr Anna Chen", 2, 5))
                .addAppointments(checkedIn("b", "Ben Ode", "Dr Amara Okafor", 1, 75)).build());

        model.reload();

        var request = server.lastRequest(AppointmentServiceGrpc.getListAppointmentsMethod());
        assertThat(request.getStatusesList()).containsExactly(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
        assertThat(request.getDoctorIdsList()).isEmpty();
        assertThat(ClinicTime.instant(request.getFrom())).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(model.waiting()).extracting(a -> a.getPatient().getDisplayName()).containsExactly("Ben Ode", "Ada Obi");
        assertThat(model.waitingTime(model.waiting().get(0))).isEqualTo("1 h 15 min");
        assertThat(model.waitingTime(model.waiting().get(1))).isEqualTo("5 min");
        assertThat(model.summaryProperty().get()).isEqualTo("2 patients waiting");
    }

    @Test
    void aLiveCheckInJoinsTheListAndACallInLeavesIt() {
        server.on(AppointmentServiceGrpc.getListAppointmentsMethod(), r -> ListAppointmentsResponse.newBuilder()
                .addAppointments(checkedIn("a", "Ada Obi", "Dr Anna Chen", 1, 20)).build());
        model.reload();

        model.apply(checkedIn("c", "Cora Lind", "Dr Anna Chen", 2, 0));
        assertThat(model.waiting()).extracting(a -> a.getPatient().getDisplayName()).containsExactly("Ada Obi", "Cora Lind");

        model.apply(checkedIn("a", "Ada Obi", "Dr Anna Chen", 1, 20).toBuilder()
                .setStatus(AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION).build());
        assertThat(model.waiting()).extracting(a -> a.getPatient().getDisplayName()).containsExactly("Cora Lind");
        assertThat(model.summaryProperty().get()).isEqualTo("1 patient waiting");
    }
}
