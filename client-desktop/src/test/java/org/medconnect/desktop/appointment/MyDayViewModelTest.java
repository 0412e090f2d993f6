package org.medconnect.desktop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.patient.v1.PatientSummary;

class MyDayViewModelTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:30:00Z"), ZONE);

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final MyDayViewModel model = new MyDayViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }),
            new ServerCalls(runner, new ServerErrors(() -> "x:1", ZONE), new SessionState()), CLOCK);

    static Appointment appointment(String id, String patient, String localTime, AppointmentStatus status) {
        Instant start = LocalDate.of(2026, 11, 23).atTime(java.time.LocalTime.parse(localTime)).atZone(ZONE).toInstant();
        return Appointment.newBuilder().setAppointmentId(id).setReference("A-" + id)
                .setPatient(PatientSummary.newBuilder().setDisplayName(patient))
                .setStartsAt(ClinicTime.timestamp(start)).setEndsAt(ClinicTime.timestamp(start.plusSeconds(1200)))
                .setTypeName("Consultation").setStatus(status).build();
    }

    @Test
    void showsTodayInTimeOrderWhateverOrderTheServerSent() {
        model.reload();
        runner.succeed(List.of(
                appointment("2", "Ben Ode", "11:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED),
                appointment("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN)));

        assertThat(model.dateProperty().get()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(model.appointments()).extracting(a -> a.getPatient().getDisplayName()).containsExactly("Ada Obi", "Ben Ode");
    }

    @Test
    void summaryCountsWhatTheDoctorCaresAbout() {
        String summary = MyDayViewModel.summarize(List.of(
                appointment("1", "A", "08:00", AppointmentStatus.APPOINTMENT_STATUS_COMPLETED),
                appointment("2", "B", "08:30", AppointmentStatus.APPOINTMENT_STATUS_COMPLETED),
                appointment("3", "C", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN),
                appointment("4", "D", "09:30", AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN),
                appointment("5", "E", "10:00", AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN),
                appointment("6", "F", "10:30", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED),
                appointment("7", "G", "11:00", AppointmentStatus.APPOINTMENT_STATUS_CANCELLED)));

        assertThat(summary).isEqualTo("6 appointments · 3 checked in · 2 done");
    }

    @Test
    void summaryOfAnEmptyDay() {
        assertThat(MyDayViewModel.summarize(List.of())).isEqualTo("No appointments");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "APPOINTMENT_STATUS_CHECKED_IN,      START",
            "APPOINTMENT_STATUS_IN_CONSULTATION, COMPLETE",
            "APPOINTMENT_STATUS_CONFIRMED,       NONE",
            "APPOINTMENT_STATUS_PENDING,         NONE",
            "APPOINTMENT_STATUS_COMPLETED,       NONE"})
    void offersOnlyTheMoveTheDoctorMakes(AppointmentStatus status, MyDayViewModel.Action expected) {
        assertThat(MyDayViewModel.actionFor(status)).isEqualTo(expected);
    }

    @Nested
    class Moving {

        @Test
        void startingAConsultationShowsTheServersNewStatus() {
            Appointment checkedIn = appointment("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
            model.reload();
            runner.succeed(List.of(checkedIn));

            model.act(checkedIn);
            assertThat(model.busyProperty().get()).isTrue();
            runner.succeed(checkedIn.toBuilder().setStatus(AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION).build());

            assertThat(model.appointments().getFirst().getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION);
            assertThat(model.noticeProperty().get()).isEqualTo("In consultation with Ada Obi.");
            assertThat(model.summaryProperty().get()).isEqualTo("1 appointment · 0 checked in · 1 in consultation · 0 done");
        }

        @Test
        void aRefusedMoveExplainsWhyAndShowsTheAppointmentAsItIsNow() {
            Appointment checkedIn = appointment("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
            model.reload();
            runner.succeed(List.of(checkedIn));

            model.act(checkedIn);
            runner.fail(Failures.reason(Status.Code.FAILED_PRECONDITION,
                    "This appointment is cancelled; only a checked-in appointment can be started.", "STATUS_MOVE_REFUSED"));

            assertThat(model.messageProperty().get()).contains("cancelled");
            assertThat(runner.pendingCount()).as("a reload is on its way").isEqualTo(1);
        }

        @Test
        void nothingHappensForAnAppointmentWithoutANextStep() {
            model.act(appointment("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED));

            assertThat(runner.pendingCount()).isZero();
        }
    }

    @Nested
    class MovingBetweenDays {

        @Test
        void nextDayLoadsThatDayAndALateAnswerForTheOldDayIsIgnored() {
            model.reload();
            model.nextDay();
            assertThat(model.dateProperty().get()).isEqualTo(LocalDate.of(2026, 11, 24));

            runner.succeed(List.of(appointment("old", "Old Answer", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED)));
            runner.succeed(List.<Appointment>of());

            assertThat(model.appointments()).isEmpty();
        }

        @Test
        void todayComesBackToTheClinicsToday() {
            model.previousDay();
            model.previousDay();
            model.today();

            assertThat(model.dateProperty().get()).isEqualTo(LocalDate.of(2026, 11, 23));
            assertThat(model.showingToday()).isTrue();
        }
    }

    @org.junit.jupiter.api.Nested
    class LiveChanges {

        private final MyDayViewModel mine = new MyDayViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }),
                new ServerCalls(runner, new ServerErrors(() -> "x:1", ZONE), new SessionState()), CLOCK, "dr-chen");

        private Appointment chen(String id, String patient, String time, AppointmentStatus status, long version) {
            return appointment(id, patient, time, status).toBuilder().setDoctorId("dr-chen").setVersion(version).build();
        }

        private org.medconnect.proto.appointment.v1.AppointmentEvent event(Appointment a) {
            return org.medconnect.proto.appointment.v1.AppointmentEvent.newBuilder().setAppointment(a).build();
        }

        @Test
        void aCheckInAtTheFrontDeskShowsInPlaceWithoutALoad() {
            mine.reload();
            runner.succeed(List.of(chen("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, 1),
                    chen("2", "Ben Ode", "10:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, 1)));
            Appointment before = mine.appointments().get(1);

            mine.appointmentChanged(event(chen("2", "Ben Ode", "10:00", AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN, 2)));

            assertThat(runner.pendingCount()).isZero();
            assertThat(mine.appointments()).extracting(Appointment::getStatus).containsExactly(
                    AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
            assertThat(mine.appointments().get(1)).isNotSameAs(before);
            assertThat(mine.summaryProperty().get()).isEqualTo("2 appointments · 1 checked in · 0 done");
        }

        @Test
        void anAppointmentGivenToAColleagueLeavesAndANewBookingArrives() {
            mine.reload();
            runner.succeed(List.of(chen("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, 1)));

            mine.appointmentChanged(event(chen("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, 2)
                    .toBuilder().setDoctorId("dr-okafor").build()));
            mine.appointmentChanged(event(chen("3", "Cy Eze", "08:30", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, 1)));

            assertThat(mine.appointments()).extracting(a -> a.getPatient().getDisplayName()).containsExactly("Cy Eze");
        }

        @Test
        void aChangeThatArrivesWhileTheDayLoadsIsNotLostUnderTheList() {
            mine.reload();
            mine.appointmentChanged(event(chen("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN, 2)));
            runner.succeed(List.of(chen("1", "Ada Obi", "09:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED, 1)));

            assertThat(mine.appointments()).extracting(Appointment::getStatus)
                    .containsExactly(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
        }
    }
}
