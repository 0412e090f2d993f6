package org.medconnect.desktop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.queue.v1.BoardDoctor;
import org.medconnect.proto.queue.v1.GetDoctorQueueResponse;
import org.medconnect.proto.queue.v1.GetWaitingRoomBoardResponse;
import org.medconnect.proto.schedule.v1.Doctor;

/**
 * What the queue screens do with a changed appointment (the live stream's hook) and with input,
 * without a server: which changes make them read the queue again, and what they then show.
 */
class QueueViewModelsTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(1), s -> { });
    private final ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneId.of("UTC")), new SessionState());

    private static Appointment change(String doctorId, String locationId, int token) {
        return Appointment.newBuilder().setAppointmentId("a1").setDoctorId(doctorId).setLocationId(locationId).setTokenNumber(token).build();
    }

    private static Appointment queued(String id, int token, String patient) {
        return Appointment.newBuilder().setAppointmentId(id).setDoctorId("chen").setTokenNumber(token).setRoomName("Room 3")
                .setPatient(org.medconnect.proto.patient.v1.PatientSummary.newBuilder().setDisplayName(patient)).build();
    }

    @Test
    void theDoctorsQueueReloadsForItsOwnQueuedAppointmentsOnlyAndShowsTheQueueAsTheServerOrdersIt() {
        DoctorQueueViewModel model = new DoctorQueueViewModel(connection, calls, "chen");
        model.applyChange(change("berg", "main", 4));
        model.applyChange(change("chen", "main", 0)); // booked, not checked in: not in any queue
        assertThat(runner.pendingCount()).isZero();

        model.applyChange(change("chen", "main", 4));
        runner.succeed(GetDoctorQueueResponse.newBuilder().setDoctorId("chen").setLastToken(5)
                .setServing(queued("a3", 3, "Ben Ode"))
                .addWaiting(queued("a5", 5, "Urgent Uma")).addWaiting(queued("a4", 4, "Ada Lee")).build());

        assertThat(model.servingProperty().get()).map(Appointment::getTokenNumber).contains(3);
        assertThat(model.waiting()).extracting(Appointment::getTokenNumber).containsExactly(5, 4);
        assertThat(model.announcementProperty().get()).isEqualTo("Token 3, please go to Room 3");
        assertThat(model.canCallNext()).isFalse(); // someone is still being seen
        assertThat(runner.pendingCount()).isZero();
    }

    @Test
    void receptionShowsOnlyTheNewestReadOfTheShownDoctorsQueue() {
        ReceptionQueueViewModel model = new ReceptionQueueViewModel(connection, calls);
        model.doctorProperty().set(Doctor.newBuilder().setDoctorId("chen").setDisplayName("Dr Anna Chen").build());
        int afterSelect = runner.pendingCount();
        model.applyChange(change("berg", "main", 2));
        assertThat(runner.pendingCount()).isEqualTo(afterSelect); // another doctor's queue: nothing to read

        model.applyChange(change("chen", "main", 2));
        assertThat(runner.pendingCount()).isEqualTo(afterSelect + 1);
        for (int i = 0; i < afterSelect; i++) {
            runner.succeed(GetDoctorQueueResponse.newBuilder().addWaiting(queued("old", 1, "Stale Sam")).build());
        }
        runner.succeed(GetDoctorQueueResponse.newBuilder().setLastToken(2)
                .addWaiting(queued("a1", 1, "Ada Lee")).addWaiting(queued("a2", 2, "Ben Ode")).build());

        assertThat(model.waiting()).extracting(a -> a.getPatient().getDisplayName()).containsExactly("Ada Lee", "Ben Ode");
        assertThat(model.servingProperty().get()).isEmpty();
    }

    @Test
    void receptionAsksForAReasonBeforeMovingSomeoneUp() {
        ReceptionQueueViewModel model = new ReceptionQueueViewModel(connection, calls);
        model.doctorProperty().set(Doctor.newBuilder().setDoctorId("chen").setDisplayName("Dr Anna Chen").build());
        int pending = runner.pendingCount();

        model.reasonProperty().set("   ");
        model.reorder(change("chen", "main", 2));
        assertThat(model.messageProperty().get()).startsWith("Give a reason");
        assertThat(runner.pendingCount()).isEqualTo(pending); // nothing sent

        model.reasonProperty().set("x".repeat(201));
        assertThat(model.reasonProblem()).contains("Keep the reason under 200 characters.");
        model.reasonProperty().set("x".repeat(200));
        assertThat(model.reasonProblem()).isEmpty();
    }

    @Test
    void theWaitingRoomBoardReloadsForItsLocationOnlyAndShowsEachDoctorsTokens() {
        WaitingRoomBoardViewModel board = new WaitingRoomBoardViewModel(connection, calls, "main", "Riverside Main");
        board.applyChange(change("chen", "north", 3));
        assertThat(runner.pendingCount()).isZero();

        board.applyChange(change("chen", "main", 3));
        runner.succeed(GetWaitingRoomBoardResponse.newBuilder().setLocationId("main").setLocationName("Riverside Main Clinic")
                .addDoctors(BoardDoctor.newBuilder().setDoctorId("chen").setDoctorName("Dr Anna Chen").setRoomName("Room 3")
                        .setServingToken(3).addNextTokens(4).addNextTokens(5))
                .build());

        assertThat(board.locationNameProperty().get()).isEqualTo("Riverside Main Clinic");
        assertThat(board.doctors()).singleElement().satisfies(d -> {
            assertThat(d.getServingToken()).isEqualTo(3);
            assertThat(d.getNextTokensList()).containsExactly(4, 5);
        });
    }

    @Test
    void theWaitingRoomBoardSaysWhenItLostTheServerAndReadsTheBoardAgainWhenBackLive() {
        WaitingRoomBoardViewModel board = new WaitingRoomBoardViewModel(connection, calls, "main", "Riverside Main");
        assertThat(board.connectionBannerProperty().get()).isEmpty();

        board.liveProperty().set(org.medconnect.desktop.platform.live.LiveState.RECONNECTING);
        assertThat(board.connectionBannerProperty().get()).isEqualTo("Connection lost — reconnecting…");
        board.liveProperty().set(org.medconnect.desktop.platform.live.LiveState.OFFLINE);
        assertThat(board.connectionBannerProperty().get()).startsWith("Connection lost");
        assertThat(runner.pendingCount()).isZero();

        board.liveProperty().set(org.medconnect.desktop.platform.live.LiveState.LIVE);
        assertThat(board.connectionBannerProperty().get()).isEmpty();
        assertThat(runner.pendingCount()).isEqualTo(1);
    }

    @Test
    void theWaitingRoomBoardTellsTheSameTokenOfTwoDoctorsApart() {
        BoardDoctor chen = BoardDoctor.newBuilder().setDoctorId("chen").setDoctorName("Dr Anna Chen").setRoomName("Room 3").build();
        BoardDoctor okafor = BoardDoctor.newBuilder().setDoctorId("okafor").setDoctorName("Dr Ben Okafor").build();

        assertThat(WaitingRoomBoardViewModel.tokenText(chen, 12)).isEqualTo("Room 3 · 12");
        assertThat(WaitingRoomBoardViewModel.tokenText(okafor, 12)).isEqualTo("Dr Ben Okafor · 12");
        assertThat(WaitingRoomBoardViewModel.tokenText(chen, 0)).isEqualTo("–");
    }

    @Test
    void aDisplayOpenedFromTheQueueFollowsTheLiveFeed() {
        ReceptionQueueViewModel queue = new ReceptionQueueViewModel(connection, calls);
        queue.locationProperty().set(org.medconnect.proto.schedule.v1.Location.newBuilder().setLocationId("main").setName("Main").build());
        WaitingRoomBoardViewModel board = queue.openBoard().orElseThrow();

        queue.liveProperty().set(org.medconnect.desktop.platform.live.LiveState.RECONNECTING);

        assertThat(board.connectionBannerProperty().get()).isEqualTo("Connection lost — reconnecting…");
    }
}
