package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.testing.FakeClinicServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.desktop.appointment.Samples.ADEYEMI;
import static org.medconnect.desktop.appointment.Samples.CHEN;
import static org.medconnect.desktop.appointment.Samples.DAY;
import static org.medconnect.desktop.appointment.Samples.GARCIA;
import static org.medconnect.desktop.appointment.Samples.NOVAK;
import static org.medconnect.desktop.appointment.Samples.ZONE;
import static org.medconnect.desktop.appointment.Samples.appointment;

import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.appointment.v1.AppointmentListView;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;
import org.medconnect.proto.appointment.v1.ListAppointmentsResponse;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ListDoctorsResponse;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;

class DayBoardViewModelTest {

    private final ClinicTime time = new ClinicTime(Clock.fixed(Samples.at(DAY, "08:40"), ZONE));
    private final FakeClinicServer server = new FakeClinicServer()
            .on(ScheduleServiceGrpc.getListDoctorsMethod(), r -> ListDoctorsResponse.newBuilder().addDoctors(CHEN).addDoctors(ADEYEMI).build())
            .on(AppointmentServiceGrpc.getListAppointmentsMethod(), r -> ListAppointmentsResponse.newBuilder()
                    .addAppointments(appointment("a1", CHEN, GARCIA, DAY, "09:00", 30, AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN))
                    .addAppointments(appointment("a2", ADEYEMI, NOVAK, DAY, "10:15", 15, AppointmentStatus.APPOINTMENT_STATUS_CANCELLED))
                    .build());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loadsTheClinicDayAsMidnightToMidnightInTheClinicZone() {
        DayBoardViewModel board = new DayBoardViewModel(server.connection(), server.calls(), time);

        board.reload();

        ListAppointmentsRequest asked = server.lastRequest(AppointmentServiceGrpc.getListAppointmentsMethod());
        assertThat(ClinicTime.instant(asked.getFrom())).isEqualTo(DAY.atStartOfDay(ZONE).toInstant());
        assertThat(ClinicTime.instant(asked.getTo())).isEqualTo(DAY.plusDays(1).atStartOfDay(ZONE).toInstant());
        // Only what the board draws comes over the wire; the details pane fetches the rest.
        assertThat(asked.getView()).isEqualTo(AppointmentListView.APPOINTMENT_LIST_VIEW_BOARD);
        assertThat(board.layoutProperty().get().columns()).hasSize(2);
        assertThat(board.layoutProperty().get().blocks()).extracting(b -> b.appointment().getAppointmentId()).containsExactly("a1");
        assertThat(board.summaryProperty().get()).isEqualTo("1 appointment · 1 cancelled or declined");
    }

    @Test
    void filtersGoToTheServerAndChangingThemLoadsAgain() {
        DayBoardViewModel board = new DayBoardViewModel(server.connection(), server.calls(), time);
        board.reload();

        board.locationProperty().set(Samples.RIVERSIDE);
        board.departmentProperty().set(Samples.CARDIOLOGY);

        ListDoctorsRequest doctors = server.lastRequest(ScheduleServiceGrpc.getListDoctorsMethod());
        ListAppointmentsRequest appointments = server.lastRequest(AppointmentServiceGrpc.getListAppointmentsMethod());
        assertThat(doctors.getLocationId()).isEqualTo("loc-river");
        assertThat(doctors.getDepartmentId()).isEqualTo("dep-cardio");
        assertThat(appointments.getLocationId()).isEqualTo("loc-river");
        assertThat(appointments.getDepartmentId()).isEqualTo("dep-cardio");
    }

    @Test
    void nextPreviousAndTodayMoveTheDayAndLoadIt() {
        DayBoardViewModel board = new DayBoardViewModel(server.connection(), server.calls(), time);

        board.nextDay();
        board.nextDay();
        board.previousDay();

        assertThat(board.dateProperty().get()).isEqualTo(DAY.plusDays(1));
        ListAppointmentsRequest asked = server.lastRequest(AppointmentServiceGrpc.getListAppointmentsMethod());
        assertThat(ClinicTime.instant(asked.getFrom())).isEqualTo(DAY.plusDays(1).atStartOfDay(ZONE).toInstant());
        board.today();
        assertThat(board.dateProperty().get()).isEqualTo(DAY);
    }

