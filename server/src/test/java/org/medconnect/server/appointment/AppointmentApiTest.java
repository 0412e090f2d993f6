package org.medconnect.server.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.db.Tables.APPOINTMENT;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.AppointmentListView;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc.AppointmentServiceBlockingStub;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.appointment.v1.BookAppointmentResponse;
import org.medconnect.proto.appointment.v1.CheckInAppointmentRequest;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;
import org.medconnect.proto.appointment.v1.StartConsultationRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.testing.Calls;

/** Booking through real gRPC over Netty, as workstations do: races, retries, roles. */
class AppointmentApiTest extends TwoCardiologistsApiTest {

    AppointmentApiTest() {
        super("09:00", "17:00");
    }

    AppointmentServiceBlockingStub as(String token) {
        return AppointmentServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    BookAppointmentRequest booking(UUID patient, Principal doctor, String time, UUID requestId) {
        return BookAppointmentRequest.newBuilder().setRequestId(requestId.toString()).setPatientId(patient.toString())
                .setDoctorId(doctor.userId().toString()).setLocationId(riverside.toString())
                .setAppointmentTypeId(consultation.toString()).setStartsAt(ProtoTypes.timestamp(at(time)))
                .setReason("Follow-up of blood pressure").build();
    }

    @Test
    void manyWorkstationsBookingTheSameSlotAtOnceExactlyOneWinsAndTheRestHearItWasTaken() throws Exception {
        int workstations = 32;
        List<UUID> patients = new ArrayList<>();
        for (int i = 0; i < workstations; i++) {
            patients.add(fixture.patient("Patient", "Number " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workstations);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (UUID patient : patients) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    return as(receptionToken).bookAppointment(booking(patient, okafor, "10:00", UUID.randomUUID()));
                } catch (StatusRuntimeException e) {
                    return e;
                }
            }));
        }
        go.countDown();
        List<BookAppointmentResponse> won = new ArrayList<>();
        List<StatusRuntimeException> lost = new ArrayList<>();
        for (Future<Object> f : results) {
            Object r = f.get(60, TimeUnit.SECONDS);
            if (r instanceof BookAppointmentResponse ok) {
                won.add(ok);
            } else {
                lost.add((StatusRuntimeException) r);
            }
        }
        pool.shutdown();
        assertThat(won).hasSize(1);
        assertThat(lost).hasSize(workstations - 1).allSatisfy(e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
            assertThat(Calls.reason(e)).isEqualTo("SLOT_TAKEN");
            assertThat(Calls.message(e)).isEqualTo("That slot was just taken. Please pick another.");
        });
        assertThat(clinic.database().dsl().fetchCount(APPOINTMENT, APPOINTMENT.DOCTOR_ID.eq(okafor.userId()))).isEqualTo(1);
    }

    @Test
    void theSameRequestSentFromManyThreadsAtOnceBooksOnce() throws Exception {
        UUID patient = fixture.patient("Ana", "Silva");
        UUID requestId = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<BookAppointmentResponse>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return as(receptionToken).bookAppointment(booking(patient, okafor, "11:00", requestId));
            }));
        }
        go.countDown();
        var ids = ConcurrentHashMap.<String>newKeySet();
        for (var f : results) {
            ids.add(f.get(60, TimeUnit.SECONDS).getAppointment().getAppointmentId());
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(clinic.database().dsl().fetchCount(APPOINTMENT)).isEqualTo(1);
    }

    @Test
    void aBookingWithoutARequestIdIsRefusedNamingTheField() {
        var request = booking(fixture.patient("Ana", "Silva"), okafor, "10:00", UUID.randomUUID()).toBuilder().clearRequestId().build();
        Throwable e = catchThrowable(() -> as(receptionToken).bookAppointment(request));
        assertThat(Calls.code(e)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(e)).containsExactly("request_id");
    }

    @Test
    void theBoardViewCarriesWhatTheBoardDrawsAndNothingClinical() {
        var booked = as(receptionToken).bookAppointment(booking(fixture.patient("Ana", "Silva"), okafor, "10:00", UUID.randomUUID()))
                .getAppointment();
        var window = ListAppointmentsRequest.newBuilder().setFrom(ProtoTypes.timestamp(at("00:00")))
                .setTo(ProtoTypes.timestamp(at("23:00")));
        var whole = as(okaforToken).listAppointments(window.build()).getAppointments(0);
        var board = as(receptionToken).listAppointments(window.setView(AppointmentListView.APPOINTMENT_LIST_VIEW_BOARD).build())
                .getAppointments(0);

        assertThat(whole.getReason()).isEqualTo("Follow-up of blood pressure");
        assertThat(whole.getPatient().getDateOfBirth()).isNotEmpty();
        // What the board draws is all there, as in the whole appointment...
        assertThat(board.getAppointmentId()).isEqualTo(booked.getAppointmentId());
        assertThat(board.getReference()).isEqualTo(whole.getReference());
        assertThat(board.getPatient().getDisplayName()).isEqualTo("Ana Silva");
        assertThat(board.getPatient().getMrn()).isEqualTo(whole.getPatient().getMrn());
        assertThat(board.getDoctorName()).isEqualTo(whole.getDoctorName());
        assertThat(board.getLocationName()).isEqualTo(whole.getLocationName());
        assertThat(board.getTypeName()).isEqualTo(whole.getTypeName());
        assertThat(board.getStartsAt()).isEqualTo(whole.getStartsAt());
        assertThat(board.getEndsAt()).isEqualTo(whole.getEndsAt());
        assertThat(board.getStatus()).isEqualTo(whole.getStatus());
        assertThat(board.getVersion()).isEqualTo(whole.getVersion());
        // ...and the clinical and personal details are not.
        assertThat(board.getReason()).isEmpty();
        assertThat(board.getPatient().getDateOfBirth()).isEmpty();
        assertThat(board.getPatient().getPhone()).isEmpty();
        assertThat(board.getBookedByName()).isEmpty();
        assertThat(board.getSerializedSize()).isLessThan(whole.getSerializedSize());
    }

    @Test
    void doctorsSeeOnlyTheirOwnAppointmentsAndCannotBook() {
        var mine = as(receptionToken).bookAppointment(booking(fixture.patient("Ana", "Silva"), okafor, "10:00", UUID.randomUUID()));
        as(receptionToken).bookAppointment(booking(fixture.patient("Ben", "Carter"), lindqvist, "10:00", UUID.randomUUID()));
        var window = ListAppointmentsRequest.newBuilder().setFrom(ProtoTypes.timestamp(at("00:00")))
                .setTo(ProtoTypes.timestamp(at("23:00"))).build();
        assertThat(as(receptionToken).listAppointments(window).getAppointmentsCount()).isEqualTo(2);
        assertThat(as(okaforToken).listAppointments(window).getAppointmentsList()).singleElement()
                .satisfies(a -> assertThat(a.getAppointmentId()).isEqualTo(mine.getAppointment().getAppointmentId()));
        Throwable e = catchThrowable(() -> as(okaforToken).bookAppointment(booking(fixture.patient("Cleo", "N"), okafor, "12:00", UUID.randomUUID())));
        assertThat(Calls.code(e)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aRefusedStatusMoveComesBackAsFailedPreconditionSayingWhy() {
        arriveOnTheDay();
        var booked = as(receptionToken).bookAppointment(booking(fixture.patient("Ana", "Silva"), okafor, "10:00", UUID.randomUUID()));
        String id = booked.getAppointment().getAppointmentId();
        Throwable e = catchThrowable(() -> as(okaforToken).startConsultation(StartConsultationRequest.newBuilder().setAppointmentId(id).build()));
        assertThat(Calls.code(e)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Calls.reason(e)).isEqualTo("STATUS_MOVE_REFUSED");
        assertThat(Calls.message(e)).contains("checked in");
        Throwable receptionist = catchThrowable(() -> as(receptionToken).startConsultation(StartConsultationRequest.newBuilder().setAppointmentId(id).build()));
        assertThat(Calls.code(receptionist)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(as(receptionToken).checkInAppointment(CheckInAppointmentRequest.newBuilder().setAppointmentId(id).build())
                .getAppointment().getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
        Throwable otherDoctor = catchThrowable(() -> as(lindqvistToken).startConsultation(StartConsultationRequest.newBuilder().setAppointmentId(id).build()));
        assertThat(Calls.code(otherDoctor)).isEqualTo(Status.Code.NOT_FOUND);
    }
}
