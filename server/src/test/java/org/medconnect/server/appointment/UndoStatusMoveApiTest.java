package org.medconnect.server.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc.AppointmentServiceBlockingStub;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.CheckInAppointmentRequest;
import org.medconnect.proto.appointment.v1.GetAppointmentHistoryRequest;
import org.medconnect.proto.appointment.v1.HistoryEntry;
import org.medconnect.proto.appointment.v1.StartConsultationRequest;
import org.medconnect.proto.appointment.v1.UndoStatusMoveRequest;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** Undo of check-in, no-show and complete over real gRPC: who may, what it restores, what the history says, races. */
class UndoStatusMoveApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    TestClinic clinic;
    MutableClock clock;
    SchedulingFixture fixture;
    Principal desk;
    Principal okafor;
    UUID riverside;
    UUID quick;
    String receptionToken;
    String okaforToken;
    int patients;

    @BeforeEach
    void clinic() {
        clock = new MutableClock(ZonedDateTime.of(DAY, LocalTime.of(8, 30), BERLIN).toInstant());
        clinic = TestClinic.start(clock, TestConfig.defaults().withClinicZone(BERLIN));
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        riverside = fixture.location("Riverside");
        UUID room = fixture.room(riverside, "Room 4");
        quick = fixture.type("Quick check", 10, 0, false, false);
        fixture.weekly(okafor.userId(), riverside, Optional.of(room), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        var auth = clinic.services().auth();
        receptionToken = auth.signIn("maria", "staff-pass-2026", "desk-1", "test").token();
        okaforToken = auth.signIn("okafor", "doctor-pass-2026", "room-4", "test").token();
    }

    String signIn(String user) {
        return clinic.services().auth().signIn(user, "staff-pass-2026", "desk-1", "test").token();
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    AppointmentServiceBlockingStub as(String token) {
        return AppointmentServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    Appointment book(int slot) {
        UUID patient = fixture.patient("Zelda", "Quartermain" + (++patients));
        return clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), patient, okafor.userId(), riverside,
                quick, ZonedDateTime.of(DAY, LocalTime.of(9, 0), BERLIN).toInstant().plus(Duration.ofMinutes(15L * slot)),
                Optional.empty()));
    }

    org.medconnect.proto.appointment.v1.Appointment undo(String token, UUID id, AppointmentStatus undoing) {
        return as(token).undoStatusMove(UndoStatusMoveRequest.newBuilder().setAppointmentId(id.toString())
                .setUndoStatus(undoing).build()).getAppointment();
    }

    @Test
    void aNoShowAt0912WhoWalksInAt0914IsCheckedInAfterUndo() {
        Appointment a = book(0);
        clock.advance(Duration.ofMinutes(42)); // 09:12
        clinic.services().appointments().markNoShow(desk, a.id());
        clock.advance(Duration.ofMinutes(2)); // 09:14, the patient walks in

        receptionToken = signIn("maria");
        var back = undo(receptionToken, a.id(), AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW);
        assertThat(back.getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED);
        var in = as(receptionToken).checkInAppointment(CheckInAppointmentRequest.newBuilder().setAppointmentId(a.id().toString()).build());
        assertThat(in.getAppointment().getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);

        List<HistoryEntry> history = as(receptionToken).getAppointmentHistory(GetAppointmentHistoryRequest.newBuilder()
                .setAppointmentId(a.id().toString()).build()).getEntriesList();
        assertThat(history).extracting(HistoryEntry::getAction).containsExactly("BOOKED", "NO_SHOW", "UNDO_NO_SHOW", "CHECKED_IN");
        assertThat(history.get(2).getActorName()).isEqualTo("Maria Lopez");
        assertThat(history.get(2).getToStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED);
    }

    @Test
    void undoneCheckInWithdrawsItsTokenAndTheNextCheckInNeverReusesIt() {
        Appointment first = book(0);
        Appointment second = book(1);
        var token1 = clinic.services().appointments().checkIn(desk, first.id()).tokenNumber();
        assertThat(token1).contains(1);

        var back = undo(receptionToken, first.id(), AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
        assertThat(back.getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED);
        assertThat(back.getTokenNumber()).isZero();
        assertThat(back.hasCheckedInAt()).isFalse();

        assertThat(clinic.services().appointments().checkIn(desk, second.id()).tokenNumber()).contains(2);
        assertThat(clinic.services().appointments().checkIn(desk, first.id()).tokenNumber()).contains(3);
        List<HistoryEntry> history = as(receptionToken).getAppointmentHistory(GetAppointmentHistoryRequest.newBuilder()
                .setAppointmentId(first.id().toString()).build()).getEntriesList();
        assertThat(history).extracting(HistoryEntry::getAction).containsExactly("BOOKED", "CHECKED_IN", "UNDO_CHECKED_IN", "CHECKED_IN");
        assertThat(history.get(2).getDetail()).isEqualTo("Token 1 withdrawn");
    }

    @Test
    void theDoctorUndoesACompletionAndTheFrontDeskMayNot() {
        Appointment a = book(0);
        clinic.services().appointments().checkIn(desk, a.id());
        as(okaforToken).startConsultation(StartConsultationRequest.newBuilder().setAppointmentId(a.id().toString()).build());
        clinic.services().appointments().complete(okafor, a.id());

        Throwable desk = catchThrowable(() -> undo(receptionToken, a.id(), AppointmentStatus.APPOINTMENT_STATUS_COMPLETED));
        assertThat(Status.fromThrowable(desk).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        var back = undo(okaforToken, a.id(), AppointmentStatus.APPOINTMENT_STATUS_COMPLETED);
        assertThat(back.getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION);
    }

    @Test
    void anUndoOfAMoveTheAppointmentHasMovedOnFromIsAborted() {
        Appointment a = book(0);
        clinic.services().appointments().checkIn(desk, a.id());
        as(okaforToken).startConsultation(StartConsultationRequest.newBuilder().setAppointmentId(a.id().toString()).build());

        Throwable late = catchThrowable(() -> undo(receptionToken, a.id(), AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN));
        assertThat(Status.fromThrowable(late).getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(Status.fromThrowable(late).getDescription()).contains("in consultation");
    }

    @Test
    void undoingANoShowWhoseTimeWasBookedSinceIsAbortedAsSlotTaken() {
        UUID hour = fixture.type("Long review", 60, 0, false, false);
        UUID patient = fixture.patient("Ada", "Long");
        Appointment a = clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), patient, okafor.userId(),
                riverside, hour, ZonedDateTime.of(DAY, LocalTime.of(9, 0), BERLIN).toInstant(), Optional.empty()));
        clock.advance(Duration.ofMinutes(35)); // 09:05
        clinic.services().appointments().markNoShow(desk, a.id());
        book(1); // 09:15, inside the hour the no-show freed

        Throwable undo = catchThrowable(() -> undo(signIn("maria"), a.id(), AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW));
        assertThat(Status.fromThrowable(undo).getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(Status.fromThrowable(undo).getDescription()).contains("booked since");
    }

    @Test
    void twentyCallersRacingAnUndoAndACallInGetOneWinnerAndNoInternalError() throws Exception {
        for (int round = 0; round < 3; round++) {
            Appointment a = book(round);
            clinic.services().appointments().checkIn(desk, a.id());
            int n = 20;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Status.Code>> outcomes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Object> call = i % 2 == 0
                        ? () -> undo(receptionToken, a.id(), AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN)
                        : () -> as(okaforToken).startConsultation(StartConsultationRequest.newBuilder()
                                .setAppointmentId(a.id().toString()).build());
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        call.call();
                        return Status.Code.OK;
                    } catch (StatusRuntimeException e) {
                        return e.getStatus().getCode();
                    }
                }));
            }
            go.countDown();
            List<Status.Code> codes = new ArrayList<>();
            for (Future<Status.Code> f : outcomes) {
                codes.add(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
            assertThat(codes).allMatch(c -> c == Status.Code.OK || c == Status.Code.ABORTED || c == Status.Code.FAILED_PRECONDITION,
                    "only the winner, lost races (ABORTED) and refused moves (FAILED_PRECONDITION): " + codes);
            if (clinic.services().appointments().get(a.id()).status() == org.medconnect.shared.appointment.StatusMoves.Status.IN_CONSULTATION) {
                clinic.services().appointments().complete(okafor, a.id());
            }
        }
    }
}
