package org.medconnect.desktop.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.schedule.v1.AddAvailabilityExceptionResponse;
import org.medconnect.proto.schedule.v1.AvailabilityException;
import org.medconnect.proto.schedule.v1.ExceptionKind;

class AvailabilityViewModelTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1,2,3,4,5     | Mon–Fri
            1,3,5         | Mon, Wed, Fri
            1,2,3,6       | Mon–Wed, Sat
            6,7           | Sat, Sun
            5,1,2,3,4     | Mon–Fri
            1,2,3,4,5,6,7 | Mon–Sun
            """)
    void weekdaysReadAsPeopleSayThem(String days, String expected) {
        List<Integer> weekdays = java.util.Arrays.stream(days.split(",")).map(String::strip).map(Integer::valueOf).toList();

        assertThat(AvailabilityViewModel.days(weekdays)).isEqualTo(expected);
    }

    @Test
    void afterTimeOffTheAdminLearnsHowManyAppointmentsFallInIt() {
        AddAvailabilityExceptionResponse.Builder response = AddAvailabilityExceptionResponse.newBuilder()
                .setException(AvailabilityException.newBuilder().setKind(ExceptionKind.EXCEPTION_KIND_TIME_OFF));

        assertThat(AvailabilityViewModel.addedNotice(response.build())).isEqualTo("Time off added. No booked appointments fall in it.");
        assertThat(AvailabilityViewModel.addedNotice(response.addAffectedAppointmentIds("a").build()))
                .isEqualTo("Time off added. 1 booked appointment falls in it: reception should move or cancel it.");
        assertThat(AvailabilityViewModel.addedNotice(response.addAffectedAppointmentIds("b").addAffectedAppointmentIds("c").build()))
                .isEqualTo("Time off added. 3 booked appointments fall in it: reception should move or cancel them.");
    }

    @Test
    void exceptionsSayWhenInClinicWords() {
        assertThat(AvailabilityViewModel.when(AvailabilityException.newBuilder().setStartDate("2026-12-07").setEndDate("2026-12-11").build()))
                .isEqualTo("Mon 7 Dec 2026 – Fri 11 Dec 2026");
        assertThat(AvailabilityViewModel.when(AvailabilityException.newBuilder().setStartDate("2026-12-08").setEndDate("2026-12-08")
                .setStartTime("13:00").setEndTime("17:00").build())).isEqualTo("Tue 8 Dec 2026 13:00–17:00");
        assertThat(AvailabilityViewModel.when(AvailabilityException.newBuilder().setStartDate("2026-12-08").setEndDate("2026-12-08").build()))
                .isEqualTo("Tue 8 Dec 2026 (whole day)");
    }

    @Test
    void validityShowsOpenEndedRules() {
        assertThat(AvailabilityViewModel.validity("2026-12-01", "")).isEqualTo("From 1 Dec 2026");
        assertThat(AvailabilityViewModel.validity("2026-12-01", "2027-03-31")).isEqualTo("1 Dec 2026 – 31 Mar 2027");
    }
}
