package org.medconnect.desktop.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.desktop.appointment.MyDayViewModelTest.CLOCK;
import static org.medconnect.desktop.appointment.MyDayViewModelTest.ZONE;
import static org.medconnect.desktop.appointment.MyDayViewModelTest.appointment;

import io.grpc.Status;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;

class RequestsViewModelTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final RequestsViewModel model = new RequestsViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }),
            new ServerCalls(runner, new ServerErrors(() -> "x:1", ZONE), new SessionState()), CLOCK);
    private final Appointment pending = appointment("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_PENDING);
    private final Appointment other = appointment("2", "Ben Ode", "10:00", AppointmentStatus.APPOINTMENT_STATUS_PENDING);

    @Test
    void ninetyDaysAreReadInWindowsTheServerAccepts() {
        LocalDate today = LocalDate.of(2026, 11, 23);

        List<RequestsViewModel.Window> windows = RequestsViewModel.windows(today, 90);

        assertThat(windows).hasSize(3);
        assertThat(windows.getFirst().from()).isEqualTo(today);
        assertThat(windows.getLast().to()).isEqualTo(today.plusDays(90));
        assertThat(windows).allSatisfy(w -> assertThat(ChronoUnit.DAYS.between(w.from(), w.to())).isBetween(1L, 42L));
        assertThat(windows.get(1).from()).isEqualTo(windows.get(0).to());
        assertThat(windows.get(2).from()).isEqualTo(windows.get(1).to());
    }

    @Test
    void theCountFollowsTheList() {
        model.reload();
        runner.succeed(List.of(other, pending));

        assertThat(model.countProperty().get()).isEqualTo(2);
        assertThat(model.requests()).extracting(Appointment::getAppointmentId).containsExactly("1", "2");
    }

    @Test
    void acceptingTakesTheRequestOffTheListAndSaysSo() {
        model.reload();
        runner.succeed(List.of(pending, other));

        model.accept(pending);
        runner.succeed(pending.toBuilder().setStatus(AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED).build());

        assertThat(model.requests()).extracting(Appointment::getAppointmentId).containsExactly("2");
        assertThat(model.noticeProperty().get()).isEqualTo("Accepted: Ada Obi on Mon 23 Nov at 09:00.");
    }

    @Test
    void aRequestCancelledMeanwhileIsExplainedAndTheListRefreshed() {
        model.reload();
        runner.succeed(List.of(pending));

        model.accept(pending);
        runner.fail(Failures.reason(Status.Code.FAILED_PRECONDITION,
                "This appointment is cancelled; only an appointment awaiting confirmation can be accepted.", "STATUS_MOVE_REFUSED"));

        assertThat(model.messageProperty().get()).startsWith("This appointment is cancelled");
        assertThat(runner.pendingCount()).isEqualTo(1);
    }

    @Nested
    class Declining {

        @Test
        void needsAReasonBeforeAnythingIsSent() {
            DeclineViewModel decline = model.decline(pending);
            decline.reasonProperty().set("   ");

            decline.decline();

            assertThat(decline.reasonErrorProperty().get()).startsWith("Enter a reason");
            assertThat(runner.pendingCount()).isZero();
        }

        @Test
        void aTooLongReasonIsRefusedWithItsLength() {
            DeclineViewModel decline = model.decline(pending);
            decline.reasonProperty().set("x".repeat(201));

            decline.decline();

            assertThat(decline.reasonErrorProperty().get()).contains("200").contains("201");
            assertThat(runner.pendingCount()).isZero();
        }

        @Test
        void aDeclinedRequestLeavesTheList() {
            model.reload();
            runner.succeed(List.of(pending, other));
            DeclineViewModel decline = model.decline(pending);
            decline.onDeclined(model::declined);
            decline.reasonProperty().set("Please book with a dermatologist");

            decline.decline();
            runner.succeed(pending.toBuilder().setStatus(AppointmentStatus.APPOINTMENT_STATUS_DECLINED).build());

            assertThat(model.requests()).extracting(Appointment::getAppointmentId).containsExactly("2");
            assertThat(model.noticeProperty().get()).startsWith("Declined: Ada Obi");
        }

        @Test
        void theServersWordOnTheReasonShowsUnderTheField() {
            DeclineViewModel decline = model.decline(pending);
            decline.reasonProperty().set("No");

            decline.decline();
            runner.fail(Failures.reason(Status.Code.INVALID_ARGUMENT, "Some fields need attention.", "VALIDATION",
                    "reason", "Give a reason."));

            assertThat(decline.reasonErrorProperty().get()).isEqualTo("Give a reason.");
        }
    }
}
