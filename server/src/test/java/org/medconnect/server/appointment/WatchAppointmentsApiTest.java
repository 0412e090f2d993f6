package org.medconnect.server.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.AppointmentEventKind;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.appointment.v1.CheckInAppointmentRequest;
import org.medconnect.proto.appointment.v1.RescheduleAppointmentRequest;
import org.medconnect.proto.appointment.v1.WatchAppointmentsRequest;
import org.medconnect.proto.appointment.v1.WatchAppointmentsResponse;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** WatchAppointments over real gRPC (Netty): what a workstation's live screen receives. */
class WatchAppointmentsApiTest extends TwoCardiologistsApiTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    final List<Watch> watches = new ArrayList<>();

    WatchAppointmentsApiTest() {
        super("00:00", "23:45");
    }

    @AfterEach
    void cancelWatches() {
        watches.forEach(Watch::cancel); // before the base class closes the clinic
    }

    /** One open stream, recording what arrives. */
    final class Watch implements ClientResponseObserver<WatchAppointmentsRequest, WatchAppointmentsResponse> {
        final BlockingQueue<WatchAppointmentsResponse> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Status> ended = new CompletableFuture<>();
        ClientCallStreamObserver<WatchAppointmentsRequest> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchAppointmentsRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(WatchAppointmentsResponse value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
            ended.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            ended.complete(Status.OK);
        }

        WatchAppointmentsResponse next() throws InterruptedException {
            WatchAppointmentsResponse r = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r).as("a message within " + WAIT).isNotNull();
            return r;
        }

        /** The next event, skipping checkpoints. */
        WatchAppointmentsResponse nextEvent() throws InterruptedException {
            WatchAppointmentsResponse r = next();
            while (r.hasCheckpoint()) {
                r = next();
            }
            return r;
        }

        void cancel() {
            if (call != null) {
                call.cancel("test done", null);
            }
        }
    }

    Watch watch(TestClinic on, String token, WatchAppointmentsRequest request) {
        Watch w = new Watch();
        AppointmentServiceGrpc.newStub(on.channel()).withCallCredentials(Calls.bearer(token)).watchAppointments(request, w);
        watches.add(w);
        return w;
    }

    Watch watchLive(TestClinic on, String token, WatchAppointmentsRequest request) throws InterruptedException {
        Watch w = watch(on, token, request);
        WatchAppointmentsResponse first = w.next();
        assertThat(first.hasCheckpoint()).isTrue();
        assertThat(first.getCheckpoint().getLive()).isTrue();
        return w;
    }

    String book(TestClinic on, Principal doctor, String time) {
        UUID patient = fixture.patient("Patient", time.replace(":", "h"));
        return AppointmentServiceGrpc.newBlockingStub(on.channel()).withCallCredentials(Calls.bearer(receptionToken))
                .bookAppointment(BookAppointmentRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setPatientId(patient.toString()).setDoctorId(doctor.userId().toString())
                        .setLocationId(riverside.toString()).setAppointmentTypeId(consultation.toString())
                        .setStartsAt(ProtoTypes.timestamp(at(time))).setReason("Chest pain on exertion").build())
                .getAppointment().getAppointmentId();
    }

    static WatchAppointmentsRequest everything() {
        return WatchAppointmentsRequest.getDefaultInstance();
    }

    @Test
    void aBookingAndACheckInReachTheOpenBoardAsTheyHappenWithNoReasonForReception() throws Exception {
        arriveOnTheDay();
        Watch board = watchLive(clinic, receptionToken,
                WatchAppointmentsRequest.newBuilder().setLocationId(riverside.toString()).build());
        Watch doctor = watchLive(clinic, okaforToken, everything());

        String id = book(clinic, okafor, "09:00");
        var booked = board.nextEvent().getEvent();
        assertThat(booked.getKind()).isEqualTo(AppointmentEventKind.APPOINTMENT_EVENT_KIND_BOOKED);
        assertThat(booked.getAppointment().getAppointmentId()).isEqualTo(id);
        assertThat(booked.getAppointment().getPatient().getDisplayName()).isEqualTo("Patient 09h00");
        assertThat(booked.getAppointment().getDoctorName()).isEqualTo("Dr Okafor");
        assertThat(booked.getAppointment().getReason()).as("reception's stream carries no reason for visit").isEmpty();
        assertThat(doctor.nextEvent().getEvent().getAppointment().getReason()).isEqualTo("Chest pain on exertion");

        AppointmentServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(receptionToken))
                .checkInAppointment(CheckInAppointmentRequest.newBuilder().setAppointmentId(id).build());
        var checkedIn = board.nextEvent().getEvent();
        assertThat(checkedIn.getKind()).isEqualTo(AppointmentEventKind.APPOINTMENT_EVENT_KIND_CHECKED_IN);
        assertThat(checkedIn.getSequence()).isEqualTo(booked.getSequence() + 1);
        assertThat(checkedIn.getAppointment().getVersion()).isGreaterThan(booked.getAppointment().getVersion());
        assertThat(checkedIn.getAppointment().getTokenNumber()).as("the queue token travels with the check-in").isEqualTo(1);
        assertThat(checkedIn.getAppointment().hasCheckedInAt()).isTrue();
        assertThat(doctor.nextEvent().getEvent().getKind()).isEqualTo(AppointmentEventKind.APPOINTMENT_EVENT_KIND_CHECKED_IN);
    }

    @Test
    void aDoctorOnlyEverHearsOfTheirOwnAppointmentsEvenWhenAskingForAnother() throws Exception {
        Watch lindqvistWatch = watchLive(clinic, lindqvistToken,
                WatchAppointmentsRequest.newBuilder().addDoctorIds(okafor.userId().toString()).build());
        book(clinic, okafor, "09:00");
        String his = book(clinic, lindqvist, "09:00");
        assertThat(lindqvistWatch.nextEvent().getEvent().getAppointment().getAppointmentId())
                .as("the first event Dr Lindqvist hears of is his own booking").isEqualTo(his);
    }

    @Test
    void aMoveReachesWatchersOfTheDayItLeft() throws Exception {
        String id = book(clinic, okafor, "09:00");
        Watch thatDay = watchLive(clinic, receptionToken, WatchAppointmentsRequest.newBuilder()
                .setFrom(ProtoTypes.timestamp(at("00:00"))).setTo(ProtoTypes.timestamp(at("00:00").plus(Duration.ofDays(1)))).build());
        AppointmentServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(receptionToken))
                .rescheduleAppointment(RescheduleAppointmentRequest.newBuilder().setAppointmentId(id)
                        .setNewStartsAt(ProtoTypes.timestamp(at("10:00").plus(Duration.ofDays(2)))).build());
        var moved = thatDay.nextEvent().getEvent();
        assertThat(moved.getKind()).isEqualTo(AppointmentEventKind.APPOINTMENT_EVENT_KIND_MOVED);
        assertThat(ProtoTypes.instant(moved.getPreviousStartsAt(), true, "t")).isEqualTo(at("09:00"));
    }

    @Test
    void resumingAfterDisconnectsReplaysWhatWasMissedWithNoGapsAndNoDuplicates() throws Exception {
        String id = book(clinic, okafor, "09:00");
        long start = clinic.services().feed().dispatched();
        // Changes keep coming while the screen drops its connection again and again.
        AtomicBoolean writing = new AtomicBoolean(true);
        int changes = 300;
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < changes; i++) {
                clinic.database().dsl().execute("update appointment set version = version + 1 where id = ?::uuid", id);
            }
            writing.set(false);
        });
        List<Long> seen = new ArrayList<>();
        long last = start;
        while (seen.size() < changes) {
            Watch w = watch(clinic, receptionToken, WatchAppointmentsRequest.newBuilder().setAfterSequence(last).build());
            for (int i = 0; i < 7 && seen.size() < changes; i++) {
                var r = w.next();
                if (r.hasEvent()) {
                    seen.add(r.getEvent().getSequence());
                    last = r.getEvent().getSequence();
                }
            }
            w.cancel();
        }
        writer.join();
        List<Long> expected = new ArrayList<>();
        for (long s = start + 1; s <= start + changes; s++) {
            expected.add(s);
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aChangeMadeThroughOneServerInstanceReachesWatchersOfTheOther() throws Exception {
        try (TestClinic second = clinic.secondInstance(Clock.systemUTC(), TestConfig.defaults().withClinicZone(BERLIN))) {
            Watch onFirst = watchLive(clinic, receptionToken, everything());
            Watch onSecond = watchLive(second, receptionToken, everything());
            String viaSecond = book(second, okafor, "09:00");
            String viaFirst = book(clinic, lindqvist, "09:00");
            for (Watch w : List.of(onFirst, onSecond)) {
                var a = w.nextEvent().getEvent();
                var b = w.nextEvent().getEvent();
                assertThat(List.of(a.getAppointment().getAppointmentId(), b.getAppointment().getAppointmentId()))
                        .containsExactly(viaSecond, viaFirst);
                assertThat(b.getSequence()).isEqualTo(a.getSequence() + 1);
            }
        }
    }

    @Test
    void aScreenReconnectingToAnotherInstanceAfterARestartResumesWhereItWas() throws Exception {
        Watch w = watchLive(clinic, receptionToken, everything());
        book(clinic, okafor, "09:00");
        long last = w.nextEvent().getEvent().getSequence();
        w.cancel();
        String missed = book(clinic, okafor, "10:00");
        try (TestClinic restarted = clinic.secondInstance(Clock.systemUTC(), TestConfig.defaults().withClinicZone(BERLIN))) {
            Watch resumed = watch(restarted, receptionToken, WatchAppointmentsRequest.newBuilder().setAfterSequence(last).build());
            var replayed = resumed.next();
            assertThat(replayed.getEvent().getSequence()).isEqualTo(last + 1);
            assertThat(replayed.getEvent().getAppointment().getAppointmentId()).isEqualTo(missed);
            var caughtUp = resumed.next();
            assertThat(caughtUp.getCheckpoint().getLive()).isTrue();
            assertThat(caughtUp.getCheckpoint().getSequence()).isEqualTo(last + 1);
        }
    }

    @Test
    void resumingFromASequenceTheServerNeverIssuedAsksTheScreenToReload() throws Exception {
        Watch w = watch(clinic, receptionToken, WatchAppointmentsRequest.newBuilder().setAfterSequence(1_000_000).build());
        Status status = w.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(status.getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(status.getDescription()).contains("reload");
    }

    @Test
    void closingAScreenFreesItsStreamOnTheServer() throws Exception {
        Watch w = watchLive(clinic, receptionToken, everything());
        assertThat(clinic.services().feed().watcherCount()).isEqualTo(1);
        w.cancel();
        Awaitility.await().atMost(WAIT).until(() -> clinic.services().feed().watcherCount() == 0);
    }

    @Test
    void withoutASessionNothingIsStreamed() throws Exception {
        Watch w = watch(clinic, "not-a-token", everything());
        assertThat(w.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(w.received).isEmpty();
    }
}
