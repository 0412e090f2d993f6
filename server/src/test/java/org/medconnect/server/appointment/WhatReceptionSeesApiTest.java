package org.medconnect.server.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc.AppointmentServiceBlockingStub;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.appointment.v1.CancelAppointmentRequest;
import org.medconnect.proto.appointment.v1.GetAppointmentRequest;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;
import org.medconnect.proto.appointment.v1.RescheduleAppointmentRequest;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.testing.Calls;

/**
 * Decision 0018 over real gRPC: every RPC that returns an appointment carries no reason for
 * visit to a receptionist and the whole appointment to the doctor. (The stream is covered by
 * {@link WatchAppointmentsApiTest}, the queue by {@code QueueApiTest}.)
 */
class WhatReceptionSeesApiTest extends TwoCardiologistsApiTest {

    static final String REASON = "Chest pain on exertion";

    WhatReceptionSeesApiTest() {
        super("09:00", "17:00");
    }

    AppointmentServiceBlockingStub as(String token) {
        return AppointmentServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    Appointment book(String token, String time) {
        return as(token).bookAppointment(BookAppointmentRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(fixture.patient("Ana", "Silva " + time).toString()).setDoctorId(okafor.userId().toString())
                .setLocationId(riverside.toString()).setAppointmentTypeId(consultation.toString())
                .setStartsAt(ProtoTypes.timestamp(at(time))).setReason(REASON).build()).getAppointment();
    }

    /** The reads a caller can see an appointment by, after reception booked it with a reason. */
    List<Appointment> reads(String token, String id) {
        var window = ListAppointmentsRequest.newBuilder().setFrom(ProtoTypes.timestamp(at("00:00")))
                .setTo(ProtoTypes.timestamp(at("23:00")));
        Appointment got = as(token).getAppointment(GetAppointmentRequest.newBuilder().setAppointmentId(id).build()).getAppointment();
        Appointment listed = as(token).listAppointments(window.build()).getAppointmentsList().stream()
                .filter(a -> a.getAppointmentId().equals(id)).findFirst().orElseThrow();
        return List.of(got, listed);
    }

    @Nested
    class AsAReceptionist {
        @Test
        void noReadCarriesTheReasonForVisit() {
            String id = book(receptionToken, "10:00").getAppointmentId();
            assertThat(reads(receptionToken, id)).hasSize(2).allSatisfy(a -> assertThat(a.getReason()).isEmpty());
        }

        @Test
        void noAnswerToAChangeCarriesTheReasonForVisit() {
            Appointment booked = book(receptionToken, "10:00");
            String id = booked.getAppointmentId();
            Appointment moved = as(receptionToken).rescheduleAppointment(RescheduleAppointmentRequest.newBuilder()
                    .setAppointmentId(id).setNewStartsAt(ProtoTypes.timestamp(at("11:00"))).build()).getAppointment();
            Appointment cancelled = as(receptionToken).cancelAppointment(CancelAppointmentRequest.newBuilder()
                    .setAppointmentId(id).setReason("Patient called").build()).getAppointment();
            assertThat(List.of(booked, moved, cancelled)).allSatisfy(a -> assertThat(a.getReason()).isEmpty());
            // the change went through all the same
            assertThat(cancelled.getCancelReason()).isEqualTo("Patient called");
        }

        @Test
        void whatIsNotClinicalIsStillThere() {
            String id = book(receptionToken, "10:00").getAppointmentId();
            Appointment a = reads(receptionToken, id).getFirst();
            assertThat(a.getPatient().getDisplayName()).isEqualTo("Ana Silva 10:00");
            assertThat(a.getDoctorName()).isEqualTo("Dr Okafor");
            assertThat(a.getTypeName()).isEqualTo("Consultation");
        }
    }

    @Nested
    class AsTheDoctor {
        @Test
        void everyReadCarriesTheReasonForVisitReceptionGaveWhenBooking() {
            String id = book(receptionToken, "10:00").getAppointmentId();
            assertThat(reads(okaforToken, id)).hasSize(2).allSatisfy(a -> assertThat(a.getReason()).isEqualTo(REASON));
        }
    }
}
