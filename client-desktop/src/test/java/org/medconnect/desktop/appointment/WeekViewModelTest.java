package org.medconnect.desktop.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.desktop.appointment.MyDayViewModelTest.ZONE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.patient.v1.PatientSummary;

class WeekViewModelTest {

    private static Appointment on(LocalDate day, String time, AppointmentStatus status) {
        Instant start = day.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant();
        return Appointment.newBuilder().setAppointmentId(day + time).setPatient(PatientSummary.newBuilder().setDisplayName("P"))
                .setStartsAt(ClinicTime.timestamp(start)).setEndsAt(ClinicTime.timestamp(start.plusSeconds(900)))
                .setStatus(status).build();
    }

    @Test
    void sevenColumnsEachWithItsOwnDaysAppointmentsInTimeOrder() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        List<WeekViewModel.Day> week = WeekViewModel.group(List.of(
                on(monday.plusDays(2), "14:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED),
                on(monday, "09:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED),
                on(monday.plusDays(2), "08:30", AppointmentStatus.APPOINTMENT_STATUS_PENDING),
                // 23:30 local is already the next day in UTC: it still belongs to its clinic-local day.
                on(monday.plusDays(6), "23:30", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED)), monday, ZONE);

        assertThat(week).extracting(WeekViewModel.Day::date).containsExactly(monday, monday.plusDays(1), monday.plusDays(2),
                monday.plusDays(3), monday.plusDays(4), monday.plusDays(5), monday.plusDays(6));
        assertThat(week).extracting(WeekViewModel.Day::count).containsExactly(1, 0, 2, 0, 0, 0, 1);
        assertThat(week.get(2).appointments()).extracting(a -> ClinicTime.time(a.getStartsAt(), ZONE)).containsExactly("08:30", "14:00");
    }

    @Test
    void summarySaysHowManyAndWhatWaitsForTheDoctor() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        List<WeekViewModel.Day> week = WeekViewModel.group(List.of(
                on(monday, "09:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED),
                on(monday, "10:00", AppointmentStatus.APPOINTMENT_STATUS_PENDING),
                on(monday.plusDays(1), "10:00", AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED)), monday, ZONE);

        assertThat(WeekViewModel.summarize(week)).isEqualTo("3 appointments in these 7 days · 1 awaiting you · busiest day 2");
    }

    @org.junit.jupiter.api.Test
    void emptyWeekendColumnsAreLeftOutButABookedSaturdayStays() {
        java.time.LocalDate monday = java.time.LocalDate.of(2026, 11, 23);
        List<WeekViewModel.Day> empty = WeekViewModel.group(List.of(), monday, java.time.ZoneOffset.UTC);
        assertThat(WeekViewModel.shown(empty)).extracting(d -> d.date().getDayOfWeek().getValue()).containsExactly(1, 2, 3, 4, 5);

        java.util.List<WeekViewModel.Day> withSaturday = new java.util.ArrayList<>(empty);
        withSaturday.set(5, new WeekViewModel.Day(monday.plusDays(5),
                List.of(org.medconnect.proto.appointment.v1.Appointment.getDefaultInstance())));
        assertThat(WeekViewModel.shown(withSaturday)).extracting(d -> d.date().getDayOfWeek().getValue())
                .containsExactly(1, 2, 3, 4, 5, 6);
    }
}
