package org.medconnect.desktop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.testing.FakeClinicServer;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.CompleteAppointmentResponse;
import org.medconnect.proto.appointment.v1.MarkNoShowResponse;
import org.medconnect.proto.appointment.v1.UndoStatusMoveResponse;
import org.medconnect.proto.patient.v1.PatientSummary;
import org.medconnect.proto.queue.v1.GetDoctorQueueResponse;

/** The queues act at once on No-show and Complete and offer the move back in a bar (decision 0025). */
class UndoInQueuesTest {

    private final Appointment waiting = Appointment.newBuilder().setAppointmentId("a7").setTokenNumber(7).setDoctorId("chen")
            .setPatient(PatientSummary.newBuilder().setDisplayName("Ada Lovelace")).setStatus(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN)
            .build();
    private final FakeClinicServer server = new FakeClinicServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void receptionTakesBackANoShowAndThePatientIsBackWithTheirToken() {
        server.on(AppointmentServiceGrpc.getMarkNoShowMethod(), r -> MarkNoShowResponse.newBuilder()
                .setAppointment(waiting.toBuilder().setStatus(AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW)).build());
        server.on(AppointmentServiceGrpc.getUndoStatusMoveMethod(), r -> UndoStatusMoveResponse.newBuilder().setAppointment(waiting).build());
        ReceptionQueueViewModel model = new ReceptionQueueViewModel(server.connection(), server.calls());

        model.markNoShow(waiting);
        assertThat(model.undoOfferProperty().get().text()).isEqualTo("Token 7 (Ada Lovelace) marked as no-show.");
        model.undoOfferProperty().get().undo().run();

        assertThat(server.lastRequest(AppointmentServiceGrpc.getUndoStatusMoveMethod()).getUndoStatus())
                .isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW);
        assertThat(model.noticeProperty().get()).isEqualTo("No-show undone: Ada Lovelace is back in the queue with token 7.");
        assertThat(model.undoOfferProperty().get()).isNull();
    }

    @Test
    void theDoctorTakesBackACompletionUntilTheNextPatientIsCalled() {
        Appointment serving = waiting.toBuilder().setStatus(AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION).build();
        server.on(AppointmentServiceGrpc.getCompleteAppointmentMethod(), r -> CompleteAppointmentResponse.newBuilder()
                .setAppointment(serving.toBuilder().setStatus(AppointmentStatus.APPOINTMENT_STATUS_COMPLETED)).build());
        server.on(AppointmentServiceGrpc.getUndoStatusMoveMethod(), r -> UndoStatusMoveResponse.newBuilder().setAppointment(serving).build());
        DoctorQueueViewModel model = new DoctorQueueViewModel(server.connection(), server.calls(), "chen");
        model.accept(GetDoctorQueueResponse.newBuilder().setServing(serving).build());

        model.complete();
        assertThat(model.undoOfferProperty().get().text()).isEqualTo("Token 7 (Ada Lovelace) completed.");
        model.undoOfferProperty().get().undo().run();

        assertThat(server.lastRequest(AppointmentServiceGrpc.getUndoStatusMoveMethod()).getUndoStatus())
                .isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_COMPLETED);
        model.accept(GetDoctorQueueResponse.newBuilder().setServing(serving).build());
        model.complete();
        assertThat(model.undoOfferProperty().get()).isNotNull();
        model.callNext();
        assertThat(model.undoOfferProperty().get()).isNull();
    }
}