    @Test
    void showingCancelledNeedsNoNewCall() {
        DayBoardViewModel board = new DayBoardViewModel(server.connection(), server.calls(), time);
        board.reload();
        int calls = server.requests(AppointmentServiceGrpc.getListAppointmentsMethod()).size();

        board.showReleasedProperty().set(true);

        assertThat(board.layoutProperty().get().blocks()).hasSize(2);
        assertThat(server.requests(AppointmentServiceGrpc.getListAppointmentsMethod())).hasSize(calls);
    }

    @Test
    void anAnswerForADayNoLongerShownIsDropped() {
        ScriptedTaskRunner runner = new ScriptedTaskRunner();
        ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
        DayBoardViewModel board = new DayBoardViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }), calls, time);
        board.reload();   // today
        board.nextDay();  // tomorrow, asked while today's answer is on its way

        runner.succeed(new DayBoardViewModel.Day(List.of(CHEN, ADEYEMI), List.of()));
        runner.succeed(new DayBoardViewModel.Day(List.of(CHEN), List.of(
                appointment("late", CHEN, GARCIA, DAY.plusDays(1), "11:00", 30, AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED))));

        assertThat(board.layoutProperty().get().columns()).hasSize(1);
        assertThat(board.layoutProperty().get().blocks()).hasSize(1);
    }

    @Test
    void aFailedLoadSaysWhy() {
        server.on(AppointmentServiceGrpc.getListAppointmentsMethod(), r -> {
            throw Status.PERMISSION_DENIED.withDescription("Your account is not allowed to see appointments.").asRuntimeException();
        });
        DayBoardViewModel board = new DayBoardViewModel(server.connection(), server.calls(), time);

        board.reload();

        assertThat(board.messageProperty().get()).isEqualTo("Your account is not allowed to see appointments.");
    }

    @org.junit.jupiter.api.Nested
    class LiveChanges {

        private final DayBoardViewModel board = new DayBoardViewModel(server.connection(), server.calls(), time);

        private org.medconnect.proto.appointment.v1.AppointmentEvent event(org.medconnect.proto.appointment.v1.Appointment a,
                                                                           long version) {
            return org.medconnect.proto.appointment.v1.AppointmentEvent.newBuilder().setSequence(version)
                    .setAppointment(a.toBuilder().setVersion(version)).build();
        }

        private java.util.List<String> blocks() {
            return board.layoutProperty().get().blocks().stream()
                    .map(b -> b.appointment().getAppointmentId() + ":" + b.style().label()).toList();
        }

        @Test
        void aCheckInPushedByTheServerChangesTheBlockWithoutALoad() {
            board.reload();
            int loads = server.requests(AppointmentServiceGrpc.getListAppointmentsMethod()).size();
            board.appointmentChanged(event(appointment("a3", ADEYEMI, NOVAK, DAY, "11:00", 30,
                    AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED), 1));
            board.appointmentChanged(event(appointment("a3", ADEYEMI, NOVAK, DAY, "11:00", 30,
                    AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN), 2));

            assertThat(blocks()).containsExactlyInAnyOrder("a1:Checked in", "a3:Checked in");
            assertThat(board.summaryProperty().get()).isEqualTo("2 appointments · 1 cancelled or declined");
            assertThat(server.requests(AppointmentServiceGrpc.getListAppointmentsMethod())).hasSize(loads);
        }

        @Test
        void anAppointmentMovedToAnotherDayOrLocationLeavesTheBoard() {
            board.reload();
            board.locationProperty().set(Samples.RIVERSIDE);
            board.appointmentChanged(event(appointment("a1", CHEN, GARCIA, DAY.plusDays(1), "09:00", 30,
                    AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED), 5));
            assertThat(blocks()).isEmpty();

            board.appointmentChanged(event(appointment("a4", CHEN, GARCIA, DAY, "12:00", 30,
                    AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED).toBuilder().setLocationId("loc-hill").build(), 6));
            assertThat(blocks()).as("another location than the board's").isEmpty();
        }

        @Test
        void aChangeForAnotherDayIsIgnored() {
            board.reload();
            board.appointmentChanged(event(appointment("a9", CHEN, GARCIA, DAY.minusDays(1), "09:00", 30,
                    AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED), 1));
            assertThat(blocks()).containsExactly("a1:Checked in");
        }

        @Test
        void reloadsWhenTheFeedSaysChangesWereMissed() {
            board.reload();
            int loads = server.requests(AppointmentServiceGrpc.getListAppointmentsMethod()).size();
            board.reloadNeeded();
            assertThat(server.requests(AppointmentServiceGrpc.getListAppointmentsMethod())).hasSize(loads + 1);
        }
    }
}
