package org.medconnect.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.AbsenceMode;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceRequest;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceResponse;
import org.medconnect.proto.schedule.v1.AvailabilityRule;
import org.medconnect.proto.schedule.v1.OutsideHoursAppointment;
import org.medconnect.proto.schedule.v1.SaveAvailabilityRuleRequest;
import org.medconnect.proto.schedule.v1.SaveAvailabilityRuleResponse;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** Issue 11 item 12: shrinking weekly hours lists the booked patients left outside them, and the absence move takes just those. */
class HoursChangeStrandsApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    TestClinic clinic;
    SchedulingFixture fixture;
    Principal desk;
    Principal okafor;
    Principal adeyemi;
    UUID riverside;
    UUID quick;
    UUID okaforRule;
    String adminToken;

    @BeforeEach
    void clinic() {
        clinic = TestClinic.start(new MutableClock(ZonedDateTime.of(DAY, LocalTime.of(7, 30), BERLIN).toInstant()),
                TestConfig.defaults().withClinicZone(BERLIN));
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("grace", "Grace Admin", Role.ADMIN);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        adeyemi = fixture.doctor("adeyemi", "Dr Adeyemi", "Cardiology", "Cardiology");
        riverside = fixture.location("Riverside");
        quick = fixture.type("Quick check", 15, 0, false, false);
        okaforRule = fixture.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        fixture.weekly(adeyemi.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        adminToken = clinic.services().auth().signIn("grace", "staff-pass-2026", "office", "test").token();
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    Appointment book(String time, String surname) {
        UUID patient = fixture.patient("Zelda", surname);
        return clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), patient, okafor.userId(), riverside,
                quick, ZonedDateTime.of(DAY.plusDays(1), LocalTime.parse(time), BERLIN).toInstant(), Optional.empty()));
    }

    @Test
    void shrinkingTheHoursListsThe1615PatientsAndTheAbsenceMoveTakesOnlyThem() {
        Appointment morning = book("10:00", "Inside");
        Appointment late = book("16:15", "Outside");
        Appointment latest = book("16:45", "Later");

        SaveAvailabilityRuleResponse saved = ScheduleServiceGrpc.newBlockingStub(clinic.channel())
                .withCallCredentials(Calls.bearer(adminToken)).withDeadlineAfter(30, TimeUnit.SECONDS)
                .saveAvailabilityRule(SaveAvailabilityRuleRequest.newBuilder().setRule(AvailabilityRule.newBuilder()
                        .setRuleId(okaforRule.toString()).setDoctorId(okafor.userId().toString()).setLocationId(riverside.toString())
                        .addAllWeekdays(java.util.List.of(1, 2, 3, 4, 5, 6, 7)).setStartTime("08:30").setEndTime("16:00")
                        .setSlotMinutes(15).setValidFrom(DAY.minusDays(1).toString())).build());

        assertThat(saved.getOutsideHoursList()).extracting(OutsideHoursAppointment::getAppointmentId)
                .containsExactly(late.id().toString(), latest.id().toString());
        assertThat(saved.getOutsideHours(0).getPatientName()).isEqualTo("Zelda Outside");
        assertThat(saved.getOutsideHours(0).getReference()).isEqualTo(late.reference());

        HandleDoctorAbsenceResponse moved = AppointmentServiceGrpc.newBlockingStub(clinic.channel())
                .withCallCredentials(Calls.bearer(adminToken)).withDeadlineAfter(30, TimeUnit.SECONDS)
                .handleDoctorAbsence(HandleDoctorAbsenceRequest.newBuilder().setDoctorId(okafor.userId().toString())
                        .setFromDate(DAY.plusDays(1).toString()).setToDate(DAY.plusDays(1).toString())
                        .setMode(AbsenceMode.ABSENCE_MODE_MOVE_TO_COLLEAGUES).setReason("Dr Okafor's hours changed")
                        .addOnlyAppointmentIds(late.id().toString()).addOnlyAppointmentIds(latest.id().toString()).build());

        assertThat(moved.getMovedCount()).isEqualTo(2);
        assertThat(moved.getOutcomesList()).allMatch(o -> o.getAppointment().getDoctorId().equals(adeyemi.userId().toString()));
        assertThat(clinic.services().appointments().get(morning.id()).doctorId()).isEqualTo(okafor.userId());
    }

    @Test
    void theAbsenceMoveOffersColleaguesBeyondTheSameSpecialtySameSpecialtyFirst() {
        Principal sharma = fixture.doctor("sharma", "Dr Sharma", "Dermatology", "Dermatology");
        fixture.weekly(sharma.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        Appointment first = book("10:00", "First");
        // Dr Adeyemi (same specialty) is busy at 10:30: that patient goes to Dr Sharma rather than staying.
        clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient("Busy", "Adeyemi"),
                adeyemi.userId(), riverside, quick, ZonedDateTime.of(DAY.plusDays(1), LocalTime.of(10, 30), BERLIN).toInstant(),
                Optional.empty()));
        Appointment second = book("10:30", "Second");

        HandleDoctorAbsenceResponse moved = AppointmentServiceGrpc.newBlockingStub(clinic.channel())
                .withCallCredentials(Calls.bearer(adminToken)).withDeadlineAfter(30, TimeUnit.SECONDS)
                .handleDoctorAbsence(HandleDoctorAbsenceRequest.newBuilder().setDoctorId(okafor.userId().toString())
                        .setFromDate(DAY.plusDays(1).toString()).setToDate(DAY.plusDays(1).toString())
                        .setMode(AbsenceMode.ABSENCE_MODE_MOVE_TO_COLLEAGUES).setReason("Dr Okafor is ill").build());

        assertThat(moved.getMovedCount()).isEqualTo(2);
        assertThat(clinic.services().appointments().get(first.id()).doctorId()).isEqualTo(adeyemi.userId());
        assertThat(clinic.services().appointments().get(second.id()).doctorId()).isEqualTo(sharma.userId());
    }

    @Test
    void aChangeThatStrandsNobodySaysSo() {
        book("10:00", "Inside");
        assertThat(clinic.services().schedule().strandedAppointments(okafor.userId())).isEmpty();
    }
}
