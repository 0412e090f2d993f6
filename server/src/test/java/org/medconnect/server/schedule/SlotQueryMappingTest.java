package org.medconnect.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.schedule.v1.SearchSlotsRequest;
import org.medconnect.server.platform.DomainException;
import org.medconnect.shared.validation.FieldError;

/** How a SearchSlots request becomes a slot query: no database, just the mapping and its checks. */
class SlotQueryMappingTest {

    private static final String DOCTOR = UUID.randomUUID().toString();
    private static final String TYPE = UUID.randomUUID().toString();

    private static SearchSlotsRequest.Builder request() {
        return SearchSlotsRequest.newBuilder().setDoctorId(DOCTOR).setAppointmentTypeId(TYPE).setFromDate("2026-11-23").setToDate("2026-11-30");
    }

    private static java.util.List<String> fields(SearchSlotsRequest.Builder r) {
        return catchThrowableOfType(DomainException.InvalidInput.class, () -> ScheduleGrpcService.slotQuery(r.build()))
                .errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aPlainRequestBecomesAQueryWithTheDefaultLimit() {
        var q = ScheduleGrpcService.slotQuery(request().build());
        assertThat(q.doctorId()).contains(UUID.fromString(DOCTOR));
        assertThat(q.departmentId()).isEmpty();
        assertThat(q.locationId()).isEmpty();
        assertThat(q.typeId()).isEqualTo(UUID.fromString(TYPE));
        assertThat(q.from()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(q.to()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(q.limit()).isEqualTo(500);
        assertThat(q.notBefore()).isEmpty();
    }

    @Test
    void aLimitAboveTheMaximumIsCappedAndATimeOfDayIsRead() {
        var q = ScheduleGrpcService.slotQuery(request().setLimit(5000).setNotBeforeTime("14:30").build());
        assertThat(q.limit()).isEqualTo(2000);
        assertThat(q.notBefore()).contains(LocalTime.of(14, 30));
        assertThat(ScheduleGrpcService.slotQuery(request().setLimit(7).build()).limit()).isEqualTo(7);
    }

    @Test
    void aDepartmentInsteadOfADoctorIsFineButNotBoth() {
        String department = UUID.randomUUID().toString();
        assertThat(ScheduleGrpcService.slotQuery(request().clearDoctorId().setDepartmentId(department).build()).departmentId())
                .isEqualTo(Optional.of(UUID.fromString(department)));
        assertThat(fields(request().setDepartmentId(department))).containsExactly("department_id");
    }

    @Test
    void datesOutOfOrderOrTooFarApartAreRefused() {
        assertThat(fields(request().setToDate("2026-11-22"))).containsExactly("to_date");
        assertThat(fields(request().setToDate("2027-02-24"))).containsExactly("to_date");
        assertThat(ScheduleGrpcService.slotQuery(request().setToDate("2027-02-23").build()).to()).isEqualTo(LocalDate.of(2027, 2, 23));
    }

    @Test
    void malformedValuesAreNamed() {
        assertThat(fields(request().setDoctorId("42").setLocationId("x").setLimit(-1).setNotBeforeTime("late").setFromDate("tomorrow")))
                .containsExactlyInAnyOrder("doctor_id", "location_id", "limit", "not_before_time", "from_date");
    }
}
