package org.medconnect.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.CheckInAppointmentRequest;
import org.medconnect.proto.queue.v1.CallNextPatientRequest;
import org.medconnect.proto.queue.v1.CallNextPatientResponse;
import org.medconnect.proto.queue.v1.GetDoctorQueueRequest;
import org.medconnect.proto.queue.v1.GetDoctorQueueResponse;
import org.medconnect.proto.queue.v1.GetWaitingRoomBoardRequest;
import org.medconnect.proto.queue.v1.GetWaitingRoomBoardResponse;
import org.medconnect.proto.queue.v1.QueueServiceGrpc;
import org.medconnect.proto.queue.v1.QueueServiceGrpc.QueueServiceBlockingStub;
import org.medconnect.proto.queue.v1.ReorderQueueRequest;
import org.medconnect.proto.queue.v1.ReorderQueueResponse;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** The queue through real gRPC over Netty, as workstations use it: roles, refusals, races, what the board may show. */
class QueueApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    TestClinic clinic;
    SchedulingFixture fixture;
    Principal desk;
    Principal okafor;
    Principal sharma;
    UUID riverside;
    UUID quick;
    String receptionToken;
    String adminToken;
    String okaforToken;
    String sharmaToken;
    int patients;

    @BeforeEach
    void clinic() {
        clinic = TestClinic.start(new MutableClock(ZonedDateTime.of(DAY, LocalTime.of(7, 30), BERLIN).toInstant()),
                TestConfig.defaults().withClinicZone(BERLIN));
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("grace", "Grace Admin", Role.ADMIN);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        sharma = fixture.doctor("sharma", "Dr Sharma", "Dermatology", "Dermatology");
        riverside = fixture.location("Riverside");
        UUID room = fixture.room(riverside, "Room 4");
        quick = fixture.type("Quick check", 10, 0, false, false);
        fixture.weekly(okafor.userId(), riverside, Optional.of(room), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        fixture.weekly(sharma.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        var auth = clinic.services().auth();
        receptionToken = auth.signIn("maria", "staff-pass-2026", "desk-1", "test").token();
        adminToken = auth.signIn("grace", "staff-pass-2026", "office", "test").token();
        okaforToken = auth.signIn("okafor", "doctor-pass-2026", "room-4", "test").token();
        sharmaToken = auth.signIn("sharma", "doctor-pass-2026", "room-5", "test").token();
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    QueueServiceBlockingStub as(String token) {
        return QueueServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    Appointment book(Principal doctor, int slot) {
        UUID patient = fixture.patient("Zelda", "Quartermain" + (++patients));
        return clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), patient, doctor.userId(), riverside,
                quick, ZonedDateTime.of(DAY, LocalTime.of(9, 0), BERLIN).toInstant().plus(Duration.ofMinutes(15L * slot)),
                Optional.of("Dizzy spells")));
    }

    Appointment checkedIn(Principal doctor, int slot) {
        return clinic.services().appointments().checkIn(desk, book(doctor, slot).id());
    }

    @Test
    void checkInsOverTheApiAtOnceGetTokensOneToNWithNoDuplicatesOrGaps() throws Exception {
        int n = 20;
        List<Appointment> booked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            booked.add(book(okafor, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> tokens = new ArrayList<>();
        for (Appointment a : booked) {
            tokens.add(pool.submit(() -> {
                go.await();
                return AppointmentServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(receptionToken))
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .checkInAppointment(CheckInAppointmentRequest.newBuilder().setAppointmentId(a.id().toString()).build())
                        .getAppointment().getTokenNumber();
            }));
        }
        go.countDown();
        List<Integer> got = new ArrayList<>();
        for (Future<Integer> f : tokens) {
            got.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(got).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
        GetDoctorQueueResponse q = as(receptionToken).getDoctorQueue(GetDoctorQueueRequest.newBuilder()
                .setDoctorId(okafor.userId().toString()).build());
        assertThat(q.getLastToken()).isEqualTo(n);
        assertThat(q.getWaitingList()).extracting(a -> a.getTokenNumber()).isSorted().hasSize(n);
    }

    @Test
    void theDoctorCallsNextAndHearsTokenAndRoomThenIsRefusedUntilTheConsultationEnds() {
        checkedIn(okafor, 0);
        checkedIn(okafor, 1);
        CallNextPatientResponse called = as(okaforToken).callNextPatient(CallNextPatientRequest.getDefaultInstance());
        assertThat(called.getTokenNumber()).isEqualTo(1);
        assertThat(called.getRoomName()).isEqualTo("Room 4");
        assertThat(called.getAnnouncement()).isEqualTo("Token 1, please go to Room 4");
        assertThat(called.getAppointment().hasCalledAt()).isTrue();
        Throwable again = catchThrowable(() -> as(okaforToken).callNextPatient(CallNextPatientRequest.getDefaultInstance()));
        assertThat(Calls.code(again)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Calls.reason(again)).isEqualTo("PATIENT_IN_CONSULTATION");
        assertThat(Calls.message(again)).isEqualTo("Token 1 is still in consultation. Complete it before calling the next patient.");

        Throwable empty = catchThrowable(() -> as(sharmaToken).callNextPatient(CallNextPatientRequest.getDefaultInstance()));
        assertThat(Calls.code(empty)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Calls.reason(empty)).isEqualTo("QUEUE_EMPTY");
    }

    @Test
    void whoMayCallWhat() {
        Appointment a = checkedIn(okafor, 0);
        checkedIn(okafor, 1);
        String okaforId = okafor.userId().toString();
        // the front desk cannot call patients in; a doctor cannot reorder nor run the waiting-room display
        assertThat(Calls.code(catchThrowable(() -> as(receptionToken).callNextPatient(CallNextPatientRequest.newBuilder()
                .setDoctorId(okaforId).build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> as(okaforToken).reorderQueue(ReorderQueueRequest.newBuilder()
                .setAppointmentId(a.id().toString()).setToPlace(2).setReason("Mine").build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> as(okaforToken).getWaitingRoomBoard(GetWaitingRoomBoardRequest.newBuilder()
                .setLocationId(riverside.toString()).build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        // a doctor reads and calls only their own queue
        assertThat(Calls.code(catchThrowable(() -> as(sharmaToken).getDoctorQueue(GetDoctorQueueRequest.newBuilder()
                .setDoctorId(okaforId).build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> as(sharmaToken).callNextPatient(CallNextPatientRequest.newBuilder()
                .setDoctorId(okaforId).build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(as(okaforToken).getDoctorQueue(GetDoctorQueueRequest.getDefaultInstance()).getWaitingCount()).isEqualTo(2);
        // an admin may call in for a doctor, naming which
        assertThat(as(adminToken).callNextPatient(CallNextPatientRequest.newBuilder().setDoctorId(okaforId).build())
                .getTokenNumber()).isEqualTo(1);
    }

    @Test
    void theFrontDeskQueueCarriesNoReasonForVisitAndTheDoctorsDoes() {
        checkedIn(okafor, 0);
        assertThat(as(receptionToken).getDoctorQueue(GetDoctorQueueRequest.newBuilder().setDoctorId(okafor.userId().toString())
                .build()).getWaiting(0).getReason()).isEmpty();
        assertThat(as(okaforToken).getDoctorQueue(GetDoctorQueueRequest.getDefaultInstance()).getWaiting(0).getReason())
                .isEqualTo("Dizzy spells");
    }

    @Test
    void reorderingNeedsAReasonAndIsRecordedWithWhoMovedWhom() {
        checkedIn(okafor, 0);
        Appointment urgent = checkedIn(okafor, 1);
        Throwable noReason = catchThrowable(() -> as(receptionToken).reorderQueue(ReorderQueueRequest.newBuilder()
                .setAppointmentId(urgent.id().toString()).setToPlace(1).build()));
        assertThat(Calls.code(noReason)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(noReason)).containsExactly("reason");

        ReorderQueueResponse moved = as(receptionToken).reorderQueue(ReorderQueueRequest.newBuilder()
                .setAppointmentId(urgent.id().toString()).setToPlace(1).setReason("Short of breath").build());
        assertThat(moved.getWaitingList()).extracting(a -> a.getTokenNumber()).containsExactly(2, 1);
        assertThat(moved.getReorder().getActorName()).isEqualTo("Maria Lopez");
        var recorded = as(adminToken).getDoctorQueue(GetDoctorQueueRequest.newBuilder().setDoctorId(okafor.userId().toString())
                .build()).getReorders(0);
        assertThat(recorded.getReason()).isEqualTo("Short of breath");
        assertThat(recorded.getFromPlace()).isEqualTo(2);
        assertThat(recorded.getToPlace()).isEqualTo(1);
        assertThat(as(okaforToken).callNextPatient(CallNextPatientRequest.getDefaultInstance()).getTokenNumber()).isEqualTo(2);
    }

    @Test
    void theWaitingRoomBoardShowsTokensDoctorsAndRoomsButNoPatientOrReason() {
        checkedIn(okafor, 0);
        checkedIn(okafor, 1);
        checkedIn(okafor, 2);
        checkedIn(sharma, 0);
        as(okaforToken).callNextPatient(CallNextPatientRequest.getDefaultInstance());
        GetWaitingRoomBoardResponse board = as(receptionToken).getWaitingRoomBoard(GetWaitingRoomBoardRequest.newBuilder()
                .setLocationId(riverside.toString()).build());
        assertThat(board.getLocationName()).isEqualTo("Riverside");
        assertThat(board.getDoctorsList()).extracting(d -> d.getDoctorName()).containsExactly("Dr Okafor", "Dr Sharma");
        assertThat(board.getDoctors(0).getServingToken()).isEqualTo(1);
        assertThat(board.getDoctors(0).getNextTokensList()).containsExactly(2, 3);
        assertThat(board.getDoctors(0).getRoomName()).isEqualTo("Room 4");
        assertThat(board.getDoctors(1).getServingToken()).isZero();
        String wire = new String(board.toByteArray(), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain("Zelda").doesNotContain("Quartermain").doesNotContain("Dizzy").doesNotContain("MC9");
    }
}
