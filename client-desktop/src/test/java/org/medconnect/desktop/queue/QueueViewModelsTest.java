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
import org.medconnect.proto.schedule.v1.Doctor;

/** What the queue screens do with a changed appointment (the live stream's hook) and with input, without a server. */
class QueueViewModelsTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(1), s -> { });
    private final ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneId.of("UTC")), new SessionState());

    private static Appointment change(String doctorId, String locationId, int token) {
        return Appointment.newBuilder().setAppointmentId("a1").setDoctorId(doctorId).setLocationId(locationId).setTokenNumber(token).build();
    }

    @Test
    void theDoctorsQueueReloadsForItsOwnQueuedAppointmentsOnly() {
        DoctorQueueViewModel model = new DoctorQueueViewModel(connection, calls, "chen");
        model.applyChange(change("berg", "main", 4));
        model.applyChange(change("chen", "main", 0)); // booked, not checked in: not in any queue
        assertThat(runner.pendingCount()).isZero();
        model.applyChange(change("chen", "main", 4));
        assertThat(runner.pendingCount()).isEqualTo(1);
    }

    @Test
    void receptionReloadsTheShownDoctorsQueueAndAsksForAReasonBeforeSending() {
        ReceptionQueueViewModel model = new ReceptionQueueViewModel(connection, calls);
        model.doctorProperty().set(Doctor.newBuilder().setDoctorId("chen").setDisplayName("Dr Anna Chen").build());
        int afterSelect = runner.pendingCount();
        model.applyChange(change("berg", "main", 2));
        assertThat(runner.pendingCount()).isEqualTo(afterSelect);
        model.applyChange(change("chen", "main", 2));
        assertThat(runner.pendingCount()).isEqualTo(afterSelect + 1);

        model.reasonProperty().set("   ");
        model.reorder(change("chen", "main", 2));
        assertThat(model.messageProperty().get()).startsWith("Give a reason");
        assertThat(runner.pendingCount()).isEqualTo(afterSelect + 1); // nothing sent
        model.reasonProperty().set("x".repeat(201));
        assertThat(model.reasonProblem()).get().asString().contains("under 200");
    }

    @Test
    void theWaitingRoomBoardReloadsForItsLocationOnly() {
        WaitingRoomBoardViewModel board = new WaitingRoomBoardViewModel(connection, calls, "main", "Riverside Main");
        board.applyChange(change("chen", "north", 3));
        assertThat(runner.pendingCount()).isZero();
        board.applyChange(change("chen", "main", 3));
        assertThat(runner.pendingCount()).isEqualTo(1);
    }
}
